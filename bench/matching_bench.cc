// matching_bench: the matching service's figures, as the issue asks them. In one run:
//   - scrypt's parameters and the cost of one HashPassword / VerifyPassword, in this
//     process with the service's own code (SignIn is dominated by it);
//   - --applicants applicants signed up as admin (admins are not rate-limited), then
//     GetMyProfile (each call slot with its own applicant's key) beside a no-op Matching
//     service answering an Applicant of the same shape, at --in_flight, interleaved;
//   - SignIn at --signin_in_flight (the password pool has 2 threads by default);
//   - with --view_roles: that many open roles seeded into the registry (bench/seed.h),
//     then the time RoleView, matching's view of open roles, takes to load them.
// Markdown to stdout, progress to stderr; bench/run_matching_bench.sh starts Redis, the
// registry, matching and the no-op service around it; BENCHMARKS.md has the figures.
//
//   matching_bench --serve_noop --noop_port=P        # serve the no-op service, block
//   matching_bench --matching=127.0.0.1:M --registry=127.0.0.1:R --redis_port=6379
//                  [--noop=127.0.0.1:P] [--view_roles=50000] [--repeats=3]
//   matching_bench --time_serving=127.0.0.1:M --started_unix_ns=N   # start → SERVING
//
// The admin key comes from --admin_key or CADRE_ADMIN_KEY; the matching service's own key
// (for the view's ListRoles) from --service_key_file.

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
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
#include "bench/bench_args.h"
#include "bench/load_generator.h"
#include "bench/matching_calls.h"
#include "bench/matching_report.h"
#include "bench/noop_matching.h"
#include "bench/report.h"
#include "bench/scrypt_cost.h"
#include "bench/seed.h"
#include "bench/view_load.h"
#include "services/common/logging.h"
#include "services/common/password.h"

ABSL_FLAG(std::string, matching, "", "matching address, e.g. 127.0.0.1:50052");
ABSL_FLAG(std::string, registry, "", "registry address, for --view_roles");
ABSL_FLAG(std::string, noop, "", "address of a no-op service (--serve_noop); default in-process");
ABSL_FLAG(bool, serve_noop, false, "only serve the no-op Matching service, until killed");
ABSL_FLAG(int, noop_port, 0, "with --serve_noop: its port (0: any)");
ABSL_FLAG(std::string, admin_key, "",
          "admin key for sign-up and seeding; default $CADRE_ADMIN_KEY");
ABSL_FLAG(std::string, service_key_file, "",
          "file holding matching's service key, sent by the view's ListRoles (default: none)");
ABSL_FLAG(int, applicants, 64,
          "applicants to sign up, 0-10,000 (at least the largest in-flight; 0: measure no calls)");
ABSL_FLAG(int, signup_threads, 4, "concurrent SignUp callers, 1-64");
ABSL_FLAG(std::vector<std::string>, in_flight, std::vector<std::string>({"1", "16", "64"}),
          "GetMyProfile calls in flight to measure at, comma-separated");
ABSL_FLAG(std::vector<std::string>, signin_in_flight, std::vector<std::string>({"1", "2", "4"}),
          "SignIn calls in flight to measure at, comma-separated (empty: none)");
ABSL_FLAG(absl::Duration, warmup, absl::Seconds(1), "warm-up before each measurement");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(5), "length of each measurement");
ABSL_FLAG(int, repeats, 1, "runs of the whole set of measurements (median and range)");
ABSL_FLAG(int, driver_threads, 1,
          "load generator threads, one completion queue each (1 leaves a core to the server)");
ABSL_FLAG(int, calls_per_channel, 8, "calls in flight sharing one channel / connection");
ABSL_FLAG(bool, parse_responses, false,
          "parse every GetMyProfile answer (default: keep the bytes, see load_generator.h)");
ABSL_FLAG(int, scrypt_samples, 5,
          "in-process HashPassword and VerifyPassword calls of each kind per run, 0-1000");
ABSL_FLAG(int, scrypt_threads, 2, "verifiers at once in the parallel scrypt figure, 1-64");
ABSL_FLAG(int, view_roles, 0, "open roles to seed for the view's load, 0-1,000,000 (0: none)");
ABSL_FLAG(bool, seed, true, "seed --view_roles roles first (false: load the roles there)");
ABSL_FLAG(int, view_repeats, 0, "loads of the view to time (0: --repeats)");
ABSL_FLAG(absl::Duration, view_timeout, absl::Seconds(180), "longest one view load may take");
ABSL_FLAG(int, bodies, 12, "bodies to create when seeding, 1-26");
ABSL_FLAG(int, seed_threads, 16, "concurrent writers when seeding, 1-256");
ABSL_FLAG(std::string, redis_host, "127.0.0.1", "the registry's Redis, for the view");
ABSL_FLAG(int, redis_port, 0, "the registry's Redis port, for the view");
ABSL_FLAG(absl::Duration, wait_ready, absl::Seconds(30), "how long to wait for the services");
ABSL_FLAG(std::string, time_serving, "",
          "only wait until this address's health is SERVING and print the time since "
          "--started_unix_ns");
ABSL_FLAG(std::string, health_service, "cadre.v1.Matching",
          "the service name whose health is SERVING when matching may answer");
ABSL_FLAG(int64_t, started_unix_ns, 0, "with --time_serving: when the service was started");
ABSL_FLAG(int, time_serving_roles, 0,
          "with --time_serving: open roles in the registry, for the text");
ABSL_FLAG(std::string, out, "", "also write the summary markdown to this file");
ABSL_FLAG(bool, out_append, false, "append to --out instead of replacing it");
ABSL_FLAG(std::string, log_level, "warn", "log level of the in-process view: debug ... error");

namespace cadre::bench {
namespace {

constexpr int kMaxApplicants = 10000;
constexpr int kMaxViewRoles = 1000000;

void WriteOut(const std::string& text) {
  WriteSummaryFile(absl::GetFlag(FLAGS_out), absl::GetFlag(FLAGS_out_append), text);
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

// --time_serving: one markdown list item (also appended to --out) saying how long the
// service took from its launch to SERVING.
int TimeServing() {
  const int64_t started = absl::GetFlag(FLAGS_started_unix_ns);
  const absl::Time since = started > 0 ? absl::FromUnixNanos(started) : absl::Now();
  absl::StatusOr<absl::Duration> took =
      WaitUntilHealthServing(absl::GetFlag(FLAGS_time_serving), absl::GetFlag(FLAGS_health_service),
                             since, absl::GetFlag(FLAGS_wait_ready));
  if (!took.ok()) {
    std::cerr << "time to SERVING: " << took.status() << "\n";
    return 1;
  }
  const double seconds = absl::ToDoubleSeconds(*took);
  const int roles = absl::GetFlag(FLAGS_time_serving_roles);
  const std::string line =
      absl::StrFormat("- launch to SERVING: %.2f s (%d open roles, %.0f roles a second)\n", seconds,
                      roles, seconds > 0 ? roles / seconds : 0);
  std::cerr << "matching " << line.substr(2);
  std::cout << line << std::flush;
  WriteOut(line);
  return 0;
}

// One thing measured: a label, an address and the calls to make.
struct Target {
  const char* label;
  std::string address;
  SlotFactory slots;
  std::vector<int> in_flights;
};

// Measures the GetMyProfile targets at each in-flight count, interleaved so that drift
// hits the no-op service and matching alike; then scrypt in this process (into `scrypt`,
// when `scrypt_samples` > 0) and SignIn, back to back, so that SignIn is set beside the
// cost of a hash measured moments before. Prints the run's tables.
Run MeasureOnce(int index, const std::vector<Target>& profile_targets,
                const std::vector<int>& in_flights, const Target& signin, LoadOptions load,
                int scrypt_samples, std::vector<ScryptCost>* scrypt) {
  Run run;
  auto measure = [&](const Target& target, int in_flight) {
    load.in_flight = in_flight;
    LoadResult result = RunClosedLoop(target.address, target.slots, load);
    std::cerr << absl::StrFormat(
        "run %d: %-22s %3d in flight: %8.1f QPS p50 %.3f ms p99 %.3f ms errors %d\n", index,
        target.label, in_flight, result.qps, result.p50_ms, result.p99_ms, result.errors);
    run.push_back({target.label, in_flight, std::move(result)});
  };
  for (int in_flight : in_flights) {
    for (const Target& target : profile_targets) {
      measure(target, in_flight);
    }
  }
  if (scrypt_samples > 0) {
    absl::StatusOr<ScryptCost> cost =
        MeasureScrypt(kDefaultScryptParams, scrypt_samples, absl::GetFlag(FLAGS_scrypt_threads));
    if (cost.ok()) {
      std::cerr << absl::StrFormat("run %d: scrypt hash %.1f ms, verify %.1f ms (medians of %d)\n",
                                   index, cost->hash_median_ms, cost->verify_median_ms,
                                   scrypt_samples);
      scrypt->push_back(*cost);
    } else {
      std::cerr << "run " << index << ": scrypt: " << cost.status() << "\n";
    }
  }
  for (int in_flight : signin.in_flights) {
    measure(signin, in_flight);
  }
  std::cout << "## Run " << index << "\n\n" << RunTable(run) << "\n" << std::flush;
  return run;
}

// Seeds (unless --seed=false) and times the view's loads. Appends its section.
absl::Status MeasureView(const std::string& registry, std::string* report) {
  const int roles = absl::GetFlag(FLAGS_view_roles);
  const std::string redis_host = absl::GetFlag(FLAGS_redis_host);
  const int redis_port = absl::GetFlag(FLAGS_redis_port);
  if (redis_port <= 0) {
    return absl::InvalidArgumentError("--view_roles needs --redis_port (the registry's Redis)");
  }
  if (absl::Status ready = WaitUntilServing(registry, absl::GetFlag(FLAGS_wait_ready));
      !ready.ok()) {
    return ready;
  }
  std::string service_key;
  if (const std::string file = absl::GetFlag(FLAGS_service_key_file); !file.empty()) {
    std::ifstream in(file);
    std::getline(in, service_key);
    service_key = std::string(absl::StripAsciiWhitespace(service_key));
  }
  absl::StrAppend(report, "## View load\n\n");
  if (absl::GetFlag(FLAGS_seed)) {
    SeedOptions options;
    options.admin_key = AdminKeyOr(absl::GetFlag(FLAGS_admin_key));
    options.bodies = absl::GetFlag(FLAGS_bodies);
    options.roles = roles;
    options.threads = absl::GetFlag(FLAGS_seed_threads);
    std::cerr << "seeding " << roles << " open roles into the registry\n";
    const absl::Time start = absl::Now();
    absl::StatusOr<std::vector<std::string>> names = SeedRegistry(registry, options);
    if (!names.ok()) {
      return names.status();
    }
    const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
    std::cerr << absl::StrFormat("seeded %d roles in %.1f s\n", names->size(), seconds);
    absl::StrAppendFormat(report,
                          "Seeded %d open roles in %.1f s through the registry's API (%d admin "
                          "writes, create and publish, from %d writers).\n\n",
                          names->size(), seconds, 2 * names->size(), options.threads);
  }
  const int repeats = absl::GetFlag(FLAGS_view_repeats) > 0 ? absl::GetFlag(FLAGS_view_repeats)
                                                            : absl::GetFlag(FLAGS_repeats);
  std::vector<double> seconds;
  size_t loaded_roles = 0;
  absl::StrAppend(report,
                  "RoleView (services/matching/view/role_view.h) run in the benchmark's "
                  "process: ListRoles (state OPEN, 100 a page) as the matching service",
                  service_key.empty() ? " (no key: open roles are public)" : "",
                  ", from Start to loaded, each load a fresh view with its own Redis "
                  "connection and channel.\n\n| load | roles | seconds | roles a second |\n"
                  "|---:|---:|---:|---:|\n");
  for (int r = 1; r <= std::max(1, repeats); ++r) {
    absl::StatusOr<ViewLoad> load = LoadRoleViewOnce(registry, redis_host, redis_port, service_key,
                                                     absl::GetFlag(FLAGS_view_timeout));
    if (!load.ok()) {
      return load.status();
    }
    const double s = absl::ToDoubleSeconds(load->took);
    seconds.push_back(s);
    loaded_roles = load->roles;
    std::cerr << absl::StrFormat("view load %d: %d roles in %.2f s\n", r, load->roles, s);
    absl::StrAppendFormat(report, "| %d | %d | %.2f | %.0f |\n", r, load->roles, s,
                          s > 0 ? static_cast<double>(load->roles) / s : 0);
  }
  std::sort(seconds.begin(), seconds.end());
  const double median = seconds.size() % 2 == 1
                            ? seconds[seconds.size() / 2]
                            : (seconds[seconds.size() / 2 - 1] + seconds[seconds.size() / 2]) / 2;
  absl::StrAppendFormat(report,
                        "\nView load: median %.2f s (%.2f–%.2f) for %d open roles, %.0f roles "
                        "a second.\n\n",
                        median, seconds.front(), seconds.back(), loaded_roles,
                        median > 0 ? static_cast<double>(loaded_roles) / median : 0);
  if (roles > 0 && static_cast<int>(loaded_roles) < roles) {
    absl::StrAppendFormat(report, "Note: the view held %d roles, fewer than the %d seeded.\n\n",
                          loaded_roles, roles);
  }
  return absl::OkStatus();
}

// Signs the applicants up, checks one answer of each kind, then measures `repeats` runs:
// GetMyProfile (matching and the no-op), scrypt in-process, SignIn. Appends the summary
// tables. The first failing step's status.
absl::Status MeasureCalls(const std::string& matching, const std::string& noop,
                          const std::string& admin_key, int applicants,
                          const std::vector<int>& in_flights,
                          const std::vector<int>& signin_in_flights, std::string* summary) {
  absl::StatusOr<absl::Duration> serving = WaitUntilHealthServing(
      matching, absl::GetFlag(FLAGS_health_service), absl::Now(), absl::GetFlag(FLAGS_wait_ready));
  if (!serving.ok()) {
    return serving.status();
  }
  const std::string run_tag = absl::StrCat(absl::ToUnixMicros(absl::Now()));
  const absl::Time signup_start = absl::Now();
  absl::StatusOr<std::vector<BenchApplicant>> signed_up =
      SignUpApplicants(matching, admin_key, run_tag, applicants,
                       std::clamp(absl::GetFlag(FLAGS_signup_threads), 1, 64));
  if (!signed_up.ok()) {
    return signed_up.status();
  }
  const double signup_seconds = absl::ToDoubleSeconds(absl::Now() - signup_start);
  std::cerr << absl::StrFormat("signed up %d applicants in %.1f s\n", applicants, signup_seconds);
  const std::vector<BenchApplicant> people = *std::move(signed_up);
  const int max_in_flight =
      in_flights.empty() ? 0 : *std::max_element(in_flights.begin(), in_flights.end());
  std::string notes;
  if (applicants < max_in_flight) {
    absl::StrAppendFormat(&notes,
                          "Note: %d applicants for up to %d calls in flight: some slots share "
                          "a key.\n\n",
                          applicants, max_in_flight);
  }

  // Check every answer once, and note its size.
  absl::StatusOr<size_t> real_size = ProbeGetMyProfile(matching, people[0].key, people[0].name);
  absl::StatusOr<size_t> noop_size = ProbeGetMyProfile(noop, people[0].key, "");
  if (!real_size.ok() || !noop_size.ok()) {
    return (real_size.ok() ? noop_size : real_size).status();
  }
  if (!signin_in_flights.empty()) {
    if (absl::Status s = ProbeSignIn(matching, people[0]); !s.ok()) {
      return s;
    }
  }

  LoadOptions load;
  load.driver_threads = absl::GetFlag(FLAGS_driver_threads);
  load.calls_per_channel = absl::GetFlag(FLAGS_calls_per_channel);
  load.warmup = absl::GetFlag(FLAGS_warmup);
  load.duration = absl::GetFlag(FLAGS_duration);
  const SlotFactory profile_slots =
      GetMyProfileSlots(&people, absl::GetFlag(FLAGS_parse_responses), load.call_deadline);
  const std::vector<Target> profile_targets = {
      {kNoopGetMyProfile, noop, profile_slots, {}},
      {kMatchingGetMyProfile, matching, profile_slots, {}}};
  const Target signin = {kMatchingSignIn, matching, SignInSlots(&people, load.call_deadline),
                         signin_in_flights};

  std::vector<Run> runs;
  std::vector<ScryptCost> scrypt;
  const int repeats = std::max(1, absl::GetFlag(FLAGS_repeats));
  const int samples = absl::GetFlag(FLAGS_scrypt_samples);
  for (int r = 1; r <= repeats; ++r) {
    runs.push_back(MeasureOnce(r, profile_targets, in_flights, signin, load, samples, &scrypt));
  }

  absl::StrAppend(
      summary, "## Summary over ", runs.size(), " run(s)\n\n",
      SummaryTable(Filter(runs, kMatchingSignIn, false)), "\n", notes,
      absl::StrFormat("GetMyProfile answers (serialised): matching %d bytes, no-op %d bytes. "
                      "Signed up %d applicants as admin in %.1f s (%.1f a second).\n\n",
                      *real_size, *noop_size, applicants, signup_seconds,
                      signup_seconds > 0 ? applicants / signup_seconds : 0));
  const std::string ratios = RatioTable(
      runs,
      {{"GetMyProfile / no-op QPS", kMatchingGetMyProfile, kNoopGetMyProfile},
       {"GetMyProfile / no-op p50", kMatchingGetMyProfile, kNoopGetMyProfile, &LoadResult::p50_ms},
       {"GetMyProfile / no-op p99", kMatchingGetMyProfile, kNoopGetMyProfile,
        &LoadResult::p99_ms}});
  if (!ratios.empty()) {
    absl::StrAppend(summary, "## GetMyProfile against the no-op service (ratios within a run)\n\n",
                    ratios, "\n");
  }
  if (!scrypt.empty()) {
    absl::StrAppend(summary, "## Password hashing (scrypt)\n\n", ScryptReport(scrypt), "\n");
  }
  if (!signin_in_flights.empty()) {
    absl::StrAppend(summary, "## SignIn\n\n", SummaryTable(Filter(runs, kMatchingSignIn, true)),
                    "\nSet beside the scrypt verify measured in the same run:\n\n",
                    SignInBreakdown(runs, signin_in_flights, scrypt), "\n");
  }
  return absl::OkStatus();
}

int Main() {
  if (absl::GetFlag(FLAGS_serve_noop)) {
    return ServeNoop();
  }
  if (!absl::GetFlag(FLAGS_time_serving).empty()) {
    return TimeServing();
  }
  absl::StatusOr<std::vector<int>> in_flights =
      ParseCounts(absl::GetFlag(FLAGS_in_flight), "in_flight");
  absl::StatusOr<std::vector<int>> signin_in_flights =
      ParseCounts(absl::GetFlag(FLAGS_signin_in_flight), "signin_in_flight");
  if (!in_flights.ok() || !signin_in_flights.ok()) {
    std::cerr << (in_flights.ok() ? signin_in_flights.status() : in_flights.status()) << "\n";
    return 2;
  }
  const int applicants = absl::GetFlag(FLAGS_applicants);
  if (applicants < 0 || applicants > kMaxApplicants) {
    std::cerr << "--applicants: must be 0-" << kMaxApplicants << "\n";
    return 2;
  }
  const int view_roles = absl::GetFlag(FLAGS_view_roles);
  if (view_roles < 0 || view_roles > kMaxViewRoles) {
    std::cerr << "--view_roles: must be 0-" << kMaxViewRoles << "\n";
    return 2;
  }
  const std::string matching = absl::GetFlag(FLAGS_matching);
  const std::string registry = absl::GetFlag(FLAGS_registry);
  if (matching.empty() && applicants > 0) {
    std::cerr << "give --matching=HOST:PORT (and --registry=HOST:PORT for --view_roles)\n";
    return 2;
  }
  if (view_roles > 0 && registry.empty()) {
    std::cerr << "--view_roles needs --registry=HOST:PORT\n";
    return 2;
  }
  const std::string admin_key = AdminKeyOr(absl::GetFlag(FLAGS_admin_key));
  if (admin_key.empty()) {
    std::cerr << "no admin key: give --admin_key or set CADRE_ADMIN_KEY\n";
    return 2;
  }

  std::unique_ptr<NoopMatchingServer> in_process;
  std::string noop = absl::GetFlag(FLAGS_noop);
  if (noop.empty()) {
    absl::StatusOr<std::unique_ptr<NoopMatchingServer>> server = NoopMatchingServer::Start();
    if (!server.ok()) {
      std::cerr << server.status() << "\n";
      return 1;
    }
    in_process = *std::move(server);
    noop = absl::StrCat("127.0.0.1:", in_process->port());
  }

  std::string summary = absl::StrCat("Machine at start: ", MachineLine(), "\n\n");
  std::cout << summary << std::flush;

  if (applicants > 0) {
    if (absl::Status s = MeasureCalls(matching, noop, admin_key, applicants, *in_flights,
                                      *signin_in_flights, &summary);
        !s.ok()) {
      std::cerr << "matching calls: " << s << "\n";
      return 1;
    }
  } else if (const int samples = absl::GetFlag(FLAGS_scrypt_samples); samples > 0) {
    std::vector<ScryptCost> scrypt;
    for (int r = 1; r <= std::max(1, absl::GetFlag(FLAGS_repeats)); ++r) {
      absl::StatusOr<ScryptCost> cost =
          MeasureScrypt(kDefaultScryptParams, samples, absl::GetFlag(FLAGS_scrypt_threads));
      if (!cost.ok()) {
        std::cerr << "scrypt: " << cost.status() << "\n";
        return 1;
      }
      scrypt.push_back(*cost);
    }
    absl::StrAppend(&summary, "## Password hashing (scrypt)\n\n", ScryptReport(scrypt), "\n");
  }
  absl::StrAppend(&summary, "Machine after the calls: ", MachineLine(), "\n\n");
  std::cout << summary << std::flush;
  WriteOut(summary);

  if (view_roles > 0) {
    std::string view_report;
    if (absl::Status s = MeasureView(registry, &view_report); !s.ok()) {
      std::cerr << "view: " << s << "\n";
      return 1;
    }
    absl::StrAppend(&view_report, "Machine after the view: ", MachineLine(), "\n\n");
    std::cout << view_report << std::flush;
    if (!absl::GetFlag(FLAGS_out).empty()) {
      std::ofstream(absl::GetFlag(FLAGS_out), std::ios::app) << view_report;
    }
  }
  return 0;
}

}  // namespace
}  // namespace cadre::bench

int main(int argc, char** argv) {
  // As registry_bench: the same settings as the services; signals stay as they are so
  // that the script's TERM stops a --serve_noop process. A write to a socket Redis closed
  // must not kill the process (the in-process view holds a Redis connection).
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  std::signal(SIGPIPE, SIG_IGN);
  absl::ParseCommandLine(argc, argv);
  cadre::log::Init("matching_bench", absl::GetFlag(FLAGS_log_level));
  return cadre::bench::Main();
}
