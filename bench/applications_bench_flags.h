#pragma once

// applications_bench's flags (defined in applications_bench_flags.cc), their ranges, and
// the summary file they name. Shared by the driver (applications_bench.cc) and its
// measurements (applications_measure.cc).

#include <string>
#include <vector>

#include "absl/flags/declare.h"
#include "absl/status/status.h"
#include "absl/time/time.h"

ABSL_DECLARE_FLAG(std::string, matching);
ABSL_DECLARE_FLAG(std::string, registry);
ABSL_DECLARE_FLAG(std::string, noop);
ABSL_DECLARE_FLAG(bool, serve_noop);
ABSL_DECLARE_FLAG(int, noop_port);
ABSL_DECLARE_FLAG(std::string, admin_key);
ABSL_DECLARE_FLAG(bool, seed_only);
ABSL_DECLARE_FLAG(int, roles);
ABSL_DECLARE_FLAG(std::string, roles_file);
ABSL_DECLARE_FLAG(int, bodies);
ABSL_DECLARE_FLAG(int, seed_threads);
ABSL_DECLARE_FLAG(int, applicants);
ABSL_DECLARE_FLAG(int, submit_applicants);
ABSL_DECLARE_FLAG(int, signup_threads);
ABSL_DECLARE_FLAG(int, max_concurrent_roles);
ABSL_DECLARE_FLAG(int, max_live);
ABSL_DECLARE_FLAG(std::vector<std::string>, recommend_in_flight);
ABSL_DECLARE_FLAG(int, page_size);
ABSL_DECLARE_FLAG(std::vector<std::string>, submit_in_flight);
ABSL_DECLARE_FLAG(int, race_roles);
ABSL_DECLARE_FLAG(int, race_places);
ABSL_DECLARE_FLAG(int, race_in_flight);
ABSL_DECLARE_FLAG(absl::Duration, race_timeout);
ABSL_DECLARE_FLAG(absl::Duration, warmup);
ABSL_DECLARE_FLAG(absl::Duration, duration);
ABSL_DECLARE_FLAG(int, repeats);
ABSL_DECLARE_FLAG(int, driver_threads);
ABSL_DECLARE_FLAG(int, calls_per_channel);
ABSL_DECLARE_FLAG(bool, parse_responses);
ABSL_DECLARE_FLAG(int, setup_threads);
ABSL_DECLARE_FLAG(int, redis_port);
ABSL_DECLARE_FLAG(std::string, cpu_pids);
ABSL_DECLARE_FLAG(absl::Duration, wait_ready);
ABSL_DECLARE_FLAG(std::string, health_service);
ABSL_DECLARE_FLAG(std::string, out);
ABSL_DECLARE_FLAG(bool, out_append);
ABSL_DECLARE_FLAG(std::string, log_level);

namespace cadre::bench {

// The flags' ranges; INVALID_ARGUMENT naming the first one out of range.
absl::Status CheckRanges();
// Writes `text` to --out (appending with --out_append); nothing without --out.
void WriteOut(const std::string& text);

}  // namespace cadre::bench
