#pragma once

// The measurements of staff_pages_bench (issue 10), --repeats runs of, back to back: at
// `in_flight`, the anonymous role page (/roles/{id}: the baseline) and the role's
// applicants page for its staff (/staff/roles/{id}/applicants, every thread the
// recruiter's session cookie), each answer's Server-Timing (session, upstream, render,
// total) added up; then upstream calls alone over gRPC with the recruiter's staff key, at
// 1 and at `in_flight` callers: the page's two, the registry's GetRole and matching's
// RankApplicants (the page's 50 and the counts awaiting each step), and matching's
// ListApplications of the role (page_size 1: the counts as the page read them before
// RankApplicants answered them, for comparison). Every answer must be OK (200 for the pages) and
// the applicants page must list the rows it should; otherwise the measurement fails. With `watched`
// processes, the CPU each spent per request or call of every measurement (and Redis's commands per
// call, with `redis_port`).

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "bench/cost_probe.h"
#include "bench/http_load.h"
#include "bench/load_generator.h"

namespace cadre::bench {

struct StaffPagesSetup {
  std::string gateway_host;  // "127.0.0.1"
  int gateway_port = 0;
  std::string registry;       // gRPC "127.0.0.1:PORT"
  std::string matching;       // gRPC "127.0.0.1:PORT"
  std::string role;           // "roles/{id}", open, of the recruiter's body
  std::string cookie;         // the recruiter's Cookie header, from the gateway's form
  std::string staff_key;      // the recruiter's key, from SignInStaff
  int live_applications = 0;  // the role's, all of which RankApplicants ranks
  int in_flight = 16;
  int repeats = 1;
  HttpLoadOptions http;  // warm-up, window and timeout; in_flight set per measurement
  LoadOptions grpc;      // the same for the gRPC calls (driver threads, calls per channel)
  std::vector<WatchedProcess> watched;  // "gateway", "matching", ... and their pids
  int redis_port = 0;                   // the services' Redis, for its commandstats (0: none)
};

// Probes, measures and appends the summary markdown to `summary` (each run's table goes
// to stdout as it is measured, progress to stderr). FAILED_PRECONDITION when a probe
// fails, the applicants page lists the wrong number of rows, or any answer of a
// measurement was an error (its first error named).
absl::Status MeasureStaffPages(const StaffPagesSetup& s, std::string* summary);

}  // namespace cadre::bench
