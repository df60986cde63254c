#include "tools/cadrectl/times.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
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

// The years cadre.v1.Date allows.
constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2200;

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

absl::StatusOr<cadre::v1::Date> DateFlag(const ParsedArgs& args, absl::string_view name) {
  const std::string text(absl::StripAsciiWhitespace(args.Get(name)));
  const std::vector<absl::string_view> parts = absl::StrSplit(text, '-');
  int year = 0;
  int month = 0;
  int day = 0;
  // Exactly YYYY-MM-DD, and a day the calendar has (not 2027-02-30).
  const bool parsed = text.size() == 10 && parts.size() == 3 && parts[0].size() == 4 &&
                      parts[1].size() == 2 && parts[2].size() == 2 &&
                      absl::SimpleAtoi(parts[0], &year) && absl::SimpleAtoi(parts[1], &month) &&
                      absl::SimpleAtoi(parts[2], &day);
  const absl::CivilDay civil(year, month, day);
  if (!parsed || year < kMinYear || year > kMaxYear || civil.month() != month ||
      civil.day() != day) {
    return UsageError(absl::StrCat("--", CanonicalFlagName(name), ": '", text,
                                   "' is not a date (YYYY-MM-DD, e.g. 1980-02-29)"));
  }
  cadre::v1::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

std::string FormatDate(const cadre::v1::Date& date) {
  if (date.year() == 0) return "";
  return absl::StrFormat("%04d-%02d-%02d", date.year(), date.month(), date.day());
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
