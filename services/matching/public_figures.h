#pragma once

// A body's public figures (GetBodyFigures: how quickly it answers, from its applications
// and placements; domain/figures.h computes them, withholding any figure fewer than 5
// stand behind) and its equality counts (GetBodyEqualityCounts: over the people who
// applied to its roles, never per role, with "<5"). Figures are public and read often,
// so each body's are kept for `cache_ttl` in memory.

#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "cadre/v1/matching.pb.h"
#include "services/common/base/clock.h"
#include "services/common/base/principal.h"
#include "services/matching/application_store.h"
#include "services/matching/equality.h"

namespace cadre::matching {

// Thread-safe; its dependencies must outlive it.
class PublicFigures {
 public:
  PublicFigures(ApplicationStore* store, Equality* equality, const Clock* clock,
                absl::Duration cache_ttl = absl::Seconds(60))
      : store_(store), equality_(equality), clock_(clock), cache_ttl_(cache_ttl) {}

  absl::StatusOr<cadre::v1::BodyFigures> Figures(const cadre::v1::GetBodyFiguresRequest& request);
  absl::StatusOr<cadre::v1::EqualityCounts> EqualityOf(
      const Principal& caller, const cadre::v1::GetBodyEqualityCountsRequest& request);

 private:
  absl::StatusOr<cadre::v1::BodyFigures> Compute(const std::string& body);

  struct Cached {
    cadre::v1::BodyFigures figures;
    absl::Time until;
  };

  ApplicationStore* store_;
  Equality* equality_;
  const Clock* clock_;
  absl::Duration cache_ttl_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, Cached> cache_ ABSL_GUARDED_BY(mu_);
};

}  // namespace cadre::matching
