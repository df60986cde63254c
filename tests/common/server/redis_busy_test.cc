// A Redis connection pool with no connection free in time: RedisClient answers
// UNAVAILABLE (server trouble, not the caller's RESOURCE_EXHAUSTED), and the caller sees
// "busy; retry shortly" with no word of Redis. Against a real redis-server.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <vector>

#include "services/common/base/errors.h"
#include "services/common/grpc_status.h"
#include "services/common/redis_client.h"
#include "tests/support/redis_server.h"
#include "tests/support/status_matchers.h"

namespace cadre::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(RedisBusyTest, APoolWithNoFreeConnectionIsUnavailableBusy) {
  auto redis = RedisServer::Start();
  RedisOptions options = redis->options();
  options.pool_size = 1;
  options.command_timeout = std::chrono::milliseconds(2000);  // also the wait for a connection
  RedisClient client(options);
  CADRE_ASSERT_OK(client.Ping());

  // Three callers each hold the one connection for 1.5 s (a BLPOP that times out with
  // nil). The first holds it from 0 to 1.5 s and the second, from 1.5 s to 3 s; the third,
  // waiting since about 0, gives up at about 2 s. Margins of half a second and more.
  constexpr int kCallers = 3;
  std::vector<absl::Status> results(kCallers);
  std::vector<std::thread> callers;
  callers.reserve(kCallers);
  for (int i = 0; i < kCallers; ++i) {
    callers.emplace_back([&client, &results, i] {
      results[i] = client.Command({"BLPOP", "cadre:test:never", "1.5"}).status();
    });
  }
  for (std::thread& t : callers) t.join();

  int busy = 0;
  for (const absl::Status& status : results) {
    if (status.ok()) continue;
    SCOPED_TRACE(status.ToString());
    ++busy;
    EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
    EXPECT_THAT(std::string(status.message()), HasSubstr("no Redis connection became free"));
    const grpc::Status sent = ToGrpcStatus(status);
    EXPECT_EQ(sent.error_code(), grpc::StatusCode::UNAVAILABLE);
    EXPECT_EQ(sent.error_message(), kBusyMessage);
    EXPECT_THAT(sent.error_message(), Not(HasSubstr("Redis")));
  }
  EXPECT_GE(busy, 1);
  EXPECT_LT(busy, kCallers);  // the first caller had the connection
}

}  // namespace
}  // namespace cadre::testing
