#include "services/matching/matching_service.h"

#include <grpcpp/server_context.h>

#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "services/common/base/errors.h"
#include "services/common/base/status_macros.h"
#include "services/common/client_origin.h"

namespace cadre::matching {
namespace {

absl::Status NotReady() {
  return absl::UnavailableError("the service is starting (loading its view of the registry)");
}

}  // namespace

MatchingService::MatchingService(MatchingDeps deps)
    : RawService("cadre.v1.Matching"), d_(std::move(deps)) {
  AddUnary("SignUp", &MatchingService::SignUp);
  AddUnary("SignIn", &MatchingService::SignIn);
  AddUnary("SignOut", &MatchingService::SignOut);
  AddUnary("ChangeEmail", &MatchingService::ChangeEmail);
  AddUnary("ChangePassword", &MatchingService::ChangePassword);
  AddUnary("ResetPassword", &MatchingService::ResetPassword);
  AddUnary("GetMyProfile", &MatchingService::GetMyProfile);
  AddUnary("UpdateMyProfile", &MatchingService::UpdateMyProfile);
  AddUnary("GetApplicant", &MatchingService::GetApplicant);
  AddUnary("ListApplicants", &MatchingService::ListApplicants);
  AddUnary("GetContact", &MatchingService::GetContact);
  AddUnary("GetMyEqualityMonitoring", &MatchingService::GetMyEqualityMonitoring);
  AddUnary("SetMyEqualityMonitoring", &MatchingService::SetMyEqualityMonitoring);
  AddUnary("GetEqualityCounts", &MatchingService::GetEqualityCounts);
  AddUnary("ExportMyData", &MatchingService::ExportMyData);
  AddUnary("EraseApplicant", &MatchingService::EraseApplicant);
  AddUnary("GrantCredential", &MatchingService::GrantCredential);
  AddUnary("RevokeCredential", &MatchingService::RevokeCredential);
  AddUnary("ListCredentials", &MatchingService::ListCredentials);
  AddApplicationMethods();
}

void MatchingService::Serve(UnaryCall* call, Pool pool, Work work) {
  if (d_.ready && !d_.ready()) {
    call->Finish(NotReady());
    return;
  }
  auto run = [this, call, work = std::move(work)] {
    // Work queued behind slow calls is dropped once its caller has gone.
    if (call->context()->IsCancelled()) {
      call->Finish(CallCancelled());
      return;
    }
    absl::StatusOr<Principal> principal = d_.auth->Authenticate(*call->context());
    call->Finish(principal.ok() ? work(*principal) : principal.status());
  };
  WorkerPool* target = pool == Pool::kPassword ? d_.password_pool : d_.workers;
  if (!target->Submit(std::move(run))) {
    call->Finish(
        Busy(pool == Pool::kPassword ? "the password pool is full" : "the worker queue is full"));
  }
}

CallOrigin MatchingService::Origin(const grpc::ServerContextBase& context) {
  return CallOrigin{.client_address = ClientAddress(context, [this](absl::string_view token) {
                      absl::optional<Principal> service = d_.auth->ServicePrincipal(token);
                      return service.has_value() && service->subject == "gateway";
                    })};
}

// Each handler names its pool and the one call that answers it.

void MatchingService::SignUp(UnaryCall* call, const cadre::v1::SignUpRequest* req,
                             cadre::v1::SignUpResponse* resp) {
  ServeAnswer(call, Pool::kPassword, resp, [=, this](const Principal& p) {
    return d_.accounts->SignUp(p, *req, Origin(*call->context()));
  });
}

void MatchingService::SignIn(UnaryCall* call, const cadre::v1::SignInRequest* req,
                             cadre::v1::SignInResponse* resp) {
  ServeAnswer(call, Pool::kPassword, resp, [=, this](const Principal& p) {
    return d_.accounts->SignIn(p, *req, Origin(*call->context()));
  });
}

void MatchingService::ChangeEmail(UnaryCall* call, const cadre::v1::ChangeEmailRequest* req,
                                  cadre::v1::Applicant* resp) {
  ServeAnswer(call, Pool::kPassword, resp,
              [=, this](const Principal& p) { return d_.accounts->ChangeEmail(p, *req); });
}

void MatchingService::ResetPassword(UnaryCall* call, const cadre::v1::ResetPasswordRequest* req,
                                    cadre::v1::ResetPasswordResponse* resp) {
  ServeAnswer(call, Pool::kPassword, resp,
              [=, this](const Principal& p) { return d_.accounts->ResetPassword(p, *req); });
}

void MatchingService::GetMyProfile(UnaryCall* call, const cadre::v1::GetMyProfileRequest* /*req*/,
                                   cadre::v1::Applicant* resp) {
  ServeAnswer(call, Pool::kWorkers, resp,
              [=, this](const Principal& p) { return d_.profiles->GetMine(p); });
}

void MatchingService::UpdateMyProfile(UnaryCall* call, const cadre::v1::UpdateMyProfileRequest* req,
                                      cadre::v1::Applicant* resp) {
  ServeAnswer(call, Pool::kWorkers, resp,
              [=, this](const Principal& p) { return d_.profiles->UpdateMine(p, *req); });
}

void MatchingService::GetApplicant(UnaryCall* call, const cadre::v1::GetApplicantRequest* req,
                                   cadre::v1::Applicant* resp) {
  ServeAnswer(call, Pool::kWorkers, resp,
              [=, this](const Principal& p) { return d_.profiles->Get(p, *req); });
}

void MatchingService::ListApplicants(UnaryCall* call, const cadre::v1::ListApplicantsRequest* req,
                                     cadre::v1::ListApplicantsResponse* resp) {
  ServeAnswer(call, Pool::kWorkers, resp,
              [=, this](const Principal& p) { return d_.profiles->List(p, *req); });
}

void MatchingService::GetContact(UnaryCall* call, const cadre::v1::GetContactRequest* req,
                                 cadre::v1::Contact* resp) {
  ServeAnswer(call, Pool::kWorkers, resp,
              [=, this](const Principal& p) { return d_.profiles->GetContact(p, *req); });
}

void MatchingService::GetMyEqualityMonitoring(
    UnaryCall* call, const cadre::v1::GetMyEqualityMonitoringRequest* /*req*/,
    cadre::v1::EqualityMonitoring* resp) {
  ServeAnswer(call, Pool::kWorkers, resp,
              [=, this](const Principal& p) { return d_.equality->GetMine(p); });
}

void MatchingService::SetMyEqualityMonitoring(UnaryCall* call,
                                              const cadre::v1::SetMyEqualityMonitoringRequest* req,
                                              cadre::v1::EqualityMonitoring* resp) {
  ServeAnswer(call, Pool::kWorkers, resp,
              [=, this](const Principal& p) { return d_.equality->SetMine(p, *req); });
}

void MatchingService::GetEqualityCounts(UnaryCall* call,
                                        const cadre::v1::GetEqualityCountsRequest* /*req*/,
                                        cadre::v1::EqualityCounts* resp) {
  ServeAnswer(call, Pool::kWorkers, resp,
              [=, this](const Principal& p) { return d_.equality->Counts(p); });
}

void MatchingService::ExportMyData(UnaryCall* call, const cadre::v1::ExportMyDataRequest* req,
                                   cadre::v1::ExportMyDataResponse* resp) {
  ServeAnswer(call, Pool::kWorkers, resp,
              [=, this](const Principal& p) { return d_.subject_access->Export(p, *req); });
}

void MatchingService::GrantCredential(UnaryCall* call, const cadre::v1::GrantCredentialRequest* req,
                                      cadre::v1::Credential* resp) {
  ServeAnswer(call, Pool::kWorkers, resp,
              [=, this](const Principal& p) { return d_.credentials->Grant(p, *req); });
}

void MatchingService::RevokeCredential(UnaryCall* call,
                                       const cadre::v1::RevokeCredentialRequest* req,
                                       cadre::v1::Credential* resp) {
  ServeAnswer(call, Pool::kWorkers, resp,
              [=, this](const Principal& p) { return d_.credentials->Revoke(p, *req); });
}

void MatchingService::ListCredentials(UnaryCall* call, const cadre::v1::ListCredentialsRequest* req,
                                      cadre::v1::ListCredentialsResponse* resp) {
  ServeAnswer(call, Pool::kWorkers, resp,
              [=, this](const Principal& p) { return d_.credentials->List(p, *req); });
}

void MatchingService::SignOut(UnaryCall* call, const cadre::v1::SignOutRequest* /*req*/,
                              cadre::v1::SignOutResponse* /*resp*/) {
  Serve(call, Pool::kWorkers, [=, this](const Principal& p) -> absl::Status {
    const std::string token = BearerTokenOf(*call->context());
    CADRE_RETURN_IF_ERROR(d_.accounts->SignOut(p, token));
    d_.auth->Forget(Sha256Hex(token));  // at once here; other replicas within their cache time
    return absl::OkStatus();
  });
}

void MatchingService::ChangePassword(UnaryCall* call, const cadre::v1::ChangePasswordRequest* req,
                                     cadre::v1::ChangePasswordResponse* resp) {
  ServeAnswer(call, Pool::kPassword, resp, [=, this](const Principal& p) {
    auto changed = d_.accounts->ChangePassword(p, *req);
    // The key the call carried is revoked with the rest: at once here too.
    if (changed.ok()) d_.auth->Forget(Sha256Hex(BearerTokenOf(*call->context())));
    return changed;
  });
}

void MatchingService::EraseApplicant(UnaryCall* call, const cadre::v1::EraseApplicantRequest* req,
                                     cadre::v1::EraseApplicantResponse* /*resp*/) {
  Serve(call, Pool::kWorkers,
        [=, this](const Principal& p) { return d_.subject_access->Erase(p, *req); });
}

}  // namespace cadre::matching
