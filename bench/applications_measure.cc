#include "bench/applications_measure.h"

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "bench/acceptance_race.h"
#include "bench/application_calls.h"
#include "bench/application_fixture.h"
#include "bench/applications_bench_flags.h"
#include "bench/applications_report.h"
#include "bench/bench_args.h"
#include "bench/cost_probe.h"
#include "bench/load_generator.h"
#include "bench/matching_calls.h"
#include "bench/noop_matching.h"
#include "bench/registry_calls.h"
#include "bench/report.h"
#include "bench/role_fixture.h"
#include "bench/seed.h"
#include "services/common/logging.h"

namespace cadre::bench {
namespace {

absl::StatusOr<std::vector<std::string>> LoadRoleNames(const std::string& registry) {
  const std::string file = absl::GetFlag(FLAGS_roles_file);
  if (file.empty()) {
    return ListOpenRoleNames(registry, absl::GetFlag(FLAGS_roles));
  }
  std::ifstream in(file);
  if (!in) {
    return absl::NotFoundError(absl::StrCat("cannot read --roles_file ", file));
  }
  std::vector<std::string> names;
  for (std::string line; std::getline(in, line);) {
    line = std::string(absl::StripAsciiWhitespace(line));
    if (!line.empty()) {
      names.push_back(line);
    }
  }
  if (names.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(file, " names no role"));
  }
  return names;
}

// What RecommendRoles answered to one call for each applicant, before measuring.
struct RecommendProbe {
  bool implemented = false;
  std::string status;  // the error if it was not OK
  int calls = 0;
  double roles_considered = 0;  // averages over the calls
  double roles_scored = 0;
  double open_roles = 0;
  double matches = 0;
  size_t answer_bytes = 0;  // of the first answer
};

RecommendProbe ProbeRecommend(ApplicationCalls& calls, const std::vector<BenchApplicant>& people,
                              int applicants, int page_size) {
  RecommendProbe probe;
  for (int i = 0; i < applicants && i < static_cast<int>(people.size()); ++i) {
    absl::StatusOr<cadre::v1::RecommendRolesResponse> answer =
        calls.Recommend(people[i].key, page_size);
    if (!answer.ok()) {
      probe.implemented = false;
      probe.status = answer.status().ToString();
      return probe;
    }
    if (probe.calls == 0) {
      probe.answer_bytes = answer->ByteSizeLong();
    }
    ++probe.calls;
    probe.roles_considered += answer->roles_considered();
    probe.roles_scored += answer->roles_scored();
    probe.open_roles += answer->open_roles();
    probe.matches += answer->matches_size();
  }
  probe.implemented = probe.calls > 0;
  if (probe.calls > 0) {
    probe.roles_considered /= probe.calls;
    probe.roles_scored /= probe.calls;
    probe.open_roles /= probe.calls;
    probe.matches /= probe.calls;
  }
  return probe;
}

// The median milliseconds of one RecommendRoles, one call at a time, over the first
// `count` of `people`; 0 if any call fails.
double RecommendMedianMs(ApplicationCalls& calls, const std::vector<BenchApplicant>& people,
                         int count, int page_size) {
  std::vector<double> ms;
  for (int i = 0; i < count && i < static_cast<int>(people.size()); ++i) {
    const absl::Time start = absl::Now();
    if (!calls.Recommend(people[i].key, page_size).ok()) {
      return 0;
    }
    ms.push_back(absl::ToDoubleMilliseconds(absl::Now() - start));
  }
  if (ms.empty()) {
    return 0;
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

struct RunFigures {
  Run run;
  std::vector<CostRow> costs;
  std::vector<RaceResult> races;
  std::string notes;  // windows cut short, clean-ups
};

// Measures one run: RecommendRoles and GetRole at each count, then SubmitApplication on
// the no-op service and on matching at each count (everything live withdrawn first, not
// timed), then the race. Prints the run's tables. A failing set-up step's status.
absl::StatusOr<RunFigures> MeasureOnce(int index, Setup& s, ApplicationCalls& calls) {
  RunFigures figures;
  const bool parse = absl::GetFlag(FLAGS_parse_responses);
  const int max_live = absl::GetFlag(FLAGS_max_live);
  const int setup_threads = absl::GetFlag(FLAGS_setup_threads);
  auto measure = [&](const char* label, const std::string& address, const SlotFactory& slots,
                     LoadOptions load) -> LoadResult {
    LoadResult result = RunClosedLoop(address, slots, load);
    std::cerr << absl::StrFormat(
        "run %d: %-27s %3d in flight: %8.1f QPS p50 %.3f ms p99 %.3f ms over %.2f s, errors %d\n",
        index, label, load.in_flight, result.qps, result.p50_ms, result.p99_ms, result.seconds,
        result.errors);
    figures.run.push_back({label, load.in_flight, result});
    return result;
  };

  const SlotFactory recommend = RecommendRolesSlots(&s.recommenders, absl::GetFlag(FLAGS_page_size),
                                                    parse, s.load.call_deadline);
  const SlotFactory get_role = GetRoleSlots(&s.roles, parse, s.load.call_deadline);
  for (int in_flight : s.recommend_in_flights) {
    LoadOptions load = s.load;
    load.in_flight = in_flight;
    if (s.recommend) {
      measure(kMatchingRecommend, s.matching, recommend, load);
    }
    measure(kRegistryGetRole, s.registry, get_role, load);
  }

  for (int in_flight : s.submit_in_flights) {
    SubmitPlan& plan = *s.plans.at(in_flight);
    LoadOptions load = s.load;
    load.in_flight = in_flight;
    CostSnapshot before = TakeCostSnapshot(s.watched, s.redis_port);
    const LoadResult noop = measure(kNoopSubmit, s.noop, plan.Slots(load.call_deadline), load);
    figures.costs.push_back(
        {kNoopSubmit, in_flight,
         CostPerCall(before, TakeCostSnapshot(s.watched, s.redis_port), noop.calls_made)});

    const absl::Time clean_start = absl::Now();
    absl::StatusOr<int> withdrawn = WithdrawEverything(calls, s.submitters, setup_threads);
    if (!withdrawn.ok()) {
      return withdrawn.status();
    }
    std::cerr << absl::StrFormat("run %d: withdrew %d live applications in %.1f s\n", index,
                                 *withdrawn, absl::ToDoubleSeconds(absl::Now() - clean_start));
    load.calls_per_slot = plan.calls_per_slot(max_live);
    load.stop_at_first_done = true;
    before = TakeCostSnapshot(s.watched, s.redis_port);
    const LoadResult real =
        measure(kMatchingSubmit, s.matching, plan.Slots(load.call_deadline), load);
    figures.costs.push_back(
        {kMatchingSubmit, in_flight,
         CostPerCall(before, TakeCostSnapshot(s.watched, s.redis_port), real.calls_made)});
    const double window = absl::ToDoubleSeconds(load.duration);
    if (real.seconds < window - 0.001) {
      absl::StrAppendFormat(
          &figures.notes,
          "- %s at %d in flight: measured over %.2f s of the %.0f s window: a slot had made its "
          "%d calls (%d live applications for each of its %d applicant(s), warm-up included), "
          "so every slot stopped then.\n",
          kMatchingSubmit, in_flight, real.seconds, window, load.calls_per_slot, max_live,
          plan.applicants_per_slot());
      if (real.calls == 0) {
        absl::StrAppend(&figures.notes,
                        "  **Not measured**: the slots made all their calls in the warm-up. "
                        "Sign up more applicants (SUBMIT_APPLICANTS) or shorten WARMUP.\n");
      }
    }
  }

  const int race_roles = absl::GetFlag(FLAGS_race_roles);
  if (race_roles > 0) {
    absl::StatusOr<int> withdrawn = WithdrawEverything(calls, s.racers, setup_threads);
    if (!withdrawn.ok()) {
      return withdrawn.status();
    }
    RaceOptions race;
    race.admin_key = s.admin_key;
    race.body_key = s.body_key;
    race.roles = race_roles;
    race.places = absl::GetFlag(FLAGS_race_places);
    race.in_flight = absl::GetFlag(FLAGS_race_in_flight);
    race.setup_threads = setup_threads;
    race.driver_threads = s.load.driver_threads;
    race.calls_per_channel = s.load.calls_per_channel;
    race.timeout = absl::GetFlag(FLAGS_race_timeout);
    absl::StatusOr<RaceResult> result = RunAcceptanceRace(s.registry, s.matching, s.racers, race);
    if (!result.ok()) {
      return result.status();
    }
    std::cerr << absl::StrFormat(
        "run %d: race of %d x %d places at %d in flight (set-up %.1f s): %d answered in %.3f s, "
        "%.0f a second: %d accepted, %d refused, %d other; %s\n",
        index, result->roles, result->places, result->slots, result->setup_seconds,
        result->attempted, result->load.seconds, result->per_second, result->accepted,
        result->refused, result->other_errors, result->verdict);
    figures.races.push_back(*std::move(result));
  }

  std::string text = absl::StrCat("## Run ", index, "\n\n", RunTable(figures.run));
  if (!figures.notes.empty()) {
    absl::StrAppend(&text, "\n", figures.notes);
  }
  if (!figures.races.empty()) {
    absl::StrAppend(&text, "\n", RaceTable(figures.races));
  }
  std::cout << text << "\n" << std::flush;
  return figures;
}

}  // namespace

// Waits for the services, makes the body's key, signs the applicants up, probes each
// call once, then measures --repeats runs. Appends the summary to `summary`.
absl::Status MeasureAll(Setup& s, std::string* summary) {
  if (absl::Status ready = WaitUntilServing(s.registry, absl::GetFlag(FLAGS_wait_ready));
      !ready.ok()) {
    return ready;
  }
  absl::StatusOr<absl::Duration> serving =
      WaitUntilHealthServing(s.matching, absl::GetFlag(FLAGS_health_service), absl::Now(),
                             absl::GetFlag(FLAGS_wait_ready));
  if (!serving.ok()) {
    return serving.status();
  }
  absl::StatusOr<std::vector<std::string>> roles = LoadRoleNames(s.registry);
  if (!roles.ok()) {
    return roles.status();
  }
  s.roles = *std::move(roles);
  absl::StatusOr<std::string> body_key = CreateBodyKey(s.registry, s.admin_key, kRaceBody);
  if (!body_key.ok()) {
    return body_key.status();
  }
  s.body_key = *std::move(body_key);

  const int recommenders = absl::GetFlag(FLAGS_applicants);
  const int submitters = absl::GetFlag(FLAGS_submit_applicants);
  const int racers = absl::GetFlag(FLAGS_race_roles) > 0 ? absl::GetFlag(FLAGS_race_in_flight) : 0;
  const int count =
      recommenders + std::max({s.submit_in_flights.empty() ? 0 : submitters, racers, 1});
  const int most_roles = absl::GetFlag(FLAGS_max_concurrent_roles);
  const std::string run_tag = absl::StrCat(absl::ToUnixMicros(absl::Now()));
  const absl::Time signup_start = absl::Now();
  absl::StatusOr<std::vector<BenchApplicant>> signed_up =
      SignUpApplicants(s.matching, s.admin_key, run_tag, count, absl::GetFlag(FLAGS_signup_threads),
                       [most_roles](int i, cadre::v1::SignUpRequest* request) {
                         MeetBenchRoles(i, most_roles, request->mutable_profile());
                       });
  if (!signed_up.ok()) {
    return signed_up.status();
  }
  const double signup_seconds = absl::ToDoubleSeconds(absl::Now() - signup_start);
  std::cerr << absl::StrFormat("signed up %d applicants in %.1f s\n", count, signup_seconds);
  s.people = *std::move(signed_up);
  // The first `n` of `from`.
  auto first = [](const std::vector<BenchApplicant>& from, size_t n) {
    return std::vector<BenchApplicant>(
        from.begin(), from.begin() + static_cast<std::ptrdiff_t>(std::min(n, from.size())));
  };
  s.recommenders = first(s.people, recommenders);
  s.others.assign(s.people.begin() + static_cast<std::ptrdiff_t>(s.recommenders.size()),
                  s.people.end());
  s.submitters = first(s.others, submitters);
  s.racers = first(s.others, racers);
  for (int in_flight : s.submit_in_flights) {
    if (in_flight > static_cast<int>(s.submitters.size())) {
      return absl::InvalidArgumentError(
          absl::StrCat("--submit_applicants (", s.submitters.size(), ") must be at least ",
                       in_flight, " (the most SubmitApplication calls in flight)"));
    }
    s.plans[in_flight] = std::make_unique<SubmitPlan>(&s.submitters, &s.roles, in_flight);
  }

  // Check each call once, and note the sizes of the answers.
  ApplicationCalls calls(s.matching);
  const BenchApplicant& prober = s.others.front();
  absl::StatusOr<cadre::v1::Application> real = calls.Submit(prober.key, s.roles[0]);
  if (!real.ok()) {
    return real.status();
  }
  ApplicationCalls noop_calls(s.noop);
  absl::StatusOr<cadre::v1::Application> canned = noop_calls.Submit(prober.key, s.roles[0]);
  if (!canned.ok()) {
    return canned.status();
  }
  if (absl::StatusOr<cadre::v1::Application> withdrawn =
          calls.Move(prober.key, real->name(), cadre::v1::APPLICATION_STATE_WITHDRAWN);
      !withdrawn.ok()) {
    return withdrawn.status();
  }
  // The credentials the roles ask for (bench/role_fixture.h): every role a training
  // accreditation, one in four an enhanced DBS check. Every RecommendRoles applicant holds
  // the first, every other one the second, so each is eligible for some roles.
  if (absl::Status granted =
          ParallelFor(static_cast<int>(s.recommenders.size()), absl::GetFlag(FLAGS_setup_threads),
                      [&](int i) {
                        const std::string& name = s.recommenders[i].name;
                        absl::Status status =
                            calls.GrantCredential(s.admin_key, name, kBenchTrainingCredential);
                        if (status.ok() && i % 2 == 0) {
                          status = calls.GrantCredential(s.admin_key, name, kBenchDbsCredential);
                        }
                        return status;
                      });
      !granted.ok()) {
    return granted;
  }
  const int page_size = absl::GetFlag(FLAGS_page_size);
  const RecommendProbe probe = ProbeRecommend(calls, s.recommenders, recommenders, page_size);
  s.recommend = probe.implemented;
  if (!probe.implemented) {
    std::cerr << "RecommendRoles not measured: " << probe.status << "\n";
  }

  std::vector<Run> runs;
  std::vector<std::vector<CostRow>> costs;
  std::vector<RaceResult> races;
  std::string notes;
  const int repeats = std::max(1, absl::GetFlag(FLAGS_repeats));
  for (int r = 1; r <= repeats; ++r) {
    absl::StatusOr<RunFigures> figures = MeasureOnce(r, s, calls);
    if (!figures.ok()) {
      return figures.status();
    }
    runs.push_back(std::move(figures->run));
    costs.push_back(std::move(figures->costs));
    races.insert(races.end(), figures->races.begin(), figures->races.end());
    absl::StrAppend(&notes, figures->notes);
  }
  // RecommendRoles for people who have applied many times (the benchmark's own
  // applications, all withdrawn) beside the same call for those who never applied: a
  // person's history should not slow it (it reads only their live applications' roles).
  std::string history;
  if (s.recommend && !s.submitters.empty()) {
    int64_t applied = 0;
    for (const auto& run : costs) {
      for (const CostRow& row : run) {
        applied += row.target == kMatchingSubmit ? row.cost.calls : 0;
      }
    }
    const double fresh = RecommendMedianMs(calls, s.recommenders, 20, page_size);
    const double used = RecommendMedianMs(calls, s.submitters, 20, page_size);
    history = absl::StrFormat(
        "A person's history: after the runs, one call at a time, RecommendRoles' median was "
        "%.2f ms for 20 of the applicants who never applied and %.2f ms for 20 of those who "
        "made SubmitApplication's calls (about %d applications each, all withdrawn); it "
        "leaves out only the roles of live applications and active placements, which it reads "
        "from the person's live-roles hash.\n\n",
        fresh, used, applied / static_cast<int64_t>(s.submitters.size()));
  }

  // Leave nothing live behind (a re-run against the same Redis starts clean).
  if (absl::StatusOr<int> withdrawn =
          WithdrawEverything(calls, s.others, absl::GetFlag(FLAGS_setup_threads));
      !withdrawn.ok()) {
    std::cerr << "final clean-up: " << withdrawn.status() << "\n";
  }

  absl::StrAppend(summary, "## Summary over ", runs.size(), " run(s)\n\n", SummaryTable(runs),
                  "\n");
  absl::StrAppendFormat(summary,
                        "Signed up %d applicants as admin in %.1f s (SignUp with the admin key: "
                        "matching has no other way to create one), each with lived experience "
                        "and expertise from the roles' own tags (bench/application_fixture.h) "
                        "and max_concurrent_roles %d: %d for RecommendRoles, who apply to "
                        "nothing and hold %s (which every role asks for; every other one also "
                        "%s, which one role in four asks for), and %d who apply "
                        "(SubmitApplication, the race).\n\n",
                        count, signup_seconds, most_roles, s.recommenders.size(),
                        kBenchTrainingCredential, kBenchDbsCredential, s.others.size());

  absl::StrAppendFormat(summary, "## RecommendRoles among %d open roles, beside GetRole\n\n",
                        s.roles.size());
  if (s.recommend) {
    absl::StrAppendFormat(
        summary,
        "One probe call for each of %d applicants (page_size %d) before measuring: on average "
        "**roles_considered %.1f, roles_scored %.1f**, open_roles %.0f, %.1f matches a page; "
        "the first answer was %d bytes. Each slot sends its own applicant's key (slot k: "
        "applicant k mod %d); GetRole asks for a random one of the seeded roles.\n\n",
        probe.calls, page_size, probe.roles_considered, probe.roles_scored, probe.open_roles,
        probe.matches, probe.answer_bytes, s.recommenders.size());
    absl::StrAppend(summary, RecommendTable(runs), "\n", history);
  } else {
    absl::StrAppend(summary, "RecommendRoles was **not measured**: its probe call answered ",
                    probe.status,
                    ". GetRole alone is in the tables above. Merge main (RecommendRoles) and "
                    "run again.\n\n");
  }

  if (!s.submit_in_flights.empty()) {
    absl::StrAppendFormat(
        summary,
        "## SubmitApplication with its guards, against the no-op service\n\n"
        "Every call can succeed: the slots share %d applicants (slot k sends applicant k, k + "
        "in flight, ... in turn, each with their own key), each applicant applies to the next "
        "of the %d seeded roles every time (never one role twice), and matching runs with "
        "--max_live_applications=%d. Before each matching window every live application is "
        "withdrawn (not timed), and the window ends early, for every slot at once, when a "
        "slot's applicants would hold %d live applications each. Answers: matching %d bytes, "
        "no-op %d bytes (a canned Application of the same shape).\n\n",
        s.submitters.size(), s.roles.size(), absl::GetFlag(FLAGS_max_live),
        absl::GetFlag(FLAGS_max_live), real->ByteSizeLong(), canned->ByteSizeLong());
    absl::StrAppend(summary, SubmitTable(runs), "\n");
    if (!notes.empty()) {
      absl::StrAppend(summary, notes, "\n");
    }
    const std::string cost = CostTable(costs);
    if (!cost.empty()) {
      absl::StrAppend(summary,
                      "Where the time goes: CPU each process spent over the whole measurement "
                      "(warm-up and drain included) over every call made, median of the runs "
                      "(\"bench\" is the load generator):\n\n",
                      cost, "\n");
    }
  }

  if (!races.empty()) {
    absl::StrAppendFormat(
        summary,
        "## Acceptances racing for places\n\n"
        "Each race: %d fresh roles of %d places (%s); %d applicants each apply to every role, "
        "the body shortlists and offers each application (not timed); then %d slots, one an "
        "applicant, accept their offers in the same role order, one call each (a burst). "
        "Acceptances a second counts every answer, accepted or refused. Afterwards each "
        "role's placements are listed with the body's key: places are never exceeded when "
        "every role has exactly min(places, acceptances tried) placements and the placements "
        "listed equal the acceptances answered OK. Last the registry is asked (GetRole as admin, "
        "for up to 10 s) whether each full role is FILLED, as matching's fill queue should "
        "have marked it: reported, not judged.\n\n",
        absl::GetFlag(FLAGS_race_roles), absl::GetFlag(FLAGS_race_places), kRaceBody,
        absl::GetFlag(FLAGS_race_in_flight), absl::GetFlag(FLAGS_race_in_flight));
    absl::StrAppend(summary, RaceTable(races), "\n");
  }
  return absl::OkStatus();
}

}  // namespace cadre::bench
