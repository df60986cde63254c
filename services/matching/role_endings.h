#pragma once

// Nobody is left without an answer: when the registry says a role was closed, filled or
// cancelled (ROLE_CLOSED, ROLE_FILLED, ROLE_CANCELLED on registry:events), every
// application to it still submitted, acknowledged, shortlisted or offered becomes
// unsuccessful with the matching reason. Done once per event in matching's consumer group
// (view/events_group.h); a redelivered event finds nothing live and changes nothing.
//
// Reconcile, for a group whose position was trimmed away: every role that ever had an
// application and still has a live one, and is not open in the view, is read from the
// registry (the matching principal reads every role) and answered if it ended.

#include <string>

#include "absl/status/status.h"
#include "cadre/v1/registry_events.pb.h"
#include "services/matching/applications.h"
#include "services/matching/registry_roles.h"
#include "services/matching/view/role_view.h"

namespace cadre::matching {

// The reason for the applications of a role in `state`, or UNSPECIFIED for a state that
// does not end a role. Pure.
cadre::v1::UnsuccessfulReason ReasonForEndedRole(cadre::v1::RoleState state);

// Thread-safe; its dependencies must outlive it.
class RoleEndings {
 public:
  RoleEndings(Applications* applications, ApplicationStore* store, const RegistryRoles* registry,
              RoleView* view)
      : applications_(applications), store_(store), registry_(registry), view_(view) {}

  // The consumer group's handler: OK acknowledges the event.
  absl::Status Handle(const cadre::v1::RegistryEvent& event);
  // The consumer group's reconcile.
  absl::Status Reconcile();

 private:
  Applications* applications_;
  ApplicationStore* store_;
  const RegistryRoles* registry_;
  RoleView* view_;
};

}  // namespace cadre::matching
