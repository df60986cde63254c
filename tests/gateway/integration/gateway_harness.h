#pragma once

// The gateway in process, built by GatewayApp as main.cc builds it, in front of a real
// in-process registry and matching service (MatchingHarness) on one real redis-server,
// serving the web root the build assembled. Tests call it over real HTTP with
// cpp-httplib's client.

#include <httplib.h>

#include <functional>
#include <memory>
#include <string>

#include "services/gateway/gateway_app.h"
#include "tests/matching/integration/matching_harness.h"
#include "tests/support/redis_server.h"

namespace cadre::testing {

// The session key the harness's gateway seals sessions with (a test key, never used
// elsewhere): 64 hex digits.
inline constexpr char kTestSessionKey[] =
    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

class GatewayHarness {
 public:
  // `tune` may change the gateway's options before it starts.
  explicit GatewayHarness(const RedisOptions& redis_options,
                          const std::function<void(gateway::GatewayOptions&)>& tune = nullptr);
  ~GatewayHarness();

  MatchingHarness& services() { return *services_; }
  gateway::GatewayApp& app() { return *app_; }
  const gateway::GatewayOptions& options() const { return options_; }
  // A new client of the gateway (one connection, kept alive).
  std::unique_ptr<httplib::Client> Client() const;
  std::string BaseUrl() const;

  // Stops the matching service for good (the registry and the gateway go on): the
  // gateway's calls to it then fail fast with UNAVAILABLE, as when it is down.
  void StopMatching();

  // A body with a published role through the registry, as the admin; returns the role's
  // name ("roles/7"); fails the test on error.
  std::string PublishedRole(const std::string& ods, const std::string& title);

 private:
  std::unique_ptr<MatchingHarness> services_;
  gateway::GatewayOptions options_;
  std::unique_ptr<gateway::GatewayApp> app_;
  std::string session_key_file_;  // written by the constructor, removed by the destructor
};

// A test with its own redis-server, registry, matching service and gateway.
class GatewayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_ = RedisServer::Start();
    harness_ = std::make_unique<GatewayHarness>(redis_->options());
  }

  std::unique_ptr<RedisServer> redis_;
  std::unique_ptr<GatewayHarness> harness_;
};

}  // namespace cadre::testing
