#pragma once

// A body's public figures (GetBodyFigures): how quickly it answers applications, how many
// it gets, how long its roles take to fill, how many of its places go to first-time
// leaders, and what its leaders choose when offered a payment. Computed from the body's
// applications and placements, with no key, so every figure is withheld when fewer than
// kSuppressBelow (5) applications or placements stand behind it. Pure and deterministic:
// "now" is the caller's.
//
// The window: an application is in it when submitted in the last window_days days
// (24-hour days): now - window_days * 24h <= submit_time <= now. A placement is in it when
// it started (start_time) in the same span.
//
// The figures, all durations in fractional days (a day is 24 hours; a negative span from
// skewed clocks counts as 0):
//   acknowledge_median_days, acknowledge_p90_days: acknowledge_time - submit_time over the
//     applications in the window that have an acknowledge_time. based_on: those
//     applications.
//   decide_median_days, decide_p90_days: from submit_time to the body's decision, over the
//     applications in the window that have one: offer_time if the application was ever
//     offered, else close_time if it is UNSUCCESSFUL for a reason the body gives
//     (NOT_SHORTLISTED, NOT_SELECTED, REQUIREMENTS_NOT_MET, NO_DECISION_MADE; the role
//     closing, filling or being cancelled and an offer lapsing are not the body's
//     decision). based_on: those applications.
//   applications_per_role: the applications in the window over the distinct roles among
//     them. based_on: the applications.
//   fill_median_days: over each role with a placement in the window, the days from the
//     role's first application to its latest placement in the window (start_time). The
//     first application is the earliest submit_time among the role's applications given,
//     of any age (a place filled in the window may come from an application made before
//     it), not after that placement; a role with none is left out. based_on: the
//     placements in the window of the roles counted.
//   first_time_share: of the placements in the window whose leader's history is known
//     (an entry in earlier_placements), the share (0-1) that were the leader's first
//     (0 earlier placements). based_on: those placements.
//   payment_taken, payment_expenses_only, payment_declined: counts of each choice among
//     the placements in the window where a payment was offered. When fewer than 5 such
//     placements stand behind the three, all three are withheld; otherwise each is its
//     count, based_on the placements with a payment offered, except that a count from 1
//     to 4 is itself withheld ("<5"), as equality counts are, so that no leader's choice
//     can be picked out. Placements whose choice is not yet made are counted in based_on
//     but in none of the three. (Primary suppression only, as the equality counts: when
//     every choice is made and one count alone is withheld, based_on less the others
//     gives it.)
//
// Medians and 90th percentiles use the nearest-rank method (NearestRank below).
//
// How each figure is shown (Figure.shown): durations "2.5 days" (one decimal place,
// "0.4 days", "1.0 days"), applications per role "3.2", the share "40%" (a whole
// percentage), counts "7" (or "0"). Figure.value is the unrounded number (the share as
// 0-1). A withheld figure has withheld = true, value 0, based_on 0, and shown "<5" when 1
// to 4 applications or placements stand behind it, "none" when none do.

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/time/time.h"
#include "cadre/v1/matching.pb.h"
#include "services/matching/domain/limits.h"

namespace cadre::matching {

struct FiguresInput {
  std::string body;  // "bodies/{code}"
  // The body's applications, any age: the window is applied here, by submit_time.
  std::vector<cadre::v1::Application> applications;
  // The body's placements, any age: the window is applied here, by start_time.
  std::vector<cadre::v1::Placement> placements;
  // For each placement's leader: how many placements they held before this one started
  // (0: a first-time leader). Keyed by placement name ("placements/{id}"); a placement
  // with no entry is left out of first_time_share.
  absl::flat_hash_map<std::string, int> earlier_placements;
  absl::Time now;
  int window_days = kFiguresWindowDays;  // days, 1 or more
};

// The body's figures as the header comment defines them, with body, compute_time (now)
// and window_days set. Never fails: figures with nothing behind them are withheld.
cadre::v1::BodyFigures ComputeBodyFigures(const FiguresInput& in);

// The `percent` percentile (1-100) of `values` by the nearest-rank method: the smallest
// value such that at least `percent`% of the values are at or below it, i.e. the
// ceil(percent / 100 * n)-th smallest (the median of 4 values is the 2nd, of 5 the 3rd;
// the 90th percentile of 10 values is the 9th, of 11 the 10th). 0 for no values.
double NearestRank(std::vector<double> values, int percent);

}  // namespace cadre::matching
