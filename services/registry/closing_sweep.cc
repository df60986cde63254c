#include "services/registry/closing_sweep.h"

#include <cstdint>
#include <vector>

#include "services/common/base/status_macros.h"

namespace cadre::registry {
namespace {

// Roles read from the closing watch per round trip, and the most rounds one sweep makes:
// up to 20,000 announcements a sweep; any more wait for the next sweep.
constexpr int kWatchBatch = 500;
constexpr int kMaxWatchRounds = 40;

}  // namespace

absl::StatusOr<ClosingSweepCounts> ClosingSweep::RunOnce() {
  ClosingSweepCounts counts;
  const absl::Time now = clock_->Now();

  // Announced roles leave the watch; the rest (not due to the nanosecond, or taken by
  // another replica meanwhile) are stepped over.
  int offset = 0;
  for (int round = 0; round < kMaxWatchRounds; ++round) {
    CADRE_ASSIGN_OR_RETURN(std::vector<int64_t> due,
                           store_->WatchedRolesClosedBy(now, offset, kWatchBatch));
    for (int64_t id : due) {
      CADRE_ASSIGN_OR_RETURN(bool announced, writer_->AnnounceApplicationsClosed(id));
      if (announced) {
        ++counts.applications_closed;
      } else {
        ++offset;
      }
    }
    if (static_cast<int>(due.size()) < kWatchBatch) break;
  }

  for (int64_t id : catalog_->OpenRolesClosingBy(now - undecided_after_)) {
    CADRE_ASSIGN_OR_RETURN(bool closed, writer_->CloseUndecided(id, undecided_after_));
    if (closed) ++counts.closed_undecided;
  }
  return counts;
}

}  // namespace cadre::registry
