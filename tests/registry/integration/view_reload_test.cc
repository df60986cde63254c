// A record the view cannot read keeps the replica NOT_SERVING, and the log says why, so
// that an operator is not left guessing; once the record is mended the replica serves.

#include <gtest/gtest.h>

#include "services/common/logging.h"
#include "tests/registry/integration/registry_harness.h"
#include "tests/support/stderr_capture.h"

namespace cadre::testing {
namespace {

TEST(ViewReloadTest, UnreadableRecordIsLoggedAndTheReplicaRecoversWhenMended) {
  auto redis = RedisServer::Start();
  RedisClient client(redis->options());
  // A role whose bytes are not a Role: as if written by a broken tool.
  ASSERT_TRUE(client.Command({"HSET", "registry:role:5", "v", "1", "pb", "\xff\xff\xff"}).ok());
  ASSERT_TRUE(client.Command({"ZADD", "registry:roles", "5", "5"}).ok());

  log::Init("registry", "info");
  StderrCapture capture;
  FakeClock clock(absl::Now());
  auto app = registry::RegistryApp::Start(TestRegistryOptions(redis->options()), &clock);
  ASSERT_TRUE(app.ok()) << app.status();

  const std::string why = capture.WaitForLineWith("registry view cannot load");
  ASSERT_FALSE(why.empty());
  EXPECT_NE(why.find("registry:role:5"), std::string::npos) << why;
  EXPECT_FALSE((*app)->IsFresh());

  // Mended: the replica loads by itself, without a restart.
  ASSERT_TRUE(client.Command({"DEL", "registry:role:5"}).ok());
  ASSERT_TRUE(client.Command({"ZREM", "registry:roles", "5"}).ok());
  EXPECT_TRUE((*app)->WaitUntilFresh(absl::Seconds(10)));
  capture.Restore();
  // Logged once per cause, not once per retry.
  EXPECT_EQ(capture.CountLinesWith("registry view cannot load"), 1);
  (*app)->Shutdown();
}

}  // namespace
}  // namespace cadre::testing
