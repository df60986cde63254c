#pragma once

// What every service's in-process test harness needs: server options for a test (loopback,
// port 0, no metrics port, quick health checks), a channel and stub to a port, and a
// client context with a deadline and a bearer key. A new service's harness starts its
// app with TestServerOptions() and makes its stub with MakeStub; about twenty lines.

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "services/common/server.h"

namespace cadre::testing {

// The admin key every harness starts its service with.
inline constexpr char kAdminKey[] = "test-admin-key-0123456789abcdef0123456789";

// Loopback, a free port, no metrics endpoint, health checked every 100 ms, 2 s drain.
inline ServerOptions TestServerOptions() {
  ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  options.metrics_port = -1;
  options.health_interval = std::chrono::milliseconds(100);
  options.drain_timeout = std::chrono::milliseconds(2000);
  return options;
}

inline std::shared_ptr<grpc::Channel> LoopbackChannel(int port) {
  return grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials());
}

// A generated stub (`cadre::v1::Registry`, ...) for the service on `port`.
template <typename Service>
std::unique_ptr<typename Service::Stub> MakeStub(int port) {
  return Service::NewStub(LoopbackChannel(port));
}

// A client context with a 5 s deadline and, if `key` is not empty, the bearer key.
inline std::unique_ptr<grpc::ClientContext> CallContext(const std::string& key = "") {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  if (!key.empty()) context->AddMetadata("authorization", absl::StrCat("Bearer ", key));
  return context;
}

}  // namespace cadre::testing
