#pragma once

// Applications: a person applies to an open role; the role's body acknowledges,
// shortlists, offers or turns them down; the person withdraws, accepts or declines; the
// clock lapses an offer; matching answers every live application when the role ends.
// Each move is checked against the table (domain/application_moves.h) for the party
// making it, then written with a compare-and-set (application_store.h). An acceptance
// takes a place under the store's guard: never more placements than places.
//
// Roles come from the view of the registry's open roles (view/open_roles.h): a role not
// in it is no longer open, so it takes no application, offer or acceptance; its live
// applications are answered by matching (AnswerEndedRole, from the registry's events).
// Every method reads Redis.

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "cadre/v1/matching.pb.h"
#include "services/common/base/clock.h"
#include "services/common/base/principal.h"
#include "services/matching/applicant_store.h"
#include "services/matching/application_store.h"
#include "services/matching/domain/application_moves.h"
#include "services/matching/domain/limits.h"
#include "services/matching/domain/voice.h"
#include "services/matching/view/open_roles.h"

namespace cadre::matching {

struct ApplicationsOptions {
  int max_live = kDefaultMaxAwaiting;              // live applications one person may hold at once
  int acknowledge_days = kDefaultAcknowledgeDays;  // working days a body has to acknowledge
};

// Thread-safe; its dependencies must outlive it.
class Applications {
 public:
  // `on_filled` is called after an acceptance that may have taken a role's last place
  // (the fill queue then asks the registry to mark the role filled).
  Applications(ApplicationStore* store, ApplicantStore* applicants, const OpenRoles* roles,
               const Clock* clock, ApplicationsOptions options, std::function<void()> on_filled);

  absl::StatusOr<cadre::v1::Application> Submit(const Principal& caller,
                                                const cadre::v1::SubmitApplicationRequest& request);
  absl::StatusOr<cadre::v1::Application> Get(const Principal& caller,
                                             const cadre::v1::GetApplicationRequest& request);
  absl::StatusOr<cadre::v1::ListApplicationsResponse> List(
      const Principal& caller, const cadre::v1::ListApplicationsRequest& request);
  // Without an etag the caller asks for the move whatever changed since: a change that
  // lands between our read and our write (matching answering the application because its
  // role filled, say) is read again and the move checked afresh, so the caller gets the
  // true answer (FAILED_PRECONDITION) rather than ABORTED. With an etag, ABORTED on any
  // change, as AIP-154 says.
  absl::StatusOr<cadre::v1::Application> Move(const Principal& caller,
                                              const cadre::v1::MoveApplicationRequest& request);

  // The clock's part: offers whose reply-by time has passed become unsuccessful ("offer
  // lapsed"). Returns how many.
  absl::StatusOr<int> LapseDueOffers();
  // Matching's part: every live application to the role becomes unsuccessful with
  // `reason` (role filled, closed or cancelled). Idempotent: a second call finds none live.
  // Returns how many it answered.
  absl::StatusOr<int> AnswerEndedRole(int64_t role_id, cadre::v1::UnsuccessfulReason reason);

  // What screening and scoring need to know of a person's placements.
  struct PlacementCounts {
    int active = 0;
    int last_24_months = 0;  // held at any time in the 24 months to now, active included
    std::vector<int64_t> active_role_ids;  // the roles of the active ones
  };
  // From the person's placements as read (PersonForMatching::placements), as of now.
  PlacementCounts CountPlacementsOf(const std::vector<StoredPlacement>& placements) const;

  // The answer's computed fields, as of now.
  cadre::v1::Application Decorated(cadre::v1::Application app) const;

 private:
  // A move by the clock or matching itself, retried on a concurrent change; false when
  // the application is no longer one that party may move.
  absl::StatusOr<bool> MoveAs(Party party, const std::string& id, cadre::v1::ApplicationState to,
                              cadre::v1::UnsuccessfulReason reason);
  // One read, check and write of Move; ABORTED when the application changed in between.
  absl::StatusOr<cadre::v1::Application> MoveOnce(const Principal& caller,
                                                  const cadre::v1::MoveApplicationRequest& request);
  absl::StatusOr<cadre::v1::Application> Accept(StoredApplication record, const OpenRolePtr& role,
                                                absl::Time now, const std::string& actor);
  // `voice`: kBody re-voices each answered application's screening (ForTheBody).
  absl::StatusOr<cadre::v1::ListApplicationsResponse> Page(
      std::vector<StoredApplication> apps, const cadre::v1::ListApplicationsRequest& request,
      Voice voice);

  ApplicationStore* store_;
  ApplicantStore* applicants_;
  const OpenRoles* roles_;
  const Clock* clock_;
  ApplicationsOptions options_;
  std::function<void()> on_filled_;
};

}  // namespace cadre::matching
