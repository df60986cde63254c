// registry_bench: QPS and p50/p99 latency of the registry's GetRole and ListRoles beside
// a no-op callback-API service measured in the same run, at 1, 16 and 64 calls in
// flight, plus the Redis memory each role costs. Prints markdown to stdout, progress to
// stderr. bench/run_registry_bench.sh starts Redis, the registry and the no-op service
// around it; BENCHMARKS.md has the method and the figures.
//
//   registry_bench --noop_only                    # the baseline alone, served in-process
//   registry_bench --serve_noop --noop_port=P --noop_full_port=Q   # serve it, block
//   registry_bench --registry=127.0.0.1:50051 --redis_port=6379 --repeats=3
//                  [--noop=127.0.0.1:P --noop_full=127.0.0.1:Q]
//
// Without --noop/--noop_full the no-op services run in this process. The admin key
// (needed only to seed) comes from --admin_key or CADRE_ADMIN_KEY.

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "bench/load_generator.h"
#include "bench/noop_registry.h"
#include "bench/redis_memory.h"
#include "bench/registry_calls.h"
#include "bench/report.h"
#include "bench/role_fixture.h"
#include "bench/seed.h"

ABSL_FLAG(std::string, registry, "", "registry address, e.g. 127.0.0.1:50051");
ABSL_FLAG(bool, noop_only, false, "measure the no-op service only");
ABSL_FLAG(std::string, noop, "", "address of a no-op service (--serve_noop); default in-process");
ABSL_FLAG(std::string, noop_full, "", "address of the no-op service answering 1 KB roles");
ABSL_FLAG(bool, serve_noop, false, "only serve the no-op services, until killed");
ABSL_FLAG(int, noop_port, 0, "with --serve_noop: port of the no-op service (0: any)");
ABSL_FLAG(int, noop_full_port, 0, "with --serve_noop: port of the 1 KB-role variant (0: any)");
ABSL_FLAG(std::string, admin_key, "", "admin key for seeding; default $CADRE_ADMIN_KEY");
ABSL_FLAG(bool, seed, true, "create the bodies and roles first (false: use open roles there)");
ABSL_FLAG(int, roles, 10000,
          "roles to create when seeding (or to find, with --seed=false): 32 x page_size (1,600) "
          "to 1,000,000");
ABSL_FLAG(int, bodies, 12, "bodies to create when seeding, 1-26");
ABSL_FLAG(int, seed_threads, 16, "concurrent writers when seeding, 1-256");
ABSL_FLAG(std::string, redis_host, "127.0.0.1", "the registry's Redis, for memory figures");
ABSL_FLAG(int, redis_port, 0, "the registry's Redis port; 0: no memory figures");
ABSL_FLAG(std::vector<std::string>, in_flight, std::vector<std::string>({"1", "16", "64"}),
          "calls in flight to measure at, comma-separated");
ABSL_FLAG(absl::Duration, warmup, absl::Seconds(1), "warm-up before each measurement");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(5), "length of each measurement");
ABSL_FLAG(int, repeats, 1, "runs of the whole set of measurements (median and range)");
ABSL_FLAG(int, driver_threads, 1,
          "load generator threads, one completion queue each (1 leaves a core to the server)");
ABSL_FLAG(int, calls_per_channel, 8, "calls in flight sharing one channel / connection");
ABSL_FLAG(int, page_size, 50, "ListRoles page size");
ABSL_FLAG(absl::Duration, wait_ready, absl::Seconds(30), "how long to wait for the registry");
ABSL_FLAG(bool, parse_responses, false,
          "parse every answer into its message (default: keep the bytes, see load_generator.h)");
ABSL_FLAG(std::string, out, "", "also write the summary markdown to this file");

namespace cadre::bench {
namespace {

// Roles a run may seed. 100,000 seed in one to two minutes on 2 shared cores; a million
// would take a quarter of an hour and about 2 GB of Redis.
constexpr int kMaxRoles = 1000000;
// Concurrent seeding writers, at most.
constexpr int kMaxSeedThreads = 256;

std::string Bytes(int64_t bytes) {
  return absl::StrFormat("%.1f MB", static_cast<double>(bytes) / 1048576.0);
}

// Seeds (or finds) the roles and returns their names; appends the memory section.
// Appends how long seeding took to `seed_report`.
absl::StatusOr<std::vector<std::string>> PrepareRegistry(const std::string& target,
                                                         std::string* seed_report,
                                                         std::string* memory_report) {
  const std::string redis_host = absl::GetFlag(FLAGS_redis_host);
  const int redis_port = absl::GetFlag(FLAGS_redis_port);
  absl::Status ready = WaitUntilServing(target, absl::GetFlag(FLAGS_wait_ready));
  if (!ready.ok()) {
    return ready;
  }
  absl::StatusOr<int64_t> before = redis_port > 0 ? RedisUsedMemory(redis_host, redis_port)
                                                  : absl::StatusOr<int64_t>(int64_t{0});
  if (!before.ok()) {
    return before.status();
  }
  absl::StatusOr<std::vector<std::string>> names;
  const absl::Time start = absl::Now();
  if (absl::GetFlag(FLAGS_seed)) {
    SeedOptions options;
    options.admin_key = absl::GetFlag(FLAGS_admin_key);
    if (options.admin_key.empty() && std::getenv("CADRE_ADMIN_KEY") != nullptr) {
      options.admin_key = std::getenv("CADRE_ADMIN_KEY");
    }
    options.bodies = absl::GetFlag(FLAGS_bodies);
    options.roles = absl::GetFlag(FLAGS_roles);
    options.threads = absl::GetFlag(FLAGS_seed_threads);
    names = SeedRegistry(target, options);
    if (names.ok()) {
      const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
      std::cerr << absl::StrFormat("seeded %d roles in %.1f s\n", names->size(), seconds);
      absl::StrAppendFormat(seed_report,
                            "Seeded %d roles in %.1f s: %d admin writes (create, publish) from "
                            "%d concurrent writers, %.0f writes a second.\n\n",
                            names->size(), seconds, 2 * names->size(), options.threads,
                            seconds > 0 ? 2.0 * static_cast<double>(names->size()) / seconds : 0);
    }
  } else {
    names = ListOpenRoleNames(target, absl::GetFlag(FLAGS_roles));
  }
  if (!names.ok()) {
    return names.status();
  }
  if (names->empty()) {
    return absl::FailedPreconditionError("the registry has no open roles: seed it first");
  }
  if (redis_port <= 0) {
    return names;
  }
  absl::StatusOr<int64_t> after = RedisUsedMemory(redis_host, redis_port);
  if (!after.ok()) {
    return after.status();
  }
  const double roles = static_cast<double>(names->size());
  if (absl::GetFlag(FLAGS_seed)) {
    absl::StrAppendFormat(memory_report,
                          "Redis used_memory before seeding %s, after %s: %.0f bytes per role "
                          "(%d roles and %d bodies created).\n\n",
                          Bytes(*before), Bytes(*after),
                          static_cast<double>(*after - *before) / roles, names->size(),
                          absl::GetFlag(FLAGS_bodies));
  } else {
    absl::StrAppendFormat(memory_report,
                          "Redis used_memory %s with %d open roles: %.0f bytes per role at "
                          "most (not seeded by this run).\n\n",
                          Bytes(*after), names->size(), static_cast<double>(*after) / roles);
  }
  absl::StatusOr<std::map<std::string, KeyFamily>> families =
      RedisKeyFamilies(redis_host, redis_port, 1000000);
  if (families.ok()) {
    absl::StrAppend(memory_report,
                    "| keys (digits as #) | keys | bytes (MEMORY USAGE) | bytes per role |\n"
                    "|---|---:|---:|---:|\n");
    for (const auto& [family, figures] : *families) {
      absl::StrAppendFormat(memory_report, "| `%s` | %d | %d | %.0f |\n", family, figures.keys,
                            figures.bytes, static_cast<double>(figures.bytes) / roles);
    }
  }
  return names;
}

// Serves the two no-op variants on the given ports until the process is killed.
int ServeNoop() {
  NoopOptions options;
  options.list_page_size = absl::GetFlag(FLAGS_page_size);
  absl::StatusOr<std::unique_ptr<NoopServer>> plain =
      NoopServer::Start(options, absl::GetFlag(FLAGS_noop_port));
  options.canned_get_role = true;
  absl::StatusOr<std::unique_ptr<NoopServer>> full =
      NoopServer::Start(options, absl::GetFlag(FLAGS_noop_full_port));
  if (!plain.ok() || !full.ok()) {
    std::cerr << (plain.ok() ? full.status() : plain.status()) << "\n";
    return 1;
  }
  std::cout << "no-op on 127.0.0.1:" << (*plain)->port()
            << ", 1 KB-role variant on 127.0.0.1:" << (*full)->port() << std::endl;
  (*plain)->Wait();
  return 0;
}

// One thing measured: a label of report.h, an address and the calls to make.
struct Target {
  const char* label;
  std::string address;
  SlotFactory slots;
};

// Measures every target at every in-flight count, interleaved so that the machine's
// drift hits the no-op service and the registry alike, and prints the run's table.
Run MeasureOnce(int index, const std::vector<Target>& targets, const std::vector<int>& in_flights,
                LoadOptions load) {
  Run run;
  for (int in_flight : in_flights) {
    load.in_flight = in_flight;
    for (const Target& target : targets) {
      LoadResult result = RunClosedLoop(target.address, target.slots, load);
      std::cerr << absl::StrFormat(
          "run %d: %-25s %3d in flight: %8.0f QPS p50 %.3f ms p99 %.3f ms errors %d\n", index,
          target.label, in_flight, result.qps, result.p50_ms, result.p99_ms, result.errors);
      run.push_back({target.label, in_flight, std::move(result)});
    }
  }
  std::cout << "## Run " << index << "\n\n" << RunTable(run) << "\n" << std::flush;
  return run;
}

int Main() {
  if (absl::GetFlag(FLAGS_serve_noop)) {
    return ServeNoop();
  }
  std::vector<int> in_flights;
  for (const std::string& text : absl::GetFlag(FLAGS_in_flight)) {
    int n = 0;
    if (!absl::SimpleAtoi(text, &n) || n < 1 || n > 4096) {
      std::cerr << "--in_flight: not a number 1-4096: " << text << "\n";
      return 2;
    }
    in_flights.push_back(n);
  }
  const int roles = absl::GetFlag(FLAGS_roles);
  // 32 (region, level) pairs: fewer than 32 pages' worth cannot fill the probed page.
  const int min_roles = 32 * absl::GetFlag(FLAGS_page_size);
  if (roles < min_roles || roles > kMaxRoles) {
    std::cerr << "--roles: must be " << min_roles << "-" << kMaxRoles
              << " (32 x page_size up), not " << roles << "\n";
    return 2;
  }
  const int seed_threads = absl::GetFlag(FLAGS_seed_threads);
  if (seed_threads < 1 || seed_threads > kMaxSeedThreads) {
    std::cerr << "--seed_threads: must be 1-" << kMaxSeedThreads << "\n";
    return 2;
  }
  const std::string registry = absl::GetFlag(FLAGS_registry);
  const bool with_registry = !absl::GetFlag(FLAGS_noop_only);
  if (with_registry && registry.empty()) {
    std::cerr << "give --registry=HOST:PORT, or --noop_only\n";
    return 2;
  }

  // The no-op services: in this process unless given as addresses.
  const int page_size = absl::GetFlag(FLAGS_page_size);
  std::vector<std::unique_ptr<NoopServer>> in_process;
  std::string noop = absl::GetFlag(FLAGS_noop);
  std::string noop_full = absl::GetFlag(FLAGS_noop_full);
  for (auto [address, full] : {std::make_pair(&noop, false), std::make_pair(&noop_full, true)}) {
    if (address->empty()) {
      NoopOptions options;
      options.list_page_size = page_size;
      options.canned_get_role = full;
      absl::StatusOr<std::unique_ptr<NoopServer>> server = NoopServer::Start(options);
      if (!server.ok()) {
        std::cerr << server.status() << "\n";
        return 1;
      }
      *address = absl::StrCat("127.0.0.1:", (*server)->port());
      in_process.push_back(*std::move(server));
    }
  }

  std::string seed_report;
  std::string memory_report;
  std::vector<std::string> names;
  if (with_registry) {
    absl::StatusOr<std::vector<std::string>> prepared =
        PrepareRegistry(registry, &seed_report, &memory_report);
    if (!prepared.ok()) {
      std::cerr << "registry: " << prepared.status() << "\n";
      return 1;
    }
    names = *std::move(prepared);
  } else {
    for (const cadre::v1::Role& role : CannedRoles(1000)) {
      names.push_back(role.name());
    }
  }

  // Check every answer once, and note its size.
  std::string sizes_report =
      "| service | GetRole answer bytes | ListRoles page bytes |\n|---|---:|---:|\n";
  std::vector<std::pair<const char*, std::string>> services = {{"no-op", noop},
                                                               {"no-op, 1 KB role", noop_full}};
  if (with_registry) {
    services.emplace_back("registry", registry);
  }
  for (const auto& [label, address] : services) {
    const bool is_registry = address == registry;
    absl::StatusOr<AnswerSizes> sizes =
        ProbeAnswers(address, names.front(), page_size, is_registry);
    if (!sizes.ok()) {
      std::cerr << label << ": " << sizes.status() << "\n";
      return 1;
    }
    absl::StrAppend(&sizes_report, "| ", label, " | ", sizes->get_role_bytes, " | ",
                    sizes->list_roles_bytes, " |\n");
  }

  LoadOptions load;
  load.driver_threads = absl::GetFlag(FLAGS_driver_threads);
  load.calls_per_channel = absl::GetFlag(FLAGS_calls_per_channel);
  load.warmup = absl::GetFlag(FLAGS_warmup);
  load.duration = absl::GetFlag(FLAGS_duration);
  const bool parse = absl::GetFlag(FLAGS_parse_responses);
  const SlotFactory get_role = GetRoleSlots(&names, parse, load.call_deadline);
  const SlotFactory list_roles = ListRolesSlots(page_size, parse, load.call_deadline);
  std::vector<Target> targets = {{kNoopGetRole, noop, get_role},
                                 {kNoopGetRoleFull, noop_full, get_role}};
  if (with_registry) {
    targets.push_back({kRegistryGetRole, registry, get_role});
  }
  targets.push_back({kNoopListRoles, noop, list_roles});
  if (with_registry) {
    targets.push_back({kRegistryListRoles, registry, list_roles});
  }

  std::cout << "Machine at start: " << MachineLine() << "\n\n" << std::flush;
  std::vector<Run> runs;
  const int repeats = std::max(1, absl::GetFlag(FLAGS_repeats));
  for (int r = 1; r <= repeats; ++r) {
    runs.push_back(MeasureOnce(r, targets, in_flights, load));
  }

  std::string summary = absl::StrCat("## Summary over ", runs.size(), " run(s)\n\n",
                                     SummaryTable(runs), "\nAnswers (serialised sizes):\n\n",
                                     sizes_report, "\n", "Machine at end: ", MachineLine(), "\n\n");
  const std::string targets_table = TargetsTable(runs);
  if (!targets_table.empty()) {
    absl::StrAppend(&summary, "## Registry against the no-op service (ratios within a run)\n\n",
                    targets_table, "\n");
  }
  if (!seed_report.empty()) {
    absl::StrAppend(&summary, "## Seeding\n\n", seed_report);
  }
  if (!memory_report.empty()) {
    absl::StrAppend(&summary, "## Redis memory per role\n\n", memory_report, "\n");
  }
  std::cout << summary << std::flush;
  const std::string out = absl::GetFlag(FLAGS_out);
  if (!out.empty()) {
    std::ofstream(out) << summary;
  }
  return 0;
}

}  // namespace
}  // namespace cadre::bench

int main(int argc, char** argv) {
  // As every service's main does (services/common/process.h): the no-op service and the
  // load generator run under the same settings as the registry. Signals stay as they are,
  // so that the script's TERM stops a --serve_noop process.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  absl::ParseCommandLine(argc, argv);
  return cadre::bench::Main();
}
