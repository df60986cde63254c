#pragma once

// gRPC handlers of cadre.v1.Registry on the callback API. Each handler authenticates,
// authorises, validates, calls the domain and maps the result, nothing more.
//
// Reads are answered from the in-memory view on gRPC's own thread (no blocking). Writes,
// and reads whose API key is not yet cached, run on a worker pool, because they wait on
// Redis and a callback thread must never block.

#include <grpcpp/grpcpp.h>

#include <functional>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "cadre/v1/registry.grpc.pb.h"
#include "services/common/api_keys.h"
#include "services/common/auth.h"
#include "services/common/base/clock.h"
#include "services/common/worker_pool.h"
#include "services/registry/domain/catalog.h"
#include "services/registry/registry_writer.h"
#include "services/registry/view_sync.h"

namespace cadre::registry {

struct RegistryDeps {
  Catalog* catalog;
  ViewSync* view;
  RegistryWriter* writer;
  Authenticator* auth;
  ApiKeyStore* keys;
  WorkerPool* workers;
  const Clock* clock;
};

// Thread-safe; its dependencies must outlive it.
class RegistryService final : public cadre::v1::Registry::CallbackService {
 public:
  explicit RegistryService(RegistryDeps deps) : d_(deps) {}

  using Reactor = grpc::ServerUnaryReactor;
  using Ctx = grpc::CallbackServerContext;

  Reactor* CreateBody(Ctx* c, const cadre::v1::CreateBodyRequest* req,
                      cadre::v1::Body* resp) override;
  Reactor* GetBody(Ctx* c, const cadre::v1::GetBodyRequest* req, cadre::v1::Body* resp) override;
  Reactor* ListBodies(Ctx* c, const cadre::v1::ListBodiesRequest* req,
                      cadre::v1::ListBodiesResponse* resp) override;
  Reactor* UpdateBody(Ctx* c, const cadre::v1::UpdateBodyRequest* req,
                      cadre::v1::Body* resp) override;

  Reactor* CreateRole(Ctx* c, const cadre::v1::CreateRoleRequest* req,
                      cadre::v1::Role* resp) override;
  Reactor* GetRole(Ctx* c, const cadre::v1::GetRoleRequest* req, cadre::v1::Role* resp) override;
  Reactor* UpdateRole(Ctx* c, const cadre::v1::UpdateRoleRequest* req,
                      cadre::v1::Role* resp) override;
  Reactor* ListRoles(Ctx* c, const cadre::v1::ListRolesRequest* req,
                     cadre::v1::ListRolesResponse* resp) override;
  Reactor* PublishRole(Ctx* c, const cadre::v1::PublishRoleRequest* req,
                       cadre::v1::Role* resp) override;
  Reactor* CloseRole(Ctx* c, const cadre::v1::CloseRoleRequest* req,
                     cadre::v1::Role* resp) override;

  Reactor* CreateAvenue(Ctx* c, const cadre::v1::CreateAvenueRequest* req,
                        cadre::v1::Avenue* resp) override;
  Reactor* GetAvenue(Ctx* c, const cadre::v1::GetAvenueRequest* req,
                     cadre::v1::Avenue* resp) override;
  Reactor* ListAvenues(Ctx* c, const cadre::v1::ListAvenuesRequest* req,
                       cadre::v1::ListAvenuesResponse* resp) override;
  Reactor* UpdateAvenue(Ctx* c, const cadre::v1::UpdateAvenueRequest* req,
                        cadre::v1::Avenue* resp) override;
  Reactor* DeleteAvenue(Ctx* c, const cadre::v1::DeleteAvenueRequest* req,
                        cadre::v1::DeleteAvenueResponse* resp) override;

  Reactor* CreateRoleType(Ctx* c, const cadre::v1::CreateRoleTypeRequest* req,
                          cadre::v1::RoleType* resp) override;
  Reactor* ListRoleTypes(Ctx* c, const cadre::v1::ListRoleTypesRequest* req,
                         cadre::v1::ListRoleTypesResponse* resp) override;
  Reactor* GetInvolvementMap(Ctx* c, const cadre::v1::GetInvolvementMapRequest* req,
                             cadre::v1::InvolvementMap* resp) override;

  Reactor* CreateApiKey(Ctx* c, const cadre::v1::CreateApiKeyRequest* req,
                        cadre::v1::CreateApiKeyResponse* resp) override;
  Reactor* RevokeApiKey(Ctx* c, const cadre::v1::RevokeApiKeyRequest* req,
                        cadre::v1::RevokeApiKeyResponse* resp) override;

 private:
  using Work = std::function<absl::Status(const Principal&)>;
  enum class Mode { kRead, kWrite };
  // Authenticates, checks the view is fresh, runs `work` (inline for reads that need no
  // Redis, else on the worker pool) and finishes the call with its status.
  Reactor* Serve(Ctx* c, Mode mode, Work work);

  // Whether `p` may see `role` (open roles are public; others only for owner and admin).
  static bool MayRead(const Principal& p, const cadre::v1::Role& role);

  RegistryDeps d_;
  // The involvement map, cached per request filters and catalog generation.
  absl::Mutex map_mu_;
  std::map<std::string, std::pair<int64_t, std::shared_ptr<const cadre::v1::InvolvementMap>>>
      map_cache_ ABSL_GUARDED_BY(map_mu_);
};

}  // namespace cadre::registry
