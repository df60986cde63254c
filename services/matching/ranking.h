#pragma once

// Explainable matching, both ways: the published scoring policy, the roles recommended to
// a person (view/recommender.h does the search), and a role's applicants ranked for its
// body, each with the parts of the score and the screening outcome. Scores and screening
// are the pure domain's (domain/scoring.h, domain/screening.h); nothing here reads
// equality-monitoring answers, and a body never sees a date of birth.

#include "absl/status/statusor.h"
#include "cadre/v1/matching.pb.h"
#include "services/common/base/clock.h"
#include "services/common/base/principal.h"
#include "services/matching/application_store.h"
#include "services/matching/applications.h"
#include "services/matching/domain/scoring.h"
#include "services/matching/registry_roles.h"
#include "services/matching/view/open_roles.h"

namespace cadre::matching {

// The policy as GetScoringPolicy publishes it.
cadre::v1::ScoringPolicy PolicyProto(const ScoringPolicy& policy);
// A score as the proto carries it.
cadre::v1::MatchScore ScoreProto(const Score& score, int policy_version);

// Thread-safe; its dependencies must outlive it.
class Ranking {
 public:
  Ranking(ApplicationStore* store, Applications* applications, const OpenRoles* roles,
          const RegistryRoles* registry, const Clock* clock)
      : store_(store),
        applications_(applications),
        roles_(roles),
        registry_(registry),
        clock_(clock) {}

  cadre::v1::ScoringPolicy Policy() const;
  absl::StatusOr<cadre::v1::RankApplicantsResponse> RankApplicants(
      const Principal& caller, const cadre::v1::RankApplicantsRequest& request);
  absl::StatusOr<cadre::v1::RecommendRolesResponse> RecommendRoles(
      const Principal& caller, const cadre::v1::RecommendRolesRequest& request);

 private:
  // RecommendRoles for the one role `role` names, about `applicant_id` (whom the caller
  // may ask about): INVALID_ARGUMENT for a malformed name, NOT_FOUND when the view does not
  // hold it open and taking applications.
  absl::StatusOr<cadre::v1::RecommendRolesResponse> RecommendRole(const std::string& applicant_id,
                                                                  const std::string& role);
  // The role: from the view while open, else from the registry.
  absl::StatusOr<cadre::v1::Role> LoadRole(const std::string& name);

  ApplicationStore* store_;
  Applications* applications_;
  const OpenRoles* roles_;
  const RegistryRoles* registry_;
  const Clock* clock_;
};

}  // namespace cadre::matching
