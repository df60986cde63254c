#include "services/common/metrics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "tests/support/threads.h"

namespace cadre {
namespace {

using ::cadre::testing::RunOnThreads;
using ::testing::HasSubstr;
using ::testing::Not;

int CountOccurrences(const std::string& text, const std::string& needle) {
  int n = 0;
  for (size_t pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) {
    ++n;
  }
  return n;
}

TEST(MetricsTest, EmptyRegistryRendersNothing) {
  MetricsRegistry metrics;
  EXPECT_EQ(metrics.RenderPrometheus(), "");
}

TEST(MetricsTest, CounterWithLabelsHelpAndTypeOnce) {
  MetricsRegistry metrics;
  metrics.AddCounter("cadre_grpc_requests_total", {{"method", "/a/B"}, {"code", "OK"}}, 1,
                     "Calls handled.");
  metrics.AddCounter("cadre_grpc_requests_total", {{"method", "/a/B"}, {"code", "OK"}}, 2,
                     "Calls handled.");
  metrics.AddCounter("cadre_grpc_requests_total", {{"method", "/a/B"}, {"code", "NOT_FOUND"}}, 1,
                     "Calls handled.");
  const std::string text = metrics.RenderPrometheus();
  EXPECT_EQ(text,
            "# HELP cadre_grpc_requests_total Calls handled.\n"
            "# TYPE cadre_grpc_requests_total counter\n"
            "cadre_grpc_requests_total{method=\"/a/B\",code=\"NOT_FOUND\"} 1\n"
            "cadre_grpc_requests_total{method=\"/a/B\",code=\"OK\"} 3\n");
}

TEST(MetricsTest, GaugeSetsAndUnlabelledSeries) {
  MetricsRegistry metrics;
  metrics.SetGauge("cadre_view_roles", {}, 12, "Roles in memory.");
  metrics.SetGauge("cadre_view_roles", {}, 10.5, "Roles in memory.");
  EXPECT_EQ(metrics.RenderPrometheus(),
            "# HELP cadre_view_roles Roles in memory.\n"
            "# TYPE cadre_view_roles gauge\n"
            "cadre_view_roles 10.5\n");
}

TEST(MetricsTest, HistogramBucketsAreCumulative) {
  MetricsRegistry metrics;
  const MetricLabels labels = {{"method", "/a/B"}};
  metrics.ObserveSeconds("lat_seconds", labels, 0.0001, "Latency.");  // le=0.0001 exactly
  metrics.ObserveSeconds("lat_seconds", labels, 0.003, "Latency.");   // le=0.005
  metrics.ObserveSeconds("lat_seconds", labels, 0.2, "Latency.");     // le=0.25
  metrics.ObserveSeconds("lat_seconds", labels, 30, "Latency.");      // +Inf only
  const std::string text = metrics.RenderPrometheus();
  EXPECT_THAT(text, HasSubstr("# TYPE lat_seconds histogram\n"));
  EXPECT_THAT(text, HasSubstr("lat_seconds_bucket{method=\"/a/B\",le=\"0.0001\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("lat_seconds_bucket{method=\"/a/B\",le=\"0.0025\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("lat_seconds_bucket{method=\"/a/B\",le=\"0.005\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("lat_seconds_bucket{method=\"/a/B\",le=\"0.25\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("lat_seconds_bucket{method=\"/a/B\",le=\"10\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("lat_seconds_bucket{method=\"/a/B\",le=\"+Inf\"} 4\n"));
  EXPECT_THAT(text, HasSubstr("lat_seconds_count{method=\"/a/B\"} 4\n"));
  EXPECT_THAT(text, HasSubstr("lat_seconds_sum{method=\"/a/B\"} 30.2031"));
  EXPECT_EQ(CountOccurrences(text, "lat_seconds_bucket{"), 17);
  // Buckets appear in increasing order of le.
  EXPECT_LT(text.find("le=\"0.00025\""), text.find("le=\"0.0005\""));
  EXPECT_LT(text.find("le=\"2.5\""), text.find("le=\"10\""));
}

TEST(MetricsTest, LabelValuesAndHelpAreEscaped) {
  MetricsRegistry metrics;
  metrics.AddCounter("c_total", {{"v", "a\"b\\c\nd"}}, 1, "line one\nback\\slash");
  const std::string text = metrics.RenderPrometheus();
  EXPECT_THAT(text, HasSubstr("# HELP c_total line one\\nback\\\\slash\n"));
  EXPECT_THAT(text, HasSubstr("c_total{v=\"a\\\"b\\\\c\\nd\"} 1\n"));
}

TEST(MetricsTest, SeveralFamiliesEachDeclaredOnce) {
  MetricsRegistry metrics;
  for (int i = 0; i < 3; ++i) {
    metrics.AddCounter("a_total", {{"k", std::to_string(i)}}, 1, "A.");
    metrics.ObserveSeconds("b_seconds", {{"k", std::to_string(i)}}, 0.01, "B.");
    metrics.SetGauge("c", {{"k", std::to_string(i)}}, i, "C.");
  }
  const std::string text = metrics.RenderPrometheus();
  for (const char* name : {"a_total", "b_seconds", "c"}) {
    EXPECT_EQ(CountOccurrences(text, std::string("# HELP ") + name + " "), 1) << name;
    EXPECT_EQ(CountOccurrences(text, std::string("# TYPE ") + name + " "), 1) << name;
  }
  // Every sample line is "name{labels} value" or "name value".
  for (absl::string_view line : absl::StrSplit(text, '\n', absl::SkipEmpty())) {
    if (absl::StartsWith(line, "#")) {
      continue;
    }
    std::vector<absl::string_view> parts = absl::StrSplit(line, ' ');
    EXPECT_EQ(parts.size(), 2u) << line;
  }
}

TEST(MetricsTest, KindConflictIsDropped) {
  MetricsRegistry metrics;
  metrics.AddCounter("x_total", {}, 1, "X.");
  metrics.SetGauge("x_total", {}, 5, "X as a gauge.");
  metrics.ObserveSeconds("x_total", {}, 1, "X as a histogram.");
  EXPECT_EQ(metrics.RenderPrometheus(), "# HELP x_total X.\n# TYPE x_total counter\nx_total 1\n");
}

TEST(MetricsTest, ConcurrentUpdatesAreAllCounted) {
  MetricsRegistry metrics;
  constexpr int kThreads = 4;
  constexpr int kPerThread = 20000;
  RunOnThreads(kThreads, [&metrics](int t) {
    for (int i = 0; i < kPerThread; ++i) {
      // Shared series and per-thread series, created while others render.
      metrics.AddCounter("hits_total", {{"m", "shared"}}, 1, "Hits.");
      metrics.AddCounter("hits_total", {{"m", std::to_string(t)}}, 1, "Hits.");
      metrics.ObserveSeconds("d_seconds", {}, 0.001, "D.");
      if (i % 5000 == 0) (void)metrics.RenderPrometheus();
    }
  });
  const std::string text = metrics.RenderPrometheus();
  EXPECT_THAT(text, HasSubstr("hits_total{m=\"shared\"} 80000\n"));
  EXPECT_THAT(text, HasSubstr("hits_total{m=\"3\"} 20000\n"));
  EXPECT_THAT(text, HasSubstr("d_seconds_count 80000\n"));
  EXPECT_THAT(text, HasSubstr("d_seconds_bucket{le=\"0.001\"} 80000\n"));
  EXPECT_THAT(text, Not(HasSubstr("nan")));
}

}  // namespace
}  // namespace cadre
