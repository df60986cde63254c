#pragma once

// Markdown tables of the benchmark's figures: one table per run, then for every target
// and number of calls in flight the median and range over the runs, and the ratios of
// the registry to the no-op service computed within each run (runs drift 15–20%, so
// only figures of the same run are compared).

#include <string>
#include <vector>

#include "bench/load_generator.h"

namespace cadre::bench {

inline constexpr char kNoopGetRole[] = "no-op GetRole";
inline constexpr char kNoopGetRoleFull[] = "no-op GetRole, 1 KB role";
inline constexpr char kRegistryGetRole[] = "registry GetRole";
inline constexpr char kNoopListRoles[] = "no-op ListRoles";
inline constexpr char kRegistryListRoles[] = "registry ListRoles";

struct Measurement {
  std::string target;  // one of the names above
  int in_flight = 0;
  LoadResult result;
};
using Run = std::vector<Measurement>;

// The per-run values of `field` of `target` at `in_flight`, in the runs that measured it.
std::vector<double> PerRun(const std::vector<Run>& runs, const std::string& target, int in_flight,
                           double LoadResult::*field);
// Each run's ratio of `numerator`'s `field` to `denominator`'s at `in_flight` (runs that
// measured both, with a denominator above 0).
std::vector<double> Ratios(const std::vector<Run>& runs, const std::string& numerator,
                           const std::string& denominator, int in_flight,
                           double LoadResult::*field = &LoadResult::qps);
// The median of `values` (the mean of the middle two for an even count); 0 for none.
double Median(std::vector<double> values);

// The measurement of `target` at `in_flight` in `run`; nullptr if there is none.
const Measurement* FindMeasurement(const Run& run, const std::string& target, int in_flight);

// | target | in flight | QPS | p50 ms | p99 ms | errors | for one run.
std::string RunTable(const Run& run);

// Median and range over `runs` of QPS, p50 and p99 per target and in-flight count.
std::string SummaryTable(const std::vector<Run>& runs);

// Registry / no-op QPS ratios per in-flight count (median and range of the per-run
// ratios), and the two targets: GetRole at least half the no-op QPS (the no-op
// answering at once with a near-empty role); ListRoles p99 under 10 ms at 16 in flight.
// Empty when the runs hold no registry figures.
std::string TargetsTable(const std::vector<Run>& runs);

// One column of RatioTable: `numerator`'s figure over `denominator`'s, per run.
struct RatioColumn {
  std::string header;       // e.g. "GetMyProfile / no-op QPS"
  std::string numerator;    // a target label
  std::string denominator;  // a target label
  double LoadResult::*field = &LoadResult::qps;
};

// | in flight | <column>... | with the median and range of the per-run ratios, one row
// per in-flight count at which any column's numerator was measured. Empty if none was.
std::string RatioTable(const std::vector<Run>& runs, const std::vector<RatioColumn>& columns);

// The measurements of `runs` whose target is (or, with `keep` false, is not) `target`.
std::vector<Run> Filter(const std::vector<Run>& runs, const std::string& target, bool keep);

// "median (lowest–highest)" with `decimals` places; the median alone for one value.
std::string MedianRange(std::vector<double> values, int decimals);

// "2 cores, <CPU model>; load average ..." from /proc, to show how busy the machine was.
std::string MachineLine();

}  // namespace cadre::bench
