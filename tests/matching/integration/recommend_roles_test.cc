// Recommendations over gRPC against a real Redis and a real in-process registry: the
// parts of each score, roles applied to left out, and one named role screened (the
// gateway's apply page) whether or not the person is eligible.

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

using RecommendRolesTest = OneRoleTest;

TEST_F(RecommendRolesTest, RecommendationsComeWithTheirPartsAndLeaveOutRolesAppliedTo) {
  v1::Role far = MatchingHarness::RoleFor("RXF", 1);
  far.set_title("Lay member, North West maternity panel");
  far.mutable_location()->set_mode(v1::ATTENDANCE_MODE_IN_PERSON);
  far.mutable_location()->set_region(v1::REGION_NORTH_WEST);
  const std::string elsewhere = h().OpenRole(body_key_, far);
  v1::RecommendRolesRequest request;
  v1::RecommendRolesResponse response;
  ASSERT_TRUE(h().stub().RecommendRoles(CallContext(person_.key()).get(), request, &response).ok());
  ASSERT_EQ(response.matches_size(), 1);  // the in-person role elsewhere is not eligible
  EXPECT_EQ(response.matches(0).role(), role_);
  EXPECT_EQ(response.matches(0).score().parts_size(), 6);
  EXPECT_TRUE(response.matches(0).screening().eligible());
  EXPECT_TRUE(absl::StrContains(response.matches(0).why(), "diabetes"))
      << response.matches(0).why();
  EXPECT_EQ(response.open_roles(), 2);
  double total = 0;
  for (const v1::ScorePart& part : response.matches(0).score().parts()) total += part.points();
  EXPECT_DOUBLE_EQ(total, response.matches(0).score().total());

  request.set_include_ineligible(true);
  ASSERT_TRUE(h().stub().RecommendRoles(CallContext(person_.key()).get(), request, &response).ok());
  ASSERT_EQ(response.matches_size(), 2);
  EXPECT_EQ(response.matches(1).role(), elsewhere);
  EXPECT_FALSE(response.matches(1).screening().eligible());

  h().Apply(person_.key(), role_);
  request.set_include_ineligible(false);
  ASSERT_TRUE(h().stub().RecommendRoles(CallContext(person_.key()).get(), request, &response).ok());
  EXPECT_EQ(response.matches_size(), 0);
  // Recommendations are the person's own: a body cannot ask for them.
  EXPECT_EQ(
      h().stub().RecommendRoles(CallContext(body_key_).get(), request, &response).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  // The policy is public.
  v1::ScoringPolicy policy;
  ASSERT_TRUE(h().stub()
                  .GetScoringPolicy(CallContext().get(), v1::GetScoringPolicyRequest(), &policy)
                  .ok());
  EXPECT_EQ(policy.weights_size(), 6);
  EXPECT_DOUBLE_EQ(policy.total_weight(), 100);
}

// The apply page's question: how does this person screen against one role, before they
// apply?
TEST_F(RecommendRolesTest, OneRoleIsScreenedEvenWhenThePersonIsNotEligibleForIt) {
  v1::Role needs_dbs = MatchingHarness::RoleFor("RXF", 1);
  needs_dbs.add_required_credentials("dbs-enhanced");
  const std::string role = h().OpenRole(body_key_, needs_dbs);
  v1::RecommendRolesRequest request;
  request.set_role(role);
  request.set_page_size(-1);              // ignored for one role
  request.set_page_token("not a token");  // likewise
  v1::RecommendRolesResponse response;
  grpc::Status s = h().stub().RecommendRoles(CallContext(person_.key()).get(), request, &response);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(response.matches_size(), 1);
  const v1::RoleMatch& match = response.matches(0);
  EXPECT_EQ(match.role(), role);
  EXPECT_EQ(match.body(), "bodies/RXF");
  EXPECT_FALSE(match.screening().eligible());
  EXPECT_EQ(match.screening().summary(),
            "you meet 5 of 6 requirements: you need an enhanced DBS check");
  ASSERT_EQ(match.screening().checks_size(), 6);
  bool named = false;
  for (const v1::ScreeningCheck& check : match.screening().checks()) {
    if (!check.passed()) named = absl::StrContains(check.reason(), "enhanced DBS check");
  }
  EXPECT_TRUE(named);
  EXPECT_EQ(match.score().parts_size(), 6);
  EXPECT_GT(match.score().total(), 0);
  EXPECT_FALSE(match.why().empty());
  EXPECT_EQ(response.roles_considered(), 1);
  EXPECT_EQ(response.roles_scored(), 1);
  EXPECT_EQ(response.open_roles(), 2);
  EXPECT_TRUE(response.next_page_token().empty());

  // The same score and screening as the list of recommendations gives it.
  v1::RecommendRolesRequest all;
  all.set_include_ineligible(true);
  v1::RecommendRolesResponse listed;
  ASSERT_TRUE(h().stub().RecommendRoles(CallContext(person_.key()).get(), all, &listed).ok());
  ASSERT_EQ(listed.matches_size(), 2);
  const v1::RoleMatch& same = listed.matches(1);
  ASSERT_EQ(same.role(), role);
  EXPECT_EQ(same.SerializeAsString(), match.SerializeAsString());
}

TEST_F(RecommendRolesTest, OneRoleIsAnsweredWhenThePersonAlreadyAppliedToIt) {
  h().Apply(person_.key(), role_);
  v1::RecommendRolesRequest request;
  request.set_role(role_);
  v1::RecommendRolesResponse response;
  ASSERT_TRUE(h().stub().RecommendRoles(CallContext(person_.key()).get(), request, &response).ok());
  ASSERT_EQ(response.matches_size(), 1);
  EXPECT_EQ(response.matches(0).role(), role_);
  EXPECT_TRUE(response.matches(0).screening().eligible());
  EXPECT_EQ(response.matches(0).screening().summary(), "you meet all 6 requirements");
  EXPECT_TRUE(absl::StrContains(response.matches(0).why(), "diabetes"))
      << response.matches(0).why();
  // An admin may ask about the person, naming them.
  request.set_applicant(person_.applicant().name());
  v1::RecommendRolesResponse as_admin;
  ASSERT_TRUE(h().stub().RecommendRoles(CallContext(kAdminKey).get(), request, &as_admin).ok());
  EXPECT_EQ(as_admin.SerializeAsString(), response.SerializeAsString());
}

TEST_F(RecommendRolesTest, OneRoleThatIsNotOpenIsNotFound) {
  v1::RecommendRolesRequest request;
  request.set_role("roles/999999");
  v1::RecommendRolesResponse response;
  grpc::Status s = h().stub().RecommendRoles(CallContext(person_.key()).get(), request, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(s.error_message(), "roles/999999 is not open");
  // Past its closing time a role takes no applications: not open either.
  v1::Role role = MatchingHarness::RoleFor("RXF", 1);
  *role.mutable_closing_time() =
      TimeUtil::SecondsToTimestamp(absl::ToUnixSeconds(h().clock().Now() + absl::Hours(2)));
  const std::string closing = h().OpenRole(body_key_, role);
  request.set_role(closing);
  ASSERT_TRUE(h().stub().RecommendRoles(CallContext(person_.key()).get(), request, &response).ok());
  h().clock().Advance(absl::Hours(3));
  s = h().stub().RecommendRoles(CallContext(person_.key()).get(), request, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(s.error_message(), absl::StrCat(closing, " is not open"));
}

TEST_F(RecommendRolesTest, OneRoleNamedBadlyOrForSomeoneElseIsRefused) {
  v1::RecommendRolesRequest request;
  v1::RecommendRolesResponse response;
  for (const char* bad : {"roles/abc", "roles/", "role/1", "roles/01", "roles/-1", "1"}) {
    request.set_role(bad);
    grpc::Status s =
        h().stub().RecommendRoles(CallContext(person_.key()).get(), request, &response);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad;
    EXPECT_TRUE(absl::StartsWith(s.error_message(), "role:")) << s.error_message();
  }
  // Another applicant's key cannot ask about this person, nor can a body's.
  const v1::SignUpResponse other = h().SignUp("bo@example.org");
  request.set_role(role_);
  request.set_applicant(person_.applicant().name());
  EXPECT_EQ(
      h().stub().RecommendRoles(CallContext(other.key()).get(), request, &response).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(
      h().stub().RecommendRoles(CallContext(body_key_).get(), request, &response).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  request.clear_applicant();
  EXPECT_EQ(
      h().stub().RecommendRoles(CallContext(body_key_).get(), request, &response).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  // Their own key answers for themself.
  ASSERT_TRUE(h().stub().RecommendRoles(CallContext(other.key()).get(), request, &response).ok());
  ASSERT_EQ(response.matches_size(), 1);
  EXPECT_EQ(response.matches(0).role(), role_);
}

}  // namespace
}  // namespace cadre::testing
