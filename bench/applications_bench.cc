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
#include "bench/applications_bench_flags.h"
#include "bench/applications_measure.h"
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

int Main() {
  if (absl::GetFlag(FLAGS_serve_noop)) {
    return ServeNoop();
  }
  if (absl::Status ranges = CheckRanges(); !ranges.ok()) {
    std::cerr << ranges << "\n";
    return 2;
  }
  const std::string admin_key = AdminKeyOr(absl::GetFlag(FLAGS_admin_key));
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
