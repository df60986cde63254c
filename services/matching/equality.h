#pragma once

// Equality monitoring: optional answers, kept apart from the profile (their own keys),
// never shown to a body, never used in screening or scoring; they feed only counts, in
// which any number under 5 is shown as "<5" (domain/equality.h). Every method reads Redis.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "cadre/v1/matching.pb.h"
#include "services/common/base/clock.h"
#include "services/common/base/principal.h"
#include "services/matching/applicant_store.h"

namespace cadre::matching {

// Thread-safe; its dependencies must outlive it.
class Equality {
 public:
  Equality(ApplicantStore* store, const Clock* clock) : store_(store), clock_(clock) {}

  absl::StatusOr<cadre::v1::EqualityMonitoring> GetMine(const Principal& caller);
  absl::StatusOr<cadre::v1::EqualityMonitoring> SetMine(
      const Principal& caller, const cadre::v1::SetMyEqualityMonitoringRequest& request);
  // Admin only: counts over everyone who has signed up.
  absl::StatusOr<cadre::v1::EqualityCounts> Counts(const Principal& caller);
  // Counts over the people named (distinct applicant ids), for a body's own applicants.
  // The caller has been checked.
  absl::StatusOr<cadre::v1::EqualityCounts> CountsOf(const std::vector<std::string>& applicant_ids);
  // The applicant's answers (empty when none were given), for subject access.
  absl::StatusOr<cadre::v1::EqualityMonitoring> Of(const std::string& applicant_id);

 private:
  ApplicantStore* store_;
  const Clock* clock_;
};

}  // namespace cadre::matching
