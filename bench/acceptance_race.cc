#include "bench/acceptance_race.h"

#include <algorithm>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "bench/seed.h"

namespace cadre::bench {

absl::StatusOr<RaceResult> RunAcceptanceRace(const std::string& registry,
                                             const std::string& matching,
                                             const std::vector<BenchApplicant>& applicants,
                                             const RaceOptions& options) {
  const int slots = options.in_flight;
  if (slots < 1 || slots > static_cast<int>(applicants.size())) {
    return absl::InvalidArgumentError(
        absl::StrCat("the race needs ", slots, " applicants; have ", applicants.size()));
  }
  const absl::Time setup_start = absl::Now();
  // Roles of their own, created now: every race's roles start with no place taken.
  SeedOptions seed;
  seed.admin_key = options.admin_key;
  seed.bodies = 1;  // every role of kRaceBody
  seed.roles = options.roles;
  seed.threads = std::min(options.setup_threads, options.roles);
  const int places = options.places;
  seed.adjust = [places](int /*i*/, cadre::v1::Role* role) {
    role->set_places(places);
    role->set_title(absl::StrCat("Acceptance race: ", role->title()));
  };
  absl::StatusOr<std::vector<std::string>> roles = SeedRegistry(registry, seed);
  if (!roles.ok()) {
    return roles.status();
  }
  std::sort(roles->begin(), roles->end());

  // offers[a][r]: applicant a's offer on role r. Each applicant applies to the roles in
  // turn; the first waits for matching's view to hold each new role.
  ApplicationCalls calls(matching);
  const int role_count = static_cast<int>(roles->size());
  std::vector<std::vector<std::string>> offers(slots, std::vector<std::string>(role_count));
  absl::Status setup = ParallelFor(slots * role_count, options.setup_threads, [&](int task) {
    const int a = task % slots;
    const int r = task / slots;
    absl::StatusOr<cadre::v1::Application> app =
        calls.Submit(applicants[a].key, (*roles)[r], options.view_wait);
    if (!app.ok()) {
      return app.status();
    }
    for (cadre::v1::ApplicationState to :
         {cadre::v1::APPLICATION_STATE_SHORTLISTED, cadre::v1::APPLICATION_STATE_OFFERED}) {
      absl::StatusOr<cadre::v1::Application> moved = calls.Move(options.body_key, app->name(), to);
      if (!moved.ok()) {
        return moved.status();
      }
    }
    offers[a][r] = app->name();
    return absl::OkStatus();
  });
  if (!setup.ok()) {
    return setup;
  }

  RaceResult result;
  result.roles = role_count;
  result.places = places;
  result.slots = slots;
  result.setup_seconds = absl::ToDoubleSeconds(absl::Now() - setup_start);

  LoadOptions load;
  load.in_flight = slots;
  load.driver_threads = options.driver_threads;
  load.calls_per_channel = options.calls_per_channel;
  load.warmup = absl::ZeroDuration();
  load.duration = options.timeout;
  load.call_deadline = absl::Seconds(10);
  load.calls_per_slot = role_count;
  load.stop_at_first_done = false;
  result.load =
      RunClosedLoop(matching, AcceptSlots(&applicants, &offers, load.call_deadline), load);
  result.accepted = result.load.calls;
  for (const auto& [code, count] : result.load.error_codes) {
    if (code == grpc::StatusCode::FAILED_PRECONDITION || code == grpc::StatusCode::ABORTED) {
      result.refused += count;
    } else {
      result.other_errors += count;
    }
  }
  result.attempted = result.accepted + result.refused + result.other_errors;
  result.per_second =
      result.load.seconds > 0 ? static_cast<double>(result.attempted) / result.load.seconds : 0;
  result.complete = result.attempted == static_cast<int64_t>(slots) * role_count;

  const absl::Time burst_end = absl::Now();
  // Each role's placements, through its body's key.
  std::vector<std::string> active;
  for (const std::string& role : *roles) {
    absl::StatusOr<std::vector<cadre::v1::Placement>> listed =
        calls.PlacementsOfRole(options.body_key, role);
    if (!listed.ok()) {
      return listed.status();
    }
    result.placements.push_back(static_cast<int>(listed->size()));
    result.placements_total += static_cast<int64_t>(listed->size());
    for (const cadre::v1::Placement& p : *listed) {
      if (p.state() == cadre::v1::PLACEMENT_STATE_ACTIVE) {
        active.push_back(p.name());
      }
    }
  }
  // Every slot tries every role once, so a complete race tried each role `slots` times.
  const int expected = std::min(places, slots);
  std::vector<std::string> faults;
  for (int r = 0; r < role_count; ++r) {
    const int found = result.placements[r];
    if (found > places) {
      faults.push_back(
          absl::StrCat((*roles)[r], " has ", found, " placements for ", places, " places"));
    } else if (result.complete && result.other_errors == 0 && found != expected) {
      faults.push_back(absl::StrCat((*roles)[r], " has ", found, " placements, not ", expected));
    }
  }
  if (result.placements_total != result.accepted) {
    faults.push_back(absl::StrCat(result.placements_total, " placements listed for ",
                                  result.accepted, " acceptances answered OK"));
  }
  if (!result.complete) {
    faults.push_back(absl::StrCat("only ", result.attempted, " of ",
                                  static_cast<int64_t>(slots) * role_count,
                                  " acceptances were answered"));
  }
  if (result.other_errors > 0) {
    faults.push_back(absl::StrCat(result.other_errors, " answers neither OK nor a refusal (",
                                  result.load.first_error, ")"));
  }
  result.pass = faults.empty();
  result.verdict = result.pass ? "PASS" : absl::StrCat("FAIL: ", faults.front());
  for (size_t i = 1; i < faults.size() && i < 4; ++i) {
    absl::StrAppend(&result.verdict, "; ", faults[i]);
  }

  // Whether the registry came to show the full roles FILLED.
  std::vector<std::string> full;
  for (int r = 0; r < role_count; ++r) {
    if (result.placements[r] >= places) {
      full.push_back((*roles)[r]);
    }
  }
  result.full_roles = static_cast<int>(full.size());
  const absl::Time give_up = burst_end + options.fill_wait;
  while (!full.empty()) {
    absl::StatusOr<std::vector<cadre::v1::RoleState>> states =
        RoleStates(registry, options.admin_key, full);
    if (!states.ok()) {
      result.fill_note = states.status().ToString();
      break;
    }
    const int filled =
        static_cast<int>(std::count(states->begin(), states->end(), cadre::v1::ROLE_STATE_FILLED));
    result.filled_in_registry = filled;
    result.fill_seconds = absl::ToDoubleSeconds(absl::Now() - burst_end);
    if (filled == static_cast<int>(full.size()) || absl::Now() >= give_up) {
      break;
    }
    absl::SleepFor(absl::Milliseconds(100));
  }

  // Free the people for the next race: the body completes each placement.
  absl::Status ended =
      ParallelFor(static_cast<int>(active.size()), options.setup_threads,
                  [&](int i) { return calls.CompletePlacement(options.body_key, active[i]); });
  if (!ended.ok()) {
    std::cerr << "race clean-up: " << ended << "\n";
  }
  return result;
}

}  // namespace cadre::bench
