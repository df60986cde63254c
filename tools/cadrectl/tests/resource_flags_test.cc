#include "tools/cadrectl/resource_flags.h"

#include <gtest/gtest.h>

#include "tools/cadrectl/errors.h"

namespace cadre::cadrectl {
namespace {

namespace v1 = cadre::v1;

ParsedArgs Args(const std::vector<std::pair<std::string, std::string>>& flags,
                const std::vector<std::string>& positionals = {}) {
  ParsedArgs args;
  for (const auto& [name, value] : flags) EXPECT_TRUE(args.Set(name, value).ok()) << name;
  args.positionals = positionals;
  return args;
}

TEST(ApplyRoleFlagsTest, EveryFieldAndItsMaskPath) {
  ParsedArgs args = Args({{"title", "Lay member, quality committee"},
                          {"summary", "Help us"},
                          {"level", "3"},
                          {"rung", "collaborate"},
                          {"hours", "8"},
                          {"duration-months", "12"},
                          {"pattern", "one evening a month"},
                          {"expertise", "finance,governance"},
                          {"topics", "maternity"},
                          {"region", "london"},
                          {"mode", "hybrid"},
                          {"places", "2"},
                          {"closes", "2027-01-31T17:00:00Z"},
                          {"payment", "involvement"},
                          {"rate-pence", "2500"},
                          {"expenses", "true"},
                          {"credentials", "dbs-enhanced, modules/ppv-induction"},
                          {"role-type", "lay-member"}});
  v1::Role role;
  std::set<std::string> paths;
  ASSERT_TRUE(ApplyRoleFlags(args, &role, &paths).ok());
  EXPECT_EQ(role.title(), "Lay member, quality committee");
  EXPECT_EQ(role.level(), v1::INVOLVEMENT_LEVEL_3);
  EXPECT_EQ(role.rung(), v1::ENGAGEMENT_RUNG_COLLABORATE);
  EXPECT_EQ(role.time_commitment().hours_per_month(), 8);
  EXPECT_EQ(role.time_commitment().duration_months(), 12);
  EXPECT_EQ(role.expertise_sought_size(), 2);
  EXPECT_EQ(role.location().region(), v1::REGION_LONDON);
  EXPECT_EQ(role.location().mode(), v1::ATTENDANCE_MODE_HYBRID);
  EXPECT_EQ(role.places(), 2);
  EXPECT_EQ(role.closing_time().seconds(), 1801414800);
  EXPECT_EQ(role.support().payment(), v1::PAYMENT_KIND_INVOLVEMENT);
  EXPECT_EQ(role.support().rate_pence_per_hour(), 2500);
  EXPECT_TRUE(role.support().expenses_paid());
  EXPECT_EQ(role.role_type(), "roleTypes/lay-member");
  ASSERT_EQ(role.required_credentials_size(), 2);
  EXPECT_EQ(role.required_credentials(1), "modules/ppv-induction");
  EXPECT_EQ(paths, (std::set<std::string>{"title", "summary", "level", "rung", "time_commitment",
                                          "expertise_sought", "topics", "location", "places",
                                          "closing_time", "support", "required_credentials",
                                          "role_type"}));
  EXPECT_TRUE(NeedsCurrentRole(paths));
}

TEST(ApplyRoleFlagsTest, OnlyTheFlagsGiven) {
  v1::Role role;
  std::set<std::string> paths;
  ASSERT_TRUE(ApplyRoleFlags(Args({{"title", "New title"}}), &role, &paths).ok());
  EXPECT_EQ(paths, std::set<std::string>{"title"});
  EXPECT_FALSE(NeedsCurrentRole(paths));
}

TEST(ApplyRoleFlagsTest, PartialTimeKeepsTheRest) {
  v1::Role role;
  role.mutable_time_commitment()->set_duration_months(6);
  std::set<std::string> paths;
  ASSERT_TRUE(ApplyRoleFlags(Args({{"hours", "4"}}), &role, &paths).ok());
  EXPECT_EQ(role.time_commitment().hours_per_month(), 4);
  EXPECT_EQ(role.time_commitment().duration_months(), 6);
  EXPECT_TRUE(NeedsCurrentRole(paths));
}

TEST(ApplyRoleFlagsTest, BadValuesNameTheFlag) {
  for (const auto& [flag, value] :
       std::vector<std::pair<std::string, std::string>>{{"level", "5"},
                                                        {"rung", "dictate"},
                                                        {"hours", "201"},
                                                        {"places", "0"},
                                                        {"expertise", "Finance"},
                                                        {"credentials", "modules/"},
                                                        {"credentials", "DBS"},
                                                        {"closes", "next week"},
                                                        {"mode", "telepathy"},
                                                        {"payment", "lots"}}) {
    v1::Role role;
    std::set<std::string> paths;
    absl::Status status = ApplyRoleFlags(Args({{flag, value}}), &role, &paths);
    EXPECT_TRUE(IsUsageError(status)) << flag;
    EXPECT_NE(status.message().find("--" + flag), std::string::npos) << status;
  }
}

TEST(ListRolesFlagsTest, Filters) {
  v1::ListRolesRequest request;
  ASSERT_TRUE(ApplyListRolesFlags(Args({{"body", "RXF"},
                                        {"body-kind", "local-healthwatch"},
                                        {"level", "level-2"},
                                        {"region", "south-east"},
                                        {"in-person", "true"},
                                        {"max-hours", "10"},
                                        {"state", "draft"},
                                        {"query", "dementia"},
                                        {"page-size", "5"}},
                                       {"carers"}),
                                  &request)
                  .ok());
  EXPECT_EQ(request.body(), "bodies/RXF");
  EXPECT_EQ(request.body_kind(), v1::BODY_KIND_LOCAL_HEALTHWATCH);
  EXPECT_EQ(request.level(), v1::INVOLVEMENT_LEVEL_2);
  EXPECT_EQ(request.region(), v1::REGION_SOUTH_EAST);
  ASSERT_TRUE(request.has_remote());
  EXPECT_FALSE(request.remote());
  EXPECT_EQ(request.max_hours_per_month(), 10);
  EXPECT_EQ(request.state(), v1::ROLE_STATE_DRAFT);
  EXPECT_EQ(request.query(), "dementia carers");
  EXPECT_EQ(request.page_size(), 5);
}

TEST(ListRolesFlagsTest, RemoteUnsetUnlessGiven) {
  v1::ListRolesRequest request;
  ASSERT_TRUE(ApplyListRolesFlags(Args({}), &request).ok());
  EXPECT_FALSE(request.has_remote());
  EXPECT_FALSE(request.has_max_hours_per_month());
  EXPECT_TRUE(IsUsageError(
      ApplyListRolesFlags(Args({{"remote", "true"}, {"in-person", "true"}}), &request)));
}

}  // namespace
}  // namespace cadre::cadrectl
