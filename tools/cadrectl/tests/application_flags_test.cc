// Flags → requests of the applications, placements and match commands: names, enum
// labels, times, paging, and refusals that name the flag. No server.

#include "tools/cadrectl/application_flags.h"

#include <gtest/gtest.h>

#include "tools/cadrectl/errors.h"
#include "tools/cadrectl/times.h"

namespace cadre::cadrectl {
namespace {

namespace v1 = cadre::v1;

ParsedArgs Args(const std::vector<std::pair<std::string, std::string>>& flags) {
  ParsedArgs args;
  for (const auto& [name, value] : flags) EXPECT_TRUE(args.Set(name, value).ok()) << name;
  return args;
}

void ExpectUsageError(const absl::Status& status, absl::string_view mentions) {
  EXPECT_TRUE(IsUsageError(status)) << status;
  EXPECT_NE(status.message().find(std::string(mentions)), std::string::npos) << status;
}

const absl::Time kNow =
    absl::FromCivil(absl::CivilSecond(2026, 6, 9, 12, 0, 0), absl::UTCTimeZone());

TEST(SubmitRequestTest, RoleStatementAndRequestId) {
  auto request =
      SubmitRequestFromFlags(Args({{"role", "42"}, {"statement", "I use the service."}}), "r-1");
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->role(), "roles/42");
  EXPECT_EQ(request->statement(), "I use the service.");
  EXPECT_EQ(request->request_id(), "r-1");
}

TEST(SubmitRequestTest, RefusalsNameTheFlag) {
  ExpectUsageError(SubmitRequestFromFlags(Args({{"statement", "x"}}), "").status(), "--role");
  ExpectUsageError(SubmitRequestFromFlags(Args({{"role", "roles/1"}}), "").status(), "--statement");
  ExpectUsageError(
      SubmitRequestFromFlags(Args({{"role", "roles/1"}, {"statement", ""}}), "").status(),
      "--statement");
  ExpectUsageError(
      SubmitRequestFromFlags(Args({{"role", "bodies/RXF"}, {"statement", "x"}}), "").status(),
      "--role");
}

TEST(ListApplicationsRequestTest, FiltersAndPaging) {
  auto request = ListApplicationsRequestFromFlags(Args({{"role", "roles/7"},
                                                        {"state", "acknowledged"},
                                                        {"overdue-only", "true"},
                                                        {"page-size", "50"},
                                                        {"page-token", "abc"}}));
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->role(), "roles/7");
  EXPECT_TRUE(request->applicant().empty());
  EXPECT_EQ(request->state(), v1::APPLICATION_STATE_ACKNOWLEDGED);
  EXPECT_TRUE(request->overdue_only());
  EXPECT_EQ(request->page_size(), 50);
  EXPECT_EQ(request->page_token(), "abc");

  auto body = ListApplicationsRequestFromFlags(Args({{"body", "RXF"}}));
  ASSERT_TRUE(body.ok()) << body.status();
  EXPECT_EQ(body->body(), "bodies/RXF");
  EXPECT_EQ(body->state(), v1::APPLICATION_STATE_UNSPECIFIED);
  auto mine = ListApplicationsRequestFromFlags(Args({{"applicant", "abcdefghijklmnop"}}));
  ASSERT_TRUE(mine.ok()) << mine.status();
  EXPECT_EQ(mine->applicant(), "applicants/abcdefghijklmnop");
}

TEST(ListApplicationsRequestTest, Refusals) {
  ExpectUsageError(
      ListApplicationsRequestFromFlags(Args({{"role", "roles/7"}, {"body", "RXF"}})).status(),
      "at most one");
  ExpectUsageError(ListApplicationsRequestFromFlags(Args({{"state", "pending"}})).status(),
                   "submitted, acknowledged");
  ExpectUsageError(ListApplicationsRequestFromFlags(Args({{"role", "bodies/RXF"}})).status(),
                   "--role");
  ExpectUsageError(ListApplicationsRequestFromFlags(Args({{"page-size", "101"}})).status(),
                   "--page-size");
  ExpectUsageError(ListApplicationsRequestFromFlags(Args({{"overdue-only", "maybe"}})).status(),
                   "--overdue-only");
}

TEST(MoveRequestTest, EachMoveCarriesItsState) {
  for (v1::ApplicationState to :
       {v1::APPLICATION_STATE_ACKNOWLEDGED, v1::APPLICATION_STATE_SHORTLISTED,
        v1::APPLICATION_STATE_WITHDRAWN, v1::APPLICATION_STATE_ACCEPTED,
        v1::APPLICATION_STATE_DECLINED}) {
    auto request = MoveRequestFromFlags(Args({{"etag", "3"}}), "abc", to, kNow);
    ASSERT_TRUE(request.ok()) << request.status();
    EXPECT_EQ(request->name(), "applications/abc");
    EXPECT_EQ(request->state(), to);
    EXPECT_EQ(request->etag(), "3");
    EXPECT_FALSE(request->has_reply_by_time());
    EXPECT_EQ(request->reason(), v1::UNSUCCESSFUL_REASON_UNSPECIFIED);
  }
}

TEST(MoveRequestTest, OfferWithReplyByAndNote) {
  auto request = MoveRequestFromFlags(Args({{"reply-by", "7d"}, {"note", "Welcome!"}}),
                                      "applications/abc", v1::APPLICATION_STATE_OFFERED, kNow);
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(FromProto(request->reply_by_time()), kNow + absl::Hours(7 * 24));
  EXPECT_EQ(request->note(), "Welcome!");

  auto at = MoveRequestFromFlags(Args({{"reply-by", "2026-06-20T17:00:00Z"}}), "abc",
                                 v1::APPLICATION_STATE_OFFERED, kNow);
  ASSERT_TRUE(at.ok()) << at.status();
  EXPECT_EQ(FromProto(at->reply_by_time()),
            absl::FromCivil(absl::CivilSecond(2026, 6, 20, 17, 0, 0), absl::UTCTimeZone()));
  ExpectUsageError(
      MoveRequestFromFlags(Args({{"reply-by", "soon"}}), "abc", v1::APPLICATION_STATE_OFFERED, kNow)
          .status(),
      "--reply-by");
}

TEST(MoveRequestTest, TurnDownNeedsAReason) {
  auto request = MoveRequestFromFlags(Args({{"reason", "requirements-not-met"}, {"note", "Sorry"}}),
                                      "abc", v1::APPLICATION_STATE_UNSUCCESSFUL, kNow);
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->reason(), v1::UNSUCCESSFUL_REASON_REQUIREMENTS_NOT_MET);
  EXPECT_EQ(request->note(), "Sorry");
  auto proto_name = MoveRequestFromFlags(Args({{"reason", "UNSUCCESSFUL_REASON_NOT_SELECTED"}}),
                                         "abc", v1::APPLICATION_STATE_UNSUCCESSFUL, kNow);
  ASSERT_TRUE(proto_name.ok()) << proto_name.status();
  EXPECT_EQ(proto_name->reason(), v1::UNSUCCESSFUL_REASON_NOT_SELECTED);

  ExpectUsageError(
      MoveRequestFromFlags(Args({}), "abc", v1::APPLICATION_STATE_UNSUCCESSFUL, kNow).status(),
      "--reason");
  ExpectUsageError(MoveRequestFromFlags(Args({{"reason", "too-keen"}}), "abc",
                                        v1::APPLICATION_STATE_UNSUCCESSFUL, kNow)
                       .status(),
                   "not-shortlisted");
  ExpectUsageError(
      MoveRequestFromFlags(Args({}), "roles/1", v1::APPLICATION_STATE_WITHDRAWN, kNow).status(),
      "APPLICATION");
}

TEST(PlacementRequestsTest, ListEndAndPaymentChoice) {
  auto list = ListPlacementsRequestFromFlags(Args({{"state", "ended-early"}, {"body", "RXF"}}));
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_EQ(list->state(), v1::PLACEMENT_STATE_ENDED_EARLY);
  EXPECT_EQ(list->body(), "bodies/RXF");
  ExpectUsageError(
      ListPlacementsRequestFromFlags(Args({{"applicant", "a"}, {"role", "1"}})).status(),
      "at most one");

  auto complete = EndRequestFromFlags(Args({{"etag", "9"}}), "p1", v1::PLACEMENT_STATE_COMPLETED);
  ASSERT_TRUE(complete.ok()) << complete.status();
  EXPECT_EQ(complete->name(), "placements/p1");
  EXPECT_EQ(complete->state(), v1::PLACEMENT_STATE_COMPLETED);
  EXPECT_EQ(complete->etag(), "9");
  EXPECT_TRUE(complete->reason().empty());

  auto early = EndRequestFromFlags(Args({{"reason", "moved away"}}), "placements/p1",
                                   v1::PLACEMENT_STATE_ENDED_EARLY);
  ASSERT_TRUE(early.ok()) << early.status();
  EXPECT_EQ(early->state(), v1::PLACEMENT_STATE_ENDED_EARLY);
  EXPECT_EQ(early->reason(), "moved away");
  ExpectUsageError(
      EndRequestFromFlags(Args({{"reason", "no"}}), "p1", v1::PLACEMENT_STATE_ENDED_EARLY).status(),
      "--reason");
  ExpectUsageError(
      EndRequestFromFlags(Args({}), "applications/p1", v1::PLACEMENT_STATE_COMPLETED).status(),
      "PLACEMENT");

  auto choice = PaymentChoiceRequestFromFlags(Args({{"choice", "expenses-only"}}), "p1");
  ASSERT_TRUE(choice.ok()) << choice.status();
  EXPECT_EQ(choice->name(), "placements/p1");
  EXPECT_EQ(choice->choice(), v1::PAYMENT_CHOICE_EXPENSES_ONLY);
  ExpectUsageError(PaymentChoiceRequestFromFlags(Args({}), "p1").status(), "--choice");
  ExpectUsageError(PaymentChoiceRequestFromFlags(Args({{"choice", "cash"}}), "p1").status(),
                   "take-payment, expenses-only, decline-payment");
}

TEST(MatchRequestsTest, RecommendAndRank) {
  auto recommend = RecommendRequestFromFlags(Args(
      {{"applicant", "abcdefghijklmnop"}, {"include-ineligible", "true"}, {"page-size", "50"}}));
  ASSERT_TRUE(recommend.ok()) << recommend.status();
  EXPECT_EQ(recommend->applicant(), "applicants/abcdefghijklmnop");
  EXPECT_TRUE(recommend->include_ineligible());
  EXPECT_EQ(recommend->page_size(), 50);
  ExpectUsageError(RecommendRequestFromFlags(Args({{"page-size", "51"}})).status(), "--page-size");
  auto one = RecommendRequestFromFlags(Args({{"role", "7"}}));
  ASSERT_TRUE(one.ok()) << one.status();
  EXPECT_EQ(one->role(), "roles/7");

  auto rank = RankRequestFromFlags(Args({{"role", "roles/7"}, {"state", "shortlisted"}}));
  ASSERT_TRUE(rank.ok()) << rank.status();
  EXPECT_EQ(rank->role(), "roles/7");
  EXPECT_EQ(rank->state(), v1::APPLICATION_STATE_SHORTLISTED);
  ExpectUsageError(RankRequestFromFlags(Args({})).status(), "--role");
  ExpectUsageError(RankRequestFromFlags(Args({{"role", "7"}, {"state", "lost"}})).status(),
                   "--state");
}

}  // namespace
}  // namespace cadre::cadrectl
