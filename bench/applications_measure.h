#pragma once

// The measurements of applications_bench: RecommendRoles beside GetRole, SubmitApplication
// against the no-op service with its costs, and acceptances racing for places, --repeats
// times, with their summary tables (bench/applications_report.h).

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "bench/application_calls.h"
#include "bench/cost_probe.h"
#include "bench/load_generator.h"
#include "bench/matching_calls.h"

namespace cadre::bench {

// Everything one run measures with.
struct Setup {
  std::string matching;
  std::string registry;
  std::string noop;
  std::string admin_key;
  std::string body_key;
  std::vector<std::string> roles;
  // Everyone signed up: first the --applicants RecommendRoles uses, who never apply (so
  // that every one has the same open roles to be recommended); then the others, whom
  // SubmitApplication shares (the first --submit_applicants) and who race (the first
  // racers).
  std::vector<BenchApplicant> people;
  std::vector<BenchApplicant> recommenders;
  std::vector<BenchApplicant> others;
  std::vector<BenchApplicant> submitters;
  std::vector<BenchApplicant> racers;
  std::vector<int> recommend_in_flights;
  std::vector<int> submit_in_flights;
  std::map<int, std::unique_ptr<SubmitPlan>> plans;  // by in-flight count
  bool recommend = false;                            // RecommendRoles answered the probe
  std::vector<WatchedProcess> watched;
  int redis_port = 0;
  LoadOptions load;
};

// Waits for the services, makes the body's key, signs the applicants up, probes each
// call once, then measures --repeats runs. Appends the summary to `summary`.
absl::Status MeasureAll(Setup& s, std::string* summary);

}  // namespace cadre::bench
