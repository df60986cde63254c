#include "services/common/metrics.h"

#include <array>
#include <atomic>
#include <charconv>
#include <cmath>
#include <functional>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"

namespace cadre {
namespace {

// Upper bounds of the latency buckets, seconds, and their `le` labels as Prometheus
// clients print them.
constexpr std::array<double, 16> kBuckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                             0.01,   0.025,   0.05,   0.1,   0.25,   0.5,
                                             1,      2.5,     5,      10};
constexpr std::array<const char*, 16> kBucketLabels = {
    "0.0001", "0.00025", "0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025",
    "0.05",   "0.1",     "0.25",   "0.5",   "1",      "2.5",   "5",    "10"};

enum class Kind { kCounter, kGauge, kHistogram };

const char* KindName(Kind kind) {
  switch (kind) {
    case Kind::kCounter:
      return "counter";
    case Kind::kGauge:
      return "gauge";
    case Kind::kHistogram:
      return "histogram";
  }
  return "untyped";
}

// One labelled time series. Updates are lock-free atomics; only finding the series
// takes the registry's reader lock.
struct Series {
  std::atomic<double> value{0};  // counter or gauge; histogram: sum of observations
  // Histogram only: per-bucket counts (not cumulative), the last one is +Inf.
  std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets{};
};

struct Family {
  Kind kind;
  std::string help;
  std::map<MetricLabels, std::unique_ptr<Series>> series;
};

// Prometheus sample values: shortest round-trip form; +Inf, -Inf, NaN spelt its way.
void AppendValue(double v, std::string* out) {
  if (std::isnan(v)) {
    out->append("NaN");
    return;
  }
  if (std::isinf(v)) {
    out->append(v > 0 ? "+Inf" : "-Inf");
    return;
  }
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  out->append(buf, ec == std::errc() ? static_cast<size_t>(end - buf) : 0);
}

void AppendEscapedLabelValue(absl::string_view s, std::string* out) {
  for (char c : s) {
    if (c == '\\') {
      out->append("\\\\");
    } else if (c == '"') {
      out->append("\\\"");
    } else if (c == '\n') {
      out->append("\\n");
    } else {
      out->push_back(c);
    }
  }
}

void AppendEscapedHelp(absl::string_view s, std::string* out) {
  for (char c : s) {
    if (c == '\\') {
      out->append("\\\\");
    } else if (c == '\n') {
      out->append("\\n");
    } else {
      out->push_back(c);
    }
  }
}

// `{a="1",b="2"}`, with an optional extra label last (histogram `le`); nothing if no
// labels at all.
void AppendLabels(const MetricLabels& labels, const char* extra_name, const char* extra_value,
                  std::string* out) {
  if (labels.empty() && extra_name == nullptr) {
    return;
  }
  out->push_back('{');
  bool first = true;
  for (const auto& [name, value] : labels) {
    if (!first) {
      out->push_back(',');
    }
    first = false;
    out->append(name);
    out->append("=\"");
    AppendEscapedLabelValue(value, out);
    out->push_back('"');
  }
  if (extra_name != nullptr) {
    if (!first) {
      out->push_back(',');
    }
    absl::StrAppend(out, extra_name, "=\"", extra_value, "\"");
  }
  out->push_back('}');
}

}  // namespace

struct MetricsRegistry::Impl {
  // Read-mostly: series are created on first use, then every update only reads the maps.
  mutable absl::Mutex mu;
  std::map<std::string, Family, std::less<>> families ABSL_GUARDED_BY(mu);

  // The series for (name, labels), created if new. nullptr if `name` is already used
  // with another kind (a programming error: the update is dropped rather than render
  // an invalid exposition). The pointer stays valid for the registry's lifetime.
  Series* Find(absl::string_view name, const MetricLabels& labels, Kind kind,
               absl::string_view help) {
    {
      absl::ReaderMutexLock lock(&mu);
      auto f = families.find(name);
      if (f != families.end()) {
        if (f->second.kind != kind) {
          return nullptr;
        }
        auto s = f->second.series.find(labels);
        if (s != f->second.series.end()) {
          return s->second.get();
        }
      }
    }
    absl::MutexLock lock(&mu);
    auto f = families.find(name);
    if (f == families.end()) {
      f = families.emplace(std::string(name), Family{kind, std::string(help), {}}).first;
    }
    Family& family = f->second;
    if (family.kind != kind) {
      return nullptr;
    }
    if (family.help.empty()) {
      family.help = std::string(help);
    }
    std::unique_ptr<Series>& series = family.series[labels];
    if (series == nullptr) {
      series = std::make_unique<Series>();
    }
    return series.get();
  }
};

MetricsRegistry::MetricsRegistry() : impl_(std::make_unique<Impl>()) {}
MetricsRegistry::~MetricsRegistry() = default;

void MetricsRegistry::AddCounter(absl::string_view name, const MetricLabels& labels, double value,
                                 absl::string_view help) {
  if (Series* s = impl_->Find(name, labels, Kind::kCounter, help)) {
    s->value.fetch_add(value, std::memory_order_relaxed);
  }
}

void MetricsRegistry::SetGauge(absl::string_view name, const MetricLabels& labels, double value,
                               absl::string_view help) {
  if (Series* s = impl_->Find(name, labels, Kind::kGauge, help)) {
    s->value.store(value, std::memory_order_relaxed);
  }
}

void MetricsRegistry::ObserveSeconds(absl::string_view name, const MetricLabels& labels,
                                     double seconds, absl::string_view help) {
  Series* s = impl_->Find(name, labels, Kind::kHistogram, help);
  if (s == nullptr) {
    return;
  }
  size_t i = 0;
  while (i < kBuckets.size() && seconds > kBuckets[i]) {
    ++i;
  }
  s->buckets[i].fetch_add(1, std::memory_order_relaxed);
  s->value.fetch_add(seconds, std::memory_order_relaxed);
}

std::string MetricsRegistry::RenderPrometheus() const {
  std::string out;
  absl::ReaderMutexLock lock(&impl_->mu);
  for (const auto& [name, family] : impl_->families) {
    out.append("# HELP ");
    out.append(name);
    out.push_back(' ');
    AppendEscapedHelp(family.help, &out);
    absl::StrAppend(&out, "\n# TYPE ", name, " ", KindName(family.kind), "\n");
    for (const auto& [labels, series] : family.series) {
      if (family.kind != Kind::kHistogram) {
        out.append(name);
        AppendLabels(labels, nullptr, nullptr, &out);
        out.push_back(' ');
        AppendValue(series->value.load(std::memory_order_relaxed), &out);
        out.push_back('\n');
        continue;
      }
      // Cumulative buckets; _count is the +Inf bucket so the two always agree even while
      // other threads observe.
      uint64_t cumulative = 0;
      for (size_t i = 0; i <= kBuckets.size(); ++i) {
        cumulative += series->buckets[i].load(std::memory_order_relaxed);
        absl::StrAppend(&out, name, "_bucket");
        AppendLabels(labels, "le", i < kBuckets.size() ? kBucketLabels[i] : "+Inf", &out);
        absl::StrAppend(&out, " ", cumulative, "\n");
      }
      absl::StrAppend(&out, name, "_sum");
      AppendLabels(labels, nullptr, nullptr, &out);
      out.push_back(' ');
      AppendValue(series->value.load(std::memory_order_relaxed), &out);
      absl::StrAppend(&out, "\n", name, "_count");
      AppendLabels(labels, nullptr, nullptr, &out);
      absl::StrAppend(&out, " ", cumulative, "\n");
    }
  }
  return out;
}

}  // namespace cadre
