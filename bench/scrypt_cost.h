#pragma once

// The cost of the password hash SignIn and SignUp pay, measured in this process with the
// service's own code (services/common/password.h) and parameters: one HashPassword and
// one VerifyPassword at a time, then `threads` at once (the matching service's password
// pool has 2 threads by default, on a 2-core machine).

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/common/password.h"

namespace cadre::bench {

struct ScryptCost {
  ScryptParams params;
  uint64_t memory_bytes = 0;  // 128 * r * N, what one hash needs
  int samples = 0;            // of each kind, one at a time
  // One at a time, milliseconds per call.
  double hash_median_ms = 0;
  double hash_min_ms = 0;
  double hash_max_ms = 0;
  double verify_median_ms = 0;
  double verify_min_ms = 0;
  double verify_max_ms = 0;
  // `threads` threads each verifying `samples` times at once.
  int threads = 0;
  double parallel_verifies_per_second = 0;
  double parallel_verify_median_ms = 0;  // per call, while the others run
};

// Hashes kBenchPassword `samples` times (1–1000), verifies it `samples` times, then runs
// `threads` (1–64) verifiers at once. INTERNAL if scrypt fails.
absl::StatusOr<ScryptCost> MeasureScrypt(const ScryptParams& params, int samples, int threads);

// Markdown: the parameters and memory (of the first), then one row of costs per run and
// the median of the runs' medians.
std::string ScryptReport(const std::vector<ScryptCost>& runs);

}  // namespace cadre::bench
