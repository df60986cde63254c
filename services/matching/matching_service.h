#pragma once

// gRPC handlers of cadre.v1.Matching. Each handler authenticates, calls the accounts,
// profiles or credentials code and maps the result, nothing more. Every method is raw
// (services/common/raw_method.h) and every status goes through ToGrpcStatus.
//
// Every call reads Redis, so none runs on gRPC's callback thread: calls that hash a
// password run on the password pool (small and bounded: full → UNAVAILABLE "busy"), the
// rest on the workers, so that a flood of sign-ins never slows a profile read.

#include <functional>
#include <utility>

#include "absl/status/status.h"
#include "cadre/v1/matching.pb.h"
#include "services/common/auth.h"
#include "services/common/raw_method.h"
#include "services/common/worker_pool.h"
#include "services/matching/accounts.h"
#include "services/matching/applications.h"
#include "services/matching/credentials.h"
#include "services/matching/equality.h"
#include "services/matching/placements.h"
#include "services/matching/profiles.h"
#include "services/matching/public_figures.h"
#include "services/matching/ranking.h"
#include "services/matching/subject_access.h"

namespace cadre::matching {

struct MatchingDeps {
  Accounts* accounts;
  Profiles* profiles;
  Equality* equality;
  SubjectAccess* subject_access;
  Credentials* credentials;
  Applications* applications;
  Placements* placements;
  Ranking* ranking;
  PublicFigures* figures;
  Authenticator* auth;
  WorkerPool* workers;
  WorkerPool* password_pool;
  // Whether the replica may answer (its view of the registry's roles is loaded).
  std::function<bool()> ready;
};

// Thread-safe; its dependencies must outlive it.
class MatchingService final : public RawService {
 public:
  explicit MatchingService(MatchingDeps deps);

 private:
  void SignUp(UnaryCall* call, const cadre::v1::SignUpRequest* req,
              cadre::v1::SignUpResponse* resp);
  void SignIn(UnaryCall* call, const cadre::v1::SignInRequest* req,
              cadre::v1::SignInResponse* resp);
  void SignOut(UnaryCall* call, const cadre::v1::SignOutRequest* req,
               cadre::v1::SignOutResponse* resp);
  void ChangeEmail(UnaryCall* call, const cadre::v1::ChangeEmailRequest* req,
                   cadre::v1::Applicant* resp);
  void ChangePassword(UnaryCall* call, const cadre::v1::ChangePasswordRequest* req,
                      cadre::v1::ChangePasswordResponse* resp);
  void ResetPassword(UnaryCall* call, const cadre::v1::ResetPasswordRequest* req,
                     cadre::v1::ResetPasswordResponse* resp);

  void GetMyProfile(UnaryCall* call, const cadre::v1::GetMyProfileRequest* req,
                    cadre::v1::Applicant* resp);
  void UpdateMyProfile(UnaryCall* call, const cadre::v1::UpdateMyProfileRequest* req,
                       cadre::v1::Applicant* resp);
  void GetApplicant(UnaryCall* call, const cadre::v1::GetApplicantRequest* req,
                    cadre::v1::Applicant* resp);
  void ListApplicants(UnaryCall* call, const cadre::v1::ListApplicantsRequest* req,
                      cadre::v1::ListApplicantsResponse* resp);
  void GetContact(UnaryCall* call, const cadre::v1::GetContactRequest* req,
                  cadre::v1::Contact* resp);

  void GetMyEqualityMonitoring(UnaryCall* call,
                               const cadre::v1::GetMyEqualityMonitoringRequest* req,
                               cadre::v1::EqualityMonitoring* resp);
  void SetMyEqualityMonitoring(UnaryCall* call,
                               const cadre::v1::SetMyEqualityMonitoringRequest* req,
                               cadre::v1::EqualityMonitoring* resp);
  void GetEqualityCounts(UnaryCall* call, const cadre::v1::GetEqualityCountsRequest* req,
                         cadre::v1::EqualityCounts* resp);

  void ExportMyData(UnaryCall* call, const cadre::v1::ExportMyDataRequest* req,
                    cadre::v1::ExportMyDataResponse* resp);
  void EraseApplicant(UnaryCall* call, const cadre::v1::EraseApplicantRequest* req,
                      cadre::v1::EraseApplicantResponse* resp);

  void GrantCredential(UnaryCall* call, const cadre::v1::GrantCredentialRequest* req,
                       cadre::v1::Credential* resp);
  void RevokeCredential(UnaryCall* call, const cadre::v1::RevokeCredentialRequest* req,
                        cadre::v1::Credential* resp);
  void ListCredentials(UnaryCall* call, const cadre::v1::ListCredentialsRequest* req,
                       cadre::v1::ListCredentialsResponse* resp);

  // Applications, placements, scores and figures (matching_service_applications.cc).
  void AddApplicationMethods();
  void SubmitApplication(UnaryCall* call, const cadre::v1::SubmitApplicationRequest* req,
                         cadre::v1::Application* resp);
  void GetApplication(UnaryCall* call, const cadre::v1::GetApplicationRequest* req,
                      cadre::v1::Application* resp);
  void ListApplications(UnaryCall* call, const cadre::v1::ListApplicationsRequest* req,
                        cadre::v1::ListApplicationsResponse* resp);
  void MoveApplication(UnaryCall* call, const cadre::v1::MoveApplicationRequest* req,
                       cadre::v1::Application* resp);
  void GetPlacement(UnaryCall* call, const cadre::v1::GetPlacementRequest* req,
                    cadre::v1::Placement* resp);
  void ListPlacements(UnaryCall* call, const cadre::v1::ListPlacementsRequest* req,
                      cadre::v1::ListPlacementsResponse* resp);
  void SetPaymentChoice(UnaryCall* call, const cadre::v1::SetPaymentChoiceRequest* req,
                        cadre::v1::Placement* resp);
  void EndPlacement(UnaryCall* call, const cadre::v1::EndPlacementRequest* req,
                    cadre::v1::Placement* resp);
  void GetScoringPolicy(UnaryCall* call, const cadre::v1::GetScoringPolicyRequest* req,
                        cadre::v1::ScoringPolicy* resp);
  void RecommendRoles(UnaryCall* call, const cadre::v1::RecommendRolesRequest* req,
                      cadre::v1::RecommendRolesResponse* resp);
  void RankApplicants(UnaryCall* call, const cadre::v1::RankApplicantsRequest* req,
                      cadre::v1::RankApplicantsResponse* resp);
  void GetBodyFigures(UnaryCall* call, const cadre::v1::GetBodyFiguresRequest* req,
                      cadre::v1::BodyFigures* resp);
  void GetBodyEqualityCounts(UnaryCall* call, const cadre::v1::GetBodyEqualityCountsRequest* req,
                             cadre::v1::EqualityCounts* resp);

  using Work = std::function<absl::Status(const Principal&)>;
  enum class Pool { kWorkers, kPassword };
  // Checks readiness, then on `pool`: drops a call whose caller has gone, authenticates,
  // runs `work`, finishes the call with its status. A full queue is Busy.
  void Serve(UnaryCall* call, Pool pool, Work work);
  // Serve, with `answer(principal)` (an absl::StatusOr<Response>) put in `*response`.
  template <typename Response, typename Answer>
  void ServeAnswer(UnaryCall* call, Pool pool, Response* response, Answer answer) {
    Serve(call, pool, [response, answer = std::move(answer)](const Principal& p) -> absl::Status {
      absl::StatusOr<Response> result = answer(p);
      if (!result.ok()) return result.status();
      *response = *std::move(result);
      return absl::OkStatus();
    });
  }
  // Where the call came from: x-forwarded-for when x-cadre-forwarder carries the
  // gateway's service key, else the peer address.
  CallOrigin Origin(const grpc::ServerContextBase& context);

  MatchingDeps d_;
};

}  // namespace cadre::matching
