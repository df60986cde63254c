#include "services/matching/domain/working_days.h"

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "services/matching/domain/dates.h"

namespace cadre::matching {
namespace {

// The embedded holidays, sorted as the file is. A line is a date, optionally followed by
// '#' and a comment; '#' lines and blank lines are skipped.
struct Holidays {
  std::vector<absl::CivilDay> days;
  absl::civil_year_t first_year = 0;
  absl::civil_year_t last_year = -1;  // first > last: covers nothing
};

Holidays Parse(absl::string_view text) {
  Holidays h;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    line = absl::StripAsciiWhitespace(line.substr(0, line.find('#')));
    if (line.empty()) continue;
    absl::CivilDay day;
    // The build checks each line's shape and the unit tests check each date, its order
    // and that it is a weekday; a line that still fails here is a broken build: stop.
    if (!absl::ParseCivilTime(line, &day) || absl::FormatCivilTime(day) != line) std::abort();
    h.days.push_back(day);
  }
  std::sort(h.days.begin(), h.days.end());
  if (!h.days.empty()) {
    h.first_year = h.days.front().year();
    h.last_year = h.days.back().year();
  }
  return h;
}

const Holidays& EmbeddedHolidays() {
  static const Holidays* const holidays = new Holidays(Parse(EnglandAndWalesBankHolidaysText()));
  return *holidays;
}

bool IsWorkingDay(absl::CivilDay day) {
  const absl::Weekday w = absl::GetWeekday(day);
  if (w == absl::Weekday::saturday || w == absl::Weekday::sunday) return false;
  const std::vector<absl::CivilDay>& days = EmbeddedHolidays().days;
  return !std::binary_search(days.begin(), days.end(), day);
}

// The n-th working day after `from`, n = 0 meaning `from` or the next working day.
absl::CivilDay AddWorkingDays(absl::CivilDay from, int n) {
  absl::CivilDay day = from;
  if (n <= 0) {
    while (!IsWorkingDay(day)) ++day;
    return day;
  }
  while (n > 0) {
    ++day;
    if (IsWorkingDay(day)) --n;
  }
  return day;
}

}  // namespace

bool IsBankHoliday(const cadre::v1::Date& d) {
  const std::vector<absl::CivilDay>& days = EmbeddedHolidays().days;
  return std::binary_search(days.begin(), days.end(), ToCivilDay(d));
}

bool IsWorkingDay(const cadre::v1::Date& d) { return IsWorkingDay(ToCivilDay(d)); }

cadre::v1::Date AddWorkingDays(const cadre::v1::Date& from, int n) {
  return FromCivilDay(AddWorkingDays(ToCivilDay(from), n));
}

int WorkingDaysBetween(const cadre::v1::Date& from, const cadre::v1::Date& to) {
  const absl::CivilDay last = ToCivilDay(to);
  int count = 0;
  for (absl::CivilDay day = ToCivilDay(from) + 1; day <= last; ++day) {
    if (IsWorkingDay(day)) ++count;
  }
  return count;
}

absl::Time DeadlineAfterWorkingDays(absl::Time start, int n, absl::TimeZone zone) {
  const absl::CivilDay last = AddWorkingDays(absl::ToCivilDay(start, zone), n);
  // Midnight is never skipped by England's clock changes (they happen at 01:00 and
  // 02:00); FromCivil resolves any zone's skipped or repeated time to one instant.
  return absl::FromCivil(last + 1, zone);
}

bool CalendarCovers(const cadre::v1::Date& d) {
  const Holidays& h = EmbeddedHolidays();
  return d.year() >= h.first_year && d.year() <= h.last_year;
}

}  // namespace cadre::matching
