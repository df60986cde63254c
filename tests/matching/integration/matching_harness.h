#pragma once

// The matching service in process, built by MatchingApp as main.cc builds it, beside a
// real in-process registry (which owns the keys), both on one real redis-server, with
// the service keys of matching, notifications and the gateway in a temporary directory.
// Tests call both through real generated stubs.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "cadre/v1/matching.grpc.pb.h"
#include "cadre/v1/registry.grpc.pb.h"
#include "services/common/base/clock.h"
#include "services/common/redis_client.h"
#include "services/matching/matching_app.h"
#include "services/registry/registry_app.h"
#include "tests/support/redis_server.h"
#include "tests/support/service_fixture.h"

namespace cadre::testing {

// Keys of the services, in the issued-key shape, written to the harness's keys directory.
inline constexpr char kMatchingServiceKey[] =
    "cadre_0000000000000000000000000000000000000000000000aa";
inline constexpr char kNotificationsServiceKey[] =
    "cadre_0000000000000000000000000000000000000000000000bb";
inline constexpr char kGatewayServiceKey[] =
    "cadre_0000000000000000000000000000000000000000000000cc";

class MatchingHarness {
 public:
  // Starts the registry and the matching service on `redis_options`. `tune` may change
  // the matching options before it starts (small scrypt parameters are already set).
  explicit MatchingHarness(const RedisOptions& redis_options,
                           const std::function<void(matching::MatchingOptions&)>& tune = nullptr);
  ~MatchingHarness();

  cadre::v1::Matching::Stub& stub() { return *stub_; }
  cadre::v1::Registry::Stub& registry() { return *registry_stub_; }
  FakeClock& clock() { return clock_; }
  RedisClient& redis() { return *redis_; }
  matching::MatchingApp& app() { return *app_; }
  const matching::MatchingOptions& options() const { return options_; }
  int registry_port() const { return registry_port_; }

  // Stops the registry (sign-up then fails) and starts it again on the same port.
  void StopRegistry();
  void StartRegistry();

  // A valid sign-up for `email`, with a complete profile.
  static cadre::v1::SignUpRequest SignUpRequestFor(const std::string& email);
  // Signs up; fails the test on error. Returns the response (applicant and key).
  cadre::v1::SignUpResponse SignUp(const std::string& email);
  // Admin registers a body; returns a key for it.
  std::string BodyWithKey(const std::string& ods);
  // The same with its name and kind (in London).
  std::string BodyWithKey(const std::string& ods, const std::string& display_name,
                          cadre::v1::BodyKind kind);

  // A role of bodies/{ods} that `applicant`s of SignUpRequestFor meet in full: remote, 4
  // hours a month, no credentials, topic "diabetes", closing 30 days ahead of the clock.
  static cadre::v1::Role RoleFor(const std::string& ods, int places);
  // Creates and publishes `role` with the body's key, waits until matching's view holds
  // it, and returns its name; fails the test on error.
  std::string OpenRole(const std::string& body_key, const cadre::v1::Role& role);
  // Submits an application as the applicant; fails the test on error.
  cadre::v1::Application Apply(const std::string& applicant_key, const std::string& role);
  // MoveApplication as `key` to `state` (with `reason` for UNSUCCESSFUL).
  grpc::Status Move(
      const std::string& key, const std::string& application, cadre::v1::ApplicationState state,
      cadre::v1::Application* out,
      cadre::v1::UnsuccessfulReason reason = cadre::v1::UNSUCCESSFUL_REASON_UNSPECIFIED);
  // GetApplication as admin; fails the test on error.
  cadre::v1::Application Read(const std::string& application);

 private:
  // 10:00 UTC on Monday 2 November 2026.
  FakeClock clock_{absl::FromCivil(absl::CivilSecond(2026, 11, 2, 10, 0, 0), absl::UTCTimeZone())};
  std::string keys_dir_;
  RedisOptions redis_options_;
  int registry_port_ = 0;
  std::unique_ptr<RedisClient> redis_;
  std::unique_ptr<registry::RegistryApp> registry_app_;
  matching::MatchingOptions options_;
  std::unique_ptr<matching::MatchingApp> app_;
  std::unique_ptr<cadre::v1::Matching::Stub> stub_;
  std::unique_ptr<cadre::v1::Registry::Stub> registry_stub_;
};

// A test with its own redis-server, registry and matching service.
class MatchingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_ = RedisServer::Start();
    harness_ = std::make_unique<MatchingHarness>(redis_->options());
  }

  std::unique_ptr<RedisServer> redis_;
  std::unique_ptr<MatchingHarness> harness_;
};

}  // namespace cadre::testing
