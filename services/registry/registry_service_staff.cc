// RegistryService: the handlers of bodies' staff accounts. Each reads like the others:
// authenticate (Serve), call StaffAccounts, answer. SetStaffPassword and SignInStaff run
// scrypt, so they run on the password pool; the rest wait on Redis, on the workers.

#include <grpcpp/server_context.h>

#include <string>
#include <utility>

#include "services/common/base/status_macros.h"
#include "services/common/client_origin.h"
#include "services/registry/registry_service.h"

namespace cadre::registry {
namespace {

// Puts an answer into the call's response.
template <typename T>
absl::Status Answer(absl::StatusOr<T> answer, T* resp) {
  if (!answer.ok()) return answer.status();
  *resp = *std::move(answer);
  return absl::OkStatus();
}

// The service whose key vouches for the x-forwarded-for it sends.
constexpr char kGatewayService[] = "gateway";

}  // namespace

void RegistryService::AddStaffMethods() {
  AddUnary("CreateStaff", &RegistryService::CreateStaff);
  AddUnary("GetStaff", &RegistryService::GetStaff);
  AddUnary("ListStaff", &RegistryService::ListStaff);
  AddUnary("UpdateStaff", &RegistryService::UpdateStaff);
  AddUnary("DeactivateStaff", &RegistryService::DeactivateStaff);
  AddUnary("IssueStaffSetupLink", &RegistryService::IssueStaffSetupLink);
  AddUnary("SetStaffPassword", &RegistryService::SetStaffPassword);
  AddUnary("SignInStaff", &RegistryService::SignInStaff);
  AddUnary("SignOutStaff", &RegistryService::SignOutStaff);
}

std::string RegistryService::ClientAddressOf(const grpc::ServerContextBase& context) {
  return ClientAddress(context, [this](absl::string_view token) {
    absl::optional<Principal> service = d_.auth->ServicePrincipal(token);
    return service.has_value() && service->subject == kGatewayService;
  });
}

void RegistryService::CreateStaff(UnaryCall* call, const cadre::v1::CreateStaffRequest* req,
                                  cadre::v1::CreateStaffResponse* resp) {
  Serve(call, Mode::kWrite,
        [=, this](const Principal& p) { return Answer(d_.staff->Create(p, *req), resp); });
}

void RegistryService::GetStaff(UnaryCall* call, const cadre::v1::GetStaffRequest* req,
                               cadre::v1::Staff* resp) {
  // A write's mode: the account is read from Redis, not from the view.
  Serve(call, Mode::kWrite,
        [=, this](const Principal& p) { return Answer(d_.staff->Get(p, *req), resp); });
}

void RegistryService::ListStaff(UnaryCall* call, const cadre::v1::ListStaffRequest* req,
                                cadre::v1::ListStaffResponse* resp) {
  Serve(call, Mode::kWrite,
        [=, this](const Principal& p) { return Answer(d_.staff->List(p, *req), resp); });
}

void RegistryService::UpdateStaff(UnaryCall* call, const cadre::v1::UpdateStaffRequest* req,
                                  cadre::v1::Staff* resp) {
  Serve(call, Mode::kWrite,
        [=, this](const Principal& p) { return Answer(d_.staff->Update(p, *req), resp); });
}

void RegistryService::DeactivateStaff(UnaryCall* call, const cadre::v1::DeactivateStaffRequest* req,
                                      cadre::v1::Staff* resp) {
  Serve(call, Mode::kWrite,
        [=, this](const Principal& p) { return Answer(d_.staff->Deactivate(p, *req), resp); });
}

void RegistryService::IssueStaffSetupLink(UnaryCall* call,
                                          const cadre::v1::IssueStaffSetupLinkRequest* req,
                                          cadre::v1::StaffSetupLink* resp) {
  Serve(call, Mode::kWrite,
        [=, this](const Principal& p) { return Answer(d_.staff->IssueSetupLink(p, *req), resp); });
}

void RegistryService::SetStaffPassword(UnaryCall* call,
                                       const cadre::v1::SetStaffPasswordRequest* req,
                                       cadre::v1::SignInStaffResponse* resp) {
  // No key needed: the token stands for the member (a key, if sent, must still be valid).
  Serve(call, Mode::kPassword, [=, this](const Principal&) {
    return Answer(d_.staff->SetPassword(*req, ClientAddressOf(*call->context())), resp);
  });
}

void RegistryService::SignInStaff(UnaryCall* call, const cadre::v1::SignInStaffRequest* req,
                                  cadre::v1::SignInStaffResponse* resp) {
  Serve(call, Mode::kPassword, [=, this](const Principal&) {
    return Answer(d_.staff->SignIn(*req, ClientAddressOf(*call->context())), resp);
  });
}

void RegistryService::SignOutStaff(UnaryCall* call, const cadre::v1::SignOutStaffRequest*,
                                   cadre::v1::SignOutStaffResponse*) {
  Serve(call, Mode::kWrite, [=, this](const Principal& p) {
    return d_.staff->SignOut(p, BearerTokenOf(*call->context()));
  });
}

}  // namespace cadre::registry
