#pragma once

// Placements: an accepted application, ACTIVE until its body completes it or the body or
// the leader ends it early (with a reason). Where the role offers an involvement payment
// the leader records, and may change, their payment choice; the body sees it. A person
// sees their own placements, a body those in its roles, an admin any. Every method reads
// Redis.

#include "absl/status/statusor.h"
#include "cadre/v1/matching.pb.h"
#include "services/common/base/clock.h"
#include "services/common/base/principal.h"
#include "services/matching/application_store.h"

namespace cadre::matching {

// Thread-safe; its dependencies must outlive it.
class Placements {
 public:
  Placements(ApplicationStore* store, const Clock* clock) : store_(store), clock_(clock) {}

  absl::StatusOr<cadre::v1::Placement> Get(const Principal& caller,
                                           const cadre::v1::GetPlacementRequest& request);
  absl::StatusOr<cadre::v1::ListPlacementsResponse> List(
      const Principal& caller, const cadre::v1::ListPlacementsRequest& request);
  absl::StatusOr<cadre::v1::Placement> SetPaymentChoice(
      const Principal& caller, const cadre::v1::SetPaymentChoiceRequest& request);
  absl::StatusOr<cadre::v1::Placement> End(const Principal& caller,
                                           const cadre::v1::EndPlacementRequest& request);

 private:
  // The placement and who the caller is to it.
  absl::StatusOr<StoredPlacement> Load(const Principal& caller, const std::string& name);

  ApplicationStore* store_;
  const Clock* clock_;
};

}  // namespace cadre::matching
