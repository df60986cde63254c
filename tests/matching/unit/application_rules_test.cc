// What callers send about applications and placements, and the pure changes to the
// records: a move's times, the acknowledgement deadline, what happens next, paging.

#include "services/matching/domain/application_rules.h"

#include <gtest/gtest.h>

#include "absl/time/civil_time.h"
#include "services/common/base/time_proto.h"
#include "services/matching/domain/newest_first.h"
#include "tests/support/status_matchers.h"

namespace cadre::matching {
namespace {

namespace v1 = cadre::v1;
using ::cadre::testing::InvalidAt;
using ::cadre::testing::StatusIs;

// 10:00 UTC on Monday 2 November 2026 (London is on GMT then).
const absl::Time kMonday =
    absl::FromCivil(absl::CivilSecond(2026, 11, 2, 10, 0, 0), absl::UTCTimeZone());

v1::MoveApplicationRequest MoveTo(v1::ApplicationState state) {
  v1::MoveApplicationRequest r;
  r.set_name("applications/abcdefghijklmnop");
  r.set_state(state);
  return r;
}

v1::Application Submitted() {
  v1::Application app;
  app.set_name("applications/abcdefghijklmnop");
  app.set_state(v1::APPLICATION_STATE_SUBMITTED);
  *app.mutable_submit_time() = ToTimestamp(kMonday);
  return app;
}

TEST(ValidateSubmit, NamesEachField) {
  v1::SubmitApplicationRequest r;
  r.set_role("roles/12");
  r.set_statement("I care for my father.");
  CADRE_EXPECT_OK(ValidateSubmit(r));
  r.set_statement("");
  EXPECT_THAT(ValidateSubmit(r), InvalidAt("statement"));
  r.set_statement(std::string(3000, 'a'));
  CADRE_EXPECT_OK(ValidateSubmit(r));
  r.set_statement(std::string(3001, 'a'));
  EXPECT_THAT(ValidateSubmit(r), InvalidAt("statement"));
  r.set_statement("ok");
  for (const char* bad : {"roles/0", "roles/012", "roles/", "role/1", "roles/1a", ""}) {
    r.set_role(bad);
    EXPECT_THAT(ValidateSubmit(r), InvalidAt("role")) << bad;
  }
  r.set_role("roles/1");
  r.set_request_id("bad id!");
  EXPECT_THAT(ValidateSubmit(r), InvalidAt("request_id"));
}

TEST(ValidateMove, NamesEachField) {
  CADRE_EXPECT_OK(ValidateMove(MoveTo(v1::APPLICATION_STATE_ACKNOWLEDGED)));
  EXPECT_THAT(ValidateMove(MoveTo(v1::APPLICATION_STATE_SUBMITTED)), InvalidAt("state"));
  EXPECT_THAT(ValidateMove(MoveTo(v1::APPLICATION_STATE_UNSPECIFIED)), InvalidAt("state"));
  v1::MoveApplicationRequest r = MoveTo(v1::APPLICATION_STATE_ACKNOWLEDGED);
  r.set_name("applicants/abcdefghijklmnop");
  EXPECT_THAT(ValidateMove(r), InvalidAt("name"));
  r = MoveTo(v1::APPLICATION_STATE_ACKNOWLEDGED);
  r.set_note("hello");
  EXPECT_THAT(ValidateMove(r), InvalidAt("note"));
  r = MoveTo(v1::APPLICATION_STATE_UNSUCCESSFUL);
  r.set_note(std::string(1001, 'n'));
  EXPECT_THAT(ValidateMove(r), InvalidAt("note"));
  r = MoveTo(v1::APPLICATION_STATE_WITHDRAWN);
  *r.mutable_reply_by_time() = ToTimestamp(kMonday);
  EXPECT_THAT(ValidateMove(r), InvalidAt("reply_by_time"));
  r = MoveTo(v1::APPLICATION_STATE_UNSUCCESSFUL);
  r.set_reason(static_cast<v1::UnsuccessfulReason>(99));
  EXPECT_THAT(ValidateMove(r), InvalidAt("reason"));
}

TEST(ReplyByFor, DefaultsToFourteenDaysAndBoundsWhatIsGiven) {
  v1::MoveApplicationRequest r = MoveTo(v1::APPLICATION_STATE_OFFERED);
  EXPECT_EQ(*ReplyByFor(r, kMonday), kMonday + absl::Hours(24 * 14));
  *r.mutable_reply_by_time() = ToTimestamp(kMonday + absl::Minutes(59));
  EXPECT_THAT(ReplyByFor(r, kMonday).status(), InvalidAt("reply_by_time"));
  *r.mutable_reply_by_time() = ToTimestamp(kMonday + absl::Minutes(60));
  EXPECT_EQ(*ReplyByFor(r, kMonday), kMonday + absl::Minutes(60));
  *r.mutable_reply_by_time() = ToTimestamp(kMonday + absl::Hours(24 * 60));
  EXPECT_TRUE(ReplyByFor(r, kMonday).ok());
  *r.mutable_reply_by_time() = ToTimestamp(kMonday + absl::Hours(24 * 60) + absl::Seconds(1));
  EXPECT_THAT(ReplyByFor(r, kMonday).status(), InvalidAt("reply_by_time"));
}

TEST(ApplyMove, RecordsTheTimesOfEachStep) {
  v1::Application app = Submitted();
  const absl::Time later = kMonday + absl::Hours(3);
  ApplyMove(app,
            MoveSpec{.to = v1::APPLICATION_STATE_UNSUCCESSFUL,
                     .reason = v1::UNSUCCESSFUL_REASON_NOT_SHORTLISTED,
                     .note = "Thank you for applying.",
                     .reply_by = absl::InfinitePast()},
            later);
  EXPECT_EQ(app.state(), v1::APPLICATION_STATE_UNSUCCESSFUL);
  EXPECT_EQ(FromTimestamp(app.acknowledge_time()), later);  // acknowledged first
  EXPECT_EQ(FromTimestamp(app.close_time()), later);
  EXPECT_EQ(app.note(), "Thank you for applying.");
  EXPECT_EQ(app.unsuccessful_reason(), v1::UNSUCCESSFUL_REASON_NOT_SHORTLISTED);

  app = Submitted();
  ApplyMove(app,
            MoveSpec{.to = v1::APPLICATION_STATE_OFFERED,
                     .reason = v1::UNSUCCESSFUL_REASON_UNSPECIFIED,
                     .note = "",
                     .reply_by = later + absl::Hours(24)},
            later);
  EXPECT_EQ(FromTimestamp(app.offer_time()), later);
  EXPECT_EQ(FromTimestamp(app.reply_by_time()), later + absl::Hours(24));
  EXPECT_FALSE(app.has_close_time());
}

TEST(Decorate, AcknowledgementIsDueAtTheEndOfTheFifthWorkingDay) {
  v1::Application app = Submitted();
  // Monday 2 November: due by the end of Monday 9 November (midnight, GMT).
  const absl::Time due =
      absl::FromCivil(absl::CivilSecond(2026, 11, 10, 0, 0, 0), absl::UTCTimeZone());
  Decorate(app, due - absl::Seconds(1), 5);
  EXPECT_EQ(FromTimestamp(app.acknowledge_by_time()), due);
  EXPECT_FALSE(app.overdue());
  EXPECT_EQ(app.next_step().owner(), v1::PARTY_BODY);
  EXPECT_EQ(FromTimestamp(app.next_step().due_time()), due);
  Decorate(app, due + absl::Seconds(1), 5);
  EXPECT_TRUE(app.overdue());
  app.set_state(v1::APPLICATION_STATE_ACKNOWLEDGED);
  Decorate(app, due + absl::Seconds(1), 5);
  EXPECT_FALSE(app.overdue());
  EXPECT_FALSE(app.next_step().has_due_time());
  app.set_state(v1::APPLICATION_STATE_WITHDRAWN);
  Decorate(app, due, 5);
  EXPECT_EQ(app.next_step().owner(), v1::PARTY_UNSPECIFIED);
  EXPECT_TRUE(app.next_step().text().empty());
  // None of it is stored.
  const v1::Application stored = ForStorage(app);
  EXPECT_FALSE(stored.has_acknowledge_by_time());
  EXPECT_FALSE(stored.has_next_step());
}

TEST(NewPlacement, TakesTheApplicationsIdAndWhetherPaymentIsOffered) {
  v1::Application app = Submitted();
  app.set_applicant("applicants/aaaaaaaaaaaaaaaa");
  app.set_role("roles/4");
  app.set_body("bodies/RXF");
  const v1::Placement p = NewPlacement(app, /*payment_offered=*/true, kMonday);
  EXPECT_EQ(p.name(), "placements/abcdefghijklmnop");
  EXPECT_EQ(p.state(), v1::PLACEMENT_STATE_ACTIVE);
  EXPECT_TRUE(p.payment_offered());
  EXPECT_EQ(p.body(), "bodies/RXF");
}

TEST(ValidateEndPlacement, AReasonOnlyForEndingEarly) {
  v1::EndPlacementRequest r;
  r.set_name("placements/abcdefghijklmnop");
  r.set_state(v1::PLACEMENT_STATE_COMPLETED);
  CADRE_EXPECT_OK(ValidateEndPlacement(r));
  r.set_reason("why");
  EXPECT_THAT(ValidateEndPlacement(r), InvalidAt("reason"));
  r.set_state(v1::PLACEMENT_STATE_ENDED_EARLY);
  CADRE_EXPECT_OK(ValidateEndPlacement(r));
  r.set_reason("no");
  EXPECT_THAT(ValidateEndPlacement(r), InvalidAt("reason"));
  r.set_state(v1::PLACEMENT_STATE_ACTIVE);
  EXPECT_THAT(ValidateEndPlacement(r), InvalidAt("state"));
}

TEST(NewestFirst, OrdersByTimeThenNameAndPagesFromACursor) {
  EXPECT_TRUE(NewestFirst(2, "b", 1, "a"));
  EXPECT_TRUE(NewestFirst(1, "a", 1, "b"));
  EXPECT_FALSE(NewestFirst(1, "b", 1, "a"));
  const NewestFirstCursor c = *ParseCursorText(CursorText(5, "applications/x"));
  EXPECT_EQ(c.ms, 5);
  EXPECT_EQ(c.name, "applications/x");
  EXPECT_TRUE(ComesAfter(4, "applications/a", c));
  EXPECT_TRUE(ComesAfter(5, "applications/y", c));
  EXPECT_FALSE(ComesAfter(5, "applications/x", c));
  EXPECT_FALSE(ComesAfter(6, "applications/a", c));
  EXPECT_THAT(ParseCursorText("nonsense").status(), InvalidAt("page_token"));
}

}  // namespace
}  // namespace cadre::matching
