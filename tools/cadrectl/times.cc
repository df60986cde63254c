#include "tools/cadrectl/times.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "tools/cadrectl/errors.h"

namespace cadre::cadrectl {
namespace {

const absl::TimeZone& UkTime() {
  static const absl::TimeZone* const zone = [] {
    auto* tz = new absl::TimeZone(absl::UTCTimeZone());
    // Without a zone database LoadTimeZone fails and UTC stands in (at most an hour off).
    absl::LoadTimeZone("Europe/London", tz);
    return tz;
  }();
  return *zone;
}

bool IsUnset(const google::protobuf::Timestamp& proto) {
  return proto.seconds() == 0 && proto.nanos() == 0;
}

}  // namespace

absl::StatusOr<absl::Time> TimeFlag(const ParsedArgs& args, absl::string_view name,
                                    DateMeans date_means) {
  const std::string text(absl::StripAsciiWhitespace(args.Get(name)));
  absl::Time time;
  std::string ignored;
  if (absl::ParseTime(absl::RFC3339_full, text, &time, &ignored)) return time;
  const char* clock = date_means == DateMeans::kEndOfDay ? " 23:59:59" : " 00:00:00";
  if (text.size() == 10 &&
      absl::ParseTime("%Y-%m-%d %H:%M:%S", absl::StrCat(text, clock), UkTime(), &time, &ignored)) {
    return time;
  }
  return UsageError(absl::StrCat("--", CanonicalFlagName(name), ": '", text,
                                 "' is neither a date (2027-01-31) nor an RFC 3339 time "
                                 "(2027-01-31T17:00:00Z)"));
}

absl::StatusOr<absl::Time> ExpiryFlag(const ParsedArgs& args, absl::string_view name,
                                      absl::Time now) {
  const std::string text(absl::StripAsciiWhitespace(args.Get(name)));
  if (text.size() >= 2 && text.size() <= 6 && absl::ascii_isdigit(text[0])) {
    int count = 0;
    const char unit = text.back();
    const absl::Duration each = unit == 'd'   ? absl::Hours(24)
                                : unit == 'h' ? absl::Hours(1)
                                : unit == 'm' ? absl::Minutes(1)
                                              : absl::ZeroDuration();
    if (each != absl::ZeroDuration() && absl::SimpleAtoi(text.substr(0, text.size() - 1), &count) &&
        count > 0) {
      return now + each * count;
    }
    return UsageError(absl::StrCat("--", CanonicalFlagName(name), ": '", text,
                                   "' is not a time from now (30d, 12h, 90m), a date or an "
                                   "RFC 3339 time"));
  }
  return TimeFlag(args, name, DateMeans::kEndOfDay);
}

void ToProto(absl::Time time, google::protobuf::Timestamp* proto) {
  const int64_t seconds = absl::ToUnixSeconds(time);
  proto->set_seconds(seconds);
  proto->set_nanos(
      static_cast<int32_t>(absl::ToInt64Nanoseconds(time - absl::FromUnixSeconds(seconds))));
}

absl::Time FromProto(const google::protobuf::Timestamp& proto) {
  return absl::FromUnixSeconds(proto.seconds()) + absl::Nanoseconds(proto.nanos());
}

std::string FormatDate(const google::protobuf::Timestamp& proto) {
  if (IsUnset(proto)) return "";
  return absl::FormatTime("%Y-%m-%d", FromProto(proto), UkTime());
}

std::string FormatTimestamp(const google::protobuf::Timestamp& proto) {
  if (IsUnset(proto)) return "";
  return absl::FormatTime("%Y-%m-%dT%H:%M:%S%Ez", FromProto(proto), UkTime());
}

}  // namespace cadre::cadrectl
