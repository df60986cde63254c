#pragma once

// The roles to recommend to one person: the best open roles taking applications that they
// are eligible for, ranked by match score; on request also those they are not yet eligible
// for. What is returned is what ScoreFor and Screen say (scoring.h, screening.h), exactly
// as if every role had been scored and screened and the list sorted; the indexes only
// spare the work:
//   1. Candidates come from OpenRoles' indexes: the roles in person or hybrid in the
//      person's region and those anyone may take (remote or national), asking at most the
//      person's hours (the region and availability checks). With include_ineligible, every
//      role; those first, and once `limit` eligible ones are kept the rest (which fail the
//      region or availability check) need no look. Roles past their closing time, and
//      those excluded, are left out.
//   2. Each candidate gets a cheap key from its features (interned tags, hours, where):
//      its eligibility and total by the same rules and arithmetic as Screen and ScoreFor,
//      without their reasons and strings. A bounded heap keeps the `limit` best keys; once
//      it is full, a first look at the counts of a candidate's tags (as if all that could
//      match did) rules most candidates out before their tags are read.
//   3. Those are scored and screened in full, best key first. The cheap key is only
//      trusted as an upper bound (never better than the real one): if the real results do
//      not settle the top, candidates whose key could still beat the last one are scored
//      in full too, so a cheap key that drifted from the real rules costs time, not
//      correctness.
// Pure: no gRPC, no Redis; "today" and "now" are the caller's. Thread-safe: reads the set
// under its reader lock (OpenRoles::ReadIndex) for the whole call, so a change to the set
// waits for the calls under way (about 0.3-1.5 ms each over 50,000 roles; see
// bench/recommend_bench.cc), and holds no state between calls.

#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "cadre/v1/common.pb.h"
#include "cadre/v1/matching.pb.h"
#include "services/matching/domain/scoring.h"
#include "services/matching/domain/screening.h"
#include "services/matching/view/open_roles.h"

namespace cadre::matching {

// Most recommendations one call ranks: the first 200 can be paged through
// (RecommendRolesRequest).
inline constexpr int kMaxRecommendations = 200;

struct RecommendQuery {
  const cadre::v1::Profile* profile = nullptr;  // required
  // Every credential the person holds, revoked and expired ones included (as Screen).
  absl::Span<const cadre::v1::Credential> credentials;
  int active_placements = 0;          // placements held today
  int placements_last_24_months = 0;  // held at any time in the 24 months to today
  cadre::v1::Date today;              // London's date, for credentials and minimum age
  // Roles whose closing_time is at or before this take no applications: never candidates.
  absl::Time now;
  // How many to return, the best first: 1 to kMaxRecommendations (clamped). A caller
  // pages by asking offset + page_size and slicing.
  int limit = 10;
  // Also roles the person is not eligible for (after every eligible one).
  bool include_ineligible = false;
  // Ids of roles to leave out (the person applied to them, or holds them); may be null.
  const absl::flat_hash_set<int64_t>* exclude = nullptr;
};

struct RoleRecommendation {
  OpenRolePtr role;
  Score score;          // ScoreFor's, exactly
  Screening screening;  // Screen's
};

struct Recommendations {
  // Eligible first, then by score total (highest first), then sooner closing_time, then
  // lower role id; at most `limit`.
  std::vector<RoleRecommendation> ranked;
  int considered = 0;  // candidates taken from the indexes (step 1)
  int scored = 0;      // of those, scored and screened in full (step 3)
  int open_roles = 0;  // open roles taking applications in the set, as of `now`
};

Recommendations Recommend(const OpenRoles& roles, const ScoringPolicy& policy,
                          const RecommendQuery& q);

// The one role with id `role_id`, scored and screened for the person exactly as Recommend
// scores and screens each candidate, but whether or not they are eligible and whatever
// q.exclude holds (q.limit and q.include_ineligible are not read either). `ranked` holds
// it when the set holds it open and taking applications as of q.now (then considered and
// scored are 1), else is empty (and they are 0); open_roles as Recommend's.
Recommendations RecommendOne(const OpenRoles& roles, const ScoringPolicy& policy,
                             const RecommendQuery& q, int64_t role_id);

// As Recommend, with every cheap key made worse at telling than it is: `slack_points`
// added to each total, and every candidate taken as possibly eligible. For tests of the
// path that scores further when the cheap keys do not settle the top; the result must
// not change.
Recommendations RecommendWithLooseKeysForTest(const OpenRoles& roles, const ScoringPolicy& policy,
                                              const RecommendQuery& q, double slack_points);

}  // namespace cadre::matching
