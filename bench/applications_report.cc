#include "bench/applications_report.h"

#include <algorithm>
#include <functional>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace cadre::bench {
namespace {

// In-flight counts at which `target` was measured in any run, in order.
std::set<int> InFlights(const std::vector<Run>& runs, const std::string& target) {
  std::set<int> in_flights;
  for (const Run& run : runs) {
    for (const Measurement& m : run) {
      if (m.target == target) {
        in_flights.insert(m.in_flight);
      }
    }
  }
  return in_flights;
}

// `f` of each run's measurement of `target` at `in_flight`, where there is one.
std::vector<double> PerRun(const std::vector<Run>& runs, const std::string& target, int in_flight,
                           const std::function<double(const LoadResult&)>& f) {
  std::vector<double> values;
  for (const Run& run : runs) {
    if (const Measurement* m = FindMeasurement(run, target, in_flight)) {
      values.push_back(f(m->result));
    }
  }
  return values;
}

// "met (every run)", "met (median)" or "NOT met" for figures that must be at least (or,
// with `below`, under) `target`.
std::string Verdict(const std::vector<double>& values, double target, bool below) {
  if (values.empty()) {
    return "–";
  }
  auto meets = [&](double v) { return below ? v < target : v >= target; };
  if (!meets(Median(values))) {
    return "NOT met";
  }
  return std::all_of(values.begin(), values.end(), meets) ? "met (every run)" : "met (median)";
}

double Qps(const LoadResult& r) { return r.qps; }
double P50(const LoadResult& r) { return r.p50_ms; }
double P99(const LoadResult& r) { return r.p99_ms; }
double Seconds(const LoadResult& r) { return r.seconds; }

}  // namespace

std::string RecommendTable(const std::vector<Run>& runs) {
  std::set<int> in_flights = InFlights(runs, kMatchingRecommend);
  if (in_flights.empty()) {
    return "";
  }
  std::string out = absl::StrCat(
      "| in flight | RecommendRoles QPS | p50 ms | p99 ms | registry GetRole QPS | "
      "RecommendRoles / GetRole QPS | p99 < ",
      kRecommendP99TargetMs, " ms at ", kRecommendTargetInFlight,
      " in flight |\n|---:|---:|---:|---:|---:|---:|---|\n");
  for (int in_flight : in_flights) {
    const std::vector<double> p99 = PerRun(runs, kMatchingRecommend, in_flight, P99);
    absl::StrAppend(
        &out, "| ", in_flight, " | ",
        MedianRange(PerRun(runs, kMatchingRecommend, in_flight, Qps), 0), " | ",
        MedianRange(PerRun(runs, kMatchingRecommend, in_flight, P50), 2), " | ",
        MedianRange(p99, 2), " | ", MedianRange(PerRun(runs, kRegistryGetRole, in_flight, Qps), 0),
        " | ",
        MedianRange(Ratios(runs, kMatchingRecommend, kRegistryGetRole, in_flight, &LoadResult::qps),
                    2),
        " | ",
        in_flight == kRecommendTargetInFlight ? Verdict(p99, kRecommendP99TargetMs, true) : "–",
        " |\n");
  }
  return out;
}

std::string SubmitTable(const std::vector<Run>& runs) {
  std::set<int> in_flights = InFlights(runs, kMatchingSubmit);
  if (in_flights.empty()) {
    return "";
  }
  std::string out = absl::StrCat(
      "| in flight | SubmitApplication QPS | no-op QPS | Submit / no-op QPS | share ≥ ",
      kSubmitShareTarget,
      " | Submit p99 ms | no-op p99 ms | Submit / no-op p99 | seconds measured | errors |\n"
      "|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|\n");
  for (int in_flight : in_flights) {
    const std::vector<double> share =
        Ratios(runs, kMatchingSubmit, kNoopSubmit, in_flight, &LoadResult::qps);
    int64_t errors = 0;
    for (const Run& run : runs) {
      for (const char* target : {kMatchingSubmit, kNoopSubmit}) {
        if (const Measurement* m = FindMeasurement(run, target, in_flight)) {
          errors += m->result.errors;
        }
      }
    }
    absl::StrAppend(
        &out, "| ", in_flight, " | ", MedianRange(PerRun(runs, kMatchingSubmit, in_flight, Qps), 0),
        " | ", MedianRange(PerRun(runs, kNoopSubmit, in_flight, Qps), 0), " | ",
        MedianRange(share, 2), " | ", Verdict(share, kSubmitShareTarget, false),
        errors > 0 ? ", but with errors" : "", " | ",
        MedianRange(PerRun(runs, kMatchingSubmit, in_flight, P99), 2), " | ",
        MedianRange(PerRun(runs, kNoopSubmit, in_flight, P99), 2), " | ",
        MedianRange(Ratios(runs, kMatchingSubmit, kNoopSubmit, in_flight, &LoadResult::p99_ms), 2),
        " | ", MedianRange(PerRun(runs, kMatchingSubmit, in_flight, Seconds), 2), " | ", errors,
        errors > 0 ? " (runs with errors)" : "", " |\n");
  }
  return out;
}

std::string CostTable(const std::vector<std::vector<CostRow>>& runs) {
  // Keys in the order first seen, and every process and command named in any run.
  std::vector<std::pair<std::string, int>> keys;
  std::set<std::string> processes;
  std::set<std::string> commands;
  for (const auto& run : runs) {
    for (const CostRow& row : run) {
      if (std::find(keys.begin(), keys.end(), std::make_pair(row.target, row.in_flight)) ==
          keys.end()) {
        keys.emplace_back(row.target, row.in_flight);
      }
      for (const auto& [name, us] : row.cost.cpu_us) {
        processes.insert(name);
      }
      for (const auto& [command, n] : row.cost.redis_commands) {
        commands.insert(command);
      }
    }
  }
  if (keys.empty()) {
    return "";
  }
  auto values = [&](const std::string& target, int in_flight,
                    const std::function<double(const CallCost&)>& f) {
    std::vector<double> out;
    for (const auto& run : runs) {
      for (const CostRow& row : run) {
        if (row.target == target && row.in_flight == in_flight) {
          out.push_back(f(row.cost));
        }
      }
    }
    return out;
  };
  auto sum = [](const std::map<std::string, double>& m) {
    double total = 0;
    for (const auto& [k, v] : m) {
      total += v;
    }
    return total;
  };
  std::string out = "| target | in flight | calls |";
  std::string rule = "|---|---:|---:|";
  for (const std::string& p : processes) {
    absl::StrAppend(&out, " CPU µs a call: ", p, " |");
    absl::StrAppend(&rule, "---:|");
  }
  absl::StrAppend(&out, " CPU µs a call, all | Redis commands a call | Redis µs a call |\n", rule,
                  "---:|---:|---:|\n");
  for (const auto& [target, in_flight] : keys) {
    absl::StrAppend(
        &out, "| ", target, " | ", in_flight, " | ",
        MedianRange(values(target, in_flight,
                           [](const CallCost& c) { return static_cast<double>(c.calls); }),
                    0),
        " |");
    for (const std::string& p : processes) {
      absl::StrAppend(&out, " ",
                      MedianRange(values(target, in_flight,
                                         [&p](const CallCost& c) {
                                           auto it = c.cpu_us.find(p);
                                           return it == c.cpu_us.end() ? 0.0 : it->second;
                                         }),
                                  0),
                      " |");
    }
    absl::StrAppend(
        &out, " ",
        MedianRange(values(target, in_flight, [&](const CallCost& c) { return sum(c.cpu_us); }), 0),
        " | ",
        MedianRange(
            values(target, in_flight, [&](const CallCost& c) { return sum(c.redis_commands); }), 1),
        " | ",
        MedianRange(
            values(target, in_flight, [&](const CallCost& c) { return sum(c.redis_command_us); }),
            1),
        " |\n");
  }
  // The Redis commands behind one call of each matching target, by command.
  std::string by_command;
  for (const auto& [target, in_flight] : keys) {
    std::vector<std::string> parts;
    for (const std::string& command : commands) {
      const double n = Median(values(target, in_flight, [&command](const CallCost& c) {
        auto it = c.redis_commands.find(command);
        return it == c.redis_commands.end() ? 0.0 : it->second;
      }));
      const double us = Median(values(target, in_flight, [&command](const CallCost& c) {
        auto it = c.redis_command_us.find(command);
        return it == c.redis_command_us.end() ? 0.0 : it->second;
      }));
      if (n >= 0.005) {
        parts.push_back(absl::StrFormat("%s %.2f (%.1f µs)", command, n, us));
      }
    }
    if (!parts.empty()) {
      absl::StrAppend(&by_command, "- ", target, ", ", in_flight,
                      " in flight: ", absl::StrJoin(parts, ", "), "\n");
    }
  }
  if (!by_command.empty()) {
    absl::StrAppend(&out, "\nRedis commands a call (medians; Redis's own µs in brackets):\n\n",
                    by_command);
  }
  return out;
}

std::string RaceTable(const std::vector<RaceResult>& races) {
  if (races.empty()) {
    return "";
  }
  std::string out =
      "| run | roles × places | in flight | answered | accepted | refused | other errors | "
      "seconds | acceptances a second | placements a role | places never exceeded | full "
      "roles FILLED in the registry |\n"
      "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|\n";
  std::vector<double> rates;
  int passed = 0;
  for (size_t i = 0; i < races.size(); ++i) {
    const RaceResult& r = races[i];
    const auto [low, high] = std::minmax_element(r.placements.begin(), r.placements.end());
    const std::string per_role = r.placements.empty() ? "–"
                                 : *low == *high      ? absl::StrCat(*low)
                                                      : absl::StrCat(*low, "–", *high);
    std::string filled = absl::StrFormat("%d of %d (%.2f s after the burst)", r.filled_in_registry,
                                         r.full_roles, r.fill_seconds);
    if (!r.fill_note.empty()) {
      absl::StrAppend(&filled, ": ", r.fill_note);
    }
    absl::StrAppendFormat(
        &out, "| %d | %d × %d | %d | %d | %d | %d | %d | %.3f | %.0f | %s | %s | %s |\n", i + 1,
        r.roles, r.places, r.slots, r.attempted, r.accepted, r.refused, r.other_errors,
        r.load.seconds, r.per_second, per_role, r.verdict, filled);
    rates.push_back(r.per_second);
    passed += r.pass ? 1 : 0;
  }
  absl::StrAppend(
      &out, "\nAcceptances a second (accepted + refused): ", MedianRange(rates, 0),
      ". Places never exceeded: ", passed == static_cast<int>(races.size()) ? "PASS" : "FAIL", " (",
      passed, " of ", races.size(), " races).\n");
  return out;
}

}  // namespace cadre::bench
