#pragma once

// gRPC handlers of cadre.v1.Registry. Each handler authenticates, calls the domain (the
// validation, policy and catalog of domain/, the writer) and maps the result, nothing
// more. Every method is raw (services/common/raw_method.h): a request that does not
// parse is answered INVALID_ARGUMENT, and every status goes through ToGrpcStatus.
//
// Reads are answered from the in-memory view on gRPC's own thread (no blocking). Writes,
// and reads whose API key is not yet cached, run on a worker pool, because they wait on
// Redis and a callback thread must never block. Calls that run scrypt (a staff member
// setting a password or signing in) run on a password pool of their own, so that they
// never hold up the workers.

#include <functional>

#include "absl/status/status.h"
#include "cadre/v1/registry.pb.h"
#include "services/common/api_keys.h"
#include "services/common/auth.h"
#include "services/common/base/clock.h"
#include "services/common/raw_method.h"
#include "services/common/worker_pool.h"
#include "services/registry/domain/catalog.h"
#include "services/registry/domain/map_cache.h"
#include "services/registry/registry_writer.h"
#include "services/registry/staff_accounts.h"
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
  StaffAccounts* staff;
  WorkerPool* password_pool;  // scrypt runs here
};

// Thread-safe; its dependencies must outlive it.
class RegistryService final : public RawService {
 public:
  explicit RegistryService(RegistryDeps deps);

 private:
  // The handlers, one per method of cadre.v1.Registry (registered in the constructor).
  void CreateBody(UnaryCall* call, const cadre::v1::CreateBodyRequest* req, cadre::v1::Body* resp);
  void GetBody(UnaryCall* call, const cadre::v1::GetBodyRequest* req, cadre::v1::Body* resp);
  void ListBodies(UnaryCall* call, const cadre::v1::ListBodiesRequest* req,
                  cadre::v1::ListBodiesResponse* resp);
  void UpdateBody(UnaryCall* call, const cadre::v1::UpdateBodyRequest* req, cadre::v1::Body* resp);

  void CreateRole(UnaryCall* call, const cadre::v1::CreateRoleRequest* req, cadre::v1::Role* resp);
  void GetRole(UnaryCall* call, const cadre::v1::GetRoleRequest* req, cadre::v1::Role* resp);
  void UpdateRole(UnaryCall* call, const cadre::v1::UpdateRoleRequest* req, cadre::v1::Role* resp);
  void ListRoles(UnaryCall* call, const cadre::v1::ListRolesRequest* req,
                 cadre::v1::ListRolesResponse* resp);
  void PublishRole(UnaryCall* call, const cadre::v1::PublishRoleRequest* req,
                   cadre::v1::Role* resp);
  void CloseRole(UnaryCall* call, const cadre::v1::CloseRoleRequest* req, cadre::v1::Role* resp);

  void CreateAvenue(UnaryCall* call, const cadre::v1::CreateAvenueRequest* req,
                    cadre::v1::Avenue* resp);
  void GetAvenue(UnaryCall* call, const cadre::v1::GetAvenueRequest* req, cadre::v1::Avenue* resp);
  void ListAvenues(UnaryCall* call, const cadre::v1::ListAvenuesRequest* req,
                   cadre::v1::ListAvenuesResponse* resp);
  void UpdateAvenue(UnaryCall* call, const cadre::v1::UpdateAvenueRequest* req,
                    cadre::v1::Avenue* resp);
  void DeleteAvenue(UnaryCall* call, const cadre::v1::DeleteAvenueRequest* req,
                    cadre::v1::DeleteAvenueResponse* resp);

  void CreateRoleType(UnaryCall* call, const cadre::v1::CreateRoleTypeRequest* req,
                      cadre::v1::RoleType* resp);
  void ListRoleTypes(UnaryCall* call, const cadre::v1::ListRoleTypesRequest* req,
                     cadre::v1::ListRoleTypesResponse* resp);
  void GetInvolvementMap(UnaryCall* call, const cadre::v1::GetInvolvementMapRequest* req,
                         cadre::v1::InvolvementMap* resp);

  void CreateApiKey(UnaryCall* call, const cadre::v1::CreateApiKeyRequest* req,
                    cadre::v1::CreateApiKeyResponse* resp);
  void RevokeApiKey(UnaryCall* call, const cadre::v1::RevokeApiKeyRequest* req,
                    cadre::v1::RevokeApiKeyResponse* resp);
  void RegisterApplicantKey(UnaryCall* call, const cadre::v1::RegisterApplicantKeyRequest* req,
                            cadre::v1::RegisterApplicantKeyResponse* resp);
  void RevokeApplicantKey(UnaryCall* call, const cadre::v1::RevokeApplicantKeyRequest* req,
                          cadre::v1::RevokeApplicantKeyResponse* resp);
  void RevokeSubjectKeys(UnaryCall* call, const cadre::v1::RevokeSubjectKeysRequest* req,
                         cadre::v1::RevokeSubjectKeysResponse* resp);
  void ListSubjectKeys(UnaryCall* call, const cadre::v1::ListSubjectKeysRequest* req,
                       cadre::v1::ListSubjectKeysResponse* resp);

  // Bodies' staff (registry_service_staff.cc).
  void CreateStaff(UnaryCall* call, const cadre::v1::CreateStaffRequest* req,
                   cadre::v1::CreateStaffResponse* resp);
  void GetStaff(UnaryCall* call, const cadre::v1::GetStaffRequest* req, cadre::v1::Staff* resp);
  void ListStaff(UnaryCall* call, const cadre::v1::ListStaffRequest* req,
                 cadre::v1::ListStaffResponse* resp);
  void UpdateStaff(UnaryCall* call, const cadre::v1::UpdateStaffRequest* req,
                   cadre::v1::Staff* resp);
  void DeactivateStaff(UnaryCall* call, const cadre::v1::DeactivateStaffRequest* req,
                       cadre::v1::Staff* resp);
  void IssueStaffSetupLink(UnaryCall* call, const cadre::v1::IssueStaffSetupLinkRequest* req,
                           cadre::v1::StaffSetupLink* resp);
  void SetStaffPassword(UnaryCall* call, const cadre::v1::SetStaffPasswordRequest* req,
                        cadre::v1::SignInStaffResponse* resp);
  void SignInStaff(UnaryCall* call, const cadre::v1::SignInStaffRequest* req,
                   cadre::v1::SignInStaffResponse* resp);
  void SignOutStaff(UnaryCall* call, const cadre::v1::SignOutStaffRequest* req,
                    cadre::v1::SignOutStaffResponse* resp);
  // Registers the staff handlers (called by the constructor).
  void AddStaffMethods();
  // The caller's address as far as it can be trusted: the gateway's vouched
  // x-forwarded-for, else the peer's.
  std::string ClientAddressOf(const grpc::ServerContextBase& context);

  using Work = std::function<absl::Status(const Principal&)>;
  enum class Mode { kRead, kWrite, kPassword };
  // Authenticates, checks the view is fresh, runs `work` (inline for reads that need no
  // Redis, else on the worker pool, or the password pool for kPassword) and finishes the
  // call with its status. A full queue is Busy (UNAVAILABLE "busy; retry shortly").
  void Serve(UnaryCall* call, Mode mode, Work work);

  RegistryDeps d_;
  MapCache map_cache_;
};

}  // namespace cadre::registry
