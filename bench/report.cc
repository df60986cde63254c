#include "bench/report.h"

#include <algorithm>
#include <fstream>
#include <functional>
#include <optional>
#include <set>
#include <thread>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"

namespace cadre::bench {

const Measurement* FindMeasurement(const Run& run, const std::string& target, int in_flight) {
  for (const Measurement& m : run) {
    if (m.target == target && m.in_flight == in_flight) {
      return &m;
    }
  }
  return nullptr;
}

namespace {

// Targets and in-flight counts in the order they were first measured.
std::vector<std::pair<std::string, int>> Keys(const std::vector<Run>& runs) {
  std::vector<std::pair<std::string, int>> keys;
  for (const Run& run : runs) {
    for (const Measurement& m : run) {
      if (std::find(keys.begin(), keys.end(), std::make_pair(m.target, m.in_flight)) ==
          keys.end()) {
        keys.emplace_back(m.target, m.in_flight);
      }
    }
  }
  std::stable_sort(keys.begin(), keys.end(),
                   [](const auto& a, const auto& b) { return a.second < b.second; });
  return keys;
}

struct Spread {
  double median = 0;
  double low = 0;
  double high = 0;
};

std::optional<Spread> SpreadOf(std::vector<double> values) {
  if (values.empty()) {
    return std::nullopt;
  }
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  const double median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  return Spread{median, values.front(), values.back()};
}

// Thousands with one decimal; below 1,000 a second (SignIn) the calls a second themselves.
std::string Qps(double qps) {
  return qps >= 1000 ? absl::StrFormat("%.1fk", qps / 1000) : absl::StrFormat("%.1f", qps);
}
std::string Ms(double ms) { return absl::StrFormat("%.2f", ms); }
std::string Ratio(double r) { return absl::StrFormat("%.2f", r); }

std::string Format(const std::optional<Spread>& s, const std::function<std::string(double)>& f,
                   bool with_range) {
  if (!s) {
    return "–";
  }
  if (!with_range) {
    return f(s->median);
  }
  return absl::StrCat(f(s->median), " (", f(s->low), "–", f(s->high), ")");
}

}  // namespace

std::vector<double> PerRun(const std::vector<Run>& runs, const std::string& target, int in_flight,
                           double LoadResult::*field) {
  std::vector<double> values;
  for (const Run& run : runs) {
    if (const Measurement* m = FindMeasurement(run, target, in_flight)) {
      values.push_back(m->result.*field);
    }
  }
  return values;
}

std::vector<double> Ratios(const std::vector<Run>& runs, const std::string& numerator,
                           const std::string& denominator, int in_flight,
                           double LoadResult::*field) {
  std::vector<double> ratios;
  for (const Run& run : runs) {
    const Measurement* n = FindMeasurement(run, numerator, in_flight);
    const Measurement* d = FindMeasurement(run, denominator, in_flight);
    if (n != nullptr && d != nullptr && d->result.*field > 0) {
      ratios.push_back(n->result.*field / d->result.*field);
    }
  }
  return ratios;
}

double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

std::string RunTable(const Run& run) {
  std::string out =
      "| target | in flight | QPS | p50 ms | p99 ms | errors |\n"
      "|---|---:|---:|---:|---:|---:|\n";
  for (const Measurement& m : run) {
    absl::StrAppend(&out, "| ", m.target, " | ", m.in_flight, " | ", Qps(m.result.qps), " | ",
                    Ms(m.result.p50_ms), " | ", Ms(m.result.p99_ms), " | ", m.result.errors,
                    " |\n");
  }
  for (const Measurement& m : run) {
    if (m.result.errors > 0) {
      absl::StrAppend(&out, "\nfirst error of ", m.target, " at ", m.in_flight,
                      " in flight: ", m.result.first_error, "\n");
    }
  }
  return out;
}

std::string SummaryTable(const std::vector<Run>& runs) {
  const bool ranges = runs.size() > 1;
  std::string out =
      absl::StrCat("| target | in flight | QPS", ranges ? " median (range)" : "",
                   " | p50 ms | p99 ms |", " errors |\n|---|---:|---:|---:|---:|---:|\n");
  for (const auto& [target, in_flight] : Keys(runs)) {
    int64_t errors = 0;
    for (const Run& run : runs) {
      if (const Measurement* m = FindMeasurement(run, target, in_flight)) {
        errors += m->result.errors;
      }
    }
    absl::StrAppend(
        &out, "| ", target, " | ", in_flight, " | ",
        Format(SpreadOf(PerRun(runs, target, in_flight, &LoadResult::qps)), Qps, ranges), " | ",
        Format(SpreadOf(PerRun(runs, target, in_flight, &LoadResult::p50_ms)), Ms, ranges), " | ",
        Format(SpreadOf(PerRun(runs, target, in_flight, &LoadResult::p99_ms)), Ms, ranges), " | ",
        errors, " |\n");
  }
  return out;
}

std::string TargetsTable(const std::vector<Run>& runs) {
  std::set<int> in_flights;
  for (const auto& [target, in_flight] : Keys(runs)) {
    if (target == kRegistryGetRole || target == kRegistryListRoles) {
      in_flights.insert(in_flight);
    }
  }
  if (in_flights.empty()) {
    return "";
  }
  const bool ranges = runs.size() > 1;
  std::string out =
      "| in flight | GetRole / no-op QPS | GetRole ≥ 0.5 × no-op | GetRole / no-op 1 KB role | "
      "ListRoles / no-op QPS | registry ListRoles p99 ms |\n|---:|---:|---|---:|---:|---:|\n";
  for (int in_flight : in_flights) {
    std::optional<Spread> get = SpreadOf(Ratios(runs, kRegistryGetRole, kNoopGetRole, in_flight));
    std::optional<Spread> get_full =
        SpreadOf(Ratios(runs, kRegistryGetRole, kNoopGetRoleFull, in_flight));
    std::optional<Spread> list =
        SpreadOf(Ratios(runs, kRegistryListRoles, kNoopListRoles, in_flight));
    std::optional<Spread> p99 =
        SpreadOf(PerRun(runs, kRegistryListRoles, in_flight, &LoadResult::p99_ms));
    std::string get_met = "–";
    if (get) {
      get_met =
          get->median >= 0.5 ? (get->low >= 0.5 ? "met (every run)" : "met (median)") : "NOT met";
    }
    std::string p99_text = Format(p99, Ms, ranges);
    if (in_flight == 16 && p99) {
      absl::StrAppend(&p99_text, p99->median < 10 ? " — target < 10 ms met" : " — target NOT met");
    }
    absl::StrAppend(&out, "| ", in_flight, " | ", Format(get, Ratio, ranges), " | ", get_met, " | ",
                    Format(get_full, Ratio, ranges), " | ", Format(list, Ratio, ranges), " | ",
                    p99_text, " |\n");
  }
  return out;
}

std::string RatioTable(const std::vector<Run>& runs, const std::vector<RatioColumn>& columns) {
  std::set<int> in_flights;
  for (const auto& [target, in_flight] : Keys(runs)) {
    for (const RatioColumn& column : columns) {
      if (target == column.numerator) {
        in_flights.insert(in_flight);
      }
    }
  }
  if (in_flights.empty()) {
    return "";
  }
  const bool ranges = runs.size() > 1;
  std::string out = "| in flight |";
  std::string rule = "|---:|";
  for (const RatioColumn& column : columns) {
    absl::StrAppend(&out, " ", column.header, " |");
    absl::StrAppend(&rule, "---:|");
  }
  absl::StrAppend(&out, "\n", rule, "\n");
  for (int in_flight : in_flights) {
    absl::StrAppend(&out, "| ", in_flight, " |");
    for (const RatioColumn& column : columns) {
      std::vector<double> ratios;
      for (const Run& run : runs) {
        const Measurement* n = FindMeasurement(run, column.numerator, in_flight);
        const Measurement* d = FindMeasurement(run, column.denominator, in_flight);
        if (n != nullptr && d != nullptr && d->result.*column.field > 0) {
          ratios.push_back(n->result.*column.field / d->result.*column.field);
        }
      }
      absl::StrAppend(&out, " ", Format(SpreadOf(ratios), Ratio, ranges), " |");
    }
    absl::StrAppend(&out, "\n");
  }
  return out;
}

// The measurements of `runs` whose target is (or, with `keep` false, is not) `target`.
std::vector<Run> Filter(const std::vector<Run>& runs, const std::string& target, bool keep) {
  std::vector<Run> filtered;
  for (const Run& run : runs) {
    Run part;
    for (const Measurement& m : run) {
      if ((m.target == target) == keep) {
        part.push_back(m);
      }
    }
    filtered.push_back(std::move(part));
  }
  return filtered;
}

// "median (lowest–highest)" with `decimals` places; the median alone for one value.
std::string MedianRange(std::vector<double> values, int decimals) {
  if (values.empty()) {
    return "–";
  }
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  const double median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  std::string out = absl::StrFormat("%.*f", decimals, median);
  if (n > 1) {
    absl::StrAppendFormat(&out, " (%.*f–%.*f)", decimals, values.front(), decimals, values.back());
  }
  return out;
}

std::string MachineLine() {
  std::string model = "unknown CPU";
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string text; std::getline(cpuinfo, text);) {
    absl::string_view line = text;
    if (absl::ConsumePrefix(&line, "model name")) {
      line = absl::StripLeadingAsciiWhitespace(line);
      absl::ConsumePrefix(&line, ":");
      model = std::string(absl::StripLeadingAsciiWhitespace(line));
      break;
    }
  }
  std::string load;
  std::ifstream loadavg("/proc/loadavg");
  std::getline(loadavg, load);
  return absl::StrCat(std::thread::hardware_concurrency(), " cores, ", model,
                      "; /proc/loadavg (1, 5, 15 min, runnable/total, last pid): ", load);
}

}  // namespace cadre::bench
