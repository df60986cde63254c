// The server bootstrap in process on port 0: health (with a real Redis), metrics over
// HTTP, request ids, reflection and TLS.

#include "services/common/server.h"

#include <gmock/gmock.h>
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "services/common/redis_client.h"
#include "tests/common/server/server_test_util.h"
#include "tests/support/redis_server.h"
#include "tests/support/status_matchers.h"

namespace cadre::testing {
namespace {

using ::testing::HasSubstr;
using HealthResponse = grpc::health::v1::HealthCheckResponse;

TEST(ServerTest, StartsOnFreePortsAndReportsServingWithoutRedis) {
  TestRegistry service;
  Server server(TestOptions(), /*redis=*/nullptr);
  server.AddService(&service);
  ASSERT_TRUE(server.Start().ok());
  EXPECT_GT(server.port(), 0);
  EXPECT_GT(server.metrics_port(), 0);
  EXPECT_NE(server.port(), server.metrics_port());

  auto channel = Connect(server.port());
  EXPECT_EQ(CheckHealth(channel, ""), HealthResponse::SERVING);
  EXPECT_EQ(CheckHealth(channel, "cadre.v1.Registry"), HealthResponse::SERVING);
  grpc::Status unknown;
  CheckHealth(channel, "cadre.v1.Nothing", &unknown);
  EXPECT_EQ(unknown.error_code(), grpc::StatusCode::NOT_FOUND);

  HttpReply healthz = HttpGet(server.metrics_port(), "/healthz");
  EXPECT_EQ(healthz.status, 200);
  EXPECT_EQ(healthz.body, "ok\n");
  EXPECT_EQ(HttpGet(server.metrics_port(), "/nothing").status, 404);
  server.Shutdown();
  server.Wait();
}

TEST(ServerTest, NoMetricsEndpointWhenPortIsMinusOne) {
  ServerOptions options = TestOptions();
  options.metrics_port = -1;
  Server server(options, nullptr);
  ASSERT_TRUE(server.Start().ok());
  EXPECT_EQ(server.metrics_port(), -1);
  EXPECT_EQ(CheckHealth(Connect(server.port()), ""), HealthResponse::SERVING);
}

TEST(ServerTest, ReadinessCheckGovernsHealth) {
  std::atomic<bool> ready{false};
  Server server(TestOptions(), nullptr);
  server.SetReadinessCheck([&ready] { return ready.load(); });
  ASSERT_TRUE(server.Start().ok());
  auto channel = Connect(server.port());
  // The first verdict is taken before Start returns.
  EXPECT_EQ(CheckHealth(channel, ""), HealthResponse::NOT_SERVING);
  EXPECT_EQ(CheckHealth(channel, "cadre.v1.Registry"), HealthResponse::NOT_SERVING);
  EXPECT_EQ(HttpGet(server.metrics_port(), "/healthz").status, 503);

  ready = true;
  EXPECT_TRUE(WaitFor([&] { return CheckHealth(channel, "") == HealthResponse::SERVING; }));
  EXPECT_EQ(CheckHealth(channel, "cadre.v1.Registry"), HealthResponse::SERVING);
  EXPECT_EQ(HttpGet(server.metrics_port(), "/healthz").status, 200);
}

TEST(ServerTest, HealthFollowsRedis) {
  std::unique_ptr<RedisServer> redis = RedisServer::Start();
  RedisClient client(redis->options());
  Server server(TestOptions(), &client);
  ASSERT_TRUE(server.Start().ok());
  auto channel = Connect(server.port());
  EXPECT_EQ(CheckHealth(channel, "cadre.v1.Registry"), HealthResponse::SERVING);

  redis->Stop();
  EXPECT_TRUE(WaitFor(
      [&] { return CheckHealth(channel, "cadre.v1.Registry") == HealthResponse::NOT_SERVING; }));
  EXPECT_EQ(CheckHealth(channel, ""), HealthResponse::NOT_SERVING);
  EXPECT_EQ(HttpGet(server.metrics_port(), "/healthz").status, 503);
  EXPECT_THAT(HttpGet(server.metrics_port(), "/metrics").body, HasSubstr("cadre_serving 0\n"));

  redis->Restart();
  EXPECT_TRUE(WaitFor(
      [&] { return CheckHealth(channel, "cadre.v1.Registry") == HealthResponse::SERVING; }));
  EXPECT_EQ(CheckHealth(channel, ""), HealthResponse::SERVING);
  EXPECT_EQ(HttpGet(server.metrics_port(), "/healthz").status, 200);
}

TEST(ServerTest, MetricsCountCallsByMethodAndCode) {
  TestRegistry service;
  Server server(TestOptions(), nullptr);
  server.AddService(&service);
  ASSERT_TRUE(server.Start().ok());
  auto stub = cadre::v1::Registry::NewStub(Connect(server.port()));
  for (const char* name : {"bodies/A", "bodies/B", "bodies/missing"}) {
    grpc::ClientContext context;
    cadre::v1::GetBodyRequest request;
    request.set_name(name);
    cadre::v1::Body body;
    stub->GetBody(&context, request, &body);
  }
  // A call is counted when its context is released, just after the client has its answer.
  const std::string ok_line =
      "cadre_grpc_requests_total{method=\"/cadre.v1.Registry/GetBody\",code=\"OK\"} 2\n";
  const std::string not_found_line =
      "cadre_grpc_requests_total{method=\"/cadre.v1.Registry/GetBody\",code=\"NOT_FOUND\"} 1\n";
  const std::string count_line =
      "cadre_grpc_request_duration_seconds_count{method=\"/cadre.v1.Registry/GetBody\"} 3\n";
  HttpReply metrics;
  EXPECT_TRUE(WaitFor([&] {
    metrics = HttpGet(server.metrics_port(), "/metrics");
    return metrics.body.find(ok_line) != std::string::npos &&
           metrics.body.find(not_found_line) != std::string::npos &&
           metrics.body.find(count_line) != std::string::npos;
  })) << metrics.body;
  EXPECT_EQ(metrics.status, 200);
  EXPECT_THAT(metrics.body, HasSubstr("# TYPE cadre_grpc_requests_total counter\n"));
  EXPECT_THAT(metrics.body, HasSubstr("# TYPE cadre_grpc_request_duration_seconds histogram\n"));
  EXPECT_THAT(metrics.body, HasSubstr("cadre_serving 1\n"));
  // Extra metrics a service records show up on the same page.
  server.metrics().AddCounter("cadre_test_things_total", {}, 7, "Things.");
  EXPECT_THAT(HttpGet(server.metrics_port(), "/metrics").body,
              HasSubstr("cadre_test_things_total 7\n"));
}

TEST(ServerTest, UnknownMethodsShareOneMetricLabel) {
  Server server(TestOptions(), nullptr);
  ASSERT_TRUE(server.Start().ok());
  // Registry is not registered on this server: its methods are unknown here.
  auto stub = cadre::v1::Registry::NewStub(Connect(server.port()));
  grpc::ClientContext context;
  cadre::v1::Body body;
  EXPECT_EQ(stub->GetBody(&context, {}, &body).error_code(), grpc::StatusCode::UNIMPLEMENTED);
  HttpReply metrics;
  EXPECT_TRUE(WaitFor([&] {
    metrics = HttpGet(server.metrics_port(), "/metrics");
    return metrics.body.find("method=\"unknown\",code=\"UNIMPLEMENTED\"") != std::string::npos;
  })) << metrics.body;
  EXPECT_THAT(metrics.body, ::testing::Not(HasSubstr("Registry/GetBody")));
}

TEST(ServerTest, RequestIdFromClientIsKeptAndEchoed) {
  TestRegistry service;
  Server server(TestOptions(), nullptr);
  server.AddService(&service);
  ASSERT_TRUE(server.Start().ok());
  auto stub = cadre::v1::Registry::NewStub(Connect(server.port()));
  grpc::ClientContext context;
  context.AddMetadata("x-request-id", "req-1234-abcd");
  cadre::v1::GetBodyRequest request;
  request.set_name("bodies/A");
  cadre::v1::Body body;
  ASSERT_TRUE(stub->GetBody(&context, request, &body).ok());
  ASSERT_EQ(service.request_ids().size(), 1u);
  EXPECT_EQ(service.request_ids()[0], "req-1234-abcd");
  auto echoed = context.GetServerInitialMetadata().find("x-request-id");
  ASSERT_NE(echoed, context.GetServerInitialMetadata().end());
  EXPECT_EQ(std::string(echoed->second.data(), echoed->second.size()), "req-1234-abcd");
}

TEST(ServerTest, RequestIdIsMadeWhenAbsentOrUnfit) {
  TestRegistry service;
  Server server(TestOptions(), nullptr);
  server.AddService(&service);
  ASSERT_TRUE(server.Start().ok());
  auto stub = cadre::v1::Registry::NewStub(Connect(server.port()));
  const std::regex sixteen_hex("[0-9a-f]{16}");
  std::vector<std::string> echoed;
  for (const char* sent : {"", "has spaces and \"quotes\""}) {
    echoed.push_back(GetBodyEchoingRequestId(*stub, sent));
    ASSERT_FALSE(echoed.back().empty());
  }
  std::vector<std::string> seen = service.request_ids();
  ASSERT_EQ(seen.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_TRUE(std::regex_match(seen[i], sixteen_hex)) << seen[i];
    EXPECT_EQ(seen[i], echoed[i]);
  }
  EXPECT_NE(seen[0], seen[1]);
}

// Lists services through server reflection with a generic bidi call: Debian ships no C++
// stubs for reflection.proto. The request is ServerReflectionRequest{list_services: ""}.
std::string ReflectionListServices(int port) {
  grpc::GenericStub stub(Connect(port));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  grpc::CompletionQueue cq;
  auto call = stub.PrepareCall(
      &context, "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", &cq);
  void* tag = nullptr;
  bool ok = false;
  auto step = [&](int expected) {
    return cq.Next(&tag, &ok) && ok && reinterpret_cast<intptr_t>(tag) == expected;
  };
  call->StartCall(reinterpret_cast<void*>(1));
  if (!step(1)) return "";
  const char request_bytes[] = {0x3a, 0x00};  // field 7 (list_services), empty string
  grpc::Slice slice(request_bytes, sizeof(request_bytes));
  grpc::ByteBuffer request(&slice, 1);
  call->Write(request, reinterpret_cast<void*>(2));
  if (!step(2)) return "";
  grpc::ByteBuffer response;
  call->Read(&response, reinterpret_cast<void*>(3));
  if (!step(3)) return "";
  std::vector<grpc::Slice> slices;
  (void)response.Dump(&slices);
  std::string bytes;
  for (const grpc::Slice& s : slices) {
    bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  }
  call->WritesDone(reinterpret_cast<void*>(4));
  step(4);
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(5));
  step(5);
  return bytes;
}

TEST(ServerTest, ReflectionListsServices) {
  TestRegistry service;
  Server server(TestOptions(), nullptr);
  server.AddService(&service);
  ASSERT_TRUE(server.Start().ok());
  const std::string listing = ReflectionListServices(server.port());
  EXPECT_THAT(listing, HasSubstr("cadre.v1.Registry"));
  EXPECT_THAT(listing, HasSubstr("grpc.reflection.v1alpha.ServerReflection"));
}

TEST(ServerTest, MaxMessageSizeIsEnforced) {
  TestRegistry service;
  ServerOptions options = TestOptions();
  options.max_message_bytes = 1024;
  Server server(options, nullptr);
  server.AddService(&service);
  ASSERT_TRUE(server.Start().ok());
  auto stub = cadre::v1::Registry::NewStub(Connect(server.port()));
  grpc::ClientContext context;
  cadre::v1::GetBodyRequest request;
  request.set_name(std::string(4096, 'x'));
  cadre::v1::Body body;
  EXPECT_EQ(stub->GetBody(&context, request, &body).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
}

// TLS and mTLS with a self-signed certificate made by the openssl command.
class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/cadre_tls_test_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    const std::string command = absl::StrCat(
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -addext "
        "subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout ",
        dir_, "/key.pem -out ", dir_, "/cert.pem >/dev/null 2>&1");
    if (std::system(command.c_str()) != 0) {
      GTEST_SKIP() << "the openssl command is needed to make a test certificate";
    }
    cert_ = ReadFile(dir_ + "/cert.pem");
    key_ = ReadFile(dir_ + "/key.pem");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static std::string ReadFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  std::shared_ptr<grpc::Channel> SecureChannel(int port, bool with_client_cert) {
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = cert_;
    if (with_client_cert) {
      ssl.pem_private_key = key_;
      ssl.pem_cert_chain = cert_;
    }
    return grpc::CreateChannel("localhost:" + std::to_string(port), grpc::SslCredentials(ssl));
  }

  std::string dir_, cert_, key_;
};

TEST_F(TlsTest, ServesTls) {
  ServerOptions options = TestOptions();
  options.tls_cert_file = dir_ + "/cert.pem";
  options.tls_key_file = dir_ + "/key.pem";
  Server server(options, nullptr);
  ASSERT_TRUE(server.Start().ok());
  EXPECT_EQ(CheckHealth(SecureChannel(server.port(), false), ""), HealthResponse::SERVING);
  grpc::Status plain;
  CheckHealth(Connect(server.port()), "", &plain);
  EXPECT_FALSE(plain.ok());
}

TEST_F(TlsTest, MutualTlsNeedsAClientCertificate) {
  ServerOptions options = TestOptions();
  options.tls_cert_file = dir_ + "/cert.pem";
  options.tls_key_file = dir_ + "/key.pem";
  options.tls_client_ca_file = dir_ + "/cert.pem";
  Server server(options, nullptr);
  ASSERT_TRUE(server.Start().ok());
  EXPECT_EQ(CheckHealth(SecureChannel(server.port(), true), ""), HealthResponse::SERVING);
  grpc::Status without_cert;
  CheckHealth(SecureChannel(server.port(), false), "", &without_cert);
  EXPECT_FALSE(without_cert.ok());
}

TEST_F(TlsTest, BadTlsFilesAreInvalidArgument) {
  ServerOptions missing = TestOptions();
  missing.tls_cert_file = dir_ + "/absent.pem";
  missing.tls_key_file = dir_ + "/key.pem";
  EXPECT_THAT(Server(missing, nullptr).Start(),
              StatusIs(absl::StatusCode::kInvalidArgument, "tls_cert_file"));

  ServerOptions swapped = TestOptions();
  swapped.tls_cert_file = dir_ + "/key.pem";
  swapped.tls_key_file = dir_ + "/key.pem";
  EXPECT_THAT(Server(swapped, nullptr).Start(),
              StatusIs(absl::StatusCode::kInvalidArgument, "tls_cert_file"));

  ServerOptions half = TestOptions();
  half.tls_cert_file = dir_ + "/cert.pem";
  EXPECT_THAT(Server(half, nullptr).Start(), StatusIs(absl::StatusCode::kInvalidArgument));

  ServerOptions ca_only = TestOptions();
  ca_only.tls_client_ca_file = dir_ + "/cert.pem";
  EXPECT_THAT(Server(ca_only, nullptr).Start(), StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace cadre::testing
