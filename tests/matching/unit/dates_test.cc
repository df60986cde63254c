// Calendar dates: real days only, comparisons, ages with leap-day birthdays, London's day.

#include "services/matching/domain/dates.h"

#include <gtest/gtest.h>

#include "tests/matching/unit/test_data.h"
#include "tests/support/status_matchers.h"

namespace cadre::matching {
namespace {

using ::cadre::testing::InvalidAt;
using testdata::Day;

TEST(CheckDate, AcceptsRealDaysFrom1900To2200) {
  for (const auto& d : {Day(1900, 1, 1), Day(2200, 12, 31), Day(2024, 2, 29), Day(2000, 2, 29),
                        Day(2023, 4, 30), Day(2023, 1, 31)}) {
    CADRE_EXPECT_OK(CheckDate(d, "d")) << FormatDate(d);
  }
}

TEST(CheckDate, RefusesDaysThatDoNotExist) {
  for (const auto& d : {Day(1899, 12, 31), Day(2201, 1, 1), Day(2023, 2, 29), Day(1900, 2, 29),
                        Day(2100, 2, 29), Day(2023, 4, 31), Day(2023, 13, 1), Day(2023, 0, 1),
                        Day(2023, 1, 0), Day(2023, 1, 32), cadre::v1::Date()}) {
    EXPECT_THAT(CheckDate(d, "profile.date_of_birth"), InvalidAt("profile.date_of_birth"))
        << FormatDate(d);
  }
}

TEST(CompareDates, OrdersByYearThenMonthThenDay) {
  EXPECT_EQ(CompareDates(Day(2024, 1, 1), Day(2024, 1, 1)), 0);
  EXPECT_EQ(CompareDates(Day(2023, 12, 31), Day(2024, 1, 1)), -1);
  EXPECT_EQ(CompareDates(Day(2024, 2, 1), Day(2024, 1, 31)), 1);
  EXPECT_EQ(CompareDates(Day(2024, 1, 2), Day(2024, 1, 1)), 1);
  EXPECT_EQ(CompareDates(Day(2024, 1, 1), Day(2024, 1, 2)), -1);
}

TEST(AgeOn, CountsBirthdaysReached) {
  EXPECT_EQ(AgeOn(Day(2000, 6, 15), Day(2016, 6, 14)), 15);
  EXPECT_EQ(AgeOn(Day(2000, 6, 15), Day(2016, 6, 15)), 16);
  EXPECT_EQ(AgeOn(Day(2000, 6, 15), Day(2016, 12, 1)), 16);
  EXPECT_EQ(AgeOn(Day(2000, 6, 15), Day(2000, 6, 15)), 0);
  EXPECT_EQ(AgeOn(Day(1999, 12, 31), Day(2000, 1, 1)), 0);
}

TEST(AgeOn, LeapDayBirthdaysFallOnFirstMarchInOtherYears) {
  const cadre::v1::Date leapling = Day(2008, 2, 29);
  // 2024 is a leap year: the birthday is 29 February.
  EXPECT_EQ(AgeOn(leapling, Day(2024, 2, 28)), 15);
  EXPECT_EQ(AgeOn(leapling, Day(2024, 2, 29)), 16);
  // 2025 is not: the birthday is 1 March, not 28 February.
  EXPECT_EQ(AgeOn(leapling, Day(2025, 2, 28)), 16);
  EXPECT_EQ(AgeOn(leapling, Day(2025, 3, 1)), 17);
  // 2100 is not a leap year either (divisible by 100, not 400).
  EXPECT_EQ(AgeOn(leapling, Day(2100, 2, 28)), 91);
  EXPECT_EQ(AgeOn(leapling, Day(2100, 3, 1)), 92);
}

TEST(DateIn, IsTheDayInTheZone) {
  const absl::Time t =
      absl::FromCivil(absl::CivilSecond(2026, 6, 30, 23, 30, 0), absl::UTCTimeZone());
  EXPECT_EQ(FormatDate(DateIn(t, absl::UTCTimeZone())), "2026-06-30");
  EXPECT_EQ(FormatDate(DateIn(t, absl::FixedTimeZone(3600))), "2026-07-01");
}

TEST(LondonTime, TurnsTheDayAtLondonMidnight) {
  const absl::TimeZone london = LondonTime();
  if (london.name() != "Europe/London") GTEST_SKIP() << "no time-zone data: UTC is used";
  // 23:30 UTC on 30 June is 00:30 BST on 1 July; in January London is on UTC.
  const absl::Time summer =
      absl::FromCivil(absl::CivilSecond(2026, 6, 30, 23, 30, 0), absl::UTCTimeZone());
  EXPECT_EQ(FormatDate(DateIn(summer, london)), "2026-07-01");
  const absl::Time winter =
      absl::FromCivil(absl::CivilSecond(2026, 1, 31, 23, 30, 0), absl::UTCTimeZone());
  EXPECT_EQ(FormatDate(DateIn(winter, london)), "2026-01-31");
}

TEST(CivilDays, ConvertBothWays) {
  EXPECT_EQ(ToCivilDay(Day(2024, 2, 29)), absl::CivilDay(2024, 2, 29));
  EXPECT_EQ(FormatDate(FromCivilDay(absl::CivilDay(2024, 3, 1) - 1)), "2024-02-29");
  EXPECT_EQ(FormatDate(Day(987, 1, 2)), "0987-01-02");
}

}  // namespace
}  // namespace cadre::matching
