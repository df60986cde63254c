// The staff application pages' pure helpers: the counts awaiting each step, an overdue
// acknowledgement and when it was due, the moves offered from each state, the words of
// the forms' values, and the reply-by date as typed.

#include "services/gateway/domain/staff_application_words.h"

#include <gtest/gtest.h>

#include "absl/time/civil_time.h"
#include "services/common/base/time_proto.h"

namespace cadre::gateway {
namespace {

namespace v1 = cadre::v1;

absl::TimeZone London() {
  absl::TimeZone zone;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/London", &zone));
  return zone;
}

// 10:00 in London on Monday 2 November 2026 (GMT).
absl::Time Now() { return absl::FromCivil(absl::CivilSecond(2026, 11, 2, 10, 0, 0), London()); }

TEST(AwaitingCounts, EveryStepInOrderWithItsCount) {
  v1::RankApplicantsResponse counts;
  counts.set_awaiting_acknowledgement(3);
  counts.set_awaiting_shortlisting(2);
  counts.set_awaiting_offer(1);
  counts.set_awaiting_reply(0);
  const std::vector<AwaitingCount> rows = AwaitingCounts(counts);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].label, "Awaiting acknowledgement");
  EXPECT_EQ(rows[0].count, 3);
  EXPECT_EQ(rows[1].count, 2);
  EXPECT_EQ(rows[2].count, 1);
  EXPECT_EQ(rows[3].label, "Offered, awaiting a reply");
  EXPECT_EQ(rows[3].count, 0);
}

TEST(AcknowledgementOverdue, OnlyASubmittedApplicationPastItsDueTime) {
  v1::Application app;
  app.set_state(v1::APPLICATION_STATE_SUBMITTED);
  *app.mutable_acknowledge_by_time() = ToTimestamp(Now() + absl::Hours(1));
  EXPECT_FALSE(AcknowledgementOverdue(app, Now()));
  EXPECT_TRUE(AcknowledgementOverdue(app, Now() + absl::Hours(2)));
  app.set_overdue(true);  // matching says so
  EXPECT_TRUE(AcknowledgementOverdue(app, Now()));
  app.set_state(v1::APPLICATION_STATE_ACKNOWLEDGED);
  EXPECT_FALSE(AcknowledgementOverdue(app, Now() + absl::Hours(2)));
  EXPECT_EQ(AcknowledgementDueLabel(app), "Due 2 November 2026");
  EXPECT_EQ(AcknowledgementDueLabel(v1::Application()), "");
}

TEST(BodyMovesFrom, MatchingsTableForABody) {
  using S = v1::ApplicationState;
  EXPECT_EQ(BodyMovesFrom(v1::APPLICATION_STATE_SUBMITTED),
            (std::vector<S>{v1::APPLICATION_STATE_ACKNOWLEDGED, v1::APPLICATION_STATE_SHORTLISTED,
                            v1::APPLICATION_STATE_UNSUCCESSFUL}));
  EXPECT_EQ(BodyMovesFrom(v1::APPLICATION_STATE_SHORTLISTED),
            (std::vector<S>{v1::APPLICATION_STATE_OFFERED, v1::APPLICATION_STATE_UNSUCCESSFUL}));
  EXPECT_TRUE(BodyMovesFrom(v1::APPLICATION_STATE_OFFERED).empty());
  EXPECT_TRUE(BodyMovesFrom(v1::APPLICATION_STATE_UNSUCCESSFUL).empty());
}

TEST(StaffNextStepLabel, WhatTheBodyOrTheApplicantDoesNext) {
  v1::Application app;
  app.set_state(v1::APPLICATION_STATE_SUBMITTED);
  EXPECT_EQ(StaffNextStepLabel(app), "Acknowledge the application");
  app.set_state(v1::APPLICATION_STATE_OFFERED);
  *app.mutable_reply_by_time() = ToTimestamp(Now() + absl::Hours(24 * 14));
  EXPECT_EQ(StaffNextStepLabel(app), "The applicant accepts or declines by 16 November 2026");
  app.set_state(v1::APPLICATION_STATE_WITHDRAWN);
  EXPECT_EQ(StaffNextStepLabel(app), "None: the application is closed");
}

TEST(MoveWords, RoundTripAndRefuseOthers) {
  for (v1::ApplicationState to :
       {v1::APPLICATION_STATE_ACKNOWLEDGED, v1::APPLICATION_STATE_SHORTLISTED,
        v1::APPLICATION_STATE_OFFERED, v1::APPLICATION_STATE_UNSUCCESSFUL}) {
    EXPECT_EQ(MoveFromWord(MoveWord(to)), to);
    EXPECT_NE(MoveDoneText(MoveWord(to)), "");
  }
  EXPECT_EQ(MoveWord(v1::APPLICATION_STATE_ACCEPTED), "");
  EXPECT_EQ(MoveFromWord("accepted"), v1::APPLICATION_STATE_UNSPECIFIED);
  EXPECT_EQ(MoveFromWord(""), v1::APPLICATION_STATE_UNSPECIFIED);
  EXPECT_EQ(MoveDoneText("nonsense"), "");
  for (v1::UnsuccessfulReason reason : BodyTurnDownReasons()) {
    EXPECT_EQ(ReasonFromWord(ReasonWord(reason)), reason);
  }
  EXPECT_EQ(BodyTurnDownReasons().size(), 4u);
  EXPECT_EQ(ReasonWord(v1::UNSUCCESSFUL_REASON_ROLE_FILLED), "");  // matching's own
  EXPECT_EQ(ReasonFromWord("role-filled"), v1::UNSUCCESSFUL_REASON_UNSPECIFIED);
}

TEST(ParseReplyBy, TheEndOfARealDayAheadInLondon) {
  const ReplyBy ok = ParseReplyBy(" 16 ", "11", "2026", Now());
  ASSERT_TRUE(ok.ok()) << ok.error;
  EXPECT_EQ(ok.time, absl::FromCivil(absl::CivilMinute(2026, 11, 16, 23, 59), London()));
  // In British Summer Time, 23:59 in London is 22:59 UTC.
  const absl::Time september =
      absl::FromCivil(absl::CivilSecond(2026, 9, 20, 12, 0, 0), absl::UTCTimeZone());
  const ReplyBy summer = ParseReplyBy("1", "10", "2026", september);
  ASSERT_TRUE(summer.ok()) << summer.error;
  EXPECT_EQ(summer.time,
            absl::FromCivil(absl::CivilMinute(2026, 10, 1, 22, 59), absl::UTCTimeZone()));
}

TEST(ParseReplyBy, NamesTheFieldToFix) {
  EXPECT_EQ(ParseReplyBy("", "", "", Now()).field, "reply_by-day");
  EXPECT_EQ(ParseReplyBy("", "", "", Now()).error, "Enter the date to reply by");
  EXPECT_EQ(ParseReplyBy("32", "11", "2026", Now()).field, "reply_by-day");
  EXPECT_EQ(ParseReplyBy("3", "13", "2026", Now()).field, "reply_by-month");
  EXPECT_EQ(ParseReplyBy("3", "12", "26", Now()).field, "reply_by-year");
  EXPECT_EQ(ParseReplyBy("31", "11", "2026", Now()).field, "reply_by-day");  // no 31 November
  EXPECT_EQ(ParseReplyBy("ten", "11", "2026", Now()).field, "reply_by-day");
  const ReplyBy today = ParseReplyBy("2", "11", "2026", Now());
  EXPECT_EQ(today.field, "reply_by-day");
  EXPECT_EQ(today.error, "The date to reply by must be in the future");
  EXPECT_TRUE(ParseReplyBy("31", "12", "2026", Now()).ok());  // 59 days
  const ReplyBy far = ParseReplyBy("1", "1", "2027", Now());  // 60 days
  EXPECT_EQ(far.field, "reply_by-day");
  EXPECT_EQ(far.error, "The date to reply by must be no more than 59 days from today");
}

TEST(DefaultReplyBy, FourteenDaysAhead) {
  const ReplyByFields fields = DefaultReplyBy(Now());
  EXPECT_EQ(fields.day, "16");
  EXPECT_EQ(fields.month, "11");
  EXPECT_EQ(fields.year, "2026");
  EXPECT_TRUE(ParseReplyBy(fields.day, fields.month, fields.year, Now()).ok());
}

}  // namespace
}  // namespace cadre::gateway
