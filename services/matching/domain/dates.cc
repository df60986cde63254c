#include "services/matching/domain/dates.h"

#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/common/base/errors.h"

namespace cadre::matching {
namespace {

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

}  // namespace

absl::Status CheckDate(const cadre::v1::Date& d, absl::string_view field) {
  if (d.year() < kMinYear || d.year() > kMaxYear || d.month() < 1 || d.month() > 12 ||
      d.day() < 1 || d.day() > DaysInMonth(d.year(), d.month())) {
    return InvalidField(field, absl::StrCat("must be a real calendar date from ", kMinYear, " to ",
                                            kMaxYear, " (year, month and day)"));
  }
  return absl::OkStatus();
}

cadre::v1::Date DateIn(absl::Time t, absl::TimeZone zone) {
  return FromCivilDay(absl::ToCivilDay(t, zone));
}

absl::TimeZone LondonTime() {
  static const absl::TimeZone zone = [] {
    absl::TimeZone london;
    return absl::LoadTimeZone("Europe/London", &london) ? london : absl::UTCTimeZone();
  }();
  return zone;
}

int CompareDates(const cadre::v1::Date& a, const cadre::v1::Date& b) {
  const auto ka = std::make_tuple(a.year(), a.month(), a.day());
  const auto kb = std::make_tuple(b.year(), b.month(), b.day());
  if (ka < kb) return -1;
  return ka == kb ? 0 : 1;
}

int AgeOn(const cadre::v1::Date& birth, const cadre::v1::Date& day) {
  int birthday_month = birth.month();
  int birthday_day = birth.day();
  if (birth.month() == 2 && birth.day() == 29 && !IsLeapYear(day.year())) {
    birthday_month = 3;
    birthday_day = 1;
  }
  const bool reached =
      std::make_tuple(day.month(), day.day()) >= std::make_tuple(birthday_month, birthday_day);
  return day.year() - birth.year() - (reached ? 0 : 1);
}

absl::CivilDay ToCivilDay(const cadre::v1::Date& d) {
  return absl::CivilDay(d.year(), d.month(), d.day());
}

cadre::v1::Date FromCivilDay(absl::CivilDay day) {
  cadre::v1::Date d;
  d.set_year(static_cast<int32_t>(day.year()));
  d.set_month(day.month());
  d.set_day(day.day());
  return d;
}

std::string FormatDate(const cadre::v1::Date& d) {
  return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day());
}

}  // namespace cadre::matching
