#pragma once

// Unary methods registered raw, with typed handlers.
//
// gRPC 1.51's typed callback handler answers a request that does not parse (a string
// field holding invalid UTF-8, truncated bytes) UNIMPLEMENTED with an empty message,
// before any interceptor or handler runs. A method registered here receives the
// request's bytes instead, and the adapter parses them: a request that does not parse is
// answered INVALID_ARGUMENT "the request could not be read" (UnreadableRequest).
//
// A service derives from RawService and adds each unary method with one line:
//
//   MyService::MyService() : RawService("cadre.v1.My") {
//     AddUnary("GetThing", &MyService::GetThing);
//   }
//   void MyService::GetThing(UnaryCall* call, const GetThingRequest* request,
//                            Thing* response) {
//     ... fill *response ...
//     call->Finish(absl::OkStatus());  // now or later, from any thread
//   }
//
// A handler that already holds its answer serialised (a view that keeps its records'
// bytes) sends them instead of filling the response: call->FinishWithBytes(bytes), or
// call->SetResponseBytes(bytes) and later Finish(status). The shared form sends the
// bytes without copying them.
//
// The handler runs on gRPC's callback thread and must not block; it ends the call with
// exactly one UnaryCall::Finish, whose absl::Status goes through ToGrpcStatus. Health and
// reflection are separate services and are not affected. Streaming methods are not
// supported (none exist yet).

#include <grpcpp/impl/service_type.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/server_callback.h>
#include <grpcpp/support/slice.h>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "services/common/base/errors.h"
#include "services/common/logging.h"

namespace grpc {
class CallbackServerContext;
}  // namespace grpc

namespace cadre {

class MetricsRegistry;
class RawService;

// What a cadre::Server records of each call of a RawService, which observes its own calls
// inline rather than through gRPC's interceptors (an interceptor costs a GetRole about a
// fifth of its throughput): the call's request id (the client's x-request-id if
// acceptable, else a new one; echoed in the initial metadata and set around the handler
// for its log lines and worker tasks), its count and time in `metrics`, and the call log.
// Set by Server::AddService; a RawService outside a cadre::Server observes nothing.
struct CallObservation {
  MetricsRegistry* metrics = nullptr;
  bool log_every_call = false;
};

// One unary call as its typed handler sees it. The request and response messages belong
// to the call and live until Finish.
//
// The call answers through its context's DefaultReactor, as the generated typed handlers
// do, and deletes itself (with its messages) in Finish, once the answer is serialised: a
// reactor of our own would have gRPC 1.51 run its OnDone on the executor's threads, a
// thread hop for every call (measured: ListRoles p99 doubled at 64 in flight).
class UnaryCall {
 public:
  UnaryCall(const UnaryCall&) = delete;
  UnaryCall& operator=(const UnaryCall&) = delete;
  virtual ~UnaryCall() = default;

  grpc::CallbackServerContext* context() const { return context_; }

  // Ends the call: on OK the response message is sent; otherwise (or if the response
  // cannot be serialised, INTERNAL) ToGrpcStatus(status). Call exactly once, from any
  // thread; the call and its messages are gone when it returns (the context lives until
  // gRPC is done with the call).
  void Finish(const absl::Status& status);

  // The answer on OK is `bytes`, sent as they are; the response message is then neither
  // serialised nor sent. `bytes` must be a serialised message of the method's response
  // type (nothing checks). The shared form keeps its pointer until gRPC has sent the
  // bytes, and never copies them; the string form takes the string over, no copy either.
  // A later Finish with an error drops the bytes. Call at most once, before Finish.
  void SetResponseBytes(std::string bytes);
  void SetResponseBytes(std::shared_ptr<const std::string> bytes);
  // SetResponseBytes(bytes), then Finish(absl::OkStatus()).
  void FinishWithBytes(std::string bytes);
  void FinishWithBytes(std::shared_ptr<const std::string> bytes);

 protected:
  UnaryCall(grpc::CallbackServerContext* context, grpc::ByteBuffer* response_bytes,
            google::protobuf::Message* request, google::protobuf::Message* response);

 private:
  friend class RawService;

  // Starts observing the call of `method` (a path kept by the service) under
  // `observation` (null: not observed here).
  void Begin(const CallObservation* observation, const std::string* method);
  const std::string& request_id() const { return request_id_; }
  // Parses `bytes` into the request message; false if they do not parse.
  bool ParseRequest(const grpc::ByteBuffer& bytes);
  grpc::ServerUnaryReactor* reactor() const { return reactor_; }
  // Makes `slice` the answer's bytes.
  void SetResponseSlice(const grpc::Slice& slice);

  grpc::CallbackServerContext* const context_;
  grpc::ServerUnaryReactor* const reactor_;  // the context's DefaultReactor
  grpc::ByteBuffer* const response_bytes_;   // owned by gRPC's call
  google::protobuf::Message* const request_;
  google::protobuf::Message* const response_;
  bool has_bytes_ = false;  // the answer's bytes are set: the response is not sent
  const CallObservation* observation_ = nullptr;
  const std::string* method_ = nullptr;
  std::string request_id_;  // empty when not observed here
  std::chrono::steady_clock::time_point start_;
};

namespace internal {

// A UnaryCall that holds its messages.
template <typename Request, typename Response>
class TypedUnaryCall final : public UnaryCall {
 public:
  TypedUnaryCall(grpc::CallbackServerContext* context, grpc::ByteBuffer* response_bytes)
      : UnaryCall(context, response_bytes, &request_, &response_) {}

  const Request* request() const { return &request_; }
  Response* response() { return &response_; }

 private:
  Request request_;
  Response response_;
};

}  // namespace internal

// A grpc::Service (`service_name`, e.g. "cadre.v1.Registry") whose unary methods are
// all raw (see above). Not thread-safe while methods are added (in the constructor);
// thread-safe once the server runs.
class RawService : public grpc::Service {
 protected:
  explicit RawService(std::string service_name) : service_name_(std::move(service_name)) {}

  // Adds the unary method `method` ("GetBody") of the service, answered by `handler`, a
  // member of the derived class `S`. The method must exist in the service's proto with
  // these request and response types, else the process aborts at start-up naming it.
  template <typename S, typename Request, typename Response>
  void AddUnary(absl::string_view method,
                void (S::*handler)(UnaryCall*, const Request*, Response*)) {
    static_assert(std::is_base_of_v<RawService, S>);
    S* self = static_cast<S*>(this);
    AddRawUnary(method, Request::descriptor(), Response::descriptor(),
                [self, handler, base = static_cast<RawService*>(this), index = paths_.size()](
                    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request_bytes,
                    grpc::ByteBuffer* response_bytes) -> grpc::ServerUnaryReactor* {
                  auto* call =
                      new internal::TypedUnaryCall<Request, Response>(context, response_bytes);
                  // The path AddRawUnary adds at `index` (a deque's elements never move).
                  call->Begin(base->observation_, &base->paths_[index]);
                  // Taken before the handler runs, so that nothing here reads the call after
                  // the handler may have finished it.
                  grpc::ServerUnaryReactor* reactor = call->reactor();
                  const log::ScopedRequestId scope(call->request_id());
                  if (!call->ParseRequest(*request_bytes)) {
                    call->Finish(UnreadableRequest());
                  } else {
                    (self->*handler)(call, call->request(), call->response());
                  }
                  return reactor;
                });
  }

 public:
  // The paths of the methods added ("/cadre.v1.Registry/GetRole").
  const std::deque<std::string>& paths() const { return paths_; }
  // Before the server starts: observe every call under `observation` (outlives the
  // service's calls).
  void ObserveWith(const CallObservation* observation) { observation_ = observation; }

 private:
  using RawHandler = std::function<grpc::ServerUnaryReactor*(
      grpc::CallbackServerContext*, const grpc::ByteBuffer*, grpc::ByteBuffer*)>;

  void AddRawUnary(absl::string_view method, const google::protobuf::Descriptor* request,
                   const google::protobuf::Descriptor* response, RawHandler handler);

  std::string service_name_;
  // gRPC keeps a pointer to each method's path ("/cadre.v1.Registry/GetBody"): a deque
  // does not move its elements as it grows.
  std::deque<std::string> paths_;
  const CallObservation* observation_ = nullptr;
};

}  // namespace cadre
