#pragma once

// The whole registry in process, wired as main.cc wires it, on a free port, against a
// real redis-server; plus client helpers. Tests call it through real generated stubs.

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "cadre/v1/registry.grpc.pb.h"
#include "services/common/api_keys.h"
#include "services/common/auth.h"
#include "services/common/clock.h"
#include "services/common/redis_client.h"
#include "services/common/server.h"
#include "services/common/worker_pool.h"
#include "services/registry/catalog.h"
#include "services/registry/registry_service.h"
#include "services/registry/registry_store.h"
#include "services/registry/registry_writer.h"
#include "services/registry/view_sync.h"
#include "tests/support/redis_server.h"
#include "tests/support/wait_for.h"

namespace cadre::testing {

inline constexpr char kAdminKey[] = "test-admin-key-0123456789abcdef0123456789";

class RegistryHarness {
 public:
  // `writes_per_minute`: the write rate limit for non-admin callers (0: none).
  explicit RegistryHarness(const RedisOptions& redis_options, int writes_per_minute = 0);
  ~RegistryHarness();

  cadre::v1::Registry::Stub& stub() { return *stub_; }
  int port() const { return server_->port(); }
  FakeClock& clock() { return clock_; }
  RedisClient& redis() { return *redis_; }
  Server& server() { return *server_; }

  // A client context with a 5 s deadline and, if `key` is not empty, the bearer key.
  static std::unique_ptr<grpc::ClientContext> Context(const std::string& key = "");

  // Admin registers a body; fails the test on error.
  cadre::v1::Body MakeBody(const std::string& ods, cadre::v1::BodyKind kind,
                           cadre::v1::Region region);
  // Admin issues a key for bodies/{code}; returns the secret.
  std::string BodyKey(const std::string& code);

 private:
  FakeClock clock_;
  std::unique_ptr<RedisClient> redis_;
  std::unique_ptr<ApiKeyStore> keys_;
  std::unique_ptr<Authenticator> auth_;
  std::unique_ptr<registry::Catalog> catalog_;
  std::unique_ptr<registry::RegistryStore> store_;
  std::unique_ptr<registry::ViewSync> view_;
  std::unique_ptr<registry::RegistryWriter> writer_;
  std::unique_ptr<WorkerPool> workers_;
  std::unique_ptr<registry::RegistryService> service_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<cadre::v1::Registry::Stub> stub_;
};

// A valid role for bodies/{code}: level 3, London, hybrid, 6 hours a month, closes in
// 30 days from `now`.
cadre::v1::Role ValidRole(const std::string& code, absl::Time now);

}  // namespace cadre::testing
