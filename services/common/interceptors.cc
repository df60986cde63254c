#include "services/common/interceptors.h"

#include <grpcpp/server_context.h>

#include <random>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "services/common/logging.h"
#include "services/common/server.h"

namespace cadre {
namespace internal {
namespace {

using grpc::experimental::InterceptionHookPoints;

constexpr char kRequestsTotal[] = "cadre_grpc_requests_total";
constexpr char kRequestsHelp[] = "gRPC calls handled, by method and status code.";
constexpr char kDuration[] = "cadre_grpc_request_duration_seconds";
constexpr char kDurationHelp[] =
    "Time from a call's arrival to its status being sent, seconds, by method.";

// Codes that mean the server, not the caller, could not do its part. RESOURCE_EXHAUSTED
// is the caller's own (its rate limit, a message too large); a busy server answers
// UNAVAILABLE.
bool IsServerFault(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::DATA_LOSS:
    case grpc::StatusCode::UNIMPLEMENTED:
      return true;
    default:
      return false;
  }
}

// Watches one call. gRPC runs the hooks of one call one after another and destroys the
// interceptor with the call's context, after its last hook.
class CallObserver : public grpc::experimental::Interceptor {
 public:
  CallObserver(const char* method, MetricsRegistry* metrics, bool log_every_call)
      : method_(method != nullptr ? method : ""),
        metrics_(metrics),
        log_every_call_(log_every_call),
        start_(std::chrono::steady_clock::now()) {}

  ~CallObserver() override { Record(); }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    const bool starts_handler =
        methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA);
    if (starts_handler) {
      AdoptRequestId(methods->GetRecvInitialMetadata());
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      if (auto* md = methods->GetSendInitialMetadata(); md != nullptr && !request_id_.empty()) {
        md->emplace(kRequestIdKey, request_id_);
      }
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      code_ = methods->GetSendStatus().error_code();
      end_ = std::chrono::steady_clock::now();
      status_sent_ = true;
    }
    if (starts_handler) {
      // gRPC starts the handler inside the Proceed of the call's first batch, on this
      // thread, once the interceptors (all synchronous) have run: with the id set around
      // it, the handler's log lines, and the work it submits to a WorkerPool, carry the
      // call's request id.
      log::ScopedRequestId scope(request_id_);
      methods->Proceed();
      return;
    }
    methods->Proceed();
  }

 private:
  // Keeps the client's id, or makes one and puts it in the received metadata, so that
  // RequestId(context) and the logs agree. The map holds string_refs: `request_id_`
  // lives as long as the call's context, which owns this interceptor.
  void AdoptRequestId(std::multimap<grpc::string_ref, grpc::string_ref>* md) {
    if (md == nullptr) {
      return;
    }
    auto it = md->find(kRequestIdKey);
    if (it != md->end() &&
        IsAcceptableRequestId(absl::string_view(it->second.data(), it->second.size()))) {
      request_id_.assign(it->second.data(), it->second.size());
      return;
    }
    md->erase(kRequestIdKey);
    request_id_ = NewRequestId();
    md->emplace(grpc::string_ref(kRequestIdKey), grpc::string_ref(request_id_));
  }

  void Record() {
    if (!status_sent_) {
      // The call ended without a status from the handler: the client went away or the
      // server cancelled it while draining.
      code_ = grpc::StatusCode::CANCELLED;
      end_ = std::chrono::steady_clock::now();
    }
    RecordCall(metrics_, method_, code_, end_ - start_, request_id_, log_every_call_);
  }

  std::string method_;
  MetricsRegistry* metrics_;
  bool log_every_call_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point end_;
  grpc::StatusCode code_ = grpc::StatusCode::OK;
  bool status_sent_ = false;
  std::string request_id_;
};

}  // namespace

std::string NewRequestId() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return absl::StrFormat("%016x", rng());
}

bool IsAcceptableRequestId(absl::string_view id) {
  if (id.empty() || id.size() > 128) {
    return false;
  }
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == ':' || c == '/' || c == '+' || c == '=' ||
                    c == '-';
    if (!ok) {
      return false;
    }
  }
  return true;
}

void RecordCall(MetricsRegistry* metrics, const std::string& method, grpc::StatusCode code,
                std::chrono::steady_clock::duration took, const std::string& request_id,
                bool log_every_call) {
  const auto status_code = static_cast<absl::StatusCode>(code);
  const std::string code_name = absl::StatusCodeToString(status_code);
  // Unknown method names come from clients: keep them out of metric labels, whose
  // number must stay bounded.
  const std::string method_label = code == grpc::StatusCode::UNIMPLEMENTED ? "unknown" : method;
  const double seconds = std::chrono::duration<double>(took).count();
  metrics->AddCounter(kRequestsTotal, {{"method", method_label}, {"code", code_name}}, 1,
                      kRequestsHelp);
  metrics->ObserveSeconds(kDuration, {{"method", method_label}}, seconds, kDurationHelp);

  // A call the server could not serve is a warning; one refused for the caller's own
  // reasons (bad input, no access, not found, wrong state) is routine, logged at info.
  log::Level level = log::Level::kInfo;
  const bool server_fault = IsServerFault(code);
  if (server_fault) {
    level = log::Level::kWarn;
  } else if (code == grpc::StatusCode::OK && !log_every_call && took <= kSlowCall) {
    return;
  }
  if (!log::Enabled(level)) {
    return;
  }
  const char* msg = code == grpc::StatusCode::OK ? "call"
                    : server_fault               ? "call failed"
                                                 : "call refused";
  log::Write(level, msg,
             {{"method", method},
              {"code", code_name},
              {"duration_ms", absl::StrFormat("%.3f", seconds * 1000)},
              {"request_id", request_id}});
}

grpc::experimental::Interceptor* CallObserverFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  if (info->method() != nullptr && observed_elsewhere_.contains(info->method())) return nullptr;
  return new CallObserver(info->method(), metrics_, log_every_call_);
}

}  // namespace internal

std::string RequestId(const grpc::ServerContextBase& context) {
  const auto& md = context.client_metadata();
  auto it = md.find(internal::kRequestIdKey);
  if (it == md.end()) {
    return "";
  }
  return std::string(it->second.data(), it->second.size());
}

}  // namespace cadre
