// The rules of a role's closing time: whether it accepts applications, when the registry
// closes it undecided and in what words, and what each write does to the closing watch.

#include "services/registry/domain/closing.h"

#include <gtest/gtest.h>

#include "tests/registry/unit/test_data.h"

namespace cadre::registry {
namespace {

using cadre::v1::Role;
using testdata::MakeRole;

const absl::Time kCloses = absl::FromUnixSeconds(testdata::kYear2030);  // MakeRole's
constexpr absl::Duration kNinetyDays = absl::Hours(24 * 90);

TEST(ClosingTest, AnOpenRoleAcceptsUntilItsClosingTime) {
  const Role open = MakeRole(1, "RXF");
  EXPECT_EQ(ClosingTime(open), kCloses);
  EXPECT_TRUE(AcceptingApplications(open, kCloses - absl::Nanoseconds(1)));
  EXPECT_FALSE(ApplicationsClosed(open, kCloses - absl::Nanoseconds(1)));
  EXPECT_FALSE(AcceptingApplications(open, kCloses));
  EXPECT_TRUE(ApplicationsClosed(open, kCloses));
  EXPECT_FALSE(AcceptingApplications(open, kCloses + absl::Hours(1)));

  // Nanoseconds of the closing time count.
  Role precise = open;
  precise.mutable_closing_time()->set_nanos(500);
  EXPECT_TRUE(AcceptingApplications(precise, kCloses + absl::Nanoseconds(499)));
  EXPECT_FALSE(AcceptingApplications(precise, kCloses + absl::Nanoseconds(500)));

  // No closing time: open until filled.
  Role never = open;
  never.clear_closing_time();
  EXPECT_EQ(ClosingTime(never), absl::nullopt);
  EXPECT_TRUE(AcceptingApplications(never, absl::InfiniteFuture()));
  EXPECT_FALSE(ApplicationsClosed(never, absl::InfiniteFuture()));
}

TEST(ClosingTest, OnlyAnOpenRoleAccepts) {
  for (cadre::v1::RoleState state :
       {cadre::v1::ROLE_STATE_DRAFT, cadre::v1::ROLE_STATE_CLOSED, cadre::v1::ROLE_STATE_FILLED,
        cadre::v1::ROLE_STATE_CANCELLED}) {
    SCOPED_TRACE(cadre::v1::RoleState_Name(state));
    Role role = MakeRole(1, "RXF", state);
    EXPECT_FALSE(AcceptingApplications(role, kCloses - absl::Hours(1)));
    EXPECT_FALSE(ApplicationsClosed(role, kCloses + absl::Hours(1)));
    EXPECT_FALSE(UndecidedTooLong(role, kCloses + 2 * kNinetyDays, kNinetyDays));
    role.clear_closing_time();
    EXPECT_FALSE(AcceptingApplications(role, kCloses));
  }
}

TEST(ClosingTest, AnOpenRoleIsUndecidedTooLongFromItsClosingTimePlusTheWait) {
  const Role open = MakeRole(1, "RXF");
  EXPECT_FALSE(UndecidedTooLong(open, kCloses, kNinetyDays));
  EXPECT_FALSE(UndecidedTooLong(open, kCloses + kNinetyDays - absl::Seconds(1), kNinetyDays));
  EXPECT_TRUE(UndecidedTooLong(open, kCloses + kNinetyDays, kNinetyDays));
  EXPECT_TRUE(UndecidedTooLong(open, kCloses + absl::Hours(25), absl::Hours(24)));
  Role never = open;
  never.clear_closing_time();
  EXPECT_FALSE(UndecidedTooLong(never, absl::InfiniteFuture(), kNinetyDays));
}

TEST(ClosingTest, TheReasonSaysTheWaitInDaysOrHours) {
  EXPECT_EQ(UndecidedReason(kNinetyDays), "no decision within 90 days");
  EXPECT_EQ(UndecidedReason(absl::Hours(24)), "no decision within 1 day");
  EXPECT_EQ(UndecidedReason(absl::Hours(36)), "no decision within 36 hours");
  EXPECT_EQ(UndecidedReason(absl::Hours(1)), "no decision within 1 hour");
  EXPECT_EQ(UndecidedReason(absl::Minutes(90)), "no decision within 1h30m");
}

TEST(ClosingTest, AWriteKeepsTheWatchOfClosingsToAnnounce) {
  const absl::Time now = kCloses - absl::Hours(1);  // MakeRole's role accepts
  const Role open = MakeRole(1, "RXF");
  const Role draft = MakeRole(1, "RXF", cadre::v1::ROLE_STATE_DRAFT);
  Role past = open;  // closing time already passed
  past.mutable_closing_time()->set_seconds(testdata::kYear2030 - 7200);
  Role never = open;
  never.clear_closing_time();

  // Published, or still accepting after an edit: awaited at its closing time.
  ClosingWatchChange change = ClosingWatchFor(&draft, open, now);
  EXPECT_EQ(change.watch, ClosingWatch::kAwait);
  EXPECT_EQ(change.closing, kCloses);
  EXPECT_EQ(ClosingWatchFor(&open, open, now).watch, ClosingWatch::kAwait);
  // A later closing time, after the earlier one was announced: awaited again.
  EXPECT_EQ(ClosingWatchFor(&past, open, now).watch, ClosingWatch::kAwait);
  // An edit that moves the closing time into the past: due at once.
  change = ClosingWatchFor(&open, past, now);
  EXPECT_EQ(change.watch, ClosingWatch::kAwait);
  EXPECT_EQ(change.closing, kCloses - absl::Hours(2));
  EXPECT_EQ(ClosingWatchFor(&never, past, now).watch, ClosingWatch::kAwait);
  // An edit after the closing time: announced once only, whether or not it was already.
  change = ClosingWatchFor(&past, past, now);
  EXPECT_EQ(change.watch, ClosingWatch::kRescore);
  EXPECT_EQ(change.closing, kCloses - absl::Hours(2));
  EXPECT_EQ(ClosingWatchFor(&open, open, kCloses).watch, ClosingWatch::kRescore);
  // No closing time, or no longer open: off the watch.
  EXPECT_EQ(ClosingWatchFor(&open, never, now).watch, ClosingWatch::kForget);
  for (cadre::v1::RoleState state :
       {cadre::v1::ROLE_STATE_DRAFT, cadre::v1::ROLE_STATE_CLOSED, cadre::v1::ROLE_STATE_FILLED,
        cadre::v1::ROLE_STATE_CANCELLED}) {
    SCOPED_TRACE(cadre::v1::RoleState_Name(state));
    EXPECT_EQ(ClosingWatchFor(&open, MakeRole(1, "RXF", state), now).watch, ClosingWatch::kForget);
  }
  // A new record (no `before`) that does not accept: not awaited.
  EXPECT_EQ(ClosingWatchFor(nullptr, draft, now).watch, ClosingWatch::kForget);
  EXPECT_EQ(ClosingWatchFor(nullptr, past, now).watch, ClosingWatch::kRescore);
}

}  // namespace
}  // namespace cadre::registry
