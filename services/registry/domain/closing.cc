#include "services/registry/domain/closing.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"

namespace cadre::registry {

absl::optional<absl::Time> ClosingTime(const cadre::v1::Role& role) {
  if (!role.has_closing_time()) return absl::nullopt;
  return absl::FromUnixNanos(
      google::protobuf::util::TimeUtil::TimestampToNanoseconds(role.closing_time()));
}

bool AcceptingApplications(const cadre::v1::Role& role, absl::Time now) {
  if (role.state() != cadre::v1::ROLE_STATE_OPEN) return false;
  const absl::optional<absl::Time> closing = ClosingTime(role);
  return !closing || now < *closing;
}

bool ApplicationsClosed(const cadre::v1::Role& role, absl::Time now) {
  return role.state() == cadre::v1::ROLE_STATE_OPEN && !AcceptingApplications(role, now);
}

bool UndecidedTooLong(const cadre::v1::Role& role, absl::Time now, absl::Duration undecided_after) {
  if (role.state() != cadre::v1::ROLE_STATE_OPEN) return false;
  const absl::optional<absl::Time> closing = ClosingTime(role);
  return closing && *closing + undecided_after <= now;
}

std::string UndecidedReason(absl::Duration undecided_after) {
  const absl::Duration day = absl::Hours(24);
  std::string within;
  if (undecided_after % day == absl::ZeroDuration() && undecided_after >= day) {
    const int64_t days = undecided_after / day;
    within = absl::StrCat(days, days == 1 ? " day" : " days");
  } else if (undecided_after % absl::Hours(1) == absl::ZeroDuration() &&
             undecided_after >= absl::Hours(1)) {
    const int64_t hours = undecided_after / absl::Hours(1);
    within = absl::StrCat(hours, hours == 1 ? " hour" : " hours");
  } else {
    within = absl::FormatDuration(undecided_after);
  }
  return absl::StrCat("no decision within ", within);
}

ClosingWatchChange ClosingWatchFor(const cadre::v1::Role* before, const cadre::v1::Role& after,
                                   absl::Time now) {
  const absl::optional<absl::Time> closing = ClosingTime(after);
  if (after.state() != cadre::v1::ROLE_STATE_OPEN || !closing) {
    return {.watch = ClosingWatch::kForget, .closing = absl::InfinitePast()};
  }
  const bool ends_now = before != nullptr && AcceptingApplications(*before, now);
  if (AcceptingApplications(after, now) || ends_now) {
    return {.watch = ClosingWatch::kAwait, .closing = *closing};
  }
  return {.watch = ClosingWatch::kRescore, .closing = *closing};
}

}  // namespace cadre::registry
