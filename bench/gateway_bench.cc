// gateway_bench: the gateway's figures, as issue 8 asks them (bench/gateway_measure.h): the
// registry's GetRole and ListRoles as Connect JSON through the gateway against the same
// calls over gRPC straight to the registry, in the same run; the pages' latency; the CPU
// each process spent per call and the gateway's JSON and gzip work alone; the home page's
// weight on the wire. Markdown to stdout, progress to stderr. bench/run_gateway_bench.sh
// starts Redis, the registry, matching and the gateway around it.
//
//   gateway_bench --seed_only --registry=127.0.0.1:R --roles=10000 --roles_file=F
//   gateway_bench --registry=127.0.0.1:R --gateway=127.0.0.1:G --roles_file=F
//                 [--matching=127.0.0.1:M] [--redis_port=P] [--cpu_pids=gateway=PID,...]
//
// The admin key (for seeding) comes from --admin_key or CADRE_ADMIN_KEY.

#include <csignal>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "bench/bench_args.h"
#include "bench/cost_probe.h"
#include "bench/gateway_measure.h"
#include "bench/http_load.h"
#include "bench/matching_calls.h"
#include "bench/report.h"
#include "bench/role_fixture.h"
#include "bench/seed.h"
#include "services/common/logging.h"

ABSL_FLAG(std::string, registry, "", "the registry's gRPC address, e.g. 127.0.0.1:50051");
ABSL_FLAG(std::string, gateway, "", "the gateway's HTTP address, e.g. 127.0.0.1:8080");
ABSL_FLAG(std::string, matching, "",
          "matching's gRPC address: wait until it is SERVING before measuring (empty: don't)");
ABSL_FLAG(std::string, admin_key, "", "admin key for seeding; default $CADRE_ADMIN_KEY");
ABSL_FLAG(bool, seed_only, false,
          "only seed --roles open roles into --registry and write their names to --roles_file");
ABSL_FLAG(int, roles, 10000, "open roles to seed, 1-1,000,000");
ABSL_FLAG(std::string, roles_file, "",
          "the seeded roles' names, one a line (written by --seed_only, read otherwise; "
          "without it the open roles are listed from the registry)");
ABSL_FLAG(int, bodies, 12, "bodies to create when seeding, 1-26");
ABSL_FLAG(int, seed_threads, 16, "concurrent writers when seeding, 1-256");
ABSL_FLAG(std::vector<std::string>, in_flight, std::vector<std::string>({"1", "16", "64"}),
          "calls in flight of GetRole and ListRoles, gRPC and JSON, comma-separated");
ABSL_FLAG(std::vector<std::string>, page_in_flight, std::vector<std::string>({"16"}),
          "requests in flight of the pages and of the JSON reads without gzip (empty: none)");
ABSL_FLAG(int, list_page_size, 20, "ListRoles page size, 1-100");
ABSL_FLAG(std::vector<std::string>, search_queries,
          std::vector<std::string>({"q=kidney", "level=2&region=london", "remote=yes&hours=20",
                                    "topic=maternity&kind=icb", "q=review+panel&level=3", ""}),
          "query strings of GET /search, comma-separated, '+' for spaces, empty for the page "
          "without filters (those answering 200 are measured, each call one at random)");
ABSL_FLAG(std::string, weight_path, "/", "the page whose weight on the wire to measure");
ABSL_FLAG(absl::Duration, warmup, absl::Seconds(1), "warm-up before each measurement");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(5), "length of each measurement");
ABSL_FLAG(absl::Duration, call_deadline, absl::Seconds(5),
          "deadline of each gRPC call, and the HTTP client's connect, read and write timeout");
ABSL_FLAG(int, repeats, 1, "runs of the whole set of measurements (median and range)");
ABSL_FLAG(int, driver_threads, 1, "gRPC load generator threads, one completion queue each");
ABSL_FLAG(int, calls_per_channel, 8, "gRPC calls in flight sharing one channel / connection");
ABSL_FLAG(absl::Duration, transcode_per_step, absl::Milliseconds(300),
          "time spent timing each step of the in-process JSON and gzip measurement");
ABSL_FLAG(int, upstream_calls, 1000,
          "calls per thread of the in-process comparison of two ways to wait for the registry "
          "(at 1 and 16 threads; 0: none)");
ABSL_FLAG(int, redis_port, 0, "the services' Redis, for its commandstats (0: none)");
ABSL_FLAG(std::string, cpu_pids, "",
          "processes whose CPU to count per call, name=pid,... (e.g. gateway=12,registry=34)");
ABSL_FLAG(absl::Duration, wait_ready, absl::Seconds(60), "how long to wait for the services");
ABSL_FLAG(std::string, out, "", "also write the summary markdown to this file");
ABSL_FLAG(bool, out_append, false, "append to --out instead of replacing it");
ABSL_FLAG(std::string, log_level, "warn", "log level of this process: debug ... error");

namespace cadre::bench {
namespace {

void WriteOut(const std::string& text) {
  WriteSummaryFile(absl::GetFlag(FLAGS_out), absl::GetFlag(FLAGS_out_append), text);
}

// --seed_only: seeds the open roles, writes their names to --roles_file and one markdown
// line (also to --out) saying how long it took.
int SeedOnly(const std::string& registry) {
  const std::string admin_key = AdminKeyOr(absl::GetFlag(FLAGS_admin_key));
  const std::string file = absl::GetFlag(FLAGS_roles_file);
  if (registry.empty() || file.empty() || admin_key.empty()) {
    std::cerr << "--seed_only needs --registry, --roles_file and an admin key\n";
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
  for (const std::string& name : *names) out << name << "\n";
  out.close();
  if (!out) {
    std::cerr << "cannot write " << file << "\n";
    return 1;
  }
  const std::string line = absl::StrFormat(
      "Seeded %d open roles (%d bodies) in %.1f s through the registry's API (create and "
      "publish, %d writers).\n\n",
      names->size(), options.bodies, seconds, options.threads);
  std::cerr << line;
  std::cout << line << std::flush;
  WriteOut(line);
  return 0;
}

absl::StatusOr<std::vector<std::string>> LoadRoleNames(const std::string& registry) {
  const std::string file = absl::GetFlag(FLAGS_roles_file);
  if (file.empty()) return ListOpenRoleNames(registry, absl::GetFlag(FLAGS_roles));
  std::ifstream in(file);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read --roles_file ", file));
  std::vector<std::string> names;
  for (std::string line; std::getline(in, line);) {
    line = std::string(absl::StripAsciiWhitespace(line));
    if (!line.empty()) names.push_back(line);
  }
  if (names.empty()) return absl::FailedPreconditionError(absl::StrCat(file, " names no role"));
  return names;
}

int Main() {
  const std::string registry = absl::GetFlag(FLAGS_registry);
  if (absl::GetFlag(FLAGS_seed_only)) return SeedOnly(registry);

  GatewaySetup s;
  s.registry = registry;
  const std::string gateway = absl::GetFlag(FLAGS_gateway);
  const std::vector<std::string> host_port = absl::StrSplit(gateway, absl::MaxSplits(':', 1));
  if (registry.empty() || host_port.size() != 2 ||
      !absl::SimpleAtoi(host_port[1], &s.gateway_port)) {
    std::cerr << "give --registry=HOST:PORT and --gateway=HOST:PORT\n";
    return 2;
  }
  s.gateway_host = host_port[0];
  absl::StatusOr<std::vector<int>> in_flights =
      ParseCounts(absl::GetFlag(FLAGS_in_flight), "in_flight");
  absl::StatusOr<std::vector<int>> page_in_flights =
      ParseCounts(absl::GetFlag(FLAGS_page_in_flight), "page_in_flight");
  absl::StatusOr<std::vector<WatchedProcess>> watched =
      ParseWatchedProcesses(absl::GetFlag(FLAGS_cpu_pids));
  const int page_size = absl::GetFlag(FLAGS_list_page_size);
  if (!in_flights.ok() || !page_in_flights.ok() || !watched.ok() || page_size < 1 ||
      page_size > 100) {
    std::cerr << (!in_flights.ok()        ? in_flights.status().ToString()
                  : !page_in_flights.ok() ? page_in_flights.status().ToString()
                  : !watched.ok()         ? watched.status().ToString()
                                          : "--list_page_size: 1-100")
              << "\n";
    return 2;
  }
  s.in_flights = *in_flights;
  s.page_in_flights = *page_in_flights;
  s.watched = *watched;
  s.list_page_size = page_size;
  for (const std::string& query : absl::GetFlag(FLAGS_search_queries)) {
    s.search_paths.push_back(query.empty() ? "/search" : absl::StrCat("/search?", query));
  }
  for (const cadre::v1::Body& body : BenchBodies(absl::GetFlag(FLAGS_bodies))) {
    s.body_paths.push_back(absl::StrCat("/bodies/", body.ods_code()));
  }
  s.weight_path = absl::GetFlag(FLAGS_weight_path);
  s.repeats = absl::GetFlag(FLAGS_repeats);
  s.redis_port = absl::GetFlag(FLAGS_redis_port);
  s.grpc.driver_threads = absl::GetFlag(FLAGS_driver_threads);
  s.grpc.calls_per_channel = absl::GetFlag(FLAGS_calls_per_channel);
  s.grpc.warmup = s.http.warmup = absl::GetFlag(FLAGS_warmup);
  s.grpc.duration = s.http.duration = absl::GetFlag(FLAGS_duration);
  s.grpc.call_deadline = s.http.timeout = absl::GetFlag(FLAGS_call_deadline);
  s.transcode_per_step = absl::GetFlag(FLAGS_transcode_per_step);
  s.upstream_calls = absl::GetFlag(FLAGS_upstream_calls);

  const absl::Duration wait = absl::GetFlag(FLAGS_wait_ready);
  if (absl::Status ready = WaitUntilServing(registry, wait); !ready.ok()) {
    std::cerr << "registry: " << ready << "\n";
    return 1;
  }
  if (const std::string matching = absl::GetFlag(FLAGS_matching); !matching.empty()) {
    absl::StatusOr<absl::Duration> serving =
        WaitUntilHealthServing(matching, "cadre.v1.Matching", absl::Now(), wait);
    if (!serving.ok()) {
      std::cerr << "matching: " << serving.status() << "\n";
      return 1;
    }
  }
  if (absl::Status ready = WaitUntilGatewayReady(s.gateway_host, s.gateway_port, wait);
      !ready.ok()) {
    std::cerr << "gateway: " << ready << "\n";
    return 1;
  }
  absl::StatusOr<std::vector<std::string>> roles = LoadRoleNames(registry);
  if (!roles.ok()) {
    std::cerr << "roles: " << roles.status() << "\n";
    return 1;
  }
  s.roles = *std::move(roles);

  std::string summary = absl::StrCat("Machine at start: ", MachineLine(), "\n\n");
  std::cout << summary << std::flush;
  if (absl::Status status = MeasureGateway(s, &summary); !status.ok()) {
    std::cerr << "gateway bench: " << status << "\n";
    return 1;
  }
  absl::StrAppend(&summary, "Machine at the end: ", MachineLine(), "\n\n");
  // The per-run tables went to stdout as they were measured; the summary follows them.
  std::cout << summary.substr(summary.find("\n\n") + 2) << std::flush;
  WriteOut(summary);
  return 0;
}

}  // namespace
}  // namespace cadre::bench

int main(int argc, char** argv) {
  // As the services run (services/common/process.h): no deadlock detection, and a write to
  // a closed socket must not kill the process (the commandstats probe, the HTTP clients).
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  std::signal(SIGPIPE, SIG_IGN);
  absl::ParseCommandLine(argc, argv);
  cadre::log::Init("gateway_bench", absl::GetFlag(FLAGS_log_level));
  return cadre::bench::Main();
}
