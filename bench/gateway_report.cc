#include "bench/gateway_report.h"

#include <algorithm>
#include <functional>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace cadre::bench {
namespace {

std::string Verdict(const std::vector<double>& shares, double target) {
  if (shares.empty()) return "–";
  if (Median(shares) < target) return "NOT met";
  return std::all_of(shares.begin(), shares.end(), [target](double s) { return s >= target; })
             ? "met (every run)"
             : "met (median)";
}

}  // namespace

std::string ShareTable(const std::vector<Run>& runs, const std::string& json,
                       const std::string& grpc, double target) {
  std::set<int> in_flights;
  for (const Run& run : runs) {
    for (const Measurement& m : run) {
      if (m.target == json) in_flights.insert(m.in_flight);
    }
  }
  if (in_flights.empty()) return "";
  std::string out = absl::StrCat("| in flight | ", grpc, " QPS | ", json,
                                 " QPS | JSON / gRPC QPS | share ≥ ", target,
                                 " | gRPC p99 ms | JSON p99 ms | JSON / gRPC p99 | errors |\n"
                                 "|---:|---:|---:|---:|---|---:|---:|---:|---:|\n");
  for (int in_flight : in_flights) {
    const std::vector<double> share = Ratios(runs, json, grpc, in_flight, &LoadResult::qps);
    int64_t errors = 0;
    for (const Run& run : runs) {
      for (const std::string& target_name : {json, grpc}) {
        if (const Measurement* m = FindMeasurement(run, target_name, in_flight)) {
          errors += m->result.errors;
        }
      }
    }
    absl::StrAppend(&out, "| ", in_flight, " | ",
                    MedianRange(PerRun(runs, grpc, in_flight, &LoadResult::qps), 0), " | ",
                    MedianRange(PerRun(runs, json, in_flight, &LoadResult::qps), 0), " | ",
                    MedianRange(share, 2), " | ", Verdict(share, target), " | ",
                    MedianRange(PerRun(runs, grpc, in_flight, &LoadResult::p99_ms), 2), " | ",
                    MedianRange(PerRun(runs, json, in_flight, &LoadResult::p99_ms), 2), " | ",
                    MedianRange(Ratios(runs, json, grpc, in_flight, &LoadResult::p99_ms), 2), " | ",
                    errors, " |\n");
  }
  return out;
}

std::string CpuTable(const std::vector<std::vector<CostRow>>& runs) {
  std::vector<std::pair<std::string, int>> keys;  // in the order first measured
  std::set<std::string> processes;
  for (const auto& run : runs) {
    for (const CostRow& row : run) {
      const auto key = std::make_pair(row.target, row.in_flight);
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
      for (const auto& [name, us] : row.cost.cpu_us) processes.insert(name);
    }
  }
  if (keys.empty()) return "";
  // The load generator last, after the services.
  std::vector<std::string> columns;
  for (const std::string& name : processes) {
    if (name != "bench") columns.push_back(name);
  }
  if (processes.count("bench") > 0) columns.emplace_back("bench");
  auto values = [&](const std::string& target, int in_flight,
                    const std::function<double(const CallCost&)>& f) {
    std::vector<double> out;
    for (const auto& run : runs) {
      for (const CostRow& row : run) {
        if (row.target == target && row.in_flight == in_flight) out.push_back(f(row.cost));
      }
    }
    return out;
  };
  std::string out = "| target | in flight | calls |";
  std::string rule = "|---|---:|---:|";
  for (const std::string& name : columns) {
    absl::StrAppend(&out, " ", name, " µs |");
    absl::StrAppend(&rule, "---:|");
  }
  absl::StrAppend(&out, " all µs |\n", rule, "---:|\n");
  for (const auto& [target, in_flight] : keys) {
    absl::StrAppend(
        &out, "| ", target, " | ", in_flight, " | ",
        MedianRange(values(target, in_flight,
                           [](const CallCost& c) { return static_cast<double>(c.calls); }),
                    0),
        " |");
    for (const std::string& name : columns) {
      absl::StrAppend(&out, " ",
                      MedianRange(values(target, in_flight,
                                         [&name](const CallCost& c) {
                                           auto it = c.cpu_us.find(name);
                                           return it == c.cpu_us.end() ? 0.0 : it->second;
                                         }),
                                  0),
                      " |");
    }
    absl::StrAppend(&out, " ",
                    MedianRange(values(target, in_flight,
                                       [](const CallCost& c) {
                                         double sum = 0;
                                         for (const auto& [name, us] : c.cpu_us) sum += us;
                                         return sum;
                                       }),
                                0),
                    " |\n");
  }
  return out;
}

}  // namespace cadre::bench
