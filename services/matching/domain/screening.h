#pragma once

// Screening: whether a person may take a role, check by check, each with a reason in
// plain English that is safe to show the applicant (and the body). Pure: "today" and
// the count of the person's active placements are the caller's.
//
// The checks, always all six and in this order:
//   credentials      every required credential is held and unexpired today
//                    (CheckRequirements: a higher DBS level meets a lower one; a revoked
//                    credential never counts)
//   availability     the person's hours a month cover the role's hours_per_month
//   region           the role is remote (ATTENDANCE_MODE_REMOTE), national
//                    (REGION_NATIONAL), or in the person's region. A hybrid role needs
//                    the region as an in-person one does: it asks the holder to attend
//                    some of the time, and a person who prefers remote work cannot attend
//                    less than the role asks. The person's own attendance preference is
//                    not screened (it is a preference, not a requirement of the role), so
//                    it neither bars them nor lifts the region requirement.
//   concurrent_roles active_placements < max_concurrent_roles (0 on a profile means
//                    kDefaultConcurrentRoles, as on sign-up)
//   conflict         no declared interest with the role's body, of either kind: a
//                    KIND_CONFLICT, and also KIND_WORKS_FOR, because a patient leader's
//                    voice is meant to be independent of the body that involves them (NHS
//                    England's patient and public voice policy does not take its own staff
//                    as PPV partners), and a body must never screen its own staff in
//                    without knowing
//   minimum_age      skipped (passed, "no minimum age") when the minimum is 0; otherwise
//                    MeetsMinimumAge on the date of birth. A date of birth that is not a
//                    real day fails (closed). The reason never reveals the date of birth.
//
// Equality-monitoring answers are not an input and never can be: nothing here may read
// them.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "cadre/v1/common.pb.h"
#include "cadre/v1/matching.pb.h"
#include "cadre/v1/registry.pb.h"
#include "services/matching/domain/voice.h"

namespace cadre::matching {

struct ScreeningInput {
  const cadre::v1::Role& role;
  // Whole years, 0 for none, else 16–25 (until Role has a minimum_age field of its own).
  int minimum_age;
  const cadre::v1::Profile& profile;
  // Every credential the person holds, revoked and expired ones included.
  absl::Span<const cadre::v1::Credential> credentials;
  // Placements the person holds today (accepted and not yet completed); 0 or more.
  int active_placements;
  cadre::v1::Date today;  // in London's time zone, from the service's clock
};

// The checks, in the order Screen returns them. The values are not stored; the names are.
enum class CheckId {
  kCredentials,
  kAvailability,
  kRegion,
  kConcurrentRoles,
  kConflict,
  kMinimumAge
};

// Stable names for APIs and logs: "credentials", "availability", "region",
// "concurrent_roles", "conflict", "minimum_age".
absl::string_view CheckIdName(CheckId id);

struct Check {
  CheckId id = CheckId::kCredentials;
  bool passed = false;
  // A plain-English clause, lower case, no full stop, safe to show the applicant:
  // "you need an enhanced DBS check", "the role asks 8 hours a month; you have 4".
  std::string reason;
};

struct Screening {
  std::vector<Check> checks;        // one per CheckId, in CheckId order
  Voice voice = Voice::kApplicant;  // whom the reasons speak to

  // Whether every check passed.
  bool eligible() const;
  // How many checks passed.
  int passed() const;
  // The checks that failed, in order; pointers into `checks`.
  std::vector<const Check*> failed() const;
  // What the applicant is told: "you meet all 6 requirements" or
  // "you meet 4 of 6 requirements: you need an enhanced DBS check; the role asks 8 hours a
  // month; you have 4" (the failed checks' reasons, in order, joined by "; "); in the
  // body's voice "they meet ...".
  std::string Summary() const;
};

// `voice`: whom the reasons speak to, the applicant ("you hold ...") or the body about
// them ("they hold ...").
Screening Screen(const ScreeningInput& in, Voice voice = Voice::kApplicant);

// "London", "the North West", "anywhere in England" (national), for reasons shown to
// people; also used by scoring's reasons.
std::string RegionPhrase(cadre::v1::Region region);

}  // namespace cadre::matching
