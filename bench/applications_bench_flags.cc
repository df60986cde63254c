#include "bench/applications_bench_flags.h"

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

}  // namespace

void WriteOut(const std::string& text) {
  WriteSummaryFile(absl::GetFlag(FLAGS_out), absl::GetFlag(FLAGS_out_append), text);
}

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

}  // namespace cadre::bench
