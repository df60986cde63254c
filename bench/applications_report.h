#pragma once

// The applications benchmark's tables: RecommendRoles beside the registry's GetRole with
// the latency target, SubmitApplication as a share of the no-op service with its
// target, the CPU each process spent per call, and the acceptance races.

#include <string>
#include <vector>

#include "bench/acceptance_race.h"
#include "bench/cost_probe.h"
#include "bench/report.h"

namespace cadre::bench {

// The targets' labels, in tables and in the runs (the registry's GetRole is
// report.h's kRegistryGetRole).
inline constexpr char kMatchingRecommend[] = "matching RecommendRoles";
inline constexpr char kNoopSubmit[] = "no-op SubmitApplication";
inline constexpr char kMatchingSubmit[] = "matching SubmitApplication";

// The targets.
inline constexpr double kRecommendP99TargetMs = 20;  // at kRecommendTargetInFlight
inline constexpr int kRecommendTargetInFlight = 16;
inline constexpr double kSubmitShareTarget = 0.4;  // of the no-op's QPS

// | in flight | RecommendRoles QPS | p50 | p99 | GetRole QPS | RecommendRoles / GetRole |
// p99 target |, median (range) over the runs.
std::string RecommendTable(const std::vector<Run>& runs);

// | in flight | Submit / no-op QPS | target ≥ 0.4 | Submit / no-op p99 | window measured |
// errors |, median (range) of the per-run figures.
std::string SubmitTable(const std::vector<Run>& runs);

// The cost of one call of a measurement, with where it was measured.
struct CostRow {
  std::string target;
  int in_flight = 0;
  CallCost cost;
};

// | target | in flight | calls | CPU µs a call: <process>... | Redis commands a call |
// Redis µs a call |, the median over the runs of each figure; then the Redis commands a
// SubmitApplication ran, by command. Empty without rows.
std::string CostTable(const std::vector<std::vector<CostRow>>& runs);

// One row a race: | run | roles x places | in flight | answered | accepted | refused |
// other errors | seconds | acceptances a second | placements a role | places never
// exceeded |, then the median of acceptances a second.
std::string RaceTable(const std::vector<RaceResult>& races);

}  // namespace cadre::bench
