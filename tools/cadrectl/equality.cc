// equality set | show (the person themself) and counts (admin). Answers are optional,
// kept apart from the profile and never shown to a body.

#include "cadre/v1/matching.pb.h"
#include "services/common/base/status_macros.h"
#include "tools/cadrectl/command.h"
#include "tools/cadrectl/equality_flags.h"
#include "tools/cadrectl/errors.h"
#include "tools/cadrectl/views_matching.h"

namespace cadre::cadrectl {
namespace {

namespace v1 = cadre::v1;

absl::StatusOr<v1::EqualityMonitoring> FetchMine(Invocation& inv) {
  v1::EqualityMonitoring monitoring;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&MatchingStub::GetMyEqualityMonitoring,
                                        v1::GetMyEqualityMonitoringRequest(), &monitoring));
  return monitoring;
}

absl::Status Set(Invocation& inv) {
  bool replace = false;
  if (inv.args.Has("replace")) {
    CADRE_ASSIGN_OR_RETURN(replace, BoolFlag(inv.args, "replace"));
  }
  if (!replace && !AnyGiven(inv.args, EqualityFlags())) {
    return UsageError("equality set: give at least one answer (or --replace to remove all)");
  }
  // Checked before any call, so that a mistyped answer fails naming its flag.
  v1::EqualityMonitoring given;
  CADRE_RETURN_IF_ERROR(ApplyEqualityFlags(inv.args, &given));
  v1::SetMyEqualityMonitoringRequest request;
  // The call replaces every answer: start from the stored ones so that only the
  // questions given change, unless --replace.
  if (!replace) {
    CADRE_ASSIGN_OR_RETURN(*request.mutable_monitoring(), FetchMine(inv));
  }
  CADRE_RETURN_IF_ERROR(ApplyEqualityFlags(inv.args, request.mutable_monitoring()));
  v1::EqualityMonitoring stored;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&MatchingStub::SetMyEqualityMonitoring, request, &stored));
  return Show(inv, stored, PrintEqualityMonitoring);
}

absl::Status ShowMine(Invocation& inv) {
  CADRE_ASSIGN_OR_RETURN(v1::EqualityMonitoring monitoring, FetchMine(inv));
  return Show(inv, monitoring, PrintEqualityMonitoring);
}

absl::Status Counts(Invocation& inv) {
  v1::EqualityCounts counts;
  CADRE_RETURN_IF_ERROR(
      inv.client.Call(&MatchingStub::GetEqualityCounts, v1::GetEqualityCountsRequest(), &counts));
  return Show(inv, counts, PrintEqualityCounts);
}

}  // namespace

std::vector<Command> EqualityCommands() {
  return {
      {"equality", "set", "", 0, 0, "answer equality-monitoring questions (all optional)",
       WithFlags(EqualityFlags(),
                 {{"replace", "", "remove the answers to the questions not given"}}),
       Set,
       "Only the questions given change, unless --replace. Each takes an answer's label,\n"
       "prefer-not-to-say, or unanswered to remove the answer. Answers are kept apart from\n"
       "your profile, never shown to a body, never used in screening or scoring."},
      {"equality", "show", "", 0, 0, "show your equality-monitoring answers", {}, ShowMine},
      {"equality",
       "counts",
       "",
       0,
       0,
       "how many people gave each answer, counts under 5 shown as <5 (admin)",
       {},
       Counts},
  };
}

}  // namespace cadre::cadrectl
