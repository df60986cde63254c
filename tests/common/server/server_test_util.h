#pragma once

// Helpers for the server bootstrap tests: a tiny Registry service, a health client, an
// HTTP GET, and waiting for a condition with a deadline.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "cadre/v1/registry.grpc.pb.h"
#include "health.grpc.pb.h"
#include "services/common/server.h"
#include "tests/support/wait_for.h"

namespace cadre::testing {

using HealthStatus = grpc::health::v1::HealthCheckResponse::ServingStatus;

// GetBody answers at once: NOT_FOUND for "bodies/missing", else the name back. It
// records RequestId(context) of each call.
// GetRole holds the call until Release() or until the call is cancelled.
class TestRegistry final : public cadre::v1::Registry::CallbackService {
 public:
  grpc::ServerUnaryReactor* GetBody(grpc::CallbackServerContext* context,
                                    const cadre::v1::GetBodyRequest* request,
                                    cadre::v1::Body* response) override {
    {
      absl::MutexLock lock(&mu_);
      request_ids_.push_back(RequestId(*context));
    }
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    if (request->name() == "bodies/missing") {
      reactor->Finish(grpc::Status(grpc::StatusCode::NOT_FOUND, "no such body"));
    } else {
      response->set_name(request->name());
      reactor->Finish(grpc::Status::OK);
    }
    return reactor;
  }

  grpc::ServerUnaryReactor* GetRole(grpc::CallbackServerContext*,
                                    const cadre::v1::GetRoleRequest* request,
                                    cadre::v1::Role* response) override {
    response->set_name(request->name());
    auto* held = new HeldCall(this);
    {
      absl::MutexLock lock(&mu_);
      held_.push_back(held);
      ++held_started_;
    }
    return held;
  }

  std::vector<std::string> request_ids() {
    absl::MutexLock lock(&mu_);
    return request_ids_;
  }
  int held_started() {
    absl::MutexLock lock(&mu_);
    return held_started_;
  }
  // Finishes every held call with OK.
  void Release() {
    absl::MutexLock lock(&mu_);
    for (HeldCall* held : held_) {
      held->FinishOnce(grpc::Status::OK);
    }
  }

 private:
  class HeldCall : public grpc::ServerUnaryReactor {
   public:
    explicit HeldCall(TestRegistry* owner) : owner_(owner) {}
    void FinishOnce(const grpc::Status& status) {
      std::call_once(finished_, [&] { Finish(status); });
    }
    void OnCancel() override { FinishOnce(grpc::Status(grpc::StatusCode::CANCELLED, "cancelled")); }
    void OnDone() override {
      {
        absl::MutexLock lock(&owner_->mu_);
        std::erase(owner_->held_, this);
      }
      delete this;
    }

   private:
    TestRegistry* owner_;
    std::once_flag finished_;
  };

  absl::Mutex mu_;
  std::vector<std::string> request_ids_ ABSL_GUARDED_BY(mu_);
  std::vector<HeldCall*> held_ ABSL_GUARDED_BY(mu_);
  int held_started_ ABSL_GUARDED_BY(mu_) = 0;
};

inline std::shared_ptr<grpc::Channel> Connect(int port) {
  return grpc::CreateChannel("127.0.0.1:" + std::to_string(port),
                             grpc::InsecureChannelCredentials());
}

// Calls GetBody("bodies/A"), sending `sent` as x-request-id (none when empty); returns
// the request id the server echoed in its initial metadata ("" if none, or if the call
// failed, which fails the test).
inline std::string GetBodyEchoingRequestId(cadre::v1::Registry::Stub& stub,
                                           const std::string& sent) {
  grpc::ClientContext context;
  if (!sent.empty()) context.AddMetadata("x-request-id", sent);
  cadre::v1::GetBodyRequest request;
  request.set_name("bodies/A");
  cadre::v1::Body body;
  const grpc::Status status = stub.GetBody(&context, request, &body);
  EXPECT_TRUE(status.ok()) << status.error_message();
  auto echoed = context.GetServerInitialMetadata().find("x-request-id");
  if (!status.ok() || echoed == context.GetServerInitialMetadata().end()) return "";
  return std::string(echoed->second.data(), echoed->second.size());
}

// The health status of `service`, or UNKNOWN with `*rpc_status` set when the call fails.
inline HealthStatus CheckHealth(const std::shared_ptr<grpc::Channel>& channel,
                                const std::string& service, grpc::Status* rpc_status = nullptr) {
  auto stub = grpc::health::v1::Health::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(service);
  grpc::health::v1::HealthCheckResponse response;
  grpc::Status status = stub->Check(&context, request, &response);
  if (rpc_status != nullptr) {
    *rpc_status = status;
  }
  return status.ok() ? response.status() : grpc::health::v1::HealthCheckResponse::UNKNOWN;
}

struct HttpReply {
  int status = -1;  // -1: no answer
  std::string body;
};

inline HttpReply HttpGet(int port, const std::string& path) {
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(std::chrono::seconds(5));
  client.set_read_timeout(std::chrono::seconds(5));
  httplib::Result result = client.Get(path);
  if (!result) {
    return {};
  }
  return {result->status, result->body};
}

inline ServerOptions TestOptions() {
  ServerOptions options;
  options.service_name = "cadre.v1.Registry";
  options.host = "127.0.0.1";
  options.port = 0;
  options.metrics_port = 0;
  options.health_interval = std::chrono::milliseconds(50);
  options.drain_timeout = std::chrono::seconds(10);
  return options;
}

}  // namespace cadre::testing
