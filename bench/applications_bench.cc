// applications_bench: the applications' figures, as issue 7 asks them. In one run:
//   - RecommendRoles for one applicant among the open roles (page_size 10) at
//     --recommend_in_flight, each slot with its own applicant's key, beside the registry's
//     GetRole of a random open role at the same counts, interleaved;
//   - SubmitApplication with its guards at --submit_in_flight, beside a no-op Matching
//     service answering a canned Application (bench/noop_matching.h), with the CPU each
//     process spent per call and the Redis commands each call ran;
//   - acceptances racing for places (bench/acceptance_race.h), a burst at
//     --race_in_flight, checked afterwards through the body's ListPlacements.
// Markdown to stdout, progress to stderr. bench/run_applications_bench.sh starts Redis,
// the registry, matching and the no-op service around it.
//
//   applications_bench --serve_noop --noop_port=P       # serve the no-op service, block
//   applications_bench --seed_only --registry=127.0.0.1:R --roles=50000 --roles_file=F
//   applications_bench --matching=127.0.0.1:M --registry=127.0.0.1:R --roles_file=F
//                      [--noop=127.0.0.1:P] [--redis_port=6379] [--cpu_pids=matching=PID,...]
//
// Seeding is its own step so that matching can be started after it: matching answers
// NOT_SERVING until its view has loaded every open role, so once it is SERVING its view
// holds all of them. The admin key comes from --admin_key or CADRE_ADMIN_KEY.

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
#include "bench/applications_report.h"
#include "bench/cost_probe.h"
#include "bench/load_generator.h"
#include "bench/matching_calls.h"
#include "bench/noop_matching.h"
#include "bench/registry_calls.h"
#include "bench/report.h"
#include "bench/role_fixture.h"
#include "bench/seed.h"
#include "services/common/logging.h"

ABSL_FLAG(std::string, matching, "", "matching address, e.g. 127.0.0.1:50052");
ABSL_FLAG(std::string, registry, "", "registry address, e.g. 127.0.0.1:50051");
ABSL_FLAG(std::string, noop, "", "address of a no-op service (--serve_noop); default in-process");
ABSL_FLAG(bool, serve_noop, false, "only serve the no-op Matching service, until killed");
ABSL_FLAG(int, noop_port, 0, "with --serve_noop: its port (0: any)");
ABSL_FLAG(std::string, admin_key, "", "admin key; default $CADRE_ADMIN_KEY");
ABSL_FLAG(bool, seed_only, false,
          "only seed --roles open roles into --registry and write their names to --roles_file");
ABSL_FLAG(int, roles, 50000, "open roles to seed, 1-1,000,000");
ABSL_FLAG(std::string, roles_file, "",
          "the seeded roles' names, one a line (written by --seed_only, read otherwise; "
          "without it the open roles are listed from the registry)");
ABSL_FLAG(int, bodies, 12, "bodies to create when seeding, 1-26");
ABSL_FLAG(int, seed_threads, 16, "concurrent writers when seeding, 1-256");
ABSL_FLAG(int, applicants, 64,
          "applicants whose keys RecommendRoles uses, 1-10,000; they apply to nothing");
ABSL_FLAG(int, submit_applicants, 320,
          "applicants SubmitApplication's slots share, 1-10,000 (at least the largest "
          "--submit_in_flight; the first --race_in_flight of them race): each window holds at "
          "most this x --max_live applications");
ABSL_FLAG(int, signup_threads, 4, "concurrent SignUp callers, 1-64");
ABSL_FLAG(int, max_concurrent_roles, 10,
          "roles each applicant will hold at once (profile), 1-10: the race fills a role only "
          "if enough racers may take one more");
ABSL_FLAG(int, max_live, 100,
          "live applications one person may hold: the matching process's "
          "--max_live_applications, 1-100");
ABSL_FLAG(std::vector<std::string>, recommend_in_flight,
          std::vector<std::string>({"1", "16", "64"}),
          "RecommendRoles and GetRole calls in flight, comma-separated (empty: none)");
ABSL_FLAG(int, page_size, 10, "RecommendRoles page size, 1-50");
ABSL_FLAG(std::vector<std::string>, submit_in_flight, std::vector<std::string>({"16", "64"}),
          "SubmitApplication calls in flight, comma-separated (empty: none)");
ABSL_FLAG(int, race_roles, 20, "roles of the acceptance race, 0-1000 (0: no race)");
ABSL_FLAG(int, race_places, 3, "places of each race role, 1-100");
ABSL_FLAG(int, race_in_flight, 64, "applicants racing, one call in flight each, 1-4096");
ABSL_FLAG(absl::Duration, race_timeout, absl::Seconds(120), "longest one race's burst may take");
ABSL_FLAG(absl::Duration, warmup, absl::Seconds(1), "warm-up before each measurement");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(5), "length of each measurement");
ABSL_FLAG(int, repeats, 1, "runs of the whole set of measurements (median and range)");
ABSL_FLAG(int, driver_threads, 1,
          "load generator threads, one completion queue each (1 leaves a core to the server)");
ABSL_FLAG(int, calls_per_channel, 8, "calls in flight sharing one channel / connection");
ABSL_FLAG(bool, parse_responses, false,
          "parse every RecommendRoles and GetRole answer (default: keep the bytes)");
ABSL_FLAG(int, setup_threads, 16, "concurrent callers for set-up and clean-up, 1-256");
ABSL_FLAG(int, redis_port, 0, "the services' Redis, for its commandstats (0: none)");
ABSL_FLAG(std::string, cpu_pids, "",
          "processes whose CPU to count per call, name=pid,... (e.g. matching=12,redis=34)");
ABSL_FLAG(absl::Duration, wait_ready, absl::Seconds(60), "how long to wait for the services");
ABSL_FLAG(std::string, health_service, "cadre.v1.Matching",
          "the service name whose health is SERVING when matching may answer");
ABSL_FLAG(std::string, out, "", "also write the summary markdown to this file");
ABSL_FLAG(bool, out_append, false, "append to --out instead of replacing it");
ABSL_FLAG(std::string, log_level, "warn", "log level of this process: debug ... error");

namespace cadre::bench {
namespace {

constexpr int kMaxApplicants = 10000;
constexpr int kMaxRoles = 1000000;

void WriteOut(const std::string& text) {
  const std::string out = absl::GetFlag(FLAGS_out);
  if (out.empty()) {
    return;
  }
  std::ofstream file(out, absl::GetFlag(FLAGS_out_append) ? std::ios::app : std::ios::trunc);
  file << text;
}

std::string AdminKey() {
  std::string key = absl::GetFlag(FLAGS_admin_key);
  if (key.empty() && std::getenv("CADRE_ADMIN_KEY") != nullptr) {
    key = std::getenv("CADRE_ADMIN_KEY");
  }
  return key;
}

absl::StatusOr<std::vector<int>> ParseCounts(const std::vector<std::string>& texts,
                                             absl::string_view flag) {
  std::vector<int> counts;
  for (const std::string& text : texts) {
    if (text.empty()) {
      continue;
    }
    int n = 0;
    if (!absl::SimpleAtoi(text, &n) || n < 1 || n > 4096) {
      return absl::InvalidArgumentError(absl::StrCat("--", flag, ": not a number 1-4096: ", text));
    }
    counts.push_back(n);
  }
  return counts;
}

// The flags' ranges; INVALID_ARGUMENT naming the first one out of range.
absl::Status CheckRanges() {
  struct Range {
    const char* flag;
    int value;
    int low;
    int high;
  };
  const Range ranges[] = {
      {"roles", absl::GetFlag(FLAGS_roles), 1, kMaxRoles},
      {"bodies", absl::GetFlag(FLAGS_bodies), 1, 26},
      {"seed_threads", absl::GetFlag(FLAGS_seed_threads), 1, 256},
      {"applicants", absl::GetFlag(FLAGS_applicants), 1, kMaxApplicants},
      {"submit_applicants", absl::GetFlag(FLAGS_submit_applicants), 1, kMaxApplicants},
      {"signup_threads", absl::GetFlag(FLAGS_signup_threads), 1, 64},
      {"max_concurrent_roles", absl::GetFlag(FLAGS_max_concurrent_roles), 1, 10},
      {"max_live", absl::GetFlag(FLAGS_max_live), 1, 100},
      {"page_size", absl::GetFlag(FLAGS_page_size), 1, 50},
      {"race_roles", absl::GetFlag(FLAGS_race_roles), 0, 1000},
      {"race_places", absl::GetFlag(FLAGS_race_places), 1, 100},
      {"race_in_flight", absl::GetFlag(FLAGS_race_in_flight), 1, 4096},
      {"setup_threads", absl::GetFlag(FLAGS_setup_threads), 1, 256},
  };
  for (const Range& r : ranges) {
    if (r.value < r.low || r.value > r.high) {
      return absl::InvalidArgumentError(
          absl::StrCat("--", r.flag, ": must be ", r.low, "-", r.high, ", not ", r.value));
    }
  }
  return absl::OkStatus();
}

int ServeNoop() {
  absl::StatusOr<std::unique_ptr<NoopMatchingServer>> noop =
      NoopMatchingServer::Start(absl::GetFlag(FLAGS_noop_port));
  if (!noop.ok()) {
    std::cerr << noop.status() << "\n";
    return 1;
  }
  std::cout << "no-op Matching on 127.0.0.1:" << (*noop)->port() << std::endl;
  (*noop)->Wait();
  return 0;
}

// --seed_only: seeds the open roles, writes their names to --roles_file and one markdown
// line (also to --out) saying how long it took.
int SeedOnly(const std::string& registry, const std::string& admin_key) {
  const std::string file = absl::GetFlag(FLAGS_roles_file);
  if (registry.empty() || file.empty()) {
    std::cerr << "--seed_only needs --registry and --roles_file\n";
    return 2;
  }
  if (absl::Status ready = WaitUntilServing(registry, absl::GetFlag(FLAGS_wait_ready));
      !ready.ok()) {
    std::cerr << "registry: " << ready << "\n";
    return 1;
  }
  SeedOptions options;
  options.admin_key = admin_key;
  options.bodies = absl::GetFlag(FLAGS_bodies);
  options.roles = absl::GetFlag(FLAGS_roles);
  options.threads = absl::GetFlag(FLAGS_seed_threads);
  std::cerr << "seeding " << options.roles << " open roles into the registry\n";
  const absl::Time start = absl::Now();
  absl::StatusOr<std::vector<std::string>> names = SeedRegistry(registry, options);
  if (!names.ok()) {
    std::cerr << "seeding: " << names.status() << "\n";
    return 1;
  }
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  std::ofstream out(file, std::ios::trunc);
  for (const std::string& name : *names) {
    out << name << "\n";
  }
  out.close();
  if (!out) {
    std::cerr << "cannot write " << file << "\n";
    return 1;
  }
  const std::string line = absl::StrFormat(
      "Seeded %d open roles (%d bodies) in %.1f s through the registry's API: %d admin writes, "
      "create and publish, from %d writers.\n\n",
      names->size(), options.bodies, seconds, 2 * names->size(), options.threads);
  std::cerr << line;
  std::cout << line << std::flush;
  WriteOut(line);
  return 0;
}

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

// Everything one run measures with.
struct Setup {
  std::string matching;
  std::string registry;
  std::string noop;
  std::string admin_key;
  std::string body_key;
  std::vector<std::string> roles;
  // Everyone signed up: first the --applicants RecommendRoles uses, who never apply (so
  // that every one has the same open roles to be recommended); then the others, whom
  // SubmitApplication shares (the first --submit_applicants) and who race (the first
  // racers).
  std::vector<BenchApplicant> people;
  std::vector<BenchApplicant> recommenders;
  std::vector<BenchApplicant> others;
  std::vector<BenchApplicant> submitters;
  std::vector<BenchApplicant> racers;
  std::vector<int> recommend_in_flights;
  std::vector<int> submit_in_flights;
  std::map<int, std::unique_ptr<SubmitPlan>> plans;  // by in-flight count
  bool recommend = false;                            // RecommendRoles answered the probe
  std::vector<WatchedProcess> watched;
  int redis_port = 0;
  LoadOptions load;
};

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

int Main() {
  if (absl::GetFlag(FLAGS_serve_noop)) {
    return ServeNoop();
  }
  if (absl::Status ranges = CheckRanges(); !ranges.ok()) {
    std::cerr << ranges << "\n";
    return 2;
  }
  const std::string admin_key = AdminKey();
  if (admin_key.empty()) {
    std::cerr << "no admin key: give --admin_key or set CADRE_ADMIN_KEY\n";
    return 2;
  }
  if (absl::GetFlag(FLAGS_seed_only)) {
    return SeedOnly(absl::GetFlag(FLAGS_registry), admin_key);
  }

  Setup s;
  s.matching = absl::GetFlag(FLAGS_matching);
  s.registry = absl::GetFlag(FLAGS_registry);
  s.admin_key = admin_key;
  if (s.matching.empty() || s.registry.empty()) {
    std::cerr << "give --matching=HOST:PORT and --registry=HOST:PORT\n";
    return 2;
  }
  absl::StatusOr<std::vector<int>> recommend =
      ParseCounts(absl::GetFlag(FLAGS_recommend_in_flight), "recommend_in_flight");
  absl::StatusOr<std::vector<int>> submit =
      ParseCounts(absl::GetFlag(FLAGS_submit_in_flight), "submit_in_flight");
  absl::StatusOr<std::vector<WatchedProcess>> watched =
      ParseWatchedProcesses(absl::GetFlag(FLAGS_cpu_pids));
  if (!recommend.ok() || !submit.ok() || !watched.ok()) {
    std::cerr << (!recommend.ok() ? recommend.status()
                  : !submit.ok()  ? submit.status()
                                  : watched.status())
              << "\n";
    return 2;
  }
  s.recommend_in_flights = *recommend;
  s.submit_in_flights = *submit;
  s.watched = *watched;
  s.redis_port = absl::GetFlag(FLAGS_redis_port);
  s.load.driver_threads = absl::GetFlag(FLAGS_driver_threads);
  s.load.calls_per_channel = absl::GetFlag(FLAGS_calls_per_channel);
  s.load.warmup = absl::GetFlag(FLAGS_warmup);
  s.load.duration = absl::GetFlag(FLAGS_duration);

  std::unique_ptr<NoopMatchingServer> in_process;
  s.noop = absl::GetFlag(FLAGS_noop);
  if (s.noop.empty()) {
    absl::StatusOr<std::unique_ptr<NoopMatchingServer>> server = NoopMatchingServer::Start();
    if (!server.ok()) {
      std::cerr << server.status() << "\n";
      return 1;
    }
    in_process = *std::move(server);
    s.noop = absl::StrCat("127.0.0.1:", in_process->port());
  }

  std::string summary = absl::StrCat("Machine at start: ", MachineLine(), "\n\n");
  std::cout << summary << std::flush;
  if (absl::Status status = MeasureAll(s, &summary); !status.ok()) {
    std::cerr << "applications: " << status << "\n";
    return 1;
  }
  absl::StrAppend(&summary, "Machine at the end: ", MachineLine(), "\n\n");
  // The per-run tables went to stdout as they were measured; the summary follows them.
  const size_t start_line = summary.find("\n\n") + 2;
  std::cout << summary.substr(start_line) << std::flush;
  WriteOut(summary);
  return 0;
}

}  // namespace
}  // namespace cadre::bench

int main(int argc, char** argv) {
  // As the other benchmarks: the services' settings; signals stay as they are so that
  // the script's TERM stops a --serve_noop process. A write to a socket Redis closed
  // must not kill the process (the commandstats probe holds a Redis connection).
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  std::signal(SIGPIPE, SIG_IGN);
  absl::ParseCommandLine(argc, argv);
  cadre::log::Init("applications_bench", absl::GetFlag(FLAGS_log_level));
  return cadre::bench::Main();
}
