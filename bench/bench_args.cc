#include "bench/bench_args.h"

#include <cstdlib>
#include <fstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace cadre::bench {

std::string AdminKeyOr(const std::string& flag_value) {
  if (!flag_value.empty()) return flag_value;
  const char* env = std::getenv("CADRE_ADMIN_KEY");
  return env == nullptr ? "" : env;
}

absl::StatusOr<std::vector<int>> ParseCounts(const std::vector<std::string>& texts,
                                             absl::string_view flag) {
  std::vector<int> counts;
  for (const std::string& text : texts) {
    if (text.empty()) continue;
    int n = 0;
    if (!absl::SimpleAtoi(text, &n) || n < 1 || n > 4096) {
      return absl::InvalidArgumentError(absl::StrCat("--", flag, ": not a number 1-4096: ", text));
    }
    counts.push_back(n);
  }
  return counts;
}

void WriteSummaryFile(const std::string& path, bool append, const std::string& text) {
  if (path.empty()) return;
  std::ofstream file(path, append ? std::ios::app : std::ios::trunc);
  file << text;
}

absl::Status SplitAddress(const std::string& address, absl::string_view flag, std::string* host,
                          int* port) {
  const size_t colon = address.rfind(':');
  if (colon == std::string::npos || !absl::SimpleAtoi(address.substr(colon + 1), port)) {
    return absl::InvalidArgumentError(absl::StrCat("--", flag, ": HOST:PORT, not '", address, "'"));
  }
  *host = address.substr(0, colon);
  return absl::OkStatus();
}

absl::Status InRange(int value, int low, int high, absl::string_view flag) {
  if (value >= low && value <= high) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrFormat("--%s: %d-%d, not %d", flag, low, high, value));
}

absl::Status CheckMeasureDuration(absl::Duration duration) {
  if (duration > absl::Seconds(60) || duration <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("--duration: above 0, at most 60s");
  }
  return absl::OkStatus();
}

}  // namespace cadre::bench
