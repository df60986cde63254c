// A registry whose worker queue is full: calls that need a worker are answered
// UNAVAILABLE "busy; retry shortly" at once (server trouble the caller may retry, never
// RESOURCE_EXHAUSTED, which is the caller's own limit), with no word of queues or Redis;
// reads answered from memory go on; and once the queue drains the same calls work.
//
// The registry is built by RegistryApp with one worker and one queue place, which the
// test fills itself, so that the queue is full for certain rather than by timing.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>

#include "absl/synchronization/notification.h"
#include "services/common/auth.h"
#include "services/common/worker_pool.h"
#include "tests/registry/integration/registry_harness.h"
#include "tests/support/status_matchers.h"
#include "tests/support/stderr_capture.h"

namespace cadre::testing {
namespace {

using ::testing::AllOf;
using ::testing::AnyOf;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

// The registry with one worker and room for one queued task.
struct TinyRegistry {
  explicit TinyRegistry(const RedisOptions& redis_options) : clock(absl::Now()) {
    registry::RegistryOptions options = TestRegistryOptions(redis_options);
    options.workers = 1;
    options.worker_queue = 1;
    auto started = registry::RegistryApp::Start(std::move(options), &clock);
    EXPECT_TRUE(started.ok()) << started.status();
    app = *std::move(started);
    EXPECT_TRUE(app->WaitUntilFresh(absl::Seconds(10)));
    stub = MakeStub<cadre::v1::Registry>(app->port());
  }

  FakeClock clock;
  std::unique_ptr<registry::RegistryApp> app;
  std::unique_ptr<cadre::v1::Registry::Stub> stub;
};

class BusyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_ = RedisServer::Start();
    registry_ = std::make_unique<TinyRegistry>(redis_->options());
  }
  void TearDown() override {
    Release();
    registry_.reset();
  }

  // Occupies the one worker and the one queue place until Release.
  void FillTheQueue() {
    absl::Notification started;
    ASSERT_TRUE(registry_->app->WorkersForTest().Submit([this, &started] {
      started.Notify();
      release_.WaitForNotification();
    }));
    started.WaitForNotification();
    ASSERT_TRUE(registry_->app->WorkersForTest().Submit([] {}));
    ASSERT_FALSE(registry_->app->WorkersForTest().Submit([] {}));  // full
  }
  void Release() {
    if (!release_.HasBeenNotified()) release_.Notify();
  }

  grpc::Status CreateBody(const std::string& ods, cadre::v1::Body* out) {
    cadre::v1::CreateBodyRequest request;
    request.mutable_body()->set_ods_code(ods);
    request.mutable_body()->set_display_name("Busy Trust");
    request.mutable_body()->set_kind(cadre::v1::BODY_KIND_TRUST);
    request.mutable_body()->set_region(cadre::v1::REGION_LONDON);
    return registry_->stub->CreateBody(CallContext(kAdminKey).get(), request, out);
  }

  std::unique_ptr<RedisServer> redis_;
  std::unique_ptr<TinyRegistry> registry_;
  absl::Notification release_;
};

TEST_F(BusyTest, AFullWorkerQueueIsUnavailableBusy) {
  FillTheQueue();
  StderrCapture log;

  cadre::v1::Body body;
  grpc::Status write = CreateBody("RB1", &body);
  EXPECT_EQ(write.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(write.error_message(), "busy; retry shortly");

  // A read whose key must be looked up in Redis needs a worker too.
  const std::string unknown_key =
      absl::StrCat(kIssuedKeyPrefix, std::string(kIssuedKeyLength - kIssuedKeyPrefix.size(), 'a'));
  ASSERT_TRUE(IsIssuedKeyShape(unknown_key));
  cadre::v1::GetBodyRequest get;
  get.set_name("bodies/RB1");
  grpc::Status read = registry_->stub->GetBody(CallContext(unknown_key).get(), get, &body);
  EXPECT_EQ(read.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(read.error_message(), "busy; retry shortly");

  // Reads answered from memory do not wait for a worker.
  cadre::v1::ListRolesResponse roles;
  CADRE_EXPECT_OK(registry_->stub->ListRoles(CallContext().get(), {}, &roles));
  cadre::v1::InvolvementMap map;
  CADRE_EXPECT_OK(registry_->stub->GetInvolvementMap(CallContext().get(), {}, &map));

  // The operator's log says why; the caller's message did not.
  log.Restore();
  EXPECT_THAT(log.Lines(), Contains(AllOf(HasSubstr("\"level\":\"warn\""),
                                          HasSubstr("the worker queue is full"))));
  for (const grpc::Status& s : {write, read}) {
    EXPECT_THAT(s.error_message(), Not(AnyOf(HasSubstr("queue"), HasSubstr("worker"),
                                             HasSubstr("Redis"), HasSubstr("redis"))));
  }

  Release();
  EXPECT_TRUE(WaitFor([&] { return CreateBody("RB1", &body).ok(); }));
  EXPECT_EQ(body.name(), "bodies/RB1");
}

}  // namespace
}  // namespace cadre::testing
