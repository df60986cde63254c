#pragma once

// The gateway's Server-Timing response header on a person's pages
// ("session;dur=0.21, upstream;dur=3.4, render;dur=0.52, total;dur=4.3", milliseconds),
// parsed and added up over a measurement, so that a page's latency can be told apart
// into the session lookup, the upstream calls and the rendering; an HTTP measurement that
// adds them up, and the table of their means over runs (account_pages_bench and
// staff_pages_bench).

#include <map>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "bench/http_load.h"
#include "bench/report.h"

namespace cadre::bench {

// Each metric's duration in milliseconds by name; metrics without a dur (or with one
// that is not a number) are left out. "" → empty.
std::map<std::string, double> ParseServerTiming(absl::string_view header);

// Sums of each metric over the answers seen. Not thread-safe: keep one a thread and
// Merge them afterwards.
class ServerTimingTally {
 public:
  void Add(absl::string_view header);
  void Merge(const ServerTimingTally& other);
  // The mean of `metric` over the answers that carried it; 0 when none did.
  double MeanMs(const std::string& metric) const;
  // Answers seen, with or without the header.
  long answers() const { return answers_; }
  // Answers that carried at least one metric.
  long timed() const { return timed_; }

 private:
  std::map<std::string, double> sum_ms_;
  std::map<std::string, long> count_;
  long answers_ = 0;
  long timed_ = 0;
};

// One run's tally of each target (a page's label).
using ServerTimings = std::map<std::string, ServerTimingTally>;

// RunHttpClosedLoopByThread with `options` (its observe_header and observe replaced),
// every 2xx answer's Server-Timing added to `timing`.
LoadResult RunHttpWithServerTiming(const std::string& host, int port, const HttpFillFor& fill_for,
                                   HttpLoadOptions options, ServerTimingTally* timing);

// | page | QPS | p50 ms | p99 ms | session ms | upstream ms | render ms | server total ms |
// answers with Server-Timing |: for each of `targets` at `in_flight`, the median and
// range over the runs of each figure and of each run's mean part ("–" where no answer
// carried the part).
std::string ServerTimingTable(const std::vector<Run>& runs,
                              const std::vector<ServerTimings>& timings,
                              const std::vector<std::string>& targets, int in_flight);

}  // namespace cadre::bench
