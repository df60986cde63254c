// ValidateGrant, StatusOn, ValidateRevokeReason: what a granter must send, and what a
// credential's status is on a given day.

#include "services/matching/domain/credential_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/matching/unit/test_data.h"
#include "tests/support/status_matchers.h"

namespace cadre::matching {
namespace {

using ::cadre::testing::InvalidAt;
using cadre::v1::Credential;
using testdata::Day;
using testdata::Held;
using testdata::Repeat;
using testdata::Today;
using testdata::ValidDbs;

Credential With(Credential c, const std::function<void(Credential&)>& change) {
  return testdata::With(std::move(c), change);
}

absl::Status Check(const Credential& c) { return ValidateGrant(c, Today(), "credential"); }

TEST(ValidateGrant, AcceptsEachForm) {
  CADRE_EXPECT_OK(Check(ValidDbs("dbs-basic")));
  CADRE_EXPECT_OK(Check(ValidDbs("dbs-standard")));
  CADRE_EXPECT_OK(Check(ValidDbs("dbs-enhanced")));
  CADRE_EXPECT_OK(Check(Held("modules/ppv-induction", Day(2027, 1, 1))));
  CADRE_EXPECT_OK(Check(Held("safeguarding-level-2", Day(2027, 1, 1))));
}

TEST(ValidateGrant, KindIsACredentialName) {
  EXPECT_THAT(Check(Held("", Day(2027, 1, 1))), InvalidAt("credential.kind"));
  for (const char* bad : {"dbs-extra", "modules/", "Mhfa", "ab", "modules/A"}) {
    EXPECT_THAT(Check(Held(bad, Day(2027, 1, 1))), InvalidAt("credential.kind")) << bad;
  }
}

TEST(ValidateGrant, DbsChecksNeedAnIssueDateNotInTheFuture) {
  EXPECT_THAT(Check(With(ValidDbs(), [](Credential& c) { c.clear_issue_date(); })),
              InvalidAt("credential.issue_date"));
  EXPECT_THAT(
      Check(With(ValidDbs(), [](Credential& c) { *c.mutable_issue_date() = Day(2026, 6, 16); })),
      InvalidAt("credential.issue_date"));
  CADRE_EXPECT_OK(
      Check(With(ValidDbs(), [](Credential& c) { *c.mutable_issue_date() = Today(); })));
  EXPECT_THAT(
      Check(With(ValidDbs(), [](Credential& c) { *c.mutable_issue_date() = Day(2025, 2, 29); })),
      InvalidAt("credential.issue_date"));
  // Other kinds may give one, under the same rule.
  CADRE_EXPECT_OK(Check(With(Held("mhfa", Day(2027, 1, 1)),
                             [](Credential& c) { *c.mutable_issue_date() = Day(2026, 1, 1); })));
  EXPECT_THAT(Check(With(Held("mhfa", Day(2027, 1, 1)),
                         [](Credential& c) { *c.mutable_issue_date() = Day(2026, 7, 1); })),
              InvalidAt("credential.issue_date"));
}

TEST(ValidateGrant, UpdateServiceOnlyForDbsAndThenWithACheckedDate) {
  const auto on_service = [](Credential& c) {
    c.set_on_update_service(true);
    *c.mutable_update_service_checked_date() = Day(2026, 6, 1);
  };
  CADRE_EXPECT_OK(Check(With(ValidDbs(), on_service)));
  EXPECT_THAT(Check(With(Held("modules/x", Day(2027, 1, 1)), on_service)),
              InvalidAt("credential.on_update_service"));
  EXPECT_THAT(Check(With(ValidDbs(), [](Credential& c) { c.set_on_update_service(true); })),
              InvalidAt("credential.update_service_checked_date"));
  EXPECT_THAT(Check(With(ValidDbs(),
                         [&](Credential& c) {
                           on_service(c);
                           *c.mutable_update_service_checked_date() = Day(2026, 6, 16);
                         })),
              InvalidAt("credential.update_service_checked_date"));
  EXPECT_THAT(Check(With(ValidDbs(),
                         [](Credential& c) {
                           *c.mutable_update_service_checked_date() = Day(2026, 6, 1);
                         })),
              InvalidAt("credential.update_service_checked_date"));
}

TEST(ValidateGrant, ExpiryIsRequiredAndAfterToday) {
  EXPECT_THAT(Check(With(ValidDbs(), [](Credential& c) { c.clear_expiry_date(); })),
              InvalidAt("credential.expiry_date"));
  EXPECT_THAT(Check(Held("mhfa", Today())), InvalidAt("credential.expiry_date"));
  EXPECT_THAT(Check(Held("mhfa", Day(2026, 6, 14))), InvalidAt("credential.expiry_date"));
  CADRE_EXPECT_OK(Check(Held("mhfa", Day(2026, 6, 16))));
  EXPECT_THAT(Check(Held("mhfa", Day(2201, 1, 1))), InvalidAt("credential.expiry_date"));
  EXPECT_THAT(Check(Held("mhfa", Day(2027, 2, 29))), InvalidAt("credential.expiry_date"));
}

TEST(ValidateGrant, OutputOnlyFieldsAreIgnored) {
  Credential c = With(ValidDbs(), [](Credential& c) {
    c.set_name("not a name");
    c.set_granted_by("someone");
    c.set_status(cadre::v1::CREDENTIAL_STATUS_REVOKED);
    c.set_revoke_reason(Repeat("x", 1000));
    c.mutable_revoke_time()->set_seconds(5);
    c.mutable_grant_time()->set_seconds(5);
  });
  CADRE_EXPECT_OK(Check(c));
  ClearCredentialOutputFields(&c);
  Credential expected = ValidDbs();
  EXPECT_EQ(c.SerializeAsString(), expected.SerializeAsString());
}

TEST(ValidateGrant, UsesThePrefixGiven) {
  EXPECT_THAT(ValidateGrant(Held("", Day(2027, 1, 1)), Today(), "grant"), InvalidAt("grant.kind"));
}

TEST(StatusOn, ValidUntilTheEndOfTheExpiryDay) {
  const Credential c = Held("mhfa", Day(2026, 6, 15));
  EXPECT_EQ(StatusOn(c, Day(2026, 6, 14)), cadre::v1::CREDENTIAL_STATUS_VALID);
  EXPECT_EQ(StatusOn(c, Day(2026, 6, 15)), cadre::v1::CREDENTIAL_STATUS_VALID);
  EXPECT_EQ(StatusOn(c, Day(2026, 6, 16)), cadre::v1::CREDENTIAL_STATUS_EXPIRED);
}

TEST(StatusOn, RevokedWinsOverEverything) {
  Credential c = Held("mhfa", Day(2030, 1, 1));
  c.mutable_revoke_time()->set_seconds(1);
  EXPECT_EQ(StatusOn(c, Today()), cadre::v1::CREDENTIAL_STATUS_REVOKED);
  *c.mutable_expiry_date() = Day(2020, 1, 1);
  EXPECT_EQ(StatusOn(c, Today()), cadre::v1::CREDENTIAL_STATUS_REVOKED);
}

TEST(ValidateRevokeReason, IsThreeToThreeHundredCharacters) {
  CADRE_EXPECT_OK(ValidateRevokeReason("err", "reason"));
  CADRE_EXPECT_OK(ValidateRevokeReason(Repeat("ö", 300), "reason"));
  EXPECT_THAT(ValidateRevokeReason("", "reason"), InvalidAt("reason"));
  EXPECT_THAT(ValidateRevokeReason("no", "reason"), InvalidAt("reason"));
  EXPECT_THAT(ValidateRevokeReason("  no   ", "reason"), InvalidAt("reason"));
  EXPECT_THAT(ValidateRevokeReason(Repeat("ö", 301), "reason"), InvalidAt("reason"));
  EXPECT_THAT(ValidateRevokeReason("bad\xff", "reason"), InvalidAt("reason"));
}

}  // namespace
}  // namespace cadre::matching
