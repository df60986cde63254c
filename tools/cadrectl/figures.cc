// figures body (public: how quickly a body answers) and equality (the body itself or an
// admin: counts over the people who applied to its roles). Small numbers are withheld.

#include "cadre/v1/matching.pb.h"
#include "services/common/base/status_macros.h"
#include "tools/cadrectl/command.h"
#include "tools/cadrectl/views_matching.h"

namespace cadre::cadrectl {
namespace {

namespace v1 = cadre::v1;

absl::Status Body(Invocation& inv) {
  v1::GetBodyFiguresRequest request;
  CADRE_ASSIGN_OR_RETURN(*request.mutable_body(),
                         ResourceName("bodies", inv.args.positionals[0], "BODY"));
  v1::BodyFigures figures;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&MatchingStub::GetBodyFigures, request, &figures));
  return Show(inv, figures, PrintBodyFigures);
}

absl::Status Equality(Invocation& inv) {
  v1::GetBodyEqualityCountsRequest request;
  if (!inv.args.positionals.empty()) {
    CADRE_ASSIGN_OR_RETURN(*request.mutable_body(),
                           ResourceName("bodies", inv.args.positionals[0], "BODY"));
  }
  v1::EqualityCounts counts;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&MatchingStub::GetBodyEqualityCounts, request, &counts));
  return Show(inv, counts, PrintEqualityCounts);
}

}  // namespace

std::vector<Command> FigureCommands() {
  return {
      {"figures",
       "body",
       "BODY",
       1,
       1,
       "a body's figures over the last 90 days: time to acknowledge, decide and fill (public)",
       {},
       Body,
       "Each figure is withheld (\"<5\") when fewer than 5 applications or placements stand\n"
       "behind it."},
      {"figures",
       "equality",
       "[BODY]",
       0,
       1,
       "equality counts over the people who applied to a body's roles (the body or admin)",
       {},
       Equality,
       "Counts only, never per role; counts from 1 to 4 are shown as \"<5\". A body's key may\n"
       "leave out BODY."},
  };
}

}  // namespace cadre::cadrectl
