// EventConsumer against a real redis-server: delivery, acknowledgement, redelivery of
// failed entries, resuming a group, reclaiming a dead consumer's entries, Redis restarts.

#include "services/common/event_consumer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "tests/support/redis_server.h"
#include "tests/support/status_matchers.h"
#include "tests/support/wait_for.h"

namespace cadre {
namespace {

using ::cadre::testing::RedisServer;
using ::cadre::testing::WaitFor;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;

constexpr char kStream[] = "events";
constexpr char kGroup[] = "workers";

// What a handler saw (field "n" of each entry), in order. Thread-safe.
class Seen {
 public:
  void Add(absl::string_view n) {
    absl::MutexLock lock(&mu_);
    values_.emplace_back(n);
  }
  std::vector<std::string> values() {
    absl::MutexLock lock(&mu_);
    return values_;
  }

 private:
  absl::Mutex mu_;
  std::vector<std::string> values_;
};

class EventConsumerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = RedisServer::Start();
    client_ = std::make_unique<RedisClient>(server_->options());
  }

  static EventConsumerOptions Options(const std::string& consumer) {
    EventConsumerOptions options;
    options.stream = kStream;
    options.group = kGroup;
    options.consumer = consumer;
    options.block = std::chrono::milliseconds(200);
    options.claim_idle = std::chrono::seconds(60);
    options.retry_backoff = std::chrono::milliseconds(100);
    options.batch = 4;  // small, so that tests cross batch boundaries
    return options;
  }

  // A handler that records every entry and accepts it.
  static EventConsumer::Handler Recording(Seen& seen) {
    return [&seen](const StreamEntry& entry) {
      seen.Add(entry.Field("n"));
      return absl::OkStatus();
    };
  }

  void Add(int from, int to) {
    for (int n = from; n < to; ++n) {
      CADRE_ASSERT_OK(client_->Command({"XADD", kStream, "*", "n", absl::StrCat(n)}));
    }
  }

  static std::vector<std::string> Range(int from, int to) {
    std::vector<std::string> out;
    for (int n = from; n < to; ++n) out.push_back(absl::StrCat(n));
    return out;
  }

  // Entries delivered to the group and not acknowledged; -1 on error.
  int64_t Pending() {
    absl::StatusOr<RedisReply> reply = client_->Command({"XPENDING", kStream, kGroup});
    if (!reply.ok() || reply->elements.empty()) return -1;
    return reply->elements[0].integer;
  }

  std::unique_ptr<RedisServer> server_;
  std::unique_ptr<RedisClient> client_;
};

TEST_F(EventConsumerTest, DeliversHistoryAndNewEntriesInOrderAndAcknowledges) {
  Add(0, 10);  // before the group exists: start_id "0" takes the history
  Seen seen;
  EventConsumer consumer(*client_, Options("c1"), Recording(seen));
  consumer.Start();
  Add(10, 25);

  EXPECT_TRUE(WaitFor([&] { return consumer.acknowledged() == 25; }));
  EXPECT_THAT(seen.values(), ElementsAreArray(Range(0, 25)));
  EXPECT_EQ(Pending(), 0);
  consumer.Stop();
}

TEST_F(EventConsumerTest, NewGroupAtDollarSkipsHistory) {
  Add(0, 3);
  Seen seen;
  EventConsumerOptions options = Options("c1");
  options.start_id = "$";
  EventConsumer consumer(*client_, options, Recording(seen));
  consumer.Start();
  ASSERT_TRUE(WaitFor([&] {
    absl::StatusOr<RedisReply> groups = client_->Command({"XINFO", "GROUPS", kStream});
    return groups.ok() && !groups->elements.empty();
  }));
  Add(3, 4);

  EXPECT_TRUE(WaitFor([&] { return consumer.acknowledged() == 1; }));
  EXPECT_THAT(seen.values(), ElementsAre("3"));
}

TEST_F(EventConsumerTest, FailedEntryStaysPendingAndIsRedeliveredOnRestart) {
  Add(0, 5);
  Seen seen;
  std::atomic<int> failures{0};
  {
    EventConsumer consumer(*client_, Options("c1"), [&](const StreamEntry& entry) {
      if (entry.Field("n") == "2") {
        ++failures;
        return absl::UnavailableError("peer down");
      }
      seen.Add(entry.Field("n"));
      return absl::OkStatus();
    });
    consumer.Start();
    EXPECT_TRUE(WaitFor([&] { return consumer.acknowledged() == 4 && failures == 1; }));
  }  // stopped
  EXPECT_EQ(Pending(), 1);

  Seen again;
  EventConsumer restarted(*client_, Options("c1"), Recording(again));
  restarted.Start();
  EXPECT_TRUE(WaitFor([&] { return restarted.acknowledged() == 1; }));
  EXPECT_THAT(again.values(), ElementsAre("2"));
  EXPECT_EQ(Pending(), 0);
}

TEST_F(EventConsumerTest, FailedEntryIsRetriedAfterClaimIdle) {
  Add(0, 3);
  Seen seen;
  std::atomic<int> failures{0};
  EventConsumerOptions options = Options("c1");
  options.claim_idle = std::chrono::milliseconds(200);
  EventConsumer consumer(*client_, options, [&](const StreamEntry& entry) {
    seen.Add(entry.Field("n"));
    if (entry.Field("n") == "1" && failures++ == 0) return absl::InternalError("first try");
    return absl::OkStatus();
  });
  consumer.Start();

  EXPECT_TRUE(WaitFor([&] { return consumer.acknowledged() == 3; }));
  EXPECT_THAT(seen.values(), ElementsAre("0", "1", "2", "1"));
  EXPECT_EQ(Pending(), 0);
}

TEST_F(EventConsumerTest, NewConsumerResumesFromTheGroupsPosition) {
  Add(0, 5);
  {
    Seen first;
    EventConsumer consumer(*client_, Options("c1"), Recording(first));
    consumer.Start();
    EXPECT_TRUE(WaitFor([&] { return consumer.acknowledged() == 5; }));
  }
  Add(5, 8);

  Seen second;
  EventConsumer consumer(*client_, Options("c2"), Recording(second));
  consumer.Start();
  EXPECT_TRUE(WaitFor([&] { return consumer.acknowledged() == 3; }));
  Add(8, 9);  // entries come in order: once this one is seen, nothing older can follow
  EXPECT_TRUE(WaitFor([&] { return consumer.acknowledged() == 4; }));
  EXPECT_THAT(second.values(), ElementsAreArray(Range(5, 9)));
}

TEST_F(EventConsumerTest, ClaimsEntriesOfADeadConsumer) {
  CADRE_ASSERT_OK(client_->Command({"XGROUP", "CREATE", kStream, kGroup, "0", "MKSTREAM"}));
  Add(0, 6);
  // A consumer reads entries, then dies without acknowledging them.
  absl::StatusOr<RedisReply> taken = client_->Command(
      {"XREADGROUP", "GROUP", kGroup, "dead", "COUNT", "6", "STREAMS", kStream, ">"});
  ASSERT_TRUE(taken.ok()) << taken.status();
  ASSERT_EQ(Pending(), 6);

  Seen seen;
  EventConsumerOptions options = Options("alive");
  options.claim_idle = std::chrono::milliseconds(200);
  EventConsumer consumer(*client_, options, Recording(seen));
  consumer.Start();

  EXPECT_TRUE(WaitFor([&] { return consumer.acknowledged() == 6; }));
  EXPECT_THAT(seen.values(), ElementsAreArray(Range(0, 6)));
  EXPECT_EQ(Pending(), 0);
}

TEST_F(EventConsumerTest, CarriesOnAfterRedisRestarts) {
  Seen seen;
  EventConsumer consumer(*client_, Options("c1"), Recording(seen));
  consumer.Start();
  Add(0, 3);
  ASSERT_TRUE(WaitFor([&] { return consumer.acknowledged() == 3; }));

  server_->Restart();
  // The client reconnects by itself; the group survived in the append-only file.
  ASSERT_TRUE(WaitFor([&] { return client_->Ping().ok(); }));
  Add(3, 6);

  EXPECT_TRUE(WaitFor([&] { return consumer.acknowledged() == 6; }));
  EXPECT_THAT(seen.values(), ElementsAreArray(Range(0, 6)));
  consumer.Stop();
  EXPECT_EQ(Pending(), 0);
}

TEST_F(EventConsumerTest, StopsWhileRedisIsDown) {
  Seen seen;
  EventConsumer consumer(*client_, Options("c1"), Recording(seen));
  consumer.Start();
  Add(0, 1);
  ASSERT_TRUE(WaitFor([&] { return consumer.acknowledged() == 1; }));
  server_->Stop();
  consumer.Stop();  // returns: retries and reads are bounded
  consumer.Start();
  consumer.Stop();
}

}  // namespace
}  // namespace cadre
