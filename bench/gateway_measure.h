#pragma once

// The measurements of gateway_bench (issue 8), --repeats runs of:
//   - at each of `in_flights`: GetRole of a random seeded role over gRPC straight to the
//     registry, then the same as Connect JSON through the gateway; then ListRoles
//     (page_size `list_page_size`, no filter) over gRPC, then as JSON; back to back, so
//     that drift affects each pair alike;
//   - at each of `page_in_flights`: both JSON reads without gzip (Accept-Encoding:
//     identity), the home page, a random role's page, a random body's page and the search
//     page with one of `search_paths` at random (each page only when it answers 200 to a
//     probe);
//   - the gateway's JSON and gzip work alone, in this process (transcode_cost.h), and its
//     way of waiting for the registry against another (upstream_cost.h);
// with the CPU each watched process spent per call; then the home page's weight once.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "bench/cost_probe.h"
#include "bench/http_load.h"
#include "bench/load_generator.h"

namespace cadre::bench {

struct GatewaySetup {
  std::string registry;      // "127.0.0.1:R", gRPC
  std::string gateway_host;  // "127.0.0.1"
  int gateway_port = 0;
  std::vector<std::string> roles;  // "roles/{id}" of the seeded open roles
  std::vector<int> in_flights;
  std::vector<int> page_in_flights;
  int list_page_size = 20;
  std::vector<std::string> body_paths;    // "/bodies/{code}" of the seeded bodies
  std::vector<std::string> search_paths;  // "/search?q=..." each
  std::string weight_path = "/";
  int repeats = 1;
  LoadOptions grpc;      // warm-up, window and deadline shared by the HTTP loads
  HttpLoadOptions http;  // in_flight and accept_gzip set per measurement
  absl::Duration transcode_per_step = absl::Milliseconds(300);
  int upstream_calls = 1000;  // per thread, at 1 and 16 threads (0: not measured)
  std::vector<WatchedProcess> watched;
  int redis_port = 0;
};

// Probes every call once, measures `repeats` runs (printing each run's table to stdout,
// progress to stderr) and appends the summary markdown to `summary`. A failing probe of
// the JSON or gRPC reads is an error; a page that does not answer 200 is left out, and
// the summary says so.
absl::Status MeasureGateway(const GatewaySetup& s, std::string* summary);

}  // namespace cadre::bench
