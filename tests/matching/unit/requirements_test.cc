// CheckRequirements: a role's required credentials against what a person holds today.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "services/matching/domain/credential_rules.h"
#include "services/matching/domain/dates.h"
#include "tests/matching/unit/test_data.h"

namespace cadre::matching {
namespace {

using cadre::v1::Credential;
using testdata::Day;
using testdata::Held;
using testdata::Today;

Credential Revoked(Credential c) {
  c.mutable_revoke_time()->set_seconds(1767225600);
  return c;
}

// The outcome for a single requirement.
RequirementCheck One(const std::string& required, const std::vector<Credential>& held) {
  const std::vector<std::string> requirements = {required};
  std::vector<RequirementCheck> checks = CheckRequirements(requirements, held, Today());
  EXPECT_EQ(checks.size(), 1u);
  return checks.empty() ? RequirementCheck() : checks[0];
}

const Credential kValidEnhanced = Held("dbs-enhanced", Day(2027, 1, 1));
const Credential kValidStandard = Held("dbs-standard", Day(2027, 1, 1));
const Credential kValidBasic = Held("dbs-basic", Day(2027, 1, 1));
const Credential kExpiredEnhanced = Held("dbs-enhanced", Day(2026, 1, 1));

struct DbsCase {
  std::string required;
  std::string held;
  bool met;
};

class DbsLevels : public ::testing::TestWithParam<DbsCase> {};

TEST_P(DbsLevels, AHigherLevelMeetsALowerOne) {
  const DbsCase& c = GetParam();
  const RequirementCheck check = One(c.required, {Held(c.held, Day(2027, 1, 1))});
  EXPECT_EQ(check.outcome, c.met ? RequirementOutcome::kMet : RequirementOutcome::kMissing)
      << c.held << " for " << c.required;
}

INSTANTIATE_TEST_SUITE_P(
    EveryPair, DbsLevels,
    ::testing::Values(
        DbsCase{"dbs-basic", "dbs-basic", true}, DbsCase{"dbs-basic", "dbs-standard", true},
        DbsCase{"dbs-basic", "dbs-enhanced", true}, DbsCase{"dbs-standard", "dbs-basic", false},
        DbsCase{"dbs-standard", "dbs-standard", true},
        DbsCase{"dbs-standard", "dbs-enhanced", true}, DbsCase{"dbs-enhanced", "dbs-basic", false},
        DbsCase{"dbs-enhanced", "dbs-standard", false},
        DbsCase{"dbs-enhanced", "dbs-enhanced", true},
        DbsCase{"modules/induction", "dbs-enhanced", false},
        DbsCase{"modules/induction", "modules/induction", true},
        DbsCase{"modules/induction", "modules/inductions", false}, DbsCase{"mhfa", "mhfa", true}));

TEST(CheckRequirements, NothingHeldIsMissing) {
  const RequirementCheck check = One("dbs-basic", {});
  EXPECT_EQ(check.requirement, "dbs-basic");
  EXPECT_EQ(check.outcome, RequirementOutcome::kMissing);
  EXPECT_FALSE(check.expired_on.year());
}

TEST(CheckRequirements, OnlyExpiredIsExpiredWithTheLatestExpiryDate) {
  const RequirementCheck check = One(
      "dbs-standard", {Held("dbs-standard", Day(2025, 3, 1)), kExpiredEnhanced,
                       Held("dbs-enhanced", Day(2024, 8, 1)), Held("dbs-basic", Day(2026, 5, 1))});
  EXPECT_EQ(check.outcome, RequirementOutcome::kExpired);
  // The expired basic check (later) does not meet a standard requirement: 2026-01-01 does.
  EXPECT_EQ(FormatDate(check.expired_on), "2026-01-01");
}

TEST(CheckRequirements, AValidOneWinsOverExpiredOnes) {
  const RequirementCheck check = One("dbs-standard", {kExpiredEnhanced, kValidStandard});
  EXPECT_EQ(check.outcome, RequirementOutcome::kMet);
  EXPECT_FALSE(check.expired_on.year());
}

TEST(CheckRequirements, ExpiresAfterItsExpiryDay) {
  const Credential c = Held("mhfa", Today());
  EXPECT_EQ(One("mhfa", {c}).outcome, RequirementOutcome::kMet);
  const std::vector<std::string> required = {"mhfa"};
  const std::vector<Credential> held = {c};
  const std::vector<RequirementCheck> tomorrow =
      CheckRequirements(required, held, Day(2026, 6, 16));
  EXPECT_EQ(tomorrow[0].outcome, RequirementOutcome::kExpired);
  EXPECT_EQ(FormatDate(tomorrow[0].expired_on), "2026-06-15");
}

TEST(CheckRequirements, RevokedNeverCountsNorMakesItExpired) {
  EXPECT_EQ(One("dbs-basic", {Revoked(kValidEnhanced)}).outcome, RequirementOutcome::kMissing);
  EXPECT_EQ(One("dbs-basic", {Revoked(kExpiredEnhanced)}).outcome, RequirementOutcome::kMissing);
  const RequirementCheck check =
      One("dbs-basic", {Revoked(kValidEnhanced), Held("dbs-basic", Day(2025, 1, 1))});
  EXPECT_EQ(check.outcome, RequirementOutcome::kExpired);
  EXPECT_EQ(FormatDate(check.expired_on), "2025-01-01");
  EXPECT_EQ(One("dbs-basic", {Revoked(kValidEnhanced), kValidBasic}).outcome,
            RequirementOutcome::kMet);
}

TEST(CheckRequirements, OneCheckPerRequirementInOrder) {
  const std::vector<std::string> required = {"modules/induction", "dbs-standard", "mhfa"};
  const std::vector<Credential> held = {kValidEnhanced, Held("mhfa", Day(2026, 1, 1))};
  const std::vector<RequirementCheck> checks = CheckRequirements(required, held, Today());
  ASSERT_EQ(checks.size(), 3u);
  EXPECT_EQ(checks[0].requirement, "modules/induction");
  EXPECT_EQ(checks[0].outcome, RequirementOutcome::kMissing);
  EXPECT_EQ(checks[1].requirement, "dbs-standard");
  EXPECT_EQ(checks[1].outcome, RequirementOutcome::kMet);
  EXPECT_EQ(checks[2].requirement, "mhfa");
  EXPECT_EQ(checks[2].outcome, RequirementOutcome::kExpired);
  EXPECT_FALSE(AllMet(checks));
  EXPECT_TRUE(AllMet(std::vector<RequirementCheck>(checks.begin() + 1, checks.begin() + 2)));
  EXPECT_TRUE(AllMet({}));
  EXPECT_TRUE(CheckRequirements({}, held, Today()).empty());
}

}  // namespace
}  // namespace cadre::matching
