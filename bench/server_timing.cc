#include "bench/server_timing.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace cadre::bench {

std::map<std::string, double> ParseServerTiming(absl::string_view header) {
  std::map<std::string, double> metrics;
  for (absl::string_view entry : absl::StrSplit(header, ',', absl::SkipWhitespace())) {
    std::vector<absl::string_view> params = absl::StrSplit(entry, ';');
    const std::string name(absl::StripAsciiWhitespace(params[0]));
    if (name.empty()) continue;
    for (size_t i = 1; i < params.size(); ++i) {
      absl::string_view param = absl::StripAsciiWhitespace(params[i]);
      double ms = 0;
      if (absl::ConsumePrefix(&param, "dur=") && absl::SimpleAtod(param, &ms)) {
        metrics[name] = ms;
      }
    }
  }
  return metrics;
}

void ServerTimingTally::Add(absl::string_view header) {
  ++answers_;
  const std::map<std::string, double> metrics = ParseServerTiming(header);
  if (!metrics.empty()) ++timed_;
  for (const auto& [name, ms] : metrics) {
    sum_ms_[name] += ms;
    ++count_[name];
  }
}

void ServerTimingTally::Merge(const ServerTimingTally& other) {
  for (const auto& [name, ms] : other.sum_ms_) sum_ms_[name] += ms;
  for (const auto& [name, n] : other.count_) count_[name] += n;
  answers_ += other.answers_;
  timed_ += other.timed_;
}

double ServerTimingTally::MeanMs(const std::string& metric) const {
  const auto n = count_.find(metric);
  if (n == count_.end() || n->second == 0) return 0;
  return sum_ms_.at(metric) / static_cast<double>(n->second);
}

}  // namespace cadre::bench
