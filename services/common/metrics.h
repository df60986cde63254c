#pragma once

// Prometheus metrics kept in process and rendered in the text exposition format at
// `/metrics` by the server bootstrap. Thread-safe; cheap enough for every RPC.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace cadre {

// Label pairs in a fixed order, e.g. {{"method", "GetRole"}, {"code", "OK"}}.
using MetricLabels = std::vector<std::pair<std::string, std::string>>;

class MetricsRegistry {
 public:
  MetricsRegistry();
  ~MetricsRegistry();

  // `name` must be a valid Prometheus metric name; `help` is emitted once per name.
  void AddCounter(absl::string_view name, const MetricLabels& labels, double value,
                  absl::string_view help);
  void SetGauge(absl::string_view name, const MetricLabels& labels, double value,
                absl::string_view help);
  // Latency histogram with fixed buckets from 0.1 ms to 10 s.
  void ObserveSeconds(absl::string_view name, const MetricLabels& labels, double seconds,
                      absl::string_view help);

  std::string RenderPrometheus() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cadre
