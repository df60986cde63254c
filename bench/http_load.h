#pragma once

// A closed-loop HTTP/1.1 load generator with cpp-httplib's blocking client, the HTTP
// counterpart of load_generator.h (and with its LoadResult, so that report.h's tables
// print both).
//
// `in_flight` threads each own one keep-alive httplib::Client and keep exactly one request
// outstanding: when an answer arrives the thread records its latency and sends the next
// request at once. A blocking client needs a thread a request in flight (gRPC's
// completion-queue client needs one thread for all of them), so at 64 in flight the load
// generator runs 64 threads; its CPU per call is reported beside the servers'.
//
// Before the clock starts every thread opens its connection, one after another (see
// http_load.cc). Timing as in load_generator.h: answers arriving during the warm-up are
// discarded;
// answers arriving inside the window are counted (QPS = OK answers / window) and their
// latencies (request sent to body read) kept; then no new request starts, and the ones
// outstanding finish (each bounded by the timeout). An answer is an error when the
// request failed (connection refused or reset, timeout), its status is not 2xx, or its
// body fails HttpLoadOptions::check_body.
// When the server closes a keep-alive connection (the gateway's --keep_alive_requests),
// the client opens a new one for its next request, inside that request's time.

#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "bench/load_generator.h"

namespace cadre::bench {

// One request. `body` and `content_type` are sent with POST only.
struct HttpCall {
  std::string method = "GET";  // "GET" or "POST"
  std::string path;            // with its query string: "/search?q=diabetes"
  std::string body;
  std::string content_type;
  std::vector<std::pair<std::string, std::string>> headers;  // besides Accept-Encoding
};

// Writes the next request of a thread (it may pick a random role with `rng`).
using HttpFill = std::function<void(std::mt19937_64& rng, HttpCall* call)>;
// The fill of thread `thread` (0 to in_flight - 1), called once on each thread before it
// connects: e.g. each thread a signed-in person's cookie of its own.
using HttpFillFor = std::function<HttpFill(int thread)>;

struct HttpLoadOptions {
  int in_flight = 1;  // threads, one request outstanding each, 1–1024
  absl::Duration warmup = absl::Seconds(1);
  absl::Duration duration = absl::Seconds(5);
  absl::Duration timeout = absl::Seconds(5);  // connect, read and write, each
  // true: "Accept-Encoding: gzip" and the client inflates gzipped answers, as a browser
  // does; false: "Accept-Encoding: identity".
  bool accept_gzip = true;
  // A response header whose value `observe` is given, with the thread's index, for each
  // 2xx answer inside the window (e.g. "Server-Timing"); called on the sending thread,
  // so per-thread tallies need no lock. Empty: nothing observed.
  std::string observe_header;
  std::function<void(int thread, const std::string& value)> observe;
  // Called with the (decoded) body of each 2xx answer inside the window, on the sending
  // thread: a non-empty return counts the answer as an error, that text its reason (e.g. a
  // page that answered 200 without the rows it should list). Unset: no check.
  std::function<std::string(const std::string& body)> check_body;
};

// Runs one closed-loop measurement against http://`host`:`port`. Blocks for about
// warmup + duration (+ the outstanding requests). LoadResult::error_codes stays empty
// (it counts gRPC codes); first_error says what went wrong ("HTTP 404", "Read").
LoadResult RunHttpClosedLoop(const std::string& host, int port, const HttpFill& fill,
                             const HttpLoadOptions& options);
// The same with a fill of its own for each thread.
LoadResult RunHttpClosedLoopByThread(const std::string& host, int port, const HttpFillFor& fill_for,
                                     const HttpLoadOptions& options);

// One request outside any measurement, with the same client settings; the status (0 when
// the request failed) and the decoded body.
struct HttpAnswer {
  int status = 0;
  std::string error;  // why the request failed, when status is 0
  std::string body;
  std::map<std::string, std::string> headers;  // names as the server sent them
};
HttpAnswer HttpOnce(const std::string& host, int port, const HttpCall& call, bool accept_gzip,
                    absl::Duration timeout = absl::Seconds(5));

// Polls the gateway's GET /readyz every 100 ms until it answers 200; DEADLINE_EXCEEDED
// after `timeout`.
absl::Status WaitUntilGatewayReady(const std::string& host, int port, absl::Duration timeout);

}  // namespace cadre::bench
