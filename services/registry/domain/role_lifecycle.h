#pragma once

// The life of a role: draft → open (publish); open → closed | filled | cancelled;
// draft → cancelled. Pure: no I/O.

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "cadre/v1/registry.pb.h"
#include "cadre/v1/registry_events.pb.h"

namespace cadre::registry {

// Lower-case name of a state for messages: "draft", "open", ...
absl::string_view StateName(cadre::v1::RoleState state);

// Moves a draft to open. FAILED_PRECONDITION if not a draft, or if its closing time has
// passed (`now`).
absl::Status Publish(cadre::v1::Role& role, absl::Time now);

// Ends a role as `to` (CLOSED, FILLED or CANCELLED) with a reason (up to 300 characters).
// INVALID_ARGUMENT for another target state or a long reason; FAILED_PRECONDITION when
// the move is not allowed from the role's state.
absl::Status End(cadre::v1::Role& role, cadre::v1::RoleState to, absl::string_view reason);

// Whether a role in `state` may still be edited (draft and open roles may).
bool IsEditable(cadre::v1::RoleState state);

// The event announcing a move into `state`.
cadre::v1::RegistryEvent::Type EventFor(cadre::v1::RoleState state);

}  // namespace cadre::registry
