#include "bench/server_timing.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace cadre::bench {
namespace {

// The Server-Timing parts, in the order the gateway sends them.
constexpr const char* kTimingParts[] = {"session", "upstream", "render", "total"};

}  // namespace

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

LoadResult RunHttpWithServerTiming(const std::string& host, int port, const HttpFillFor& fill_for,
                                   HttpLoadOptions options, ServerTimingTally* timing) {
  std::vector<ServerTimingTally> per_thread(std::max(1, options.in_flight));
  options.observe_header = "Server-Timing";
  options.observe = [&per_thread](int thread, const std::string& value) {
    per_thread[thread].Add(value);
  };
  LoadResult result = RunHttpClosedLoopByThread(host, port, fill_for, options);
  for (const ServerTimingTally& t : per_thread) timing->Merge(t);
  return result;
}

std::string ServerTimingTable(const std::vector<Run>& runs,
                              const std::vector<ServerTimings>& timings,
                              const std::vector<std::string>& targets, int in_flight) {
  std::string out =
      "| page | QPS | p50 ms | p99 ms | session ms | upstream ms | render ms | server total ms "
      "| answers with Server-Timing |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const std::string& target : targets) {
    absl::StrAppend(&out, "| ", target, " | ",
                    MedianRange(PerRun(runs, target, in_flight, &LoadResult::qps), 0), " | ",
                    MedianRange(PerRun(runs, target, in_flight, &LoadResult::p50_ms), 2), " | ",
                    MedianRange(PerRun(runs, target, in_flight, &LoadResult::p99_ms), 2));
    for (const char* part : kTimingParts) {
      std::vector<double> means;
      for (const ServerTimings& run : timings) {
        const auto found = run.find(target);
        if (found != run.end() && found->second.timed() > 0) {
          means.push_back(found->second.MeanMs(part));
        }
      }
      absl::StrAppend(&out, " | ", means.empty() ? "–" : MedianRange(means, 2));
    }
    long answers = 0;
    long timed = 0;
    for (const ServerTimings& run : timings) {
      const auto found = run.find(target);
      if (found == run.end()) continue;
      answers += found->second.answers();
      timed += found->second.timed();
    }
    absl::StrAppend(&out, " | ", timed, " of ", answers, " |\n");
  }
  return out;
}

}  // namespace cadre::bench
