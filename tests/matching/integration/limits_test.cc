// Sign-up and sign-in limits per client address, the gateway's vouched address, and the
// sweep of pending sign-ups whose key never arrived.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "services/matching/applicant_store.h"
#include "tests/matching/integration/matching_harness.h"

namespace cadre::testing {
namespace {

class LimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_ = RedisServer::Start();
    harness_ = std::make_unique<MatchingHarness>(redis_->options(), [](auto& options) {
      options.accounts.signups_per_address_hour = 2;
      options.accounts.signins_per_address_minute = 3;
    });
  }

  grpc::Status SignUp(const std::string& email, const std::string& key = "",
                      const std::string& forwarder = "", const std::string& address = "") {
    auto context = CallContext(key);
    if (!forwarder.empty()) context->AddMetadata("x-cadre-forwarder", forwarder);
    if (!address.empty()) context->AddMetadata("x-forwarded-for", address);
    cadre::v1::SignUpResponse response;
    return harness_->stub().SignUp(context.get(), MatchingHarness::SignUpRequestFor(email),
                                   &response);
  }

  std::unique_ptr<RedisServer> redis_;
  std::unique_ptr<MatchingHarness> harness_;
};

TEST_F(LimitsTest, SignUpsAreLimitedPerAddressButNotForAdmins) {
  EXPECT_TRUE(SignUp("a@example.org").ok());
  EXPECT_TRUE(SignUp("b@example.org").ok());
  grpc::Status third = SignUp("c@example.org");
  EXPECT_EQ(third.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << third.error_message();
  EXPECT_TRUE(SignUp("c@example.org", kAdminKey).ok());
  // The next hour starts afresh.
  harness_->clock().Advance(absl::Hours(1));
  EXPECT_TRUE(SignUp("d@example.org").ok());
}

TEST_F(LimitsTest, TheGatewayVouchesForTheBrowsersAddressAndNobodyElseDoes) {
  // Through the gateway, each browser address has its own count.
  EXPECT_TRUE(SignUp("a@example.org", "", kGatewayServiceKey, "203.0.113.7").ok());
  EXPECT_TRUE(SignUp("b@example.org", "", kGatewayServiceKey, "203.0.113.7").ok());
  EXPECT_EQ(SignUp("c@example.org", "", kGatewayServiceKey, "203.0.113.7").error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_TRUE(SignUp("c@example.org", "", kGatewayServiceKey, "198.51.100.2").ok());
  // Another service's key, or none, does not make x-forwarded-for believed: these count
  // against the peer address (loopback), which has two sign-ups left.
  EXPECT_TRUE(SignUp("d@example.org", "", kNotificationsServiceKey, "192.0.2.1").ok());
  EXPECT_TRUE(SignUp("e@example.org", "", "", "192.0.2.2").ok());
  EXPECT_EQ(SignUp("f@example.org", "", "", "192.0.2.3").error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
}

TEST_F(LimitsTest, SignInsAreLimitedPerAddressPerMinute) {
  ASSERT_TRUE(SignUp("a@example.org").ok());
  cadre::v1::SignInRequest request;
  request.set_email("a@example.org");
  request.set_password("a long enough passphrase");
  cadre::v1::SignInResponse response;
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(harness_->stub().SignIn(CallContext().get(), request, &response).ok());
  }
  EXPECT_EQ(harness_->stub().SignIn(CallContext().get(), request, &response).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  harness_->clock().Advance(absl::Minutes(1));
  EXPECT_TRUE(harness_->stub().SignIn(CallContext().get(), request, &response).ok());
}

TEST_F(LimitsTest, APendingSignUpWhoseKeyNeverArrivedIsRemovedAndItsEmailFreed) {
  // A pending record as a sign-up leaves it when the process dies before the key is made.
  matching::ApplicantStore store(&harness_->redis());
  matching::StoredApplicant record;
  record.applicant.set_name("applicants/abcdefghijklmnop");
  record.applicant.set_state(cadre::v1::APPLICANT_STATE_PENDING);
  record.email_key = "0123456789abcdef";
  const absl::Time now = harness_->clock().Now();
  auto created = store.CreatePending(
      record, now + absl::Minutes(10),
      matching::Change{.action = "sign-up", .actor = "applicants/abcdefghijklmnop", .time = now});
  ASSERT_TRUE(created.ok()) << created.status();
  ASSERT_EQ(created->outcome, matching::StoreOutcome::kWritten);

  auto early = harness_->app().SweepPendingNow();
  ASSERT_TRUE(early.ok());
  EXPECT_EQ(*early, 0);  // not due yet
  harness_->clock().Advance(absl::Minutes(11));
  auto swept = harness_->app().SweepPendingNow();
  ASSERT_TRUE(swept.ok());
  EXPECT_EQ(*swept, 1);
  auto gone = store.Get("abcdefghijklmnop");
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(gone->has_value());
  auto email = store.FindByEmailKey("0123456789abcdef");
  ASSERT_TRUE(email.ok());
  EXPECT_FALSE(email->has_value());
}

}  // namespace
}  // namespace cadre::testing
