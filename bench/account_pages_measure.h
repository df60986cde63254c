#pragma once

// The measurements of account_pages_bench (issue 9), --repeats runs of, back to back at
// `in_flight`: the anonymous role page (/roles/{id} of a random seeded role: the
// baseline), then each of `pages` (a signed-in person's: "/applications", "/for-you")
// with every thread its own person's session cookie. Each answer's Server-Timing header
// (session, upstream, render, total) is added up, so that the report can say where a
// page's time goes. A page that does not answer 200 to a probe is left out, and the
// summary says so.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "bench/http_load.h"

namespace cadre::bench {

struct AccountPagesSetup {
  std::string gateway_host;  // "127.0.0.1"
  int gateway_port = 0;
  std::vector<std::string> roles;    // "roles/{id}" of the seeded open roles
  std::vector<std::string> cookies;  // each signed-in person's Cookie header
  std::vector<std::string> pages;    // "/applications", "/for-you"
  int in_flight = 16;
  int repeats = 1;
  HttpLoadOptions http;  // warm-up, window and timeout; in_flight set per measurement
};

// Probes, measures and appends the summary markdown to `summary` (each run's table goes
// to stdout as it is measured, progress to stderr). FAILED_PRECONDITION when the
// baseline's probe fails or no page of a person answers.
absl::Status MeasureAccountPages(const AccountPagesSetup& s, std::string* summary);

}  // namespace cadre::bench
