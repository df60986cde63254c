#pragma once

// What the tests of matching's view need: a real redis-server, a real registry in process
// (RegistryApp with TestRegistryOptions, on a port chosen before it starts, so that it can
// be stopped and started again where its clients expect it), the matching service's key,
// and admin helpers that make roles through the registry's API.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cadre/v1/registry.grpc.pb.h"
#include "services/common/base/clock.h"
#include "services/common/redis_client.h"
#include "services/matching/view/role_view.h"
#include "services/registry/registry_app.h"
#include "tests/support/redis_server.h"

namespace cadre::testing {

// A loopback port that was free a moment ago (bound to port 0, then released).
int FreeLoopbackPort();

class MatchingViewTest : public ::testing::Test {
 protected:
  // Redis, the registry (fresh), bodies/RJ1, and a service key for "matching".
  void SetUp() override;
  void TearDown() override;

  // Admin registers a London trust with this ODS code.
  void MakeBodyForTest(const std::string& code);
  // Starts the registry on registry_port_ and waits until its view is fresh.
  void StartRegistry();
  void StopRegistry();

  // Options for a view of this registry, as the matching service: short back-offs.
  matching::RoleViewOptions ViewOptions() const;

  // Calls the registry as admin (`call` is given a context with the key) until it answers
  // something other than UNAVAILABLE, for up to 10 s: a registry replica refuses calls for
  // a moment while its own view reloads (after a trim, say).
  grpc::Status CallRegistry(const std::function<grpc::Status(grpc::ClientContext*)>& call);

  // Through the registry as admin; each fails the test on error and returns the role as
  // the registry answered (etag set).
  cadre::v1::Role CreateDraftRole(const std::string& title = "");
  cadre::v1::Role CreateOpenRole(const std::string& title = "");
  cadre::v1::Role UpdateTitle(const cadre::v1::Role& role, const std::string& title);
  cadre::v1::Role CloseRole(const cadre::v1::Role& role,
                            cadre::v1::RoleState state = cadre::v1::ROLE_STATE_CLOSED);
  // Every open role the registry lists, every page.
  std::vector<cadre::v1::Role> RegistryOpenRoles();
  // Whether `view` holds exactly the registry's open roles, each equal to the registry's.
  bool MatchesRegistry(const matching::RoleView& view);

  // The ids of registry:events entries after `after_id`.
  std::vector<std::string> EventIdsAfter(const std::string& after_id);
  // The id of the newest registry:events entry, "0-0" if none.
  std::string LastEventId();

  std::unique_ptr<RedisServer> redis_server_;
  std::unique_ptr<RedisClient> redis_;  // the test's own client
  FakeClock clock_{absl::Now()};
  int registry_port_ = 0;
  std::unique_ptr<registry::RegistryApp> registry_;
  std::unique_ptr<cadre::v1::Registry::Stub> stub_;
  std::string service_key_;  // "matching"'s key, issued by admin

 private:
  int roles_made_ = 0;
};

}  // namespace cadre::testing
