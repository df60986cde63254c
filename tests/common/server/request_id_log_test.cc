// The request id reaches the lines a handler logs: on gRPC's thread (set by the server's
// interceptor) and in the work it hands to a WorkerPool.

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cadre/v1/registry.grpc.pb.h"
#include "services/common/logging.h"
#include "services/common/server.h"
#include "services/common/worker_pool.h"
#include "tests/common/server/server_test_util.h"
#include "tests/support/stderr_capture.h"
#include "tests/support/wait_for.h"

namespace cadre::testing {
namespace {

using ::testing::HasSubstr;

// GetBody logs on gRPC's thread, then answers from a worker that logs too.
class LoggingRegistry final : public cadre::v1::Registry::CallbackService {
 public:
  grpc::ServerUnaryReactor* GetBody(grpc::CallbackServerContext* context,
                                    const cadre::v1::GetBodyRequest* request,
                                    cadre::v1::Body* response) override {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    log::Info("handler on grpc thread");
    const bool queued = workers_.Submit([reactor, request, response] {
      log::Info("handler on worker");
      response->set_name(request->name());
      reactor->Finish(grpc::Status::OK);
    });
    if (!queued) {
      reactor->Finish(grpc::Status(grpc::StatusCode::UNAVAILABLE, "busy; retry shortly"));
    }
    return reactor;
  }

 private:
  WorkerPool workers_{1, 8};
};

TEST(RequestIdLogTest, HandlerAndWorkerLinesCarryTheCallsRequestId) {
  log::Init("registry", "info");
  LoggingRegistry service;
  Server server(TestOptions(), nullptr);
  server.AddService(&service);
  ASSERT_TRUE(server.Start().ok());
  auto stub = cadre::v1::Registry::NewStub(Connect(server.port()));
  StderrCapture capture;
  for (const char* sent : {"trace-77", ""}) {
    const std::string id = GetBodyEchoingRequestId(*stub, sent);
    ASSERT_FALSE(id.empty());
    if (*sent != '\0') {
      EXPECT_EQ(id, sent);
    }
    const std::string tag = "\"request_id\":\"" + id + "\"";
    EXPECT_THAT(capture.FirstLineWith("handler on grpc thread\"," + tag), HasSubstr(tag));
    EXPECT_THAT(capture.FirstLineWith("handler on worker\"," + tag), HasSubstr(tag));
  }
  // Lines outside any call carry no id.
  log::Info("outside");
  EXPECT_EQ(capture.FirstLineWith("\"msg\":\"outside\"}").find("request_id"), std::string::npos);
}

}  // namespace
}  // namespace cadre::testing
