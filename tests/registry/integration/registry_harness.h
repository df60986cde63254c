#pragma once

// The whole registry in process, built by RegistryApp as main.cc builds it, on a free port, against
// a real redis-server; plus client helpers. Tests call it through real generated stubs.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "cadre/v1/registry.grpc.pb.h"
#include "cadre/v1/registry_events.pb.h"
#include "services/common/base/clock.h"
#include "services/common/redis_client.h"
#include "services/common/server.h"
#include "services/registry/registry_app.h"
#include "tests/support/redis_server.h"
#include "tests/support/service_fixture.h"
#include "tests/support/wait_for.h"

namespace cadre::testing {

// Options for a registry started by a test: `redis_options`, loopback on a free port with
// no metrics endpoint (TestServerOptions), the test admin key, no write rate limit, no
// service keys, event reads of 100 ms (so that shutting down is quick), and no closing
// sweep by itself (a test sweeps with app().SweepClosingNow(), or sets an interval).
inline registry::RegistryOptions TestRegistryOptions(const RedisOptions& redis_options) {
  registry::RegistryOptions options;
  options.redis = redis_options;
  options.server = TestServerOptions();
  options.writes_per_minute = 0;
  options.admin_key = kAdminKey;
  options.event_block = absl::Milliseconds(100);
  options.closing_sweep_every = absl::InfiniteDuration();
  return options;
}

class RegistryHarness {
 public:
  // `writes_per_minute`: the write rate limit for non-admin callers (0: none).
  explicit RegistryHarness(const RedisOptions& redis_options, int writes_per_minute = 0);
  // A registry started with `options` (from TestRegistryOptions); fails the test if it
  // does not start.
  explicit RegistryHarness(registry::RegistryOptions options);
  ~RegistryHarness();

  cadre::v1::Registry::Stub& stub() { return *stub_; }
  int port() const { return app_->port(); }
  FakeClock& clock() { return clock_; }
  RedisClient& redis() { return *redis_; }
  Server& server() { return app_->server(); }
  registry::RegistryApp& app() { return *app_; }

  // A client context with a 5 s deadline and, if `key` is not empty, the bearer key.
  static std::unique_ptr<grpc::ClientContext> Context(const std::string& key = "") {
    return CallContext(key);
  }

  // Admin registers a body; fails the test on error.
  cadre::v1::Body MakeBody(const std::string& ods, cadre::v1::BodyKind kind,
                           cadre::v1::Region region);
  // Admin issues a key for bodies/{code}; returns the secret.
  std::string BodyKey(const std::string& code);

 private:
  FakeClock clock_;
  std::unique_ptr<RedisClient> redis_;  // the test's own client, to look at what is stored
  std::unique_ptr<registry::RegistryApp> app_;
  std::unique_ptr<cadre::v1::Registry::Stub> stub_;
};

// A test with its own redis-server and registry, holding the two bodies most tests use:
// bodies/RJ1 (a London trust) and bodies/QOP (a North West ICB).
class RegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_ = RedisServer::Start();
    harness_ = std::make_unique<RegistryHarness>(redis_->options());
    harness_->MakeBody("RJ1", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON);
    harness_->MakeBody("QOP", cadre::v1::BODY_KIND_ICB, cadre::v1::REGION_NORTH_WEST);
  }

  std::unique_ptr<RedisServer> redis_;
  std::unique_ptr<RegistryHarness> harness_;
};

// A valid role for bodies/{code}: level 3, London, hybrid, 6 hours a month, closes in
// 30 days from `now`.
cadre::v1::Role ValidRole(const std::string& code, absl::Time now);

}  // namespace cadre::testing
