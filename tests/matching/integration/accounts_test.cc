// Sign-up, sign-in, sign-out, lockout and key expiry, against a real Redis and a real
// in-process registry (which owns the keys).

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "tests/matching/integration/matching_harness.h"
#include "tests/support/redis_server.h"
#include "tests/support/wait_for.h"

namespace cadre::testing {
namespace {

using cadre::v1::Applicant;

grpc::Status GetMine(MatchingHarness& h, const std::string& key, Applicant* out = nullptr) {
  Applicant applicant;
  return h.stub().GetMyProfile(CallContext(key).get(), {}, out != nullptr ? out : &applicant);
}

grpc::Status SignIn(MatchingHarness& h, const std::string& email, const std::string& password,
                    cadre::v1::SignInResponse* out = nullptr) {
  cadre::v1::SignInRequest request;
  request.set_email(email);
  request.set_password(password);
  cadre::v1::SignInResponse response;
  return h.stub().SignIn(CallContext().get(), request, out != nullptr ? out : &response);
}

// Every key of the matching service's records in Redis.
std::vector<std::string> MatchingKeys(MatchingHarness& h) {
  auto reply = h.redis().Command({"KEYS", "matching:*"});
  std::vector<std::string> keys;
  if (reply.ok()) {
    for (const auto& element : reply->elements) keys.push_back(element.str);
  }
  return keys;
}

TEST_F(MatchingTest, SignUpReturnsAKeyThatReadsTheNewProfile) {
  cadre::v1::SignUpResponse signed_up = harness_->SignUp("Ada@Example.org");
  ASSERT_TRUE(absl::StartsWith(signed_up.key(), "cadre_"));
  EXPECT_EQ(signed_up.applicant().state(), cadre::v1::APPLICANT_STATE_ACTIVE);
  EXPECT_EQ(signed_up.applicant().email(), "ada@example.org");
  EXPECT_EQ(signed_up.applicant().profile().max_concurrent_roles(), 2);  // the default

  Applicant mine;
  ASSERT_TRUE(GetMine(*harness_, signed_up.key(), &mine).ok());
  EXPECT_EQ(mine.name(), signed_up.applicant().name());
  EXPECT_EQ(mine.profile().display_name(), "Ada Example");
  EXPECT_TRUE(mine.consent().has_agree_time());
}

TEST_F(MatchingTest, AnEmailIsHeldOnceWhateverItsCase) {
  harness_->SignUp("ada@example.org");
  cadre::v1::SignUpResponse response;
  grpc::Status status = harness_->stub().SignUp(
      CallContext().get(), MatchingHarness::SignUpRequestFor("ADA@example.org"), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(status.error_message(), "an account with this email exists: sign in instead");
}

TEST_F(MatchingTest, BadSignUpNamesTheFieldAndWritesNothing) {
  auto request = MatchingHarness::SignUpRequestFor("ada@example.org");
  request.mutable_profile()->set_display_name("");
  cadre::v1::SignUpResponse response;
  grpc::Status status = harness_->stub().SignUp(CallContext().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(absl::StartsWith(status.error_message(), "profile.display_name"))
      << status.error_message();

  request = MatchingHarness::SignUpRequestFor("ada@example.org");
  request.set_password("password123");
  status = harness_->stub().SignUp(CallContext().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(absl::StartsWith(status.error_message(), "password")) << status.error_message();
  EXPECT_EQ(status.error_message().find("password123"), std::string::npos);

  for (const std::string& key : MatchingKeys(*harness_)) {
    EXPECT_FALSE(absl::StartsWith(key, "matching:applicant")) << key;
    EXPECT_FALSE(absl::StartsWith(key, "matching:email")) << key;
  }
}

TEST_F(MatchingTest, SignInAnswersAlikeForAnUnknownEmailAndAWrongPassword) {
  harness_->SignUp("ada@example.org");
  grpc::Status wrong = SignIn(*harness_, "ada@example.org", "not the passphrase");
  grpc::Status unknown = SignIn(*harness_, "nobody@example.org", "a long enough passphrase");
  EXPECT_EQ(wrong.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(unknown.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(wrong.error_message(), "email or password not recognised");
  EXPECT_EQ(unknown.error_message(), wrong.error_message());

  cadre::v1::SignInResponse signed_in;
  ASSERT_TRUE(SignIn(*harness_, "ADA@example.org", "a long enough passphrase", &signed_in).ok());
  EXPECT_TRUE(GetMine(*harness_, signed_in.key()).ok());
}

TEST_F(MatchingTest, TenFailuresLockAnEmailForFifteenMinutes) {
  harness_->SignUp("ada@example.org");
  for (int i = 0; i < 10; ++i) SignIn(*harness_, "ada@example.org", "wrong passphrase here");
  grpc::Status locked = SignIn(*harness_, "ada@example.org", "a long enough passphrase");
  EXPECT_EQ(locked.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << locked.error_message();
  // An unknown email locks the same way: the lockout does not tell which emails exist.
  for (int i = 0; i < 10; ++i) SignIn(*harness_, "nobody@example.org", "wrong passphrase here");
  EXPECT_EQ(SignIn(*harness_, "nobody@example.org", "x").error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);

  harness_->clock().Advance(absl::Minutes(16));
  EXPECT_TRUE(SignIn(*harness_, "ada@example.org", "a long enough passphrase").ok());
}

TEST_F(MatchingTest, SignOutRevokesTheKeyAtOnce) {
  cadre::v1::SignUpResponse signed_up = harness_->SignUp("ada@example.org");
  cadre::v1::SignOutResponse out;
  ASSERT_TRUE(harness_->stub().SignOut(CallContext(signed_up.key()).get(), {}, &out).ok());
  EXPECT_EQ(GetMine(*harness_, signed_up.key()).error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(MatchingTest, KeysExpireAfterThirtyDays) {
  cadre::v1::SignUpResponse signed_up = harness_->SignUp("ada@example.org");
  harness_->clock().Advance(absl::Hours(24 * 30) - absl::Minutes(1));
  EXPECT_TRUE(GetMine(*harness_, signed_up.key()).ok());
  harness_->clock().Advance(absl::Minutes(2));
  EXPECT_EQ(GetMine(*harness_, signed_up.key()).error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(MatchingTest, WithTheRegistryDownSignUpIsUnavailableAndTheEmailStaysFree) {
  harness_->StopRegistry();
  cadre::v1::SignUpResponse response;
  grpc::Status status = harness_->stub().SignUp(
      CallContext().get(), MatchingHarness::SignUpRequestFor("ada@example.org"), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  harness_->StartRegistry();
  // The service reconnects by itself (its channel backs off for a moment first).
  EXPECT_TRUE(WaitFor([&] {
    return harness_->stub()
        .SignUp(CallContext().get(), MatchingHarness::SignUpRequestFor("ada@example.org"),
                &response)
        .ok();
  }));
  EXPECT_FALSE(response.key().empty());
}

TEST_F(MatchingTest, WithTheRegistryDownProfilesStillWork) {
  cadre::v1::SignUpResponse signed_up = harness_->SignUp("ada@example.org");
  ASSERT_TRUE(GetMine(*harness_, signed_up.key()).ok());  // the key is now cached
  harness_->StopRegistry();
  EXPECT_TRUE(GetMine(*harness_, signed_up.key()).ok());
}

TEST_F(MatchingTest, AnUpdateNeedsTheCurrentEtagAndNamesBadFields) {
  cadre::v1::SignUpResponse signed_up = harness_->SignUp("ada@example.org");
  cadre::v1::UpdateMyProfileRequest update;
  update.mutable_profile()->add_skills("public-speaking");
  update.mutable_update_mask()->add_paths("skills");
  update.set_etag(signed_up.applicant().etag());
  Applicant updated;
  ASSERT_TRUE(
      harness_->stub().UpdateMyProfile(CallContext(signed_up.key()).get(), update, &updated).ok());
  ASSERT_EQ(updated.profile().skills_size(), 1);
  EXPECT_EQ(updated.profile().skills(0), "public-speaking");
  EXPECT_EQ(updated.profile().display_name(), "Ada Example");  // not in the mask

  // The old etag is stale now.
  grpc::Status stale =
      harness_->stub().UpdateMyProfile(CallContext(signed_up.key()).get(), update, &updated);
  EXPECT_EQ(stale.error_code(), grpc::StatusCode::ABORTED);

  update.set_etag(updated.etag());
  update.mutable_profile()->set_availability_hours_per_month(999);
  update.mutable_update_mask()->add_paths("availability_hours_per_month");
  grpc::Status bad =
      harness_->stub().UpdateMyProfile(CallContext(signed_up.key()).get(), update, &updated);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(absl::StrContains(bad.error_message(), "availability_hours_per_month"));
}

TEST_F(MatchingTest, ChangingEmailOrPasswordNeedsTheCurrentPassword) {
  cadre::v1::SignUpResponse signed_up = harness_->SignUp("ada@example.org");
  cadre::v1::ChangeEmailRequest email;
  email.set_current_password("not the passphrase");
  email.set_new_email("ada.new@example.org");
  Applicant changed;
  EXPECT_EQ(harness_->stub()
                .ChangeEmail(CallContext(signed_up.key()).get(), email, &changed)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  email.set_current_password("a long enough passphrase");
  ASSERT_TRUE(
      harness_->stub().ChangeEmail(CallContext(signed_up.key()).get(), email, &changed).ok());
  EXPECT_EQ(changed.email(), "ada.new@example.org");
  EXPECT_EQ(SignIn(*harness_, "ada@example.org", "a long enough passphrase").error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(SignIn(*harness_, "ada.new@example.org", "a long enough passphrase").ok());
  // The old email is free again.
  EXPECT_FALSE(harness_->SignUp("ada@example.org").key().empty());

  cadre::v1::ChangePasswordRequest password;
  password.set_current_password("a long enough passphrase");
  password.set_new_password("another long passphrase");
  cadre::v1::ChangePasswordResponse done;
  ASSERT_TRUE(
      harness_->stub().ChangePassword(CallContext(signed_up.key()).get(), password, &done).ok());
  EXPECT_TRUE(SignIn(*harness_, "ada.new@example.org", "another long passphrase").ok());
}

TEST_F(MatchingTest, OnlyAdminsReadOthersAndOnlyNotificationsReadsContacts) {
  cadre::v1::SignUpResponse ada = harness_->SignUp("ada@example.org");
  cadre::v1::SignUpResponse bo = harness_->SignUp("bo@example.org");
  const std::string body_key = harness_->BodyWithKey("RJ1");
  cadre::v1::GetApplicantRequest get;
  get.set_name(ada.applicant().name());
  Applicant out;
  EXPECT_EQ(harness_->stub().GetApplicant(CallContext(bo.key()).get(), get, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(harness_->stub().GetApplicant(CallContext(body_key).get(), get, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(harness_->stub().GetApplicant(CallContext().get(), get, &out).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  ASSERT_TRUE(harness_->stub().GetApplicant(CallContext(kAdminKey).get(), get, &out).ok());
  EXPECT_EQ(out.email(), "ada@example.org");

  cadre::v1::GetContactRequest contact_request;
  contact_request.set_applicant(ada.applicant().name());
  cadre::v1::Contact contact;
  EXPECT_EQ(harness_->stub()
                .GetContact(CallContext(kAdminKey).get(), contact_request, &contact)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(harness_->stub()
                .GetContact(CallContext(kMatchingServiceKey).get(), contact_request, &contact)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(
      harness_->stub()
          .GetContact(CallContext(kNotificationsServiceKey).get(), contact_request, &contact)
          .ok());
  EXPECT_EQ(contact.email(), "ada@example.org");
}

TEST_F(MatchingTest, RedisDownIsUnavailableAndRecoversByItself) {
  cadre::v1::SignUpResponse signed_up = harness_->SignUp("ada@example.org");
  redis_->Stop();
  EXPECT_EQ(GetMine(*harness_, signed_up.key()).error_code(), grpc::StatusCode::UNAVAILABLE);
  redis_->Restart();
  EXPECT_TRUE(WaitFor([&] { return GetMine(*harness_, signed_up.key()).ok(); }));
}

}  // namespace
}  // namespace cadre::testing
