#pragma once

// A closed-loop load generator on gRPC's asynchronous completion-queue client API.
//
// `in_flight` call slots each keep exactly one call outstanding: when a call completes,
// its slot records the latency and starts the next one at once (closed loop: the offered
// load adapts to the server, so QPS and latency are measured together, not a queue).
// Slots are spread over `driver_threads` threads, each with its own CompletionQueue, and
// over ceil(in_flight / calls_per_channel) channels. Every channel gets its own TCP
// connection: the channels are built with a local subchannel pool and a distinct channel
// argument, otherwise gRPC would share one subchannel (one connection) between them.
//
// Slots come in two kinds: TypedCallSlot parses every answer as an application would;
// RawCallSlot keeps answers as bytes, so the client spends less of the shared CPU. Either
// may send fixed metadata (an API key) with every call, and metadata of each call's own
// (a key picked with the request); the registry's slots send none.
//
// Timing: calls completing during the warm-up are discarded; calls completing inside the
// measurement window are counted (QPS = completions / window) and their latencies kept;
// then no new calls start and the outstanding ones are drained (each call has a deadline,
// so the drain is bounded). LoadOptions::calls_per_slot bounds the calls a slot makes:
// for a burst of one-shot calls, or a window cut short when a guard would refuse more.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "cadre/v1/registry.grpc.pb.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/grpcpp.h"

namespace cadre::bench {

using BenchClock = std::chrono::steady_clock;

// One slot: owns the request, response, context and status of its current call.
// Used by one driver thread at a time; not thread-safe.
class CallSlot {
 public:
  virtual ~CallSlot() = default;
  // Starts the next call on `cq`; its completion is tagged with `this`.
  virtual void Start(grpc::CompletionQueue* cq, std::mt19937_64& rng) = 0;
  virtual const grpc::Status& status() const = 0;

  BenchClock::time_point start_time;
  int64_t calls_started = 0;  // counted by the driver (LoadOptions::calls_per_slot)
};

// Metadata sent with every call of a slot (e.g. {"authorization", "Bearer <key>"}).
using CallMetadata = std::vector<std::pair<std::string, std::string>>;

// What both slot kinds share: the request and how each call's is written, the metadata
// and the deadline. `Fill` writes the request of each call (it may pick, e.g., a random
// role id with `rng`); `FillWithMetadata` may also add metadata to that call alone (e.g.
// the key of the applicant it picked), sent after the slot's fixed `metadata`.
template <typename Request>
class RequestSlot : public CallSlot {
 public:
  using Fill = std::function<void(std::mt19937_64&, Request*)>;
  using FillWithMetadata = std::function<void(std::mt19937_64&, Request*, CallMetadata*)>;

 protected:
  RequestSlot(FillWithMetadata fill, absl::Duration deadline, CallMetadata metadata)
      : fill_(std::move(fill)), deadline_(deadline), metadata_(std::move(metadata)) {}
  static FillWithMetadata WithoutCallMetadata(Fill fill) {
    return [fill = std::move(fill)](std::mt19937_64& rng, Request* request,
                                    CallMetadata* /*metadata*/) { fill(rng, request); };
  }

  // Writes the next call's request (and its own metadata).
  void FillRequest(std::mt19937_64& rng) {
    call_metadata_.clear();
    fill_(rng, &request_, &call_metadata_);
  }
  // A fresh context for the next call (a ClientContext serves one call only), with the
  // metadata and the deadline; the call's start time is now.
  grpc::ClientContext* NewContext() {
    context_ = std::make_unique<grpc::ClientContext>();
    for (const auto& [key, value] : metadata_) {
      context_->AddMetadata(key, value);
    }
    for (const auto& [key, value] : call_metadata_) {
      context_->AddMetadata(key, value);
    }
    start_time = BenchClock::now();
    context_->set_deadline(std::chrono::system_clock::now() + absl::ToChronoNanoseconds(deadline_));
    return context_.get();
  }

  Request request_;

 private:
  FillWithMetadata fill_;
  absl::Duration deadline_;
  CallMetadata metadata_;
  CallMetadata call_metadata_;
  std::unique_ptr<grpc::ClientContext> context_;
};

// A slot for one unary method of `Service` (a generated service class: Registry,
// Matching...), parsing each answer into `Response` as a real client would. `prepare` is
// the stub's PrepareAsync method; `metadata` goes with every call.
template <typename Request, typename Response, typename Service = cadre::v1::Registry>
class TypedCallSlot : public RequestSlot<Request> {
 public:
  using Stub = typename Service::Stub;
  using Prepare = std::unique_ptr<grpc::ClientAsyncResponseReader<Response>> (Stub::*)(
      grpc::ClientContext*, const Request&, grpc::CompletionQueue*);
  using typename RequestSlot<Request>::Fill;
  using typename RequestSlot<Request>::FillWithMetadata;

  TypedCallSlot(const std::shared_ptr<grpc::Channel>& channel, Prepare prepare, Fill fill,
                absl::Duration deadline, CallMetadata metadata = {})
      : TypedCallSlot(channel, prepare, RequestSlot<Request>::WithoutCallMetadata(std::move(fill)),
                      deadline, std::move(metadata)) {}
  TypedCallSlot(const std::shared_ptr<grpc::Channel>& channel, Prepare prepare,
                FillWithMetadata fill, absl::Duration deadline, CallMetadata metadata = {})
      : RequestSlot<Request>(std::move(fill), deadline, std::move(metadata)),
        stub_(Service::NewStub(channel)),
        prepare_(prepare) {}

  void Start(grpc::CompletionQueue* cq, std::mt19937_64& rng) override {
    this->FillRequest(rng);
    grpc::ClientContext* context = this->NewContext();
    reader_ = (stub_.get()->*prepare_)(context, this->request_, cq);
    reader_->StartCall();
    reader_->Finish(&response_, &status_, this);
  }
  const grpc::Status& status() const override { return status_; }

 private:
  std::unique_ptr<Stub> stub_;
  Prepare prepare_;
  Response response_;
  grpc::Status status_;
  std::unique_ptr<grpc::ClientAsyncResponseReader<Response>> reader_;
};

// The same call through the generic stub: the request is serialised as usual but the
// answer is kept as bytes, not parsed. On a 2-core machine where client and server share
// the CPU, parsing a 50-role page costs the client about as much as the server spends
// writing it, and that CPU would be taken from the server under test.
template <typename Request>
class RawCallSlot : public RequestSlot<Request> {
 public:
  using typename RequestSlot<Request>::Fill;
  using typename RequestSlot<Request>::FillWithMetadata;

  // `method` is the full method name, e.g. "/cadre.v1.Registry/GetRole"; `metadata` goes
  // with every call (none by default, as the registry's public reads need no key).
  RawCallSlot(const std::shared_ptr<grpc::Channel>& channel, std::string method, Fill fill,
              absl::Duration deadline, CallMetadata metadata = {})
      : RawCallSlot(channel, std::move(method),
                    RequestSlot<Request>::WithoutCallMetadata(std::move(fill)), deadline,
                    std::move(metadata)) {}
  RawCallSlot(const std::shared_ptr<grpc::Channel>& channel, std::string method,
              FillWithMetadata fill, absl::Duration deadline, CallMetadata metadata = {})
      : RequestSlot<Request>(std::move(fill), deadline, std::move(metadata)),
        stub_(channel),
        method_(std::move(method)) {}

  void Start(grpc::CompletionQueue* cq, std::mt19937_64& rng) override {
    this->FillRequest(rng);
    const std::string bytes = this->request_.SerializeAsString();
    grpc::Slice slice(bytes);
    grpc::ByteBuffer buffer(&slice, 1);
    grpc::ClientContext* context = this->NewContext();
    reader_ = stub_.PrepareUnaryCall(context, method_, buffer, cq);
    reader_->StartCall();
    reader_->Finish(&response_, &status_, this);
  }
  const grpc::Status& status() const override { return status_; }

 private:
  grpc::GenericStub stub_;
  std::string method_;
  grpc::ByteBuffer response_;
  grpc::Status status_;
  std::unique_ptr<grpc::GenericClientAsyncResponseReader> reader_;
};

// Builds the slot for one channel; called once per slot before the run.
using SlotFactory = std::function<std::unique_ptr<CallSlot>(const std::shared_ptr<grpc::Channel>&)>;

struct LoadOptions {
  int in_flight = 1;          // calls outstanding at every moment, 1–4096
  int driver_threads = 1;     // threads polling completion queues (capped at in_flight)
  int calls_per_channel = 8;  // in-flight calls sharing one channel (one TCP connection)
  absl::Duration warmup = absl::Seconds(1);
  absl::Duration duration = absl::Seconds(5);
  absl::Duration call_deadline = absl::Seconds(5);
  // 0: no limit. Otherwise each slot makes at most this many calls, warm-up included
  // (for calls that can each be made only once, or only so many times: acceptances, or
  // applications under a guard on how many one person may hold). What happens when a
  // slot has made them depends on `stop_at_first_done`.
  int64_t calls_per_slot = 0;
  // With calls_per_slot: true (a window cut short) ends the window for every slot as soon
  // as the first one has made its calls, so that the number in flight holds steady to
  // the end, and the figures are over the window so far; false (a burst) lets each slot
  // make all its calls and the figures are over the time from the window's start to the
  // last completion (or the end of the window, if that comes first).
  bool stop_at_first_done = false;
};

struct LoadResult {
  int64_t calls = 0;   // completed OK inside the window
  int64_t errors = 0;  // completed with a non-OK status inside the window
  std::string first_error;
  std::map<grpc::StatusCode, int64_t> error_codes;  // the errors by status code
  int64_t calls_made = 0;                           // every call made, warm-up and drain included
  double seconds = 0;  // the time measured: the window, or less (see calls_per_slot)
  double qps = 0;      // OK calls per second measured
  double p50_ms = 0;   // latency percentiles of the OK calls, milliseconds
  double p99_ms = 0;
};

// Runs one closed-loop measurement against `target` ("127.0.0.1:PORT", plaintext).
// Blocks for about warmup + duration (+ the drain of outstanding calls).
LoadResult RunClosedLoop(const std::string& target, const SlotFactory& factory,
                         const LoadOptions& options);

}  // namespace cadre::bench
