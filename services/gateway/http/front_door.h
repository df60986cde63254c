#pragma once

// The gateway's HTTP server: cpp-httplib behind a narrow interface. Every route's handler
// is a function from HttpRequest to HttpResponse (http_types.h); the front door does what
// every response needs:
// - limits: request body (`max_body_bytes`, 413), header lines and the request line
//   (cpp-httplib's 8 KB each, 400/414), read and write timeouts that bound slow clients,
//   keep-alive limits, a fixed pool of `threads` (one a connection while it is open);
// - the anonymous rate limit per client address (rate_limiter.h): a request without an
//   `Authorization` header on a limited route answers 429 past the limit;
// - the security headers (security_headers.h) on every response;
// - gzip of its own (gzip.h) for text bodies of 1 KB or more when the client accepts it;
// - static files (static_assets.h) with long cache lifetimes and ETags;
// - an access log line a request (method, path without its query string, status, time,
//   request id; never the query, which can hold what someone searched for, nor the
//   address) and request metrics by route.
//
// Thread-safe: Route and the Set* calls before Start; Shutdown from any thread.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/common/base/clock.h"
#include "services/common/drainable.h"
#include "services/common/metrics.h"
#include "services/gateway/domain/rate_limiter.h"
#include "services/gateway/http/http_types.h"
#include "services/gateway/http/static_assets.h"

namespace cadre::gateway {

struct FrontDoorOptions {
  std::string host = "0.0.0.0";
  int port = 8080;  // 0: any free port (tests)
  // Request threads; each serves one connection at a time, so this bounds open
  // connections served at once (others wait in the accept queue).
  int threads = 64;
  int keep_alive_max_requests = 100;                     // per connection
  absl::Duration keep_alive_timeout = absl::Seconds(5);  // idle connection closed after
  absl::Duration read_timeout = absl::Seconds(10);       // one read of a request
  absl::Duration write_timeout = absl::Seconds(10);      // one write of a response
  size_t max_body_bytes = 64 << 10;                      // request body, bytes
  // PEM files: HTTPS when both are set (and HSTS on every response).
  std::string tls_cert_file;
  std::string tls_key_file;
  // Peer addresses (exact, e.g. a load balancer's) whose X-Forwarded-For is believed.
  std::vector<std::string> trusted_proxies;
  RateLimit anonymous_limit;
  bool log_every_request = true;  // else only 5xx and slow (>1 s) requests
};

struct RouteOptions {
  std::string name;  // the metrics' "route" label: "role", "connect"
  // Counted against the client address's anonymous limit.
  bool rate_limited = true;
  // Calls that carry an Authorization header are not counted (the services limit keyed
  // callers themselves): the Connect routes. Pages never read the header, so it never
  // exempts them.
  bool keyed_calls_exempt = false;
  // A page made to be framed by other sites (frame-ancestors *).
  bool frameable = false;
  // Errors the front door makes itself (429, 413) as Connect JSON rather than a page.
  bool json_errors = false;
  // The path holds a secret (a staff member's one-time set-up token): the request log
  // names the route instead of the path.
  bool secret_path = false;
};

using HttpHandler = std::function<void(const HttpRequest&, HttpResponse*)>;

// Fills a response for an error the front door itself finds (404 for no route, 429,
// 413, 500 for a handler that threw): the app renders its error page there.
using ErrorPageHandler = std::function<void(int status, const HttpRequest&, HttpResponse*)>;

class FrontDoor final : public Drainable {
 public:
  FrontDoor(FrontDoorOptions options, const Clock* clock, MetricsRegistry* metrics);
  ~FrontDoor() override;

  // `pattern` is a regular expression over the whole path ("/roles/([0-9]+)"), its
  // groups the handler's path_params. Methods: "GET" (HEAD too), "POST".
  void Route(const std::string& method, const std::string& pattern, RouteOptions options,
             HttpHandler handler);
  // Serves `assets` at /static/<version>/... and the NHS.UK icons at /assets/images/...
  void ServeStatic(const StaticAssets* assets);
  void SetErrorPage(ErrorPageHandler handler);
  // An extra condition for /readyz beyond "started and not draining".
  void SetReadinessCheck(std::function<bool()> ready);

  // Binds and serves on a background thread. UNAVAILABLE if the port cannot be bound;
  // INVALID_ARGUMENT if the TLS files cannot be used.
  absl::Status Start();
  int port() const { return port_; }
  bool tls() const;

  // Readiness turns false, the listening socket closes, requests in flight finish, then
  // the threads are joined. Idempotent.
  void Shutdown() override;
  // Blocks until Shutdown has finished.
  void Wait();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int port_ = -1;
};

}  // namespace cadre::gateway
