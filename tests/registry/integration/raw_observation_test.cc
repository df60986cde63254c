// Raw methods observe their own calls (no gRPC interceptor on their path): each call gets
// a request id (the client's, or a new one) echoed in the initial metadata, is counted in
// the metrics, and is logged when refused, as calls through the interceptor are.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "services/common/logging.h"
#include "tests/registry/integration/registry_harness.h"
#include "tests/support/stderr_capture.h"

namespace cadre::testing {
namespace {

using ::testing::HasSubstr;

// GetRole of `name`, sending `sent` as x-request-id (none when empty); the id echoed.
std::string GetRoleEchoingRequestId(cadre::v1::Registry::Stub& stub, const std::string& name,
                                    const std::string& sent, grpc::StatusCode* code) {
  auto context = CallContext();
  if (!sent.empty()) context->AddMetadata("x-request-id", sent);
  cadre::v1::GetRoleRequest request;
  request.set_name(name);
  cadre::v1::Role role;
  *code = stub.GetRole(context.get(), request, &role).error_code();
  auto echoed = context->GetServerInitialMetadata().find("x-request-id");
  if (echoed == context->GetServerInitialMetadata().end()) return "";
  return std::string(echoed->second.data(), echoed->second.size());
}

TEST(RawObservationTest, RequestIdsAreEchoedCallsCountedAndRefusalsLogged) {
  auto redis = RedisServer::Start();
  RegistryHarness harness(redis->options());
  log::Init("registry", "info");
  StderrCapture capture;

  grpc::StatusCode code = grpc::StatusCode::OK;
  EXPECT_EQ(GetRoleEchoingRequestId(harness.stub(), "roles/999", "trace-raw-1", &code),
            "trace-raw-1");
  EXPECT_EQ(code, grpc::StatusCode::NOT_FOUND);
  const std::string made = GetRoleEchoingRequestId(harness.stub(), "roles/998", "", &code);
  EXPECT_TRUE(std::regex_match(made, std::regex("[0-9a-f]{16}"))) << made;
  // An id unfit for logs is replaced, not echoed.
  EXPECT_NE(GetRoleEchoingRequestId(harness.stub(), "roles/997", "two words", &code), "two words");

  const std::string refused = capture.WaitForLineWith("\"request_id\":\"trace-raw-1\"");
  EXPECT_THAT(refused, HasSubstr("\"msg\":\"call refused\""));
  EXPECT_THAT(refused, HasSubstr("\"method\":\"/cadre.v1.Registry/GetRole\""));
  EXPECT_THAT(refused, HasSubstr("\"code\":\"NOT_FOUND\""));
  // Exactly once: the interceptor does not log raw calls a second time.
  EXPECT_EQ(capture.CountLinesWith("\"request_id\":\"trace-raw-1\""), 1);
  capture.Restore();

  const std::string metrics = harness.server().metrics().RenderPrometheus();
  EXPECT_THAT(metrics, HasSubstr("cadre_grpc_requests_total{method=\"/cadre.v1.Registry/"
                                 "GetRole\",code=\"NOT_FOUND\"} 3"));
}

}  // namespace
}  // namespace cadre::testing
