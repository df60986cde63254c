// The server bootstrap's life cycle: binding errors, graceful drain, signals, and the
// per-call log lines.

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <future>
#include <regex>

#include "services/common/logging.h"
#include "services/common/server.h"
#include "tests/common/server/server_test_util.h"
#include "tests/support/status_matchers.h"
#include "tests/support/stderr_capture.h"

namespace cadre::testing {
namespace {

using ::testing::HasSubstr;
using HealthResponse = grpc::health::v1::HealthCheckResponse;

constexpr std::chrono::seconds kBound{10};  // generous bound proving "does not hang"

grpc::Status GetBody(cadre::v1::Registry::Stub& stub, const std::string& name,
                     grpc::ClientContext* context = nullptr) {
  grpc::ClientContext own;
  if (context == nullptr) {
    context = &own;
  }
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  cadre::v1::GetBodyRequest request;
  request.set_name(name);
  cadre::v1::Body body;
  return stub.GetBody(context, request, &body);
}

// A GetRole call on its own thread; the service holds it.
std::future<grpc::Status> HoldCall(int port) {
  return std::async(std::launch::async, [port] {
    auto stub = cadre::v1::Registry::NewStub(Connect(port));
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    cadre::v1::GetRoleRequest request;
    request.set_name("roles/1");
    cadre::v1::Role role;
    return stub->GetRole(&context, request, &role);
  });
}

// A loopback TCP port held open (without SO_REUSEPORT) while the object lives.
class TakenPort {
 public:
  TakenPort() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(addr);
    EXPECT_EQ(bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
    listen(fd_, 1);
    getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
  }
  ~TakenPort() { close(fd_); }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

TEST(ServerLifecycleTest, TakenPortIsUnavailable) {
  TakenPort taken;
  ServerOptions grpc_port = TestOptions();
  grpc_port.port = taken.port();
  Server a(grpc_port, nullptr);
  EXPECT_THAT(a.Start(), StatusIs(absl::StatusCode::kUnavailable));
  a.Shutdown();  // harmless after a failed Start

  ServerOptions metrics_port = TestOptions();
  metrics_port.metrics_port = taken.port();
  Server b(metrics_port, nullptr);
  EXPECT_THAT(b.Start(), StatusIs(absl::StatusCode::kUnavailable));
}

TEST(ServerLifecycleTest, SecondServerOnSamePortFails) {
  Server first(TestOptions(), nullptr);
  ASSERT_TRUE(first.Start().ok());
  ServerOptions options = TestOptions();
  options.port = first.port();
  Server second(options, nullptr);
  EXPECT_THAT(second.Start(), StatusIs(absl::StatusCode::kUnavailable));
}

TEST(ServerLifecycleTest, ShutdownLetsCallsInFlightFinish) {
  TestRegistry service;
  Server server(TestOptions(), nullptr);
  server.AddService(&service);
  ASSERT_TRUE(server.Start().ok());
  const int port = server.port();
  const int metrics_port = server.metrics_port();
  std::future<grpc::Status> held = HoldCall(port);
  ASSERT_TRUE(WaitFor([&] { return service.held_started() == 1; }));

  std::future<void> shutdown = std::async(std::launch::async, [&] { server.Shutdown(); });
  // Draining: probes see 503 and new calls are refused, while the held call goes on.
  EXPECT_TRUE(WaitFor([&] { return HttpGet(metrics_port, "/healthz").status == 503; }));
  auto stub = cadre::v1::Registry::NewStub(Connect(port));
  EXPECT_TRUE(WaitFor([&] { return !GetBody(*stub, "bodies/A").ok(); }));
  EXPECT_EQ(shutdown.wait_for(std::chrono::milliseconds(0)), std::future_status::timeout);

  service.Release();
  ASSERT_EQ(held.wait_for(kBound), std::future_status::ready);
  EXPECT_TRUE(held.get().ok());
  ASSERT_EQ(shutdown.wait_for(kBound), std::future_status::ready);
  server.Wait();
  EXPECT_EQ(HttpGet(metrics_port, "/healthz").status, -1);  // endpoint closed
}

TEST(ServerLifecycleTest, ShutdownCancelsCallsAfterDrainTimeout) {
  TestRegistry service;
  ServerOptions options = TestOptions();
  options.drain_timeout = std::chrono::milliseconds(200);
  Server server(options, nullptr);
  server.AddService(&service);
  ASSERT_TRUE(server.Start().ok());
  std::future<grpc::Status> held = HoldCall(server.port());
  ASSERT_TRUE(WaitFor([&] { return service.held_started() == 1; }));

  std::future<void> shutdown = std::async(std::launch::async, [&] { server.Shutdown(); });
  ASSERT_EQ(shutdown.wait_for(kBound), std::future_status::ready);
  ASSERT_EQ(held.wait_for(kBound), std::future_status::ready);
  EXPECT_FALSE(held.get().ok());
}

TEST(ServerLifecycleTest, ShutdownIsIdempotentAndWaitReturns) {
  Server server(TestOptions(), nullptr);
  ASSERT_TRUE(server.Start().ok());
  std::future<void> waiter = std::async(std::launch::async, [&] { server.Wait(); });
  std::future<void> a = std::async(std::launch::async, [&] { server.Shutdown(); });
  std::future<void> b = std::async(std::launch::async, [&] { server.Shutdown(); });
  ASSERT_EQ(a.wait_for(kBound), std::future_status::ready);
  ASSERT_EQ(b.wait_for(kBound), std::future_status::ready);
  ASSERT_EQ(waiter.wait_for(kBound), std::future_status::ready);
  server.Shutdown();
  EXPECT_THAT(server.Start(), StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(ServerLifecycleTest, ShutdownBeforeStart) {
  Server server(TestOptions(), nullptr);
  server.Shutdown();
  server.Wait();
  EXPECT_THAT(server.Start(), StatusIs(absl::StatusCode::kFailedPrecondition));
}

// Starts a server that shuts down on signals, sends `signal` to this process and waits
// (within kBound) for the drain to finish; returns the stopped server's port.
int DrainOnSignal(int signal) {
  TestRegistry service;
  Server server(TestOptions(), nullptr);
  server.AddService(&service);
  EXPECT_TRUE(server.Start().ok());
  Server::ShutdownOnSignals(&server);
  std::future<void> waiter = std::async(std::launch::async, [&] { server.Wait(); });
  EXPECT_EQ(kill(getpid(), signal), 0);
  EXPECT_EQ(waiter.wait_for(kBound), std::future_status::ready);
  return server.port();
}

TEST(ServerLifecycleTest, SigtermDrains) {
  BlockShutdownSignals();
  const int port = DrainOnSignal(SIGTERM);
  auto stub = cadre::v1::Registry::NewStub(Connect(port));
  EXPECT_FALSE(GetBody(*stub, "bodies/A").ok());
}

TEST(ServerLifecycleTest, SigtermDrainsWithoutBlockedSignals) {
  // Without BlockShutdownSignals any thread may take the signal; the handler forwards it.
  DrainOnSignal(SIGINT);
}

TEST(ServerLifecycleDeathTest, SecondSignalWhileDrainingExitsAtOnce) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        BlockShutdownSignals();
        TestRegistry service;
        ServerOptions options = TestOptions();
        options.drain_timeout = std::chrono::seconds(60);
        Server server(options, nullptr);
        server.AddService(&service);
        if (!server.Start().ok()) std::exit(3);
        Server::ShutdownOnSignals(&server);
        std::future<grpc::Status> held = HoldCall(server.port());
        if (!WaitFor([&] { return service.held_started() == 1; })) std::exit(4);
        kill(getpid(), SIGTERM);
        if (!WaitFor([&] { return HttpGet(server.metrics_port(), "/healthz").status == 503; })) {
          std::exit(5);
        }
        kill(getpid(), SIGTERM);
        WaitFor([] { return false; });  // the second signal ends the process first
        std::exit(6);
      },
      ::testing::ExitedWithCode(1), "second signal");
}

TEST(ServerLogTest, FailedCallsAreLoggedWithRequestId) {
  log::Init("registry", "info");
  TestRegistry service;
  Server server(TestOptions(), nullptr);
  server.AddService(&service);
  ASSERT_TRUE(server.Start().ok());
  auto stub = cadre::v1::Registry::NewStub(Connect(server.port()));
  StderrCapture capture;
  ASSERT_TRUE(GetBody(*stub, "bodies/A").ok());
  grpc::ClientContext context;
  context.AddMetadata("x-request-id", "trace-42");
  EXPECT_EQ(GetBody(*stub, "bodies/missing", &context).error_code(), grpc::StatusCode::NOT_FOUND);
  const std::string failed_line = capture.WaitForLineWith("\"request_id\":\"trace-42\"");
  capture.Restore();
  for (const std::string& line : capture.Lines()) {
    // OK calls are logged only when slow, and then at info.
    if (line.find("\"code\":\"OK\"") != std::string::npos) {
      EXPECT_THAT(line, HasSubstr("\"level\":\"info\"")) << line;
    }
  }
  const std::regex shape(
      R"re(\{"time":"[^"]+","level":"info","service":"registry","msg":"call refused",)re"
      R"re("method":"/cadre.v1.Registry/GetBody","code":"NOT_FOUND","duration_ms":"\d+\.\d{3}",)re"
      R"re("request_id":"trace-42"\})re");
  EXPECT_TRUE(std::regex_match(failed_line, shape)) << failed_line;
}

TEST(ServerLogTest, LogEveryCall) {
  log::Init("registry", "info");
  TestRegistry service;
  ServerOptions options = TestOptions();
  options.log_every_call = true;
  Server server(options, nullptr);
  server.AddService(&service);
  ASSERT_TRUE(server.Start().ok());
  auto stub = cadre::v1::Registry::NewStub(Connect(server.port()));
  StderrCapture capture;
  ASSERT_TRUE(GetBody(*stub, "bodies/A").ok());
  const std::string line = capture.WaitForLineWith("/cadre.v1.Registry/GetBody");
  capture.Restore();
  EXPECT_THAT(line, HasSubstr("\"level\":\"info\",\"service\":\"registry\",\"msg\":\"call\""));
  EXPECT_THAT(line, HasSubstr("\"code\":\"OK\""));
  EXPECT_THAT(line, HasSubstr("\"request_id\":\""));
}

}  // namespace
}  // namespace cadre::testing
