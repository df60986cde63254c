#pragma once

// A small HTTP endpoint beside the gRPC port for Prometheus and plain HTTP probes:
//   GET /metrics  the registry in the text exposition format (200)
//   GET /healthz  200 "ok" while `serving()` says so, else 503 "not serving"
// Internal to the server bootstrap (services/common/server.cc). cpp-httplib stays out of
// this header so only metrics_http.cc compiles it.

#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "services/common/metrics.h"

namespace cadre::internal {

class MetricsHttpServer {
 public:
  // `metrics` and whatever `serving` reads must outlive Stop().
  MetricsHttpServer(MetricsRegistry* metrics, std::function<bool()> serving);
  ~MetricsHttpServer();  // Stops.

  // Binds `host:port` (port 0: a free port) and serves on a background thread.
  // UNAVAILABLE if the port cannot be bound.
  absl::Status Start(const std::string& host, int port);
  int port() const { return port_; }
  // Closes the socket and joins the thread; idempotent.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int port_ = -1;
};

}  // namespace cadre::internal
