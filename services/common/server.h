#pragma once

// The bootstrap every Cadre service runs on:
// - a gRPC server (callback or sync services) on `port`, TLS or mTLS when certificate
//   files are given, a message size cap;
// - `grpc.health.v1` health: SERVING while Redis answers PING (checked every
//   `health_interval`) and the service's own readiness check passes, NOT_SERVING
//   otherwise, for the overall server ("") and for `service_name`;
// - server reflection;
// - interceptors that give each call a request id (from `x-request-id` metadata, or a
//   new one), log it as JSON, and count it in metrics;
// - Prometheus `/metrics` over HTTP on `metrics_port`;
// - graceful drain: on SIGTERM or SIGINT, health turns NOT_SERVING, new calls are
//   refused, calls in flight get up to `drain_timeout` to finish.
// SIGPIPE is ignored (a write to a socket Redis closed must not kill the process).

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/common/drainable.h"
#include "services/common/metrics.h"

namespace grpc {
class Service;
class ServerContext;
class CallbackServerContext;
class ServerContextBase;
}  // namespace grpc

namespace cadre {

class RedisClient;

struct ServerOptions {
  std::string service_name;  // e.g. "cadre.v1.Registry" for health, "registry" for logs
  std::string host = "0.0.0.0";
  int port = 0;               // 0: pick a free port (tests)
  int metrics_port = 0;       // 0: pick a free port; -1: no metrics endpoint
  std::string tls_cert_file;  // PEM; TLS when set together with tls_key_file
  std::string tls_key_file;
  std::string tls_client_ca_file;  // PEM; when set, clients must present a cert (mTLS)
  int max_message_bytes = 1 << 20;
  std::chrono::milliseconds health_interval{500};
  std::chrono::milliseconds drain_timeout{10000};
  bool log_every_call = false;  // otherwise only failed and slow (>100 ms) calls
};

// Thread-safe for Shutdown from any thread (including a signal watcher).
class Server final : public Drainable {
 public:
  Server(ServerOptions options, RedisClient* redis);
  ~Server() override;

  // Before Start. The services must outlive the Server.
  void AddService(grpc::Service* service);
  // Before Start. An extra condition for SERVING (e.g. "the in-memory view is loaded").
  // Called on the health thread every `health_interval`: cheap and thread-safe.
  void SetReadinessCheck(std::function<bool()> ready);

  // Binds and starts serving; health has its first verdict before it returns.
  // UNAVAILABLE if a port cannot be bound; INVALID_ARGUMENT if TLS files are missing,
  // unreadable or not PEM; FAILED_PRECONDITION if called twice or after Shutdown.
  absl::Status Start();
  int port() const;          // the bound port, after Start
  int metrics_port() const;  // the bound metrics port, after Start (-1 if none)

  // Blocks until Shutdown has finished.
  void Wait();
  // Graceful drain; idempotent (a second caller waits for the first). Health turns
  // NOT_SERVING (and /healthz 503), new calls are refused, calls in flight get
  // `drain_timeout` and are then cancelled; returns once every handler has returned, so
  // handlers must end when cancelled (a reactor: in OnCancel). Never call from a handler.
  void Shutdown() override;

  // Makes SIGTERM and SIGINT call Shutdown on `server`, and ignores SIGPIPE. Call once
  // from main, after Start. A second SIGTERM or SIGINT while draining exits at once
  // (status 1). Destroying the Server unregisters it.
  static void ShutdownOnSignals(Server* server);

  MetricsRegistry& metrics();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Blocks SIGTERM and SIGINT in the calling thread, so that every thread it creates later
// (gRPC's, Redis pools', ...) inherits the mask and the signal goes to the watcher thread
// of ShutdownOnSignals instead of interrupting a system call elsewhere; and ignores
// SIGPIPE. Call first thing in main, before any thread exists. Optional: without it
// ShutdownOnSignals still works, but any thread may take the signal.
void BlockShutdownSignals();

// The call's request id: the `x-request-id` the client sent, else one the server made
// for this call (the interceptor adds it to the call's metadata so both agree).
std::string RequestId(const grpc::ServerContextBase& context);

}  // namespace cadre
