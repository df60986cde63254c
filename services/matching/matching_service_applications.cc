// The handlers of applications, placements, scores and figures: each names its pool and
// the one call that answers it (matching_service.h).

#include "services/matching/matching_service.h"

namespace cadre::matching {

void MatchingService::AddApplicationMethods() {
  AddUnary("SubmitApplication", &MatchingService::SubmitApplication);
  AddUnary("GetApplication", &MatchingService::GetApplication);
  AddUnary("ListApplications", &MatchingService::ListApplications);
  AddUnary("MoveApplication", &MatchingService::MoveApplication);
  AddUnary("GetPlacement", &MatchingService::GetPlacement);
  AddUnary("ListPlacements", &MatchingService::ListPlacements);
  AddUnary("SetPaymentChoice", &MatchingService::SetPaymentChoice);
  AddUnary("EndPlacement", &MatchingService::EndPlacement);
  AddUnary("GetScoringPolicy", &MatchingService::GetScoringPolicy);
  AddUnary("RecommendRoles", &MatchingService::RecommendRoles);
  AddUnary("RankApplicants", &MatchingService::RankApplicants);
  AddUnary("GetBodyFigures", &MatchingService::GetBodyFigures);
  AddUnary("GetBodyEqualityCounts", &MatchingService::GetBodyEqualityCounts);
}

void MatchingService::SubmitApplication(UnaryCall* call,
                                        const cadre::v1::SubmitApplicationRequest* req,
                                        cadre::v1::Application* resp) {
  ServeAnswer(call, Pool::kWorkers, resp,
              [=, this](const Principal& p) { return d_.applications->Submit(p, *req); });
}

void MatchingService::GetApplication(UnaryCall* call, const cadre::v1::GetApplicationRequest* req,
                                     cadre::v1::Application* resp) {
  ServeAnswer(call, Pool::kWorkers, resp,
              [=, this](const Principal& p) { return d_.applications->Get(p, *req); });
}

void MatchingService::ListApplications(UnaryCall* call,
                                       const cadre::v1::ListApplicationsRequest* req,
                                       cadre::v1::ListApplicationsResponse* resp) {
  ServeAnswer(call, Pool::kWorkers, resp,
              [=, this](const Principal& p) { return d_.applications->List(p, *req); });
}

void MatchingService::MoveApplication(UnaryCall* call, const cadre::v1::MoveApplicationRequest* req,
                                      cadre::v1::Application* resp) {
  ServeAnswer(call, Pool::kWorkers, resp,
              [=, this](const Principal& p) { return d_.applications->Move(p, *req); });
}

void MatchingService::GetPlacement(UnaryCall* call, const cadre::v1::GetPlacementRequest* req,
                                   cadre::v1::Placement* resp) {
  ServeAnswer(call, Pool::kWorkers, resp,
              [=, this](const Principal& p) { return d_.placements->Get(p, *req); });
}

void MatchingService::ListPlacements(UnaryCall* call, const cadre::v1::ListPlacementsRequest* req,
                                     cadre::v1::ListPlacementsResponse* resp) {
  ServeAnswer(call, Pool::kWorkers, resp,
              [=, this](const Principal& p) { return d_.placements->List(p, *req); });
}

void MatchingService::SetPaymentChoice(UnaryCall* call,
                                       const cadre::v1::SetPaymentChoiceRequest* req,
                                       cadre::v1::Placement* resp) {
  ServeAnswer(call, Pool::kWorkers, resp,
              [=, this](const Principal& p) { return d_.placements->SetPaymentChoice(p, *req); });
}

void MatchingService::EndPlacement(UnaryCall* call, const cadre::v1::EndPlacementRequest* req,
                                   cadre::v1::Placement* resp) {
  ServeAnswer(call, Pool::kWorkers, resp,
              [=, this](const Principal& p) { return d_.placements->End(p, *req); });
}

// Public and pure: answered on gRPC's thread, with no key needed.
void MatchingService::GetScoringPolicy(UnaryCall* call,
                                       const cadre::v1::GetScoringPolicyRequest* /*req*/,
                                       cadre::v1::ScoringPolicy* resp) {
  *resp = d_.ranking->Policy();
  call->Finish(absl::OkStatus());
}

void MatchingService::RecommendRoles(UnaryCall* call, const cadre::v1::RecommendRolesRequest* req,
                                     cadre::v1::RecommendRolesResponse* resp) {
  ServeAnswer(call, Pool::kWorkers, resp,
              [=, this](const Principal& p) { return d_.ranking->RecommendRoles(p, *req); });
}

void MatchingService::RankApplicants(UnaryCall* call, const cadre::v1::RankApplicantsRequest* req,
                                     cadre::v1::RankApplicantsResponse* resp) {
  ServeAnswer(call, Pool::kWorkers, resp,
              [=, this](const Principal& p) { return d_.ranking->RankApplicants(p, *req); });
}

void MatchingService::GetBodyFigures(UnaryCall* call, const cadre::v1::GetBodyFiguresRequest* req,
                                     cadre::v1::BodyFigures* resp) {
  ServeAnswer(call, Pool::kWorkers, resp,
              [=, this](const Principal& /*p*/) { return d_.figures->Figures(*req); });
}

void MatchingService::GetBodyEqualityCounts(UnaryCall* call,
                                            const cadre::v1::GetBodyEqualityCountsRequest* req,
                                            cadre::v1::EqualityCounts* resp) {
  ServeAnswer(call, Pool::kWorkers, resp,
              [=, this](const Principal& p) { return d_.figures->EqualityOf(p, *req); });
}

}  // namespace cadre::matching
