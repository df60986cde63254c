#include "bench/scrypt_cost.h"

#include <algorithm>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bench/applicant_fixture.h"

namespace cadre::bench {
namespace {

using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n == 0 ? 0 : n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

}  // namespace

absl::StatusOr<ScryptCost> MeasureScrypt(const ScryptParams& params, int samples, int threads) {
  samples = std::clamp(samples, 1, 1000);
  threads = std::clamp(threads, 1, 64);
  ScryptCost cost;
  cost.params = params;
  cost.memory_bytes = 128 * params.r * params.n;
  cost.samples = samples;
  cost.threads = threads;

  std::string stored;
  std::vector<double> hash_ms;
  for (int i = 0; i < samples; ++i) {
    const Clock::time_point start = Clock::now();
    absl::StatusOr<std::string> hash = HashPasswordWithParams(kBenchPassword, params);
    hash_ms.push_back(MsSince(start));
    if (!hash.ok()) {
      return hash.status();
    }
    stored = *std::move(hash);
  }
  std::vector<double> verify_ms;
  for (int i = 0; i < samples; ++i) {
    const Clock::time_point start = Clock::now();
    absl::StatusOr<bool> matches = VerifyPassword(kBenchPassword, stored);
    verify_ms.push_back(MsSince(start));
    if (!matches.ok()) {
      return matches.status();
    }
    if (!*matches) {
      return absl::InternalError("VerifyPassword refused the password just hashed");
    }
  }
  cost.hash_median_ms = Median(hash_ms);
  cost.hash_min_ms = *std::min_element(hash_ms.begin(), hash_ms.end());
  cost.hash_max_ms = *std::max_element(hash_ms.begin(), hash_ms.end());
  cost.verify_median_ms = Median(verify_ms);
  cost.verify_min_ms = *std::min_element(verify_ms.begin(), verify_ms.end());
  cost.verify_max_ms = *std::max_element(verify_ms.begin(), verify_ms.end());

  std::mutex mu;
  std::vector<double> parallel_ms;
  bool failed = false;
  std::vector<std::thread> workers;
  const Clock::time_point start = Clock::now();
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      for (int i = 0; i < samples; ++i) {
        const Clock::time_point call = Clock::now();
        absl::StatusOr<bool> matches = VerifyPassword(kBenchPassword, stored);
        const double ms = MsSince(call);
        std::lock_guard<std::mutex> lock(mu);
        parallel_ms.push_back(ms);
        failed = failed || !matches.ok() || !*matches;
      }
    });
  }
  for (std::thread& worker : workers) {
    worker.join();
  }
  const double wall_ms = MsSince(start);
  if (failed) {
    return absl::InternalError("VerifyPassword failed on a parallel thread");
  }
  cost.parallel_verifies_per_second =
      wall_ms > 0 ? 1000.0 * static_cast<double>(parallel_ms.size()) / wall_ms : 0;
  cost.parallel_verify_median_ms = Median(parallel_ms);
  return cost;
}

std::string ScryptReport(const ScryptCost& cost) {
  std::string out = absl::StrFormat(
      "scrypt N=%d (2^%d), r=%d, p=%d: %.0f MiB of memory per hash (128 x r x N bytes), a "
      "16-byte salt and a 32-byte key (services/common/password.h, kDefaultScryptParams "
      "unless the run said otherwise). Measured in the benchmark's process, %d calls of each "
      "kind:\n\n",
      cost.params.n, 63 - __builtin_clzll(cost.params.n), cost.params.r, cost.params.p,
      static_cast<double>(cost.memory_bytes) / (1 << 20), cost.samples);
  absl::StrAppend(&out,
                  "| call | ms median | ms min | ms max | calls a second |\n"
                  "|---|---:|---:|---:|---:|\n");
  absl::StrAppendFormat(&out, "| HashPassword, one at a time | %.1f | %.1f | %.1f | %.1f |\n",
                        cost.hash_median_ms, cost.hash_min_ms, cost.hash_max_ms,
                        cost.hash_median_ms > 0 ? 1000 / cost.hash_median_ms : 0);
  absl::StrAppendFormat(&out, "| VerifyPassword, one at a time | %.1f | %.1f | %.1f | %.1f |\n",
                        cost.verify_median_ms, cost.verify_min_ms, cost.verify_max_ms,
                        cost.verify_median_ms > 0 ? 1000 / cost.verify_median_ms : 0);
  absl::StrAppendFormat(&out, "| VerifyPassword, %d threads at once | %.1f | – | – | %.1f |\n",
                        cost.threads, cost.parallel_verify_median_ms,
                        cost.parallel_verifies_per_second);
  return out;
}

}  // namespace cadre::bench
