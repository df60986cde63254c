// Working days in England: weekends and England and Wales bank holidays, the embedded
// data file they come from, and deadlines counted in London's time.

#include "services/matching/domain/working_days.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "services/matching/domain/dates.h"
#include "tests/matching/unit/test_data.h"
#include "tests/support/status_matchers.h"

namespace cadre::matching {
namespace {

using testdata::Day;

TEST(IsBankHoliday, KnowsTheHolidaysOf2024To2026) {
  for (const auto& d : {Day(2024, 1, 1),  Day(2024, 3, 29), Day(2024, 4, 1),   Day(2024, 5, 6),
                        Day(2024, 5, 27), Day(2024, 8, 26), Day(2024, 12, 25), Day(2024, 12, 26),
                        Day(2025, 1, 1),  Day(2025, 4, 18), Day(2025, 4, 21),  Day(2025, 5, 5),
                        Day(2025, 5, 26), Day(2025, 8, 25), Day(2025, 12, 25), Day(2025, 12, 26),
                        Day(2026, 1, 1),  Day(2026, 4, 3),  Day(2026, 4, 6),   Day(2026, 5, 4),
                        Day(2026, 5, 25), Day(2026, 8, 31), Day(2026, 12, 25), Day(2026, 12, 28)}) {
    EXPECT_TRUE(IsBankHoliday(d)) << FormatDate(d);
    EXPECT_FALSE(IsWorkingDay(d)) << FormatDate(d);
  }
}

TEST(IsBankHoliday, KnowsTheOneOffDays) {
  for (const auto& d : {Day(2020, 5, 8), Day(2022, 6, 2), Day(2022, 6, 3), Day(2022, 9, 19),
                        Day(2023, 5, 8), Day(2021, 12, 27), Day(2021, 12, 28), Day(2022, 12, 27)}) {
    EXPECT_TRUE(IsBankHoliday(d)) << FormatDate(d);
  }
  // The days those one-offs replaced are ordinary working days.
  for (const auto& d : {Day(2020, 5, 4), Day(2022, 5, 30)}) {
    EXPECT_FALSE(IsBankHoliday(d)) << FormatDate(d);
    EXPECT_TRUE(IsWorkingDay(d)) << FormatDate(d);
  }
}

TEST(IsWorkingDay, WeekdaysAroundTheHolidaysAreWorkingDays) {
  for (const auto& d : {Day(2025, 12, 24), Day(2025, 12, 29), Day(2026, 4, 2), Day(2026, 4, 7),
                        Day(2026, 12, 24), Day(2026, 12, 29), Day(2026, 6, 15)}) {
    EXPECT_TRUE(IsWorkingDay(d)) << FormatDate(d);
    EXPECT_FALSE(IsBankHoliday(d)) << FormatDate(d);
  }
}

TEST(IsWorkingDay, WeekendsAreNotWorkingDaysNorBankHolidays) {
  // 26 December 2026 is a Saturday: the holiday is the Monday, not the Saturday.
  for (const auto& d : {Day(2026, 6, 13), Day(2026, 6, 14), Day(2026, 12, 26), Day(2026, 12, 27),
                        Day(2027, 12, 25), Day(2031, 1, 4), Day(2019, 12, 28)}) {
    EXPECT_FALSE(IsWorkingDay(d)) << FormatDate(d);
    EXPECT_FALSE(IsBankHoliday(d)) << FormatDate(d);
  }
}

TEST(CalendarCovers, IsTheDataYearsOnly) {
  EXPECT_TRUE(CalendarCovers(Day(2020, 1, 1)));
  EXPECT_TRUE(CalendarCovers(Day(2026, 6, 15)));
  EXPECT_TRUE(CalendarCovers(Day(2030, 12, 31)));
  EXPECT_FALSE(CalendarCovers(Day(2019, 12, 31)));
  EXPECT_FALSE(CalendarCovers(Day(2031, 1, 1)));
  // Outside them only weekends are known: Christmas 2031 (a Thursday) counts as working.
  EXPECT_FALSE(IsBankHoliday(Day(2031, 12, 25)));
  EXPECT_TRUE(IsWorkingDay(Day(2031, 12, 25)));
}

TEST(AddWorkingDays, StepsOverEaster) {
  // Thursday 2 April 2026; Good Friday, the weekend and Easter Monday follow.
  EXPECT_EQ(FormatDate(AddWorkingDays(Day(2026, 4, 2), 1)), "2026-04-07");
  EXPECT_EQ(FormatDate(AddWorkingDays(Day(2026, 4, 2), 2)), "2026-04-08");
  EXPECT_EQ(FormatDate(AddWorkingDays(Day(2026, 4, 3), 1)), "2026-04-07");
}

TEST(AddWorkingDays, StepsOverChristmasAndNewYear) {
  // Wednesday 23 December 2026: 24th (1), 29th, 30th, 31st (2-4), then 4 January 2027 (5):
  // the 25th, 28th (substitute Boxing Day) and 1 January are holidays.
  EXPECT_EQ(FormatDate(AddWorkingDays(Day(2026, 12, 23), 5)), "2027-01-04");
  EXPECT_EQ(FormatDate(AddWorkingDays(Day(2026, 12, 24), 1)), "2026-12-29");
}

TEST(AddWorkingDays, ZeroIsTheDayItselfOrTheNextWorkingDay) {
  EXPECT_EQ(FormatDate(AddWorkingDays(Day(2026, 6, 17), 0)), "2026-06-17");  // Wednesday
  EXPECT_EQ(FormatDate(AddWorkingDays(Day(2026, 6, 13), 0)), "2026-06-15");  // Saturday
  EXPECT_EQ(FormatDate(AddWorkingDays(Day(2026, 4, 3), 0)), "2026-04-07");   // Good Friday
  EXPECT_EQ(FormatDate(AddWorkingDays(Day(2026, 6, 17), -3)), "2026-06-17");
}

TEST(AddWorkingDays, FromAWeekendCountsFromTheNextWorkingDay) {
  // Saturday 13 June 2026 plus 1 is Monday 15 June, the first working day after it.
  EXPECT_EQ(FormatDate(AddWorkingDays(Day(2026, 6, 13), 1)), "2026-06-15");
  EXPECT_EQ(FormatDate(AddWorkingDays(Day(2026, 6, 13), 5)), "2026-06-19");
}

TEST(WorkingDaysBetween, CountsDaysAfterFromUpToAndIncludingTo) {
  EXPECT_EQ(WorkingDaysBetween(Day(2026, 6, 11), Day(2026, 6, 15)), 2);  // Thursday to Monday
  EXPECT_EQ(WorkingDaysBetween(Day(2026, 4, 2), Day(2026, 4, 7)), 1);    // over Easter
  EXPECT_EQ(WorkingDaysBetween(Day(2026, 12, 23), Day(2027, 1, 4)), 5);  // over Christmas
  EXPECT_EQ(WorkingDaysBetween(Day(2026, 6, 15), Day(2026, 6, 15)), 0);
  EXPECT_EQ(WorkingDaysBetween(Day(2026, 6, 15), Day(2026, 6, 1)), 0);
  // 2026 has 261 weekdays, 8 of them bank holidays.
  EXPECT_EQ(WorkingDaysBetween(Day(2025, 12, 31), Day(2026, 12, 31)), 253);
}

TEST(WorkingDaysBetween, UndoesAddWorkingDays) {
  for (absl::CivilDay from(2025, 12, 1); from <= absl::CivilDay(2027, 1, 31); ++from) {
    for (int n = 1; n <= 10; ++n) {
      const cadre::v1::Date to = AddWorkingDays(FromCivilDay(from), n);
      ASSERT_TRUE(IsWorkingDay(to)) << from << " + " << n;
      ASSERT_EQ(WorkingDaysBetween(FromCivilDay(from), to), n) << from << " + " << n;
    }
  }
}

class DeadlineAfterWorkingDaysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // tzdata is one of the packages `make test` installs (scripts/install_deps.sh).
    ASSERT_TRUE(absl::LoadTimeZone("Europe/London", &london_))
        << "no time-zone data for Europe/London: install tzdata (make deps)";
  }
  absl::Time London(int y, int m, int d, int hh, int mm) const {
    return absl::FromCivil(absl::CivilMinute(y, m, d, hh, mm), london_);
  }
  static absl::Time Utc(int y, int m, int d, int hh, int mm) {
    return absl::FromCivil(absl::CivilMinute(y, m, d, hh, mm), absl::UTCTimeZone());
  }
  absl::TimeZone london_;
};

TEST_F(DeadlineAfterWorkingDaysTest, EndsAtLondonMidnightAfterTheClocksGoForward) {
  // Wednesday 25 March 2026 in GMT; the clocks go forward on Sunday 29 March. Five working
  // days are 26, 27, 30, 31 March and 1 April: due by midnight starting 2 April, in BST.
  const absl::Time deadline = DeadlineAfterWorkingDays(London(2026, 3, 25, 10, 0), 5, london_);
  EXPECT_EQ(deadline, London(2026, 4, 2, 0, 0));
  EXPECT_EQ(deadline, Utc(2026, 4, 1, 23, 0));
}

TEST_F(DeadlineAfterWorkingDaysTest, EndsAtLondonMidnightAfterTheClocksGoBack) {
  // Friday 23 October 2026, 23:30 BST; the clocks go back on Sunday 25 October. One
  // working day is Monday 26th: due by midnight starting the 27th, in GMT.
  const absl::Time deadline = DeadlineAfterWorkingDays(London(2026, 10, 23, 23, 30), 1, london_);
  EXPECT_EQ(deadline, Utc(2026, 10, 27, 0, 0));
}

TEST_F(DeadlineAfterWorkingDaysTest, CountsFromTheDayInLondonNotInUtc) {
  // 23:30 UTC on Thursday 22 October 2026 is already Friday 00:30 in London.
  const absl::Time start = Utc(2026, 10, 22, 23, 30);
  EXPECT_EQ(DeadlineAfterWorkingDays(start, 1, london_), Utc(2026, 10, 27, 0, 0));
  EXPECT_EQ(DeadlineAfterWorkingDays(start, 1, absl::UTCTimeZone()), Utc(2026, 10, 24, 0, 0));
}

TEST_F(DeadlineAfterWorkingDaysTest, StepsOverEasterAndZeroIsTheEndOfTheDay) {
  EXPECT_EQ(DeadlineAfterWorkingDays(London(2026, 4, 2, 9, 0), 1, london_),
            London(2026, 4, 8, 0, 0));
  EXPECT_EQ(DeadlineAfterWorkingDays(London(2026, 6, 17, 9, 0), 0, london_),
            London(2026, 6, 18, 0, 0));
  EXPECT_EQ(DeadlineAfterWorkingDays(London(2026, 6, 13, 9, 0), 0, london_),
            London(2026, 6, 16, 0, 0));
}

// The embedded data file: '#' lines first, then "YYYY-MM-DD  # name" lines, sorted and
// unique, each a real weekday, every year from 2020 to 2030 present.
struct DataLine {
  cadre::v1::Date date;
  std::string text;
};

std::vector<DataLine> HolidayLines() {
  std::vector<DataLine> lines;
  for (absl::string_view line : absl::StrSplit(EnglandAndWalesBankHolidaysText(), '\n')) {
    if (line.empty() || line[0] == '#') continue;
    DataLine l;
    l.text = std::string(line);
    const std::vector<absl::string_view> parts = absl::StrSplit(line.substr(0, 10), '-');
    int y = 0, m = 0, d = 0;
    if (parts.size() == 3 && absl::SimpleAtoi(parts[0], &y) && absl::SimpleAtoi(parts[1], &m) &&
        absl::SimpleAtoi(parts[2], &d)) {
      l.date = Day(y, m, d);
    }
    lines.push_back(l);
  }
  return lines;
}

TEST(BankHolidayData, NamesItsSourceAtTheTop) {
  const absl::string_view text = EnglandAndWalesBankHolidaysText();
  ASSERT_TRUE(absl::StartsWith(text, "#"));
  EXPECT_TRUE(absl::StrContains(text, "https://www.gov.uk/bank-holidays"));
  bool seen_date = false;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (!line.empty() && line[0] != '#') seen_date = true;
    if (seen_date) {
      EXPECT_NE(line.substr(0, 1), "#") << "comment after the dates: " << line;
    }
  }
}

TEST(BankHolidayData, EveryLineIsARealWeekdayWithAName) {
  const std::vector<DataLine> lines = HolidayLines();
  ASSERT_GE(lines.size(), 88u);  // at least 8 a year, 2020 to 2030
  for (const DataLine& l : lines) {
    CADRE_EXPECT_OK(CheckDate(l.date, "line")) << l.text;
    EXPECT_EQ(l.text.substr(0, 10), FormatDate(l.date)) << l.text;
    EXPECT_TRUE(absl::StartsWith(l.text.substr(10), "  # ")) << l.text;
    EXPECT_GT(l.text.size(), 14u) << l.text;
    const absl::Weekday w = absl::GetWeekday(ToCivilDay(l.date));
    EXPECT_NE(w, absl::Weekday::saturday) << l.text;
    EXPECT_NE(w, absl::Weekday::sunday) << l.text;
    EXPECT_TRUE(IsBankHoliday(l.date)) << l.text;
  }
}

TEST(BankHolidayData, IsSortedAndUnique) {
  const std::vector<DataLine> lines = HolidayLines();
  for (size_t i = 1; i < lines.size(); ++i) {
    EXPECT_EQ(CompareDates(lines[i - 1].date, lines[i].date), -1)
        << lines[i - 1].text << " then " << lines[i].text;
  }
}

TEST(BankHolidayData, CoversEveryYearFrom2020To2030) {
  std::vector<int> per_year(2031 - 2020, 0);
  for (const DataLine& l : HolidayLines()) {
    ASSERT_GE(l.date.year(), 2020) << l.text;
    ASSERT_LE(l.date.year(), 2030) << l.text;
    ++per_year[l.date.year() - 2020];
  }
  for (int y = 2020; y <= 2030; ++y) {
    EXPECT_GE(per_year[y - 2020], 8) << y;
    EXPECT_LE(per_year[y - 2020], 10) << y;
  }
}

}  // namespace
}  // namespace cadre::matching
