// Applications over gRPC against a real Redis and a real in-process registry: the
// journey from submission to placement, the moves each party may make and those it may
// not, who sees what, the caps, the clock's part (overdue, lapsed offers, closing time).

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "google/protobuf/util/time_util.h"
#include "tests/matching/integration/matching_harness.h"
#include "tests/matching/integration/one_role_fixture.h"
#include "tests/support/wait_for.h"

namespace cadre::testing {
namespace {

namespace v1 = cadre::v1;
using google::protobuf::util::TimeUtil;

using ApplicationsTest = OneRoleTest;

TEST_F(ApplicationsTest, AJourneyFromSubmissionToACompletedPlacement) {
  const v1::Application submitted = h().Apply(person_.key(), role_);
  EXPECT_EQ(submitted.state(), v1::APPLICATION_STATE_SUBMITTED);
  EXPECT_EQ(submitted.body(), "bodies/RXF");
  EXPECT_EQ(submitted.applicant(), person_.applicant().name());
  EXPECT_TRUE(submitted.screening().eligible()) << submitted.screening().summary();
  EXPECT_EQ(submitted.next_step().owner(), v1::PARTY_BODY);
  EXPECT_TRUE(submitted.has_acknowledge_by_time());
  EXPECT_FALSE(submitted.overdue());

  v1::Application app;
  ASSERT_TRUE(h().Move(body_key_, submitted.name(), v1::APPLICATION_STATE_ACKNOWLEDGED, &app).ok());
  ASSERT_TRUE(h().Move(body_key_, submitted.name(), v1::APPLICATION_STATE_SHORTLISTED, &app).ok());
  h().clock().Advance(absl::Hours(1));
  ASSERT_TRUE(h().Move(body_key_, submitted.name(), v1::APPLICATION_STATE_OFFERED, &app).ok());
  EXPECT_EQ(app.next_step().owner(), v1::PARTY_APPLICANT);
  EXPECT_EQ(TimeUtil::TimestampToSeconds(app.reply_by_time()) -
                TimeUtil::TimestampToSeconds(app.offer_time()),
            14 * 86400);
  ASSERT_TRUE(h().Move(person_.key(), submitted.name(), v1::APPLICATION_STATE_ACCEPTED, &app).ok());
  EXPECT_EQ(app.state(), v1::APPLICATION_STATE_ACCEPTED);
  EXPECT_EQ(app.next_step().owner(), v1::PARTY_UNSPECIFIED);
  ASSERT_FALSE(app.placement().empty());

  // The leader's payment choice, which the body sees; then the body completes it.
  v1::SetPaymentChoiceRequest choice;
  choice.set_name(app.placement());
  choice.set_choice(v1::PAYMENT_CHOICE_EXPENSES_ONLY);
  v1::Placement placement;
  ASSERT_TRUE(
      h().stub().SetPaymentChoice(CallContext(person_.key()).get(), choice, &placement).ok());
  v1::GetPlacementRequest get;
  get.set_name(app.placement());
  ASSERT_TRUE(h().stub().GetPlacement(CallContext(body_key_).get(), get, &placement).ok());
  EXPECT_EQ(placement.payment_choice(), v1::PAYMENT_CHOICE_EXPENSES_ONLY);
  EXPECT_EQ(placement.state(), v1::PLACEMENT_STATE_ACTIVE);
  EXPECT_TRUE(placement.payment_offered());
  // The body may not make the leader's choice.
  choice.set_choice(v1::PAYMENT_CHOICE_TAKE_PAYMENT);
  EXPECT_EQ(
      h().stub().SetPaymentChoice(CallContext(body_key_).get(), choice, &placement).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);

  v1::EndPlacementRequest end;
  end.set_name(app.placement());
  end.set_state(v1::PLACEMENT_STATE_COMPLETED);
  EXPECT_EQ(h().stub().EndPlacement(CallContext(person_.key()).get(), end, &placement).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(h().stub().EndPlacement(CallContext(body_key_).get(), end, &placement).ok());
  EXPECT_EQ(placement.state(), v1::PLACEMENT_STATE_COMPLETED);
  EXPECT_EQ(h().stub().EndPlacement(CallContext(body_key_).get(), end, &placement).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(ApplicationsTest, ShortlistingAnUnacknowledgedApplicationRecordsBothTimes) {
  const v1::Application submitted = h().Apply(person_.key(), role_);
  h().clock().Advance(absl::Hours(2));
  v1::Application app;
  ASSERT_TRUE(h().Move(body_key_, submitted.name(), v1::APPLICATION_STATE_SHORTLISTED, &app).ok());
  EXPECT_TRUE(app.has_acknowledge_time());
  EXPECT_EQ(app.acknowledge_time().seconds(), app.shortlist_time().seconds());
  EXPECT_EQ(app.acknowledge_time().seconds() - submitted.submit_time().seconds(), 7200);
}

TEST_F(ApplicationsTest, MovesOutsideTheTableAreRefusedNamingBothStates) {
  const v1::Application submitted = h().Apply(person_.key(), role_);
  v1::Application app;
  grpc::Status s =
      h().Move(person_.key(), submitted.name(), v1::APPLICATION_STATE_ACKNOWLEDGED, &app);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_TRUE(absl::StrContains(s.error_message(), "is submitted and cannot become acknowledged"))
      << s.error_message();
  s = h().Move(body_key_, submitted.name(), v1::APPLICATION_STATE_OFFERED, &app);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  // A body's turn-down gives a body's reason, never one matching gives by itself.
  s = h().Move(body_key_, submitted.name(), v1::APPLICATION_STATE_UNSUCCESSFUL, &app,
               v1::UNSUCCESSFUL_REASON_ROLE_FILLED);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ASSERT_TRUE(h().Move(body_key_, submitted.name(), v1::APPLICATION_STATE_UNSUCCESSFUL, &app,
                       v1::UNSUCCESSFUL_REASON_NOT_SHORTLISTED)
                  .ok());
  EXPECT_EQ(app.unsuccessful_reason(), v1::UNSUCCESSFUL_REASON_NOT_SHORTLISTED);
  EXPECT_TRUE(app.has_acknowledge_time());  // turned down unacknowledged: acknowledged first
  s = h().Move(person_.key(), submitted.name(), v1::APPLICATION_STATE_WITHDRAWN, &app);
  EXPECT_TRUE(absl::StrContains(s.error_message(), "is unsuccessful and cannot become withdrawn"))
      << s.error_message();
}

TEST_F(ApplicationsTest, ABodyNeverSeesAnotherBodysApplicantsNorAPersonAnothersApplications) {
  const std::string other_body = h().BodyWithKey("RYJ");
  const v1::SignUpResponse other = h().SignUp("bo@example.org");
  const v1::Application app = h().Apply(person_.key(), role_);
  v1::GetApplicationRequest get;
  get.set_name(app.name());
  v1::Application out;
  EXPECT_EQ(h().stub().GetApplication(CallContext(other_body).get(), get, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(h().stub().GetApplication(CallContext(other.key()).get(), get, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(h().stub().GetApplication(CallContext().get(), get, &out).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(h().Move(other_body, app.name(), v1::APPLICATION_STATE_ACKNOWLEDGED, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::ListApplicationsRequest list;
  list.set_role(role_);
  v1::ListApplicationsResponse listed;
  EXPECT_EQ(h().stub().ListApplications(CallContext(other_body).get(), list, &listed).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  list.Clear();
  list.set_body("bodies/RXF");
  EXPECT_EQ(h().stub().ListApplications(CallContext(other_body).get(), list, &listed).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  list.Clear();
  list.set_applicant(person_.applicant().name());
  EXPECT_EQ(h().stub().ListApplications(CallContext(other.key()).get(), list, &listed).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::RankApplicantsRequest rank;
  rank.set_role(role_);
  v1::RankApplicantsResponse ranked;
  EXPECT_EQ(h().stub().RankApplicants(CallContext(other_body).get(), rank, &ranked).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // The body's own view: its applicant, ranked, with the parts and the screening.
  ASSERT_TRUE(h().stub().RankApplicants(CallContext(body_key_).get(), rank, &ranked).ok());
  ASSERT_EQ(ranked.applicants_size(), 1);
  EXPECT_EQ(ranked.applicants(0).score().parts_size(), 6);
  EXPECT_EQ(ranked.applicants(0).screening().checks_size(), 6);
  EXPECT_EQ(ranked.applicants(0).display_name(), "Ada Example");
  // Its reasons speak of the person to the body, not to them.
  EXPECT_TRUE(absl::StartsWith(ranked.applicants(0).screening().summary(), "they meet "))
      << ranked.applicants(0).screening().summary();
  for (const v1::ScorePart& part : ranked.applicants(0).score().parts()) {
    EXPECT_FALSE(absl::StrContains(part.reason(), "you")) << part.reason();
  }
}

TEST_F(ApplicationsTest, OneLiveApplicationARoleAndACapOnThoseAwaitingADecision) {
  const v1::Application first = h().Apply(person_.key(), role_);
  v1::SubmitApplicationRequest again;
  again.set_role(role_);
  again.set_statement("Again.");
  v1::Application out;
  grpc::Status s = h().stub().SubmitApplication(CallContext(person_.key()).get(), again, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_TRUE(absl::StrContains(s.error_message(), first.name())) << s.error_message();
  // Withdrawn, it no longer counts: the person may apply again.
  ASSERT_TRUE(h().Move(person_.key(), first.name(), v1::APPLICATION_STATE_WITHDRAWN, &out).ok());
  ASSERT_TRUE(h().stub().SubmitApplication(CallContext(person_.key()).get(), again, &out).ok());
}

TEST_F(ApplicationsTest, BadInputNamesTheField) {
  v1::SubmitApplicationRequest request;
  request.set_role(role_);
  request.set_statement(std::string(3001, 'a'));
  v1::Application out;
  grpc::Status s = h().stub().SubmitApplication(CallContext(person_.key()).get(), request, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(absl::StartsWith(s.error_message(), "statement")) << s.error_message();
  request.set_statement("fine");
  request.set_role("roles/abc");
  s = h().stub().SubmitApplication(CallContext(person_.key()).get(), request, &out);
  EXPECT_TRUE(absl::StartsWith(s.error_message(), "role")) << s.error_message();
  // A body's key cannot apply.
  request.set_role(role_);
  EXPECT_EQ(h().stub().SubmitApplication(CallContext(body_key_).get(), request, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  const v1::Application app = h().Apply(person_.key(), role_);
  ASSERT_TRUE(h().Move(body_key_, app.name(), v1::APPLICATION_STATE_SHORTLISTED, &out).ok());
  v1::MoveApplicationRequest offer;
  offer.set_name(app.name());
  offer.set_state(v1::APPLICATION_STATE_OFFERED);
  *offer.mutable_reply_by_time() =
      TimeUtil::SecondsToTimestamp(absl::ToUnixSeconds(h().clock().Now() + absl::Minutes(5)));
  s = h().stub().MoveApplication(CallContext(body_key_).get(), offer, &out);
  EXPECT_TRUE(absl::StartsWith(s.error_message(), "reply_by_time")) << s.error_message();
  EXPECT_EQ(h().Read(app.name()).state(), v1::APPLICATION_STATE_SHORTLISTED);  // nothing written
}

TEST_F(ApplicationsTest, AnApplicationNotAcknowledgedInFiveWorkingDaysIsOverdue) {
  // The clock starts on Monday 2 November 2026: due by the end of Monday 9 November.
  const v1::Application app = h().Apply(person_.key(), role_);
  v1::ListApplicationsRequest list;
  list.set_overdue_only(true);
  v1::ListApplicationsResponse listed;
  h().clock().Advance(absl::Hours(24 * 7));  // Monday 9 November, 10:00: not yet
  ASSERT_TRUE(h().stub().ListApplications(CallContext(body_key_).get(), list, &listed).ok());
  EXPECT_EQ(listed.applications_size(), 0);
  h().clock().Advance(absl::Hours(24));  // Tuesday 10 November
  ASSERT_TRUE(h().stub().ListApplications(CallContext(body_key_).get(), list, &listed).ok());
  ASSERT_EQ(listed.applications_size(), 1);
  EXPECT_TRUE(listed.applications(0).overdue());
  EXPECT_EQ(listed.overdue(), 1);
  EXPECT_EQ(listed.awaiting_acknowledgement(), 1);
  // The person sees it too, with who owes the next step.
  EXPECT_TRUE(h().Read(app.name()).overdue());
}

TEST_F(ApplicationsTest, AnOfferLapsesAtItsReplyByTime) {
  const v1::Application app = h().Apply(person_.key(), role_);
  v1::Application out;
  ASSERT_TRUE(h().Move(body_key_, app.name(), v1::APPLICATION_STATE_SHORTLISTED, &out).ok());
  ASSERT_TRUE(h().Move(body_key_, app.name(), v1::APPLICATION_STATE_OFFERED, &out).ok());
  ASSERT_EQ(*h().app().LapseOffersNow(), 0);
  h().clock().Advance(absl::Hours(24 * 14 + 1));
  grpc::Status s = h().Move(person_.key(), app.name(), v1::APPLICATION_STATE_ACCEPTED, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_TRUE(absl::StrContains(s.error_message(), "lapsed")) << s.error_message();
  ASSERT_EQ(*h().app().LapseOffersNow(), 1);
  const v1::Application lapsed = h().Read(app.name());
  EXPECT_EQ(lapsed.state(), v1::APPLICATION_STATE_UNSUCCESSFUL);
  EXPECT_EQ(lapsed.unsuccessful_reason(), v1::UNSUCCESSFUL_REASON_OFFER_LAPSED);
  EXPECT_EQ(*h().app().LapseOffersNow(), 0);
}

TEST_F(ApplicationsTest, FromItsClosingTimeARoleTakesNoApplicationsButSelectionGoesOn) {
  v1::Role role = MatchingHarness::RoleFor("RXF", 1);
  *role.mutable_closing_time() =
      TimeUtil::SecondsToTimestamp(absl::ToUnixSeconds(h().clock().Now() + absl::Hours(2)));
  const std::string closing = h().OpenRole(body_key_, role);
  const v1::Application app = h().Apply(person_.key(), closing);
  h().clock().Advance(absl::Hours(3));
  const v1::SignUpResponse late = h().SignUp("late@example.org");
  v1::SubmitApplicationRequest request;
  request.set_role(closing);
  request.set_statement("Late.");
  v1::Application out;
  grpc::Status s = h().stub().SubmitApplication(CallContext(late.key()).get(), request, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_TRUE(absl::StrContains(s.error_message(), "closed for applications at 2026-11-02 12:00"))
      << s.error_message();
  // The body goes on selecting.
  ASSERT_TRUE(h().Move(body_key_, app.name(), v1::APPLICATION_STATE_SHORTLISTED, &out).ok());
  ASSERT_TRUE(h().Move(body_key_, app.name(), v1::APPLICATION_STATE_OFFERED, &out).ok());
}

TEST_F(ApplicationsTest, ExportHoldsThePersonsApplicationsAndErasureRemovesThem) {
  const v1::Application app = h().Apply(person_.key(), role_);
  v1::ExportMyDataRequest export_request;
  v1::ExportMyDataResponse exported;
  ASSERT_TRUE(
      h().stub().ExportMyData(CallContext(person_.key()).get(), export_request, &exported).ok());
  EXPECT_TRUE(absl::StrContains(exported.json(), app.name()));
  EXPECT_TRUE(absl::StrContains(exported.json(), "twenty years"));
  v1::EraseApplicantRequest erase;
  erase.set_applicant(person_.applicant().name());
  v1::EraseApplicantResponse erased;
  ASSERT_TRUE(h().stub().EraseApplicant(CallContext(kAdminKey).get(), erase, &erased).ok());
  v1::GetApplicationRequest get;
  get.set_name(app.name());
  v1::Application out;
  EXPECT_EQ(h().stub().GetApplication(CallContext(body_key_).get(), get, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::ListApplicationsRequest list;
  list.set_role(role_);
  v1::ListApplicationsResponse listed;
  ASSERT_TRUE(h().stub().ListApplications(CallContext(body_key_).get(), list, &listed).ok());
  EXPECT_EQ(listed.applications_size(), 0);
}

TEST_F(ApplicationsTest, RankingFavoursThoseHoldingFewerPlacements) {
  // Ada takes a place in another role first; Bo holds none. Their profiles are the same.
  const std::string other_role = h().OpenRole(body_key_, MatchingHarness::RoleFor("RXF", 1));
  const v1::Application taken = h().Apply(person_.key(), other_role);
  v1::Application out;
  ASSERT_TRUE(h().Move(body_key_, taken.name(), v1::APPLICATION_STATE_SHORTLISTED, &out).ok());
  ASSERT_TRUE(h().Move(body_key_, taken.name(), v1::APPLICATION_STATE_OFFERED, &out).ok());
  ASSERT_TRUE(h().Move(person_.key(), taken.name(), v1::APPLICATION_STATE_ACCEPTED, &out).ok());
  const v1::SignUpResponse bo = h().SignUp("bo@example.org");
  h().Apply(person_.key(), role_);
  h().Apply(bo.key(), role_);

  v1::RankApplicantsRequest rank;
  rank.set_role(role_);
  v1::RankApplicantsResponse ranked;
  ASSERT_TRUE(h().stub().RankApplicants(CallContext(body_key_).get(), rank, &ranked).ok());
  ASSERT_EQ(ranked.applicants_size(), 2);
  EXPECT_EQ(ranked.total(), 2);
  EXPECT_EQ(ranked.applicants(0).application().applicant(), bo.applicant().name());
  const auto spread = [](const v1::ApplicantMatch& m) {
    for (const v1::ScorePart& part : m.score().parts()) {
      if (part.part() == "spread") return part.points();
    }
    return -1.0;
  };
  EXPECT_DOUBLE_EQ(spread(ranked.applicants(0)), 30);  // none held
  EXPECT_DOUBLE_EQ(spread(ranked.applicants(1)), 12);  // 30 / (1 + 1 + 0.5 x 1)
  // Paged one at a time, the same order.
  rank.set_page_size(1);
  ASSERT_TRUE(h().stub().RankApplicants(CallContext(body_key_).get(), rank, &ranked).ok());
  ASSERT_EQ(ranked.applicants_size(), 1);
  EXPECT_EQ(ranked.applicants(0).application().applicant(), bo.applicant().name());
  rank.set_page_token(ranked.next_page_token());
  ASSERT_TRUE(h().stub().RankApplicants(CallContext(body_key_).get(), rank, &ranked).ok());
  ASSERT_EQ(ranked.applicants_size(), 1);
  EXPECT_EQ(ranked.applicants(0).application().applicant(), person_.applicant().name());
  EXPECT_TRUE(ranked.next_page_token().empty());
}

TEST_F(ApplicationsTest, TheScreeningSpeaksToThePersonAndOfThemToTheBody) {
  const v1::Application app = h().Apply(person_.key(), role_);
  ASSERT_TRUE(absl::StartsWith(app.screening().summary(), "you meet ")) << app.DebugString();
  v1::GetApplicationRequest get;
  get.set_name(app.name());
  v1::Application theirs;
  ASSERT_TRUE(h().stub().GetApplication(CallContext(person_.key()).get(), get, &theirs).ok());
  EXPECT_EQ(theirs.screening().summary(), app.screening().summary());
  v1::Application bodys;
  ASSERT_TRUE(h().stub().GetApplication(CallContext(body_key_).get(), get, &bodys).ok());
  EXPECT_TRUE(absl::StartsWith(bodys.screening().summary(), "they meet "))
      << bodys.screening().summary();
  v1::ListApplicationsRequest list;
  list.set_role(role_);
  v1::ListApplicationsResponse listed;
  ASSERT_TRUE(h().stub().ListApplications(CallContext(body_key_).get(), list, &listed).ok());
  ASSERT_EQ(listed.applications_size(), 1);
  EXPECT_EQ(listed.applications(0).screening().summary(), bodys.screening().summary());
  list.Clear();
  ASSERT_TRUE(h().stub().ListApplications(CallContext(person_.key()).get(), list, &listed).ok());
  ASSERT_EQ(listed.applications_size(), 1);
  EXPECT_EQ(listed.applications(0).screening().summary(), app.screening().summary());
  v1::Application moved;
  ASSERT_TRUE(h().Move(body_key_, app.name(), v1::APPLICATION_STATE_ACKNOWLEDGED, &moved).ok());
  EXPECT_EQ(moved.screening().summary(), bodys.screening().summary());
}

TEST_F(ApplicationsTest, RankingCountsTheStepsAwaitedAsTheListDoes) {
  // Ada's application is acknowledged, Bo's submitted, Cy's withdrawn.
  const v1::Application ada = h().Apply(person_.key(), role_);
  v1::Application out;
  ASSERT_TRUE(h().Move(body_key_, ada.name(), v1::APPLICATION_STATE_ACKNOWLEDGED, &out).ok());
  h().Apply(h().SignUp("bo@example.org").key(), role_);
  const v1::SignUpResponse cy = h().SignUp("cy@example.org");
  const v1::Application cys = h().Apply(cy.key(), role_);
  ASSERT_TRUE(h().Move(cy.key(), cys.name(), v1::APPLICATION_STATE_WITHDRAWN, &out).ok());

  v1::ListApplicationsRequest list;
  list.set_role(role_);
  v1::ListApplicationsResponse listed;
  ASSERT_TRUE(h().stub().ListApplications(CallContext(body_key_).get(), list, &listed).ok());
  // Only the acknowledged ones are ranked; the counts are of all the role's applications.
  v1::RankApplicantsRequest rank;
  rank.set_role(role_);
  rank.set_state(v1::APPLICATION_STATE_ACKNOWLEDGED);
  v1::RankApplicantsResponse ranked;
  ASSERT_TRUE(h().stub().RankApplicants(CallContext(body_key_).get(), rank, &ranked).ok());
  ASSERT_EQ(ranked.applicants_size(), 1);
  EXPECT_EQ(ranked.applicants(0).application().name(), ada.name());
  EXPECT_EQ(ranked.awaiting_acknowledgement(), 1);
  EXPECT_EQ(ranked.awaiting_shortlisting(), 1);
  EXPECT_EQ(ranked.awaiting_offer(), 0);
  EXPECT_EQ(ranked.awaiting_reply(), 0);
  EXPECT_EQ(ranked.awaiting_acknowledgement(), listed.awaiting_acknowledgement());
  EXPECT_EQ(ranked.awaiting_shortlisting(), listed.awaiting_shortlisting());
  EXPECT_EQ(ranked.overdue(), listed.overdue());
}

TEST_F(ApplicationsTest, ALeaderEndsAPlacementEarlyWithAReason) {
  const v1::Application app = h().Apply(person_.key(), role_);
  v1::Application out;
  ASSERT_TRUE(h().Move(body_key_, app.name(), v1::APPLICATION_STATE_SHORTLISTED, &out).ok());
  ASSERT_TRUE(h().Move(body_key_, app.name(), v1::APPLICATION_STATE_OFFERED, &out).ok());
  ASSERT_TRUE(h().Move(person_.key(), app.name(), v1::APPLICATION_STATE_ACCEPTED, &out).ok());
  v1::EndPlacementRequest end;
  end.set_name(out.placement());
  end.set_state(v1::PLACEMENT_STATE_ENDED_EARLY);
  v1::Placement placement;
  grpc::Status s = h().stub().EndPlacement(CallContext(person_.key()).get(), end, &placement);
  EXPECT_TRUE(absl::StartsWith(s.error_message(), "reason")) << s.error_message();
  end.set_reason("moving away from the area");
  ASSERT_TRUE(h().stub().EndPlacement(CallContext(person_.key()).get(), end, &placement).ok());
  EXPECT_EQ(placement.ended_by(), "applicant");
  v1::ListPlacementsRequest list;
  v1::ListPlacementsResponse listed;
  ASSERT_TRUE(h().stub().ListPlacements(CallContext(body_key_).get(), list, &listed).ok());
  ASSERT_EQ(listed.placements_size(), 1);
  EXPECT_EQ(listed.placements(0).state(), v1::PLACEMENT_STATE_ENDED_EARLY);
}

}  // namespace
}  // namespace cadre::testing
