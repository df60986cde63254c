#pragma once

// The closing sweep: what the registry does once roles' closing times pass. Every replica
// runs it (RegistryApp, every --closing_sweep_every), so each step is safe when several
// replicas sweep at once: every change is a compare-and-set on the role's version made
// by RegistryWriter, and the announcement also takes the role off the store's closing
// watch in the same script, so each change is made, and announced, once.
//
//   1. Each role on the closing watch (registry:closing) whose closing time has passed:
//      ROLE_APPLICATIONS_CLOSED, its version up by one, no other change. From the watch,
//      not the view, so that a role is announced even if this replica's view lags.
//   2. Each role still OPEN `undecided_after` (--close_undecided_after, 90 days) after its
//      closing time: CLOSED, "no decision within 90 days", ROLE_CLOSED. Candidates from
//      this replica's view; each is read again from the store before it is closed.
//
// Both read the injectable clock.

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/common/base/clock.h"
#include "services/registry/domain/catalog.h"
#include "services/registry/registry_store.h"
#include "services/registry/registry_writer.h"

namespace cadre::registry {

// What one sweep changed (made by this sweep, not by another replica's).
struct ClosingSweepCounts {
  int applications_closed = 0;  // ROLE_APPLICATIONS_CLOSED events published
  int closed_undecided = 0;     // roles closed for want of a decision
};

// Thread-safe: sweeps may run at once, here and on other replicas.
class ClosingSweep {
 public:
  // `undecided_after` more than 0. Every pointer must outlive the sweep.
  ClosingSweep(RegistryStore* store, const Catalog* catalog, RegistryWriter* writer,
               const Clock* clock, absl::Duration undecided_after)
      : store_(store),
        catalog_(catalog),
        writer_(writer),
        clock_(clock),
        undecided_after_(undecided_after) {}

  // One sweep now. UNAVAILABLE when Redis is unreachable (what was done before stays
  // done; the next sweep does the rest); INTERNAL for an unreadable record.
  absl::StatusOr<ClosingSweepCounts> RunOnce();

 private:
  RegistryStore* store_;
  const Catalog* catalog_;
  RegistryWriter* writer_;
  const Clock* clock_;
  absl::Duration undecided_after_;
};

}  // namespace cadre::registry
