#include "services/matching/subject_access.h"

#include "services/common/base/status_macros.h"
#include "services/common/logging.h"
#include "services/matching/domain/errors.h"
#include "services/matching/domain/export.h"
#include "services/matching/domain/names.h"
#include "services/matching/domain/policy.h"

namespace cadre::matching {
namespace {

// The applicant a subject-access call is about: the caller, or whom an admin names.
absl::StatusOr<std::string> Subject(const Principal& caller, const std::string& named) {
  if (named.empty()) return SelfApplicantId(caller);
  CADRE_ASSIGN_OR_RETURN(std::string id, ParseApplicantName(named, "applicant"));
  CADRE_RETURN_IF_ERROR(MayActAsApplicant(caller, id));
  return id;
}

}  // namespace

absl::StatusOr<cadre::v1::ExportMyDataResponse> SubjectAccess::Export(
    const Principal& caller, const cadre::v1::ExportMyDataRequest& request) {
  CADRE_ASSIGN_OR_RETURN(const std::string id, Subject(caller, request.applicant()));
  CADRE_ASSIGN_OR_RETURN(auto stored, applicants_->Get(id));
  if (!stored.has_value()) return ApplicantNotFound(ApplicantName(id));
  CADRE_ASSIGN_OR_RETURN(cadre::v1::EqualityMonitoring monitoring, equality_->Of(id));
  CADRE_ASSIGN_OR_RETURN(std::vector<cadre::v1::Credential> credentials, credentials_->List(id));
  CADRE_ASSIGN_OR_RETURN(std::vector<StoredApplication> stored_apps,
                         applications_->ListForApplicant(id));
  CADRE_ASSIGN_OR_RETURN(std::vector<StoredPlacement> stored_placements,
                         applications_->PlacementsForApplicant(id));
  std::vector<cadre::v1::Application> apps;
  for (StoredApplication& a : stored_apps) apps.push_back(std::move(a.application));
  std::vector<cadre::v1::Placement> placements;
  for (StoredPlacement& p : stored_placements) placements.push_back(std::move(p.placement));
  CADRE_ASSIGN_OR_RETURN(cadre::v1::ListSubjectKeysResponse keys, registry_->List(id));
  const bool answered = monitoring.ByteSizeLong() > 0;
  CADRE_ASSIGN_OR_RETURN(std::string json,
                         BuildExport(stored->applicant, answered ? &monitoring : nullptr,
                                     credentials, &keys, clock_->Now(), apps, placements));
  cadre::v1::ExportMyDataResponse response;
  response.set_json(std::move(json));
  return response;
}

absl::Status SubjectAccess::Erase(const Principal& caller,
                                  const cadre::v1::EraseApplicantRequest& request) {
  CADRE_ASSIGN_OR_RETURN(const std::string id, Subject(caller, request.applicant()));
  // Applications and placements first: if the person's record then fails to go, a retry
  // finds them gone already (erasing them is idempotent).
  CADRE_RETURN_IF_ERROR(applications_->EraseApplicant(id));
  CADRE_ASSIGN_OR_RETURN(StoreResult result, applicants_->Erase(id, Change{.action = "erase",
                                                                           .actor = caller.Actor(),
                                                                           .time = clock_->Now()}));
  if (result.outcome != StoreOutcome::kWritten) return ApplicantNotFound(ApplicantName(id));
  // At once, so the person's keys stop working now; the registry also acts on the event,
  // so a failure here is only logged.
  if (absl::StatusOr<int> revoked = registry_->RevokeAll(id); !revoked.ok()) {
    log::Warn(
        "keys of an erased applicant left to the erasure event",
        {{"applicant", ApplicantName(id)}, {"error", std::string(revoked.status().message())}});
  }
  return absl::OkStatus();
}

}  // namespace cadre::matching
