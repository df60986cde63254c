// applications submit | withdraw | accept | decline (the applicant), acknowledge |
// shortlist | offer | turn-down (the role's body), get | list (either, for their own).
// Every move calls MoveApplication with the state it names; an admin may make any legal
// move.

#include "absl/time/clock.h"
#include "cadre/v1/matching.pb.h"
#include "services/common/base/status_macros.h"
#include "tools/cadrectl/application_flags.h"
#include "tools/cadrectl/command.h"
#include "tools/cadrectl/paging.h"
#include "tools/cadrectl/views_matching.h"

namespace cadre::cadrectl {
namespace {

namespace v1 = cadre::v1;

absl::Status Submit(Invocation& inv) {
  CADRE_ASSIGN_OR_RETURN(v1::SubmitApplicationRequest request,
                         SubmitRequestFromFlags(inv.args, inv.client.request_id()));
  v1::Application submitted;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&MatchingStub::SubmitApplication, request, &submitted));
  return Show(inv, submitted, PrintApplication);
}

absl::Status Get(Invocation& inv) {
  v1::GetApplicationRequest request;
  CADRE_ASSIGN_OR_RETURN(*request.mutable_name(),
                         ApplicationName(inv.args.positionals[0], "APPLICATION"));
  v1::Application application;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&MatchingStub::GetApplication, request, &application));
  return Show(inv, application, PrintApplication);
}

absl::Status List(Invocation& inv) {
  CADRE_ASSIGN_OR_RETURN(v1::ListApplicationsRequest request,
                         ListApplicationsRequestFromFlags(inv.args));
  return ListPagesWithTotals(inv, request, &MatchingStub::ListApplications,
                             &v1::ListApplicationsResponse::mutable_applications,
                             PrintApplications);
}

// One command per target state: Command.run is a plain function.
template <v1::ApplicationState kTo>
absl::Status Move(Invocation& inv) {
  CADRE_ASSIGN_OR_RETURN(v1::MoveApplicationRequest request,
                         MoveRequestFromFlags(inv.args, inv.args.positionals[0], kTo, absl::Now()));
  v1::Application moved;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&MatchingStub::MoveApplication, request, &moved));
  return Show(inv, moved, PrintApplication);
}

}  // namespace

std::vector<Command> ApplicationCommands() {
  const FlagSpec etag = {"etag", "ETAG",
                         "fail with ABORTED unless the application still has this etag"};
  const FlagSpec note = {"note", "TEXT", "to the applicant, up to 1000 characters"};
  return {
      {"applications", "submit", "", 0, 0, "apply for an open role (an applicant)", SubmitFlags(),
       Submit,
       "Required: --role --statement. --request_id makes it safe to retry. The role's body\n"
       "sees your statement and your screening against the role's requirements."},
      {"applications",
       "get",
       "APPLICATION",
       1,
       1,
       "show an application: its state, next step, times and screening",
       {},
       Get},
      {"applications", "list", "", 0, 0,
       "list applications, newest first: your own, a role's or a body's", ListApplicationsFlags(),
       List,
       "An applicant sees their own, a body those to its roles (leave out --body), an admin\n"
       "any. The counts of those awaiting each step cover everything the filters match."},
      {"applications",
       "acknowledge",
       "APPLICATION",
       1,
       1,
       "acknowledge an application to your role (the body)",
       {etag},
       Move<v1::APPLICATION_STATE_ACKNOWLEDGED>},
      {"applications",
       "shortlist",
       "APPLICATION",
       1,
       1,
       "shortlist an application (the body; acknowledges it too if need be)",
       {etag},
       Move<v1::APPLICATION_STATE_SHORTLISTED>},
      {"applications",
       "offer",
       "APPLICATION",
       1,
       1,
       "offer a shortlisted applicant the place (the body)",
       {{"reply-by", "WHEN",
         "reply due in 7d or 48h, or at a date or RFC 3339 time (1 hour to 60 days; 14d)"},
        note,
        etag},
       Move<v1::APPLICATION_STATE_OFFERED>},
      {"applications",
       "turn-down",
       "APPLICATION",
       1,
       1,
       "tell an applicant they were unsuccessful (the body)",
       {{"reason", "REASON",
         "not-shortlisted, not-selected, requirements-not-met or no-decision-made (required)"},
        note,
        etag},
       Move<v1::APPLICATION_STATE_UNSUCCESSFUL>},
      {"applications",
       "withdraw",
       "APPLICATION",
       1,
       1,
       "withdraw your application",
       {etag},
       Move<v1::APPLICATION_STATE_WITHDRAWN>},
      {"applications",
       "accept",
       "APPLICATION",
       1,
       1,
       "accept an offer: the application becomes a placement",
       {etag},
       Move<v1::APPLICATION_STATE_ACCEPTED>},
      {"applications",
       "decline",
       "APPLICATION",
       1,
       1,
       "decline an offer",
       {etag},
       Move<v1::APPLICATION_STATE_DECLINED>},
  };
}

}  // namespace cadre::cadrectl
