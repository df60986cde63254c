#pragma once

// Human views of the matching service's resources: applicants, credentials, equality
// monitoring (views_matching.cc); applications and placements (views_applications.cc);
// scores, rankings and figures (views_match.cc). Enum values use the command line's
// spellings (enums.h). No view prints a password; keys are printed only by the commands
// whose call returns one.

#include <ostream>

#include "cadre/v1/matching.pb.h"
#include "tools/cadrectl/views.h"

namespace cadre::cadrectl {

void PrintApplicant(const cadre::v1::Applicant& applicant, std::ostream& out);
void PrintApplicants(const Repeated<cadre::v1::Applicant>& applicants, std::ostream& out);

void PrintCredential(const cadre::v1::Credential& credential, std::ostream& out);
void PrintCredentials(const cadre::v1::ListCredentialsResponse& response, std::ostream& out);

// Every question, with "unanswered" where there is no answer.
void PrintEqualityMonitoring(const cadre::v1::EqualityMonitoring& monitoring, std::ostream& out);
// The people counted, then a table of QUESTION, ANSWER, SHOWN ("<5" for small counts).
void PrintEqualityCounts(const cadre::v1::EqualityCounts& counts, std::ostream& out);

// Its state, next step (and when it is due), times, screening and statement.
void PrintApplication(const cadre::v1::Application& application, std::ostream& out);
// A table of the applications, then how many the filters match await each step.
void PrintApplications(const cadre::v1::ListApplicationsResponse& response, std::ostream& out);

void PrintPlacement(const cadre::v1::Placement& placement, std::ostream& out);
void PrintPlacements(const Repeated<cadre::v1::Placement>& placements, std::ostream& out);

// The version, then a table of PART, WEIGHT, DESCRIPTION and the total.
void PrintScoringPolicy(const cadre::v1::ScoringPolicy& policy, std::ostream& out);
// Roles best first with score, eligibility and why; then how many roles were considered.
void PrintRecommendations(const cadre::v1::RecommendRolesResponse& response, std::ostream& out);
// Applicants in rank order with score and eligibility; then how many were ranked.
void PrintRanking(const cadre::v1::RankApplicantsResponse& response, std::ostream& out);
// Each figure as shown ("2.5 days", "40%", "<5") with what stands behind it.
void PrintBodyFigures(const cadre::v1::BodyFigures& figures, std::ostream& out);

}  // namespace cadre::cadrectl
