#pragma once

// gateway_bench's tables: the Connect JSON reads through the gateway as a share of the
// same reads over gRPC (the targets), the pages' latency, and the CPU each process
// spent per call.

#include <string>
#include <vector>

#include "bench/cost_probe.h"
#include "bench/report.h"

namespace cadre::bench {

// The targets: JSON through the gateway at least this share of gRPC's QPS.
inline constexpr double kGetRoleShareTarget = 0.5;
inline constexpr double kListRolesShareTarget = 0.25;
// The home page, as a first visit transfers it with gzip (CSS included), under this.
inline constexpr size_t kHomeWeightTargetBytes = size_t{100} * 1024;

// | in flight | gRPC QPS | JSON QPS | JSON / gRPC QPS | share ≥ target | gRPC p99 | JSON p99 |
// JSON / gRPC p99 | errors |, median (range) of the per-run figures. Empty when `json` was
// not measured.
std::string ShareTable(const std::vector<Run>& runs, const std::string& json,
                       const std::string& grpc, double target);

// The CPU one call of a measurement cost, with where it was measured.
struct CostRow {
  std::string target;
  int in_flight = 0;
  CallCost cost;
};

// | target | in flight | calls | CPU µs a call: <process>... | all |, the median over the
// runs of each figure ("bench" is the load generator). Empty without rows.
std::string CpuTable(const std::vector<std::vector<CostRow>>& runs);

}  // namespace cadre::bench
