#pragma once

// The server interceptor every Cadre call passes through: it gives the call a request id,
// then counts, times and (when failed, slow or asked to) logs it. Internal to the server
// bootstrap (services/common/server.cc).

#include <grpcpp/support/server_interceptor.h>

#include <chrono>
#include <string>

#include "services/common/metrics.h"

namespace cadre::internal {

// Metadata key carrying the request id, both ways.
inline constexpr char kRequestIdKey[] = "x-request-id";
// Calls slower than this are logged at info even when log_every_call is off.
inline constexpr std::chrono::milliseconds kSlowCall{100};

// 16 random lower-case hex characters.
std::string NewRequestId();

// A request id sent by a client is kept when it is 1-128 characters of [A-Za-z0-9._:/+=-]
// (UUIDs, trace ids); anything else is replaced, so logs never carry arbitrary bytes.
bool IsAcceptableRequestId(absl::string_view id);

// Creates one CallObserver per call. `metrics` must outlive every call (the Server
// destroys its gRPC server, which waits for calls, before its metrics).
class CallObserverFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  CallObserverFactory(MetricsRegistry* metrics, bool log_every_call)
      : metrics_(metrics), log_every_call_(log_every_call) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  MetricsRegistry* metrics_;
  bool log_every_call_;
};

}  // namespace cadre::internal
