#include "services/registry/domain/role_lifecycle.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "services/registry/domain/errors.h"
#include "services/registry/domain/validation.h"

namespace cadre::registry {

using cadre::v1::RegistryEvent;
using cadre::v1::Role;
using cadre::v1::RoleState;

absl::string_view StateName(RoleState state) {
  switch (state) {
    case cadre::v1::ROLE_STATE_DRAFT:
      return "draft";
    case cadre::v1::ROLE_STATE_OPEN:
      return "open";
    case cadre::v1::ROLE_STATE_CLOSED:
      return "closed";
    case cadre::v1::ROLE_STATE_FILLED:
      return "filled";
    case cadre::v1::ROLE_STATE_CANCELLED:
      return "cancelled";
    default:
      return "unspecified";
  }
}

absl::Status Publish(Role& role, absl::Time now) {
  if (role.state() != cadre::v1::ROLE_STATE_DRAFT) {
    return WrongState(role.name(), StateName(role.state()), "published");
  }
  if (role.has_closing_time()) {
    const absl::Time closes = absl::FromUnixNanos(
        google::protobuf::util::TimeUtil::TimestampToNanoseconds(role.closing_time()));
    if (closes <= now) {
      return absl::FailedPreconditionError(
          absl::StrCat(role.name(), ": its closing_time has passed; set a later one first"));
    }
  }
  role.set_state(cadre::v1::ROLE_STATE_OPEN);
  *role.mutable_publish_time() =
      google::protobuf::util::TimeUtil::NanosecondsToTimestamp(absl::ToUnixNanos(now));
  return absl::OkStatus();
}

absl::Status End(Role& role, RoleState to, absl::string_view reason) {
  if (to != cadre::v1::ROLE_STATE_CLOSED && to != cadre::v1::ROLE_STATE_FILLED &&
      to != cadre::v1::ROLE_STATE_CANCELLED) {
    return InvalidField("state", "must be CLOSED, FILLED or CANCELLED");
  }
  if (Utf8Length(reason) > kMaxReason) {
    return InvalidField("reason", absl::StrCat("must be at most ", kMaxReason, " characters"));
  }
  const bool from_open = role.state() == cadre::v1::ROLE_STATE_OPEN;
  const bool draft_cancelled =
      role.state() == cadre::v1::ROLE_STATE_DRAFT && to == cadre::v1::ROLE_STATE_CANCELLED;
  if (!from_open && !draft_cancelled) {
    return WrongState(role.name(), StateName(role.state()), absl::StrCat("marked ", StateName(to)));
  }
  role.set_state(to);
  role.set_state_reason(std::string(reason));
  return absl::OkStatus();
}

bool IsEditable(RoleState state) {
  return state == cadre::v1::ROLE_STATE_DRAFT || state == cadre::v1::ROLE_STATE_OPEN;
}

RegistryEvent::Type EventFor(RoleState state) {
  switch (state) {
    case cadre::v1::ROLE_STATE_OPEN:
      return RegistryEvent::ROLE_PUBLISHED;
    case cadre::v1::ROLE_STATE_CLOSED:
      return RegistryEvent::ROLE_CLOSED;
    case cadre::v1::ROLE_STATE_FILLED:
      return RegistryEvent::ROLE_FILLED;
    case cadre::v1::ROLE_STATE_CANCELLED:
      return RegistryEvent::ROLE_CANCELLED;
    default:
      return RegistryEvent::ROLE_UPDATED;
  }
}

}  // namespace cadre::registry
