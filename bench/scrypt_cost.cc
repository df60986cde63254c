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
  hash_ms.reserve(samples);
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
  verify_ms.reserve(samples);
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
  workers.reserve(threads);
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

std::string ScryptReport(const std::vector<ScryptCost>& runs) {
  if (runs.empty()) {
    return "";
  }
  const ScryptCost& first = runs.front();
  std::string out = absl::StrFormat(
      "scrypt N=%d (2^%d), r=%d, p=%d: %.0f MiB of memory per hash (128 x r x N bytes), a "
      "16-byte salt and a 32-byte key (services/common/password.h, kDefaultScryptParams). "
      "Measured in the benchmark's process with the service's own functions, in each run "
      "just before its SignIn measurements: %d calls of each kind one at a time, then %d "
      "threads verifying %d times each at once (matching's password pool has 2 threads).\n\n",
      first.params.n, 63 - __builtin_clzll(first.params.n), first.params.r, first.params.p,
      static_cast<double>(first.memory_bytes) / (1 << 20), first.samples, first.threads,
      first.samples);
  absl::StrAppendFormat(&out,
                        "| run | HashPassword ms, median (min–max) | VerifyPassword ms, median "
                        "(min–max) | verifies a second, one thread | %d threads at once: "
                        "verifies a second | ms each |\n|---:|---:|---:|---:|---:|---:|\n",
                        first.threads);
  std::vector<double> hash, verify, parallel, parallel_ms;
  for (size_t r = 0; r < runs.size(); ++r) {
    const ScryptCost& c = runs[r];
    absl::StrAppendFormat(
        &out, "| %d | %.1f (%.1f–%.1f) | %.1f (%.1f–%.1f) | %.1f | %.1f | %.1f |\n", r + 1,
        c.hash_median_ms, c.hash_min_ms, c.hash_max_ms, c.verify_median_ms, c.verify_min_ms,
        c.verify_max_ms, c.verify_median_ms > 0 ? 1000 / c.verify_median_ms : 0,
        c.parallel_verifies_per_second, c.parallel_verify_median_ms);
    hash.push_back(c.hash_median_ms);
    verify.push_back(c.verify_median_ms);
    parallel.push_back(c.parallel_verifies_per_second);
    parallel_ms.push_back(c.parallel_verify_median_ms);
  }
  if (runs.size() > 1) {
    const double v = Median(verify);
    absl::StrAppendFormat(&out, "| median | %.1f | %.1f | %.1f | %.1f | %.1f |\n", Median(hash), v,
                          v > 0 ? 1000 / v : 0, Median(parallel), Median(parallel_ms));
  }
  return out;
}

}  // namespace cadre::bench
