#include "bench/matching_report.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bench/matching_calls.h"

namespace cadre::bench {

// SignIn set beside the scrypt verify measured in the same run: per in-flight count, its
// QPS and p50, the verify, the p50 less one verify and the verify's share of the p50
// (median and range of the per-run figures).
std::string SignInBreakdown(const std::vector<Run>& runs, const std::vector<int>& in_flights,
                            const std::vector<ScryptCost>& scrypt) {
  if (in_flights.empty()) {
    return "";
  }
  std::string out =
      "| in flight | SignIn QPS | p50 ms | one VerifyPassword, ms (same run, in-process) | "
      "p50 less one verify, ms | verify / p50 |\n|---:|---:|---:|---:|---:|---:|\n";
  for (int in_flight : in_flights) {
    std::vector<double> qps, p50, verify, rest, share;
    for (size_t r = 0; r < runs.size(); ++r) {
      for (const Measurement& m : runs[r]) {
        if (m.target != kMatchingSignIn || m.in_flight != in_flight || m.result.calls == 0) {
          continue;
        }
        qps.push_back(m.result.qps);
        p50.push_back(m.result.p50_ms);
        if (r < scrypt.size()) {
          const double v = scrypt[r].verify_median_ms;
          verify.push_back(v);
          rest.push_back(m.result.p50_ms - v);
          share.push_back(v / m.result.p50_ms);
        }
      }
    }
    if (qps.empty()) {
      continue;
    }
    absl::StrAppend(&out, "| ", in_flight, " | ", MedianRange(qps, 1), " | ", MedianRange(p50, 1),
                    " | ", MedianRange(verify, 1), " | ", MedianRange(rest, 1), " | ",
                    MedianRange(share, 2), " |\n");
  }
  return out;
}

}  // namespace cadre::bench
