#pragma once

// The gateway's Server-Timing response header on a person's pages
// ("session;dur=0.21, upstream;dur=3.4, render;dur=0.52, total;dur=4.3", milliseconds),
// parsed and added up over a measurement, so that a page's latency can be told apart
// into the session lookup, the upstream calls and the rendering.

#include <map>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

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

}  // namespace cadre::bench
