#pragma once

// The server interceptor for calls that are not a RawService's (health, reflection, typed
// services): it gives the call a request id, then counts, times and (when failed, slow or
// asked to) logs it. Raw methods do the same inline (raw_method.h), through RecordCall.
// Internal to the server bootstrap (services/common/server.cc).

#include <grpcpp/support/server_interceptor.h>

#include <chrono>
#include <set>
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

// Counts and times one finished call of `method` ("/cadre.v1.Registry/GetRole") in
// `metrics`, and logs it when it failed, was slow or `log_every_call`: what a CallObserver
// does for the calls it watches, and the raw-method adapter for its own calls.
void RecordCall(MetricsRegistry* metrics, const std::string& method, grpc::StatusCode code,
                std::chrono::steady_clock::duration took, const std::string& request_id,
                bool log_every_call);

// Creates one CallObserver per call, except for the methods in `observed_elsewhere`
// (raw methods, which observe themselves inline: an interceptor costs a GetRole about a
// fifth of its throughput in gRPC's interceptor machinery). `metrics` must outlive every
// call (the Server destroys its gRPC server, which waits for calls, before its metrics).
class CallObserverFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  CallObserverFactory(MetricsRegistry* metrics, bool log_every_call,
                      std::set<std::string> observed_elsewhere = {})
      : metrics_(metrics),
        log_every_call_(log_every_call),
        observed_elsewhere_(std::move(observed_elsewhere)) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  MetricsRegistry* metrics_;
  bool log_every_call_;
  const std::set<std::string> observed_elsewhere_;
};

}  // namespace cadre::internal
