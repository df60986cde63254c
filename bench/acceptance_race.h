#pragma once

// Acceptances racing for places: `roles` fresh roles of `places` places each are seeded
// into the registry (one body, bodies/ZBA01); each of `in_flight` applicants applies to
// every one of them and the body shortlists and offers each application (set-up, not
// timed); then `in_flight` slots, one an applicant, each accept their offers in the same
// role order, one call an offer (a burst of in_flight x roles calls, so that all of them
// race for the first role's places, then the next's...). Every answer is OK (a place
// taken) or a refusal: FAILED_PRECONDITION (the places are all taken, or matching has
// since closed the role or answered the offer) or ABORTED (the offer changed under the
// call). Then each role's placements are listed through the body's key: places are
// never exceeded when every role has exactly min(places, acceptances tried on it), and
// the placements found are as many as the acceptances answered OK.
// Then the registry is asked, for up to RaceOptions::fill_wait, whether every full role
// is FILLED (matching's fill queue closes it there; it is reported, not judged). Last the
// body completes every placement, so that a next race starts from people holding none
// (each may hold max_concurrent_roles at once).

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "bench/application_calls.h"
#include "bench/load_generator.h"
#include "bench/matching_calls.h"

namespace cadre::bench {

inline constexpr char kRaceBody[] = "bodies/ZBA01";

struct RaceOptions {
  std::string admin_key;  // to seed the roles
  std::string body_key;   // kRaceBody's key: shortlists, offers, lists placements
  int roles = 20;         // 1–1000
  int places = 3;         // 1–100, each role's
  int in_flight = 64;     // applicants racing, one slot each: at most the applicants given
  int setup_threads = 16;
  int driver_threads = 1;
  int calls_per_channel = 8;
  absl::Duration view_wait = absl::Seconds(30);  // for matching's view to hold new roles
  absl::Duration timeout = absl::Seconds(120);   // the burst's bound
  // How long to wait, after the burst, for the registry to show every full role FILLED
  // (matching's fill queue asks it, once a second).
  absl::Duration fill_wait = absl::Seconds(10);
};

struct RaceResult {
  int roles = 0;
  int places = 0;
  int slots = 0;
  double setup_seconds = 0;  // seeding, applying, shortlisting and offering
  LoadResult load;           // the burst: calls OK are acceptances, errors by code
  int64_t attempted = 0;     // answers of any kind
  int64_t accepted = 0;
  int64_t refused = 0;          // FAILED_PRECONDITION or ABORTED
  int64_t other_errors = 0;     // any other code
  double per_second = 0;        // attempted / the burst's seconds
  std::vector<int> placements;  // per role, as listed afterwards
  int64_t placements_total = 0;
  // Roles whose places were all taken that the registry showed FILLED within fill_wait
  // of the burst's end, of those whose places were all taken; and how long the last took.
  int filled_in_registry = 0;
  int full_roles = 0;
  double fill_seconds = 0;
  std::string fill_note;  // why not, if the registry said
  bool complete = false;  // every acceptance was tried
  bool pass = false;      // places never exceeded (see above)
  std::string verdict;    // why it failed, or "PASS"
};

// One race, as above, with `applicants` (the first in_flight of them race; each must be
// free to hold roles more live applications and, to fill every role, several roles).
// A failing set-up or check step's status; the race's own refusals are its result.
absl::StatusOr<RaceResult> RunAcceptanceRace(const std::string& registry,
                                             const std::string& matching,
                                             const std::vector<BenchApplicant>& applicants,
                                             const RaceOptions& options);

}  // namespace cadre::bench
