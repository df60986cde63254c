// Equality monitoring, credentials, subject access and the erasure proof, against a real
// Redis and a real in-process registry.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/time/civil_time.h"
#include "tests/matching/integration/matching_harness.h"
#include "tests/support/wait_for.h"

namespace cadre::testing {
namespace {

using cadre::v1::Credential;
using cadre::v1::EqualityMonitoring;

cadre::v1::Date DateOf(absl::CivilDay day) {
  cadre::v1::Date date;
  date.set_year(static_cast<int>(day.year()));
  date.set_month(day.month());
  date.set_day(day.day());
  return date;
}

// The harness's clock starts on 2 November 2026.
Credential Dbs(const std::string& kind) {
  Credential credential;
  credential.set_kind(kind);
  *credential.mutable_issue_date() = DateOf(absl::CivilDay(2026, 6, 1));
  *credential.mutable_expiry_date() = DateOf(absl::CivilDay(2028, 6, 1));
  return credential;
}

grpc::Status Grant(MatchingHarness& h, const std::string& key, const std::string& applicant,
                   const Credential& credential, Credential* out) {
  cadre::v1::GrantCredentialRequest request;
  request.set_applicant(applicant);
  *request.mutable_credential() = credential;
  return h.stub().GrantCredential(CallContext(key).get(), request, out);
}

TEST_F(MatchingTest, EqualityAnswersAreCountedWithSmallNumbersSuppressed) {
  const auto set = [&](const std::string& key, EqualityMonitoring::Ethnicity ethnicity) {
    cadre::v1::SetMyEqualityMonitoringRequest request;
    request.mutable_monitoring()->set_ethnicity(ethnicity);
    EqualityMonitoring out;
    ASSERT_TRUE(
        harness_->stub().SetMyEqualityMonitoring(CallContext(key).get(), request, &out).ok());
  };
  for (int i = 0; i < 6; ++i) {
    set(harness_->SignUp(absl::StrCat("white", i, "@example.org")).key(),
        EqualityMonitoring::ETHNICITY_WHITE);
  }
  for (int i = 0; i < 2; ++i) {
    set(harness_->SignUp(absl::StrCat("asian", i, "@example.org")).key(),
        EqualityMonitoring::ETHNICITY_ASIAN);
  }
  const std::string applicant_key = harness_->SignUp("none@example.org").key();
  cadre::v1::EqualityCounts counts;
  EXPECT_EQ(harness_->stub()
                .GetEqualityCounts(CallContext(applicant_key).get(), {}, &counts)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(harness_->stub().GetEqualityCounts(CallContext(kAdminKey).get(), {}, &counts).ok());
  EXPECT_EQ(counts.people(), 9);
  bool seen = false;
  for (const auto& question : counts.questions()) {
    if (question.question() != "ethnicity") continue;
    seen = true;
    for (const auto& count : question.counts()) {
      if (count.answer() == "ETHNICITY_WHITE") {
        EXPECT_EQ(count.shown(), "6");
      }
      if (count.answer() == "ETHNICITY_ASIAN") {
        EXPECT_TRUE(count.suppressed());
        EXPECT_EQ(count.shown(), "<5");
      }
    }
  }
  EXPECT_TRUE(seen);
}

TEST_F(MatchingTest, ABodyGrantsByApplicantIdAndOnlyTheGranterRevokes) {
  cadre::v1::SignUpResponse ada = harness_->SignUp("ada@example.org");
  const std::string granter = harness_->BodyWithKey("RJ1");
  const std::string other = harness_->BodyWithKey("QOP");
  Credential granted;
  ASSERT_TRUE(
      Grant(*harness_, granter, ada.applicant().name(), Dbs("dbs-enhanced"), &granted).ok());
  EXPECT_EQ(granted.granted_by(), "bodies/RJ1");
  EXPECT_EQ(granted.status(), cadre::v1::CREDENTIAL_STATUS_VALID);

  // An applicant cannot grant; a bad kind names the field; an unknown person is NOT_FOUND.
  Credential out;
  EXPECT_EQ(
      Grant(*harness_, ada.key(), ada.applicant().name(), Dbs("dbs-basic"), &out).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  grpc::Status bad = Grant(*harness_, granter, ada.applicant().name(), Dbs("dbs-extra"), &out);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(absl::StartsWith(bad.error_message(), "credential.kind")) << bad.error_message();
  EXPECT_EQ(
      Grant(*harness_, granter, "applicants/aaaaaaaaaaaaaaaa", Dbs("dbs-basic"), &out).error_code(),
      grpc::StatusCode::NOT_FOUND);

  cadre::v1::RevokeCredentialRequest revoke;
  revoke.set_name(granted.name());
  revoke.set_reason("checked in error");
  EXPECT_EQ(harness_->stub().RevokeCredential(CallContext(other).get(), revoke, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
  ASSERT_TRUE(harness_->stub().RevokeCredential(CallContext(granter).get(), revoke, &out).ok());
  EXPECT_EQ(out.status(), cadre::v1::CREDENTIAL_STATUS_REVOKED);

  cadre::v1::ListCredentialsResponse mine;
  ASSERT_TRUE(harness_->stub().ListCredentials(CallContext(ada.key()).get(), {}, &mine).ok());
  ASSERT_EQ(mine.credentials_size(), 1);
  EXPECT_EQ(mine.credentials(0).revoke_reason(), "checked in error");
  cadre::v1::ListCredentialsRequest theirs;
  theirs.set_applicant(ada.applicant().name());
  ASSERT_TRUE(harness_->stub().ListCredentials(CallContext(other).get(), theirs, &mine).ok());
  EXPECT_EQ(mine.credentials_size(), 0);  // the other body granted nothing
}

TEST_F(MatchingTest, ACredentialExpiresWithTheClock) {
  cadre::v1::SignUpResponse ada = harness_->SignUp("ada@example.org");
  Credential granted;
  ASSERT_TRUE(
      Grant(*harness_, kAdminKey, ada.applicant().name(), Dbs("dbs-standard"), &granted).ok());
  harness_->clock().Advance(absl::Hours(24 * 365 * 2));
  // The sign-up key has expired by then too: sign in again.
  cadre::v1::SignInRequest sign_in;
  sign_in.set_email("ada@example.org");
  sign_in.set_password("a long enough passphrase");
  cadre::v1::SignInResponse signed_in;
  ASSERT_TRUE(harness_->stub().SignIn(CallContext().get(), sign_in, &signed_in).ok());
  cadre::v1::ListCredentialsResponse mine;
  ASSERT_TRUE(harness_->stub().ListCredentials(CallContext(signed_in.key()).get(), {}, &mine).ok());
  ASSERT_EQ(mine.credentials_size(), 1);
  EXPECT_EQ(mine.credentials(0).status(), cadre::v1::CREDENTIAL_STATUS_EXPIRED);
}

// Every key and value in Redis, as text (a test may SCAN; services never do).
std::string EverythingStored(RedisClient& redis) {
  std::string all;
  std::string cursor = "0";
  do {
    auto page = redis.Command({"SCAN", cursor, "COUNT", "1000"});
    if (!page.ok() || page->elements.size() != 2) return all;
    cursor = page->elements[0].str;
    for (const RedisReply& key : page->elements[1].elements) {
      all += key.str + "\n";
      auto dump = redis.Command({"TYPE", key.str});
      const std::string type = dump.ok() ? dump->str : "";
      std::vector<std::string> read;
      if (type == "string") read = {"GET", key.str};
      if (type == "hash") read = {"HGETALL", key.str};
      if (type == "zset") read = {"ZRANGE", key.str, "0", "-1"};
      if (type == "set") read = {"SMEMBERS", key.str};
      if (type == "stream") read = {"XRANGE", key.str, "-", "+"};
      if (read.empty()) continue;
      auto value = redis.Command(read);
      if (!value.ok()) continue;
      std::function<void(const RedisReply&)> append = [&](const RedisReply& r) {
        all += r.str + "\n";
        for (const RedisReply& e : r.elements) append(e);
      };
      append(*value);
    }
  } while (cursor != "0");
  return all;
}

TEST_F(MatchingTest, ErasureLeavesNothingOfThePersonButTheirIdInEarlierAuditAndEvents) {
  auto request = MatchingHarness::SignUpRequestFor("erase.me@example.org");
  request.mutable_profile()->set_display_name("Quentin Erasable");
  request.mutable_profile()->set_access_needs_note("needs a hearing loop in the left ear");
  cadre::v1::SignUpResponse person;
  ASSERT_TRUE(harness_->stub().SignUp(CallContext().get(), request, &person).ok());
  const std::string key = person.key();
  const std::string name = person.applicant().name();
  cadre::v1::SetMyEqualityMonitoringRequest equality;
  equality.mutable_monitoring()->set_religion(EqualityMonitoring::RELIGION_JEWISH);
  EqualityMonitoring set;
  ASSERT_TRUE(
      harness_->stub().SetMyEqualityMonitoring(CallContext(key).get(), equality, &set).ok());
  Credential granted;
  ASSERT_TRUE(Grant(*harness_, kAdminKey, name, Dbs("dbs-enhanced"), &granted).ok());
  cadre::v1::SignInRequest sign_in;
  sign_in.set_email("erase.me@example.org");
  sign_in.set_password("a long enough passphrase");
  cadre::v1::SignInResponse signed_in;
  ASSERT_TRUE(harness_->stub().SignIn(CallContext().get(), sign_in, &signed_in).ok());
  // Somebody else, who must survive.
  cadre::v1::SignUpResponse other = harness_->SignUp("stays@example.org");

  const std::string before = EverythingStored(harness_->redis());
  ASSERT_TRUE(absl::StrContains(before, "Quentin Erasable"));

  cadre::v1::EraseApplicantRequest erase;
  erase.set_applicant(name);
  cadre::v1::EraseApplicantResponse erased;
  ASSERT_TRUE(harness_->stub().EraseApplicant(CallContext(key).get(), erase, &erased).ok());

  const std::string after = EverythingStored(harness_->redis());
  for (const std::string& trace :
       {std::string("erase.me@example.org"), std::string("Quentin Erasable"),
        std::string("hearing loop"), std::string("RELIGION_JEWISH")}) {
    EXPECT_FALSE(absl::StrContains(after, trace)) << trace;
  }
  // Equality answers and the date of birth are stored as bytes: no record of the person
  // remains to hold them.
  const std::string id = name.substr(std::string("applicants/").size());
  auto keys = harness_->redis().Command({"KEYS", absl::StrCat("*", id, "*")});
  ASSERT_TRUE(keys.ok());
  for (const RedisReply& k : keys->elements) {
    EXPECT_TRUE(absl::StartsWith(k.str, "auth:audit")) << "left behind: " << k.str;
  }
  // The id survives only in audit and event entries, which name nothing else of them.
  auto members = harness_->redis().Command({"ZRANGE", "matching:applicants", "0", "-1"});
  ASSERT_TRUE(members.ok());
  ASSERT_EQ(members->elements.size(), 1u);
  EXPECT_EQ(members->elements[0].str, other.applicant().name().substr(11));

  // Both of their keys stop working.
  cadre::v1::Applicant mine;
  EXPECT_TRUE(WaitFor([&] {
    return harness_->stub()
               .GetMyProfile(CallContext(signed_in.key()).get(), {}, &mine)
               .error_code() == grpc::StatusCode::UNAUTHENTICATED;
  }));
  EXPECT_EQ(harness_->stub().SignIn(CallContext().get(), sign_in, &signed_in).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  // The other person is untouched.
  EXPECT_TRUE(harness_->stub().GetMyProfile(CallContext(other.key()).get(), {}, &mine).ok());
}

TEST_F(MatchingTest, ExportGathersEveryPartAsJson) {
  cadre::v1::SignUpResponse ada = harness_->SignUp("ada@example.org");
  Credential granted;
  ASSERT_TRUE(Grant(*harness_, kAdminKey, ada.applicant().name(), Dbs("dbs-basic"), &granted).ok());
  cadre::v1::ExportMyDataResponse exported;
  ASSERT_TRUE(harness_->stub().ExportMyData(CallContext(ada.key()).get(), {}, &exported).ok());
  EXPECT_TRUE(absl::StrContains(exported.json(), "\"ada@example.org\""));
  EXPECT_TRUE(absl::StrContains(exported.json(), "\"dbs-basic\""));
  EXPECT_TRUE(absl::StrContains(exported.json(), "\"keys\""));
  EXPECT_FALSE(absl::StrContains(exported.json(), "scrypt"));
  // Another applicant may not export Ada's data.
  cadre::v1::SignUpResponse bo = harness_->SignUp("bo@example.org");
  cadre::v1::ExportMyDataRequest theirs;
  theirs.set_applicant(ada.applicant().name());
  EXPECT_EQ(
      harness_->stub().ExportMyData(CallContext(bo.key()).get(), theirs, &exported).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace cadre::testing
