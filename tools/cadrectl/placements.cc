// placements get | list (the leader, the body, an admin), complete (the body), end-early
// (the body or the leader, with a reason) and payment-choice (the leader).

#include "cadre/v1/matching.pb.h"
#include "services/common/base/status_macros.h"
#include "tools/cadrectl/application_flags.h"
#include "tools/cadrectl/command.h"
#include "tools/cadrectl/paging.h"
#include "tools/cadrectl/views_matching.h"

namespace cadre::cadrectl {
namespace {

namespace v1 = cadre::v1;

absl::Status Get(Invocation& inv) {
  v1::GetPlacementRequest request;
  CADRE_ASSIGN_OR_RETURN(*request.mutable_name(),
                         PlacementName(inv.args.positionals[0], "PLACEMENT"));
  v1::Placement placement;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&MatchingStub::GetPlacement, request, &placement));
  return Show(inv, placement, PrintPlacement);
}

absl::Status List(Invocation& inv) {
  CADRE_ASSIGN_OR_RETURN(v1::ListPlacementsRequest request,
                         ListPlacementsRequestFromFlags(inv.args));
  return ListPages(inv, request, &MatchingStub::ListPlacements,
                   &v1::ListPlacementsResponse::mutable_placements, PrintPlacements);
}

// One command per end state: Command.run is a plain function.
template <v1::PlacementState kTo>
absl::Status End(Invocation& inv) {
  CADRE_ASSIGN_OR_RETURN(v1::EndPlacementRequest request,
                         EndRequestFromFlags(inv.args, inv.args.positionals[0], kTo));
  v1::Placement ended;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&MatchingStub::EndPlacement, request, &ended));
  return Show(inv, ended, PrintPlacement);
}

absl::Status PaymentChoice(Invocation& inv) {
  CADRE_ASSIGN_OR_RETURN(v1::SetPaymentChoiceRequest request,
                         PaymentChoiceRequestFromFlags(inv.args, inv.args.positionals[0]));
  v1::Placement placement;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&MatchingStub::SetPaymentChoice, request, &placement));
  return Show(inv, placement, PrintPlacement);
}

}  // namespace

std::vector<Command> PlacementCommands() {
  const FlagSpec etag = {"etag", "ETAG",
                         "fail with ABORTED unless the placement still has this etag"};
  return {
      {"placements", "get", "PLACEMENT", 1, 1, "show a placement (placements/ID or ID)", {}, Get},
      {"placements", "list", "", 0, 0,
       "list placements, newest first: your own, a role's or a body's", ListPlacementsFlags(),
       List},
      {"placements",
       "complete",
       "PLACEMENT",
       1,
       1,
       "mark an active placement completed (the body)",
       {etag},
       End<v1::PLACEMENT_STATE_COMPLETED>},
      {"placements",
       "end-early",
       "PLACEMENT",
       1,
       1,
       "end an active placement early (the body or the leader)",
       {{"reason", "TEXT", "why, 3-300 characters (required)"}, etag},
       End<v1::PLACEMENT_STATE_ENDED_EARLY>},
      {"placements",
       "payment-choice",
       "PLACEMENT",
       1,
       1,
       "record your choice where the role offers an involvement payment (the leader)",
       {{"choice", "CHOICE", "take-payment, expenses-only or decline-payment (required)"}},
       PaymentChoice,
       "Payments can affect state benefits: you may take the payment, take expenses only,\n"
       "or decline it."},
  };
}

}  // namespace cadre::cadrectl
