// Redis stops while the registry serves: calls fail with UNAVAILABLE within the timeout,
// health turns NOT_SERVING, and when Redis returns the service recovers by itself.

#include <gtest/gtest.h>

#include "health.grpc.pb.h"
#include "tests/registry/integration/registry_harness.h"
#include "tests/support/status_matchers.h"

namespace cadre::testing {
namespace {

using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

class RedisOutageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_ = RedisServer::Start();
    harness_ = std::make_unique<RegistryHarness>(redis_->options());
    harness_->MakeBody("RJ1", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON);
    key_ = harness_->BodyKey("RJ1");
    health_ = grpc::health::v1::Health::NewStub(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", harness_->port()), grpc::InsecureChannelCredentials()));
  }

  HealthCheckResponse::ServingStatus Health() {
    HealthCheckRequest request;
    request.set_service("cadre.v1.Registry");
    HealthCheckResponse response;
    grpc::Status s = health_->Check(RegistryHarness::Context().get(), request, &response);
    return s.ok() ? response.status() : HealthCheckResponse::UNKNOWN;
  }

  std::unique_ptr<RedisServer> redis_;
  std::unique_ptr<RegistryHarness> harness_;
  std::unique_ptr<grpc::health::v1::Health::Stub> health_;
  std::string key_;
};

TEST_F(RedisOutageTest, FailsFastWhileDownAndRecoversWithoutRestart) {
  ASSERT_TRUE(WaitFor([&] { return Health() == HealthCheckResponse::SERVING; }));
  redis_->Stop();

  // Writes and reads: UNAVAILABLE, well within the 5 s deadline (never a hang).
  cadre::v1::CreateRoleRequest create;
  *create.mutable_role() = ValidRole("RJ1", harness_->clock().Now());
  cadre::v1::Role role;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THAT(harness_->stub().CreateRole(RegistryHarness::Context(key_).get(), create, &role),
              StatusIs(grpc::StatusCode::UNAVAILABLE));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(4));
  EXPECT_TRUE(WaitFor([&] {
    cadre::v1::GetBodyRequest get;
    get.set_name("bodies/RJ1");
    cadre::v1::Body body;
    return harness_->stub().GetBody(RegistryHarness::Context().get(), get, &body).error_code() ==
           grpc::StatusCode::UNAVAILABLE;
  }));
  EXPECT_TRUE(WaitFor([&] { return Health() == HealthCheckResponse::NOT_SERVING; }));

  redis_->Restart();
  EXPECT_TRUE(WaitFor([&] { return Health() == HealthCheckResponse::SERVING; }));
  EXPECT_TRUE(WaitFor([&] {
    return harness_->stub().CreateRole(RegistryHarness::Context(key_).get(), create, &role).ok();
  }));
  cadre::v1::GetRoleRequest get;
  get.set_name(role.name());
  CADRE_EXPECT_OK(harness_->stub().GetRole(RegistryHarness::Context(key_).get(), get, &role));
}

}  // namespace
}  // namespace cadre::testing
