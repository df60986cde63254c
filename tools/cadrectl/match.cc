// match policy (public), recommend (an applicant for themself, or an admin) and rank (the
// role's body or an admin): explainable scores, each with its parts.

#include "cadre/v1/matching.pb.h"
#include "services/common/base/status_macros.h"
#include "tools/cadrectl/application_flags.h"
#include "tools/cadrectl/command.h"
#include "tools/cadrectl/paging.h"
#include "tools/cadrectl/views_matching.h"

namespace cadre::cadrectl {
namespace {

namespace v1 = cadre::v1;

absl::Status Policy(Invocation& inv) {
  v1::ScoringPolicy policy;
  CADRE_RETURN_IF_ERROR(
      inv.client.Call(&MatchingStub::GetScoringPolicy, v1::GetScoringPolicyRequest(), &policy));
  return Show(inv, policy, PrintScoringPolicy);
}

absl::Status Recommend(Invocation& inv) {
  CADRE_ASSIGN_OR_RETURN(v1::RecommendRolesRequest request, RecommendRequestFromFlags(inv.args));
  return ListPagesWithTotals(inv, request, &MatchingStub::RecommendRoles,
                             &v1::RecommendRolesResponse::mutable_matches, PrintRecommendations);
}

absl::Status Rank(Invocation& inv) {
  CADRE_ASSIGN_OR_RETURN(v1::RankApplicantsRequest request, RankRequestFromFlags(inv.args));
  return ListPagesWithTotals(inv, request, &MatchingStub::RankApplicants,
                             &v1::RankApplicantsResponse::mutable_applicants, PrintRanking);
}

}  // namespace

std::vector<Command> MatchCommands() {
  return {
      {"match",
       "policy",
       "",
       0,
       0,
       "the published weights every match score uses (public)",
       {},
       Policy},
      {"match", "recommend", "", 0, 0,
       "open roles that match your profile, best first (admin: name the applicant)",
       RecommendFlags(), Recommend,
       "Eligible roles come first; --include-ineligible adds the others, each with what you\n"
       "lack. --json shows every score's parts. The first 200 can be paged through."},
      {"match", "rank", "", 0, 0, "rank the applications to a role (the role's body or admin)",
       RankFlags(), Rank,
       "Eligible first, then by score, then the earliest submitted. Never shows equality\n"
       "answers or a date of birth. --json shows every score's parts."},
  };
}

}  // namespace cadre::cadrectl
