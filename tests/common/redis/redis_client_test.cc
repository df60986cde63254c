// RedisClient against a real redis-server: replies, binary safety, pipelines,
// transactions, scripts, streams, the pool under threads, and outages.

#include "services/common/redis_client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tests/support/redis_server.h"
#include "tests/support/status_matchers.h"
#include "tests/support/threads.h"
#include "tests/support/wait_for.h"

namespace cadre {
namespace {

using ::cadre::testing::RedisServer;
using ::cadre::testing::RunOnThreads;
using ::cadre::testing::StatusIs;
using ::cadre::testing::WaitFor;
using Type = RedisReply::Type;

class RedisClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = RedisServer::Start();
    client_ = std::make_unique<RedisClient>(server_->options());
  }

  // The value of GET key, or "<nil>".
  std::string Get(const std::string& key) {
    absl::StatusOr<RedisReply> reply = client_->Command({"GET", key});
    if (!reply.ok()) return reply.status().ToString();
    return reply->is_nil() ? "<nil>" : reply->str;
  }

  std::unique_ptr<RedisServer> server_;
  std::unique_ptr<RedisClient> client_;
};

TEST_F(RedisClientTest, CommandsReturnTypedReplies) {
  absl::StatusOr<RedisReply> set = client_->Command({"SET", "k", "v"});
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_EQ(set->type, Type::kStatus);
  EXPECT_EQ(set->str, "OK");

  absl::StatusOr<RedisReply> get = client_->Command({"GET", "k"});
  ASSERT_TRUE(get.ok()) << get.status();
  EXPECT_EQ(get->type, Type::kString);
  EXPECT_EQ(get->str, "v");

  absl::StatusOr<RedisReply> missing = client_->Command({"GET", "nothing"});
  ASSERT_TRUE(missing.ok()) << missing.status();
  EXPECT_TRUE(missing->is_nil());

  absl::StatusOr<RedisReply> incr = client_->Command({"INCRBY", "n", "41"});
  ASSERT_TRUE(incr.ok()) << incr.status();
  EXPECT_EQ(incr->type, Type::kInteger);
  EXPECT_EQ(incr->integer, 41);

  CADRE_ASSERT_OK(client_->Command({"RPUSH", "l", "a", "b"}));
  absl::StatusOr<RedisReply> range = client_->Command({"LRANGE", "l", "0", "-1"});
  ASSERT_TRUE(range.ok()) << range.status();
  ASSERT_EQ(range->type, Type::kArray);
  ASSERT_EQ(range->elements.size(), 2u);
  EXPECT_EQ(range->elements[0].str, "a");
  EXPECT_EQ(range->elements[1].str, "b");

  EXPECT_THAT(client_->Command({"INCR", "k"}),
              StatusIs(absl::StatusCode::kInternal, "not an integer"));
  CADRE_EXPECT_OK(client_->Ping());
}

TEST_F(RedisClientTest, ValuesAndKeysAreBinarySafe) {
  std::string value;
  for (int i = 0; i < 256; ++i) value.push_back(static_cast<char>(i));
  value += "\r\n$3\r\n*1\r\n";
  std::string large(1 << 20, '\0');
  for (size_t i = 0; i < large.size(); ++i) large[i] = static_cast<char>(i * 7);
  const std::string key("key\0with\r\nbytes", 15);

  CADRE_ASSERT_OK(client_->Command({"SET", key, value}));
  CADRE_ASSERT_OK(client_->Command({"SET", "large", large}));
  EXPECT_EQ(Get(key), value);
  EXPECT_EQ(Get("large"), large);
}

TEST_F(RedisClientTest, PipelineKeepsOrderAndReturnsErrorsInPlace) {
  std::vector<std::vector<std::string>> commands = {{"SET", "s", "text"}};
  for (int i = 0; i < 100; ++i) commands.push_back({"INCR", "counter"});
  commands.push_back({"INCR", "s"});
  commands.push_back({"GET", "s"});

  absl::StatusOr<std::vector<RedisReply>> replies = client_->Pipeline(commands);
  ASSERT_TRUE(replies.ok()) << replies.status();
  ASSERT_EQ(replies->size(), commands.size());
  EXPECT_EQ((*replies)[0].str, "OK");
  for (int i = 1; i <= 100; ++i) EXPECT_EQ((*replies)[i].integer, i);
  EXPECT_TRUE((*replies)[101].is_error());
  EXPECT_EQ((*replies)[102].str, "text");

  absl::StatusOr<std::vector<RedisReply>> none = client_->Pipeline({});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST_F(RedisClientTest, TransactionReturnsExecRepliesAndIsAllOrNothing) {
  absl::StatusOr<std::vector<RedisReply>> replies =
      client_->Transaction({{"SET", "a", "1"}, {"INCR", "a"}, {"GET", "a"}});
  ASSERT_TRUE(replies.ok()) << replies.status();
  ASSERT_EQ(replies->size(), 3u);
  EXPECT_EQ((*replies)[0].str, "OK");
  EXPECT_EQ((*replies)[1].integer, 2);
  EXPECT_EQ((*replies)[2].str, "2");

  // A command Redis refuses while queueing aborts the whole transaction.
  EXPECT_THAT(client_->Transaction({{"SET", "b", "1"}, {"NOSUCHCOMMAND"}}),
              StatusIs(absl::StatusCode::kInternal));
  EXPECT_EQ(Get("b"), "<nil>");

  // A command failing at run time fails alone, in place.
  replies = client_->Transaction({{"SET", "c", "x"}, {"INCR", "c"}});
  ASSERT_TRUE(replies.ok()) << replies.status();
  EXPECT_TRUE((*replies)[1].is_error());
  EXPECT_EQ(Get("c"), "x");
}

TEST_F(RedisClientTest, ConcurrentTransactionsAreNeverSeenHalfDone) {
  constexpr int kWriters = 3;
  std::vector<std::thread> writers;
  writers.reserve(kWriters);
  for (int t = 0; t < kWriters; ++t) {
    writers.emplace_back([this] {
      for (int i = 0; i < 100; ++i) {
        CADRE_EXPECT_OK(client_->Transaction({{"INCR", "x"}, {"INCR", "y"}}));
      }
    });
  }
  for (int i = 0; i < 100; ++i) {
    absl::StatusOr<std::vector<RedisReply>> both =
        client_->Transaction({{"GET", "x"}, {"GET", "y"}});
    if (!both.ok()) {
      ADD_FAILURE() << both.status();
      continue;
    }
    EXPECT_EQ((*both)[0].str, (*both)[1].str);
  }
  for (std::thread& writer : writers) writer.join();
  EXPECT_EQ(Get("x"), "300");
  EXPECT_EQ(Get("y"), "300");
}

TEST_F(RedisClientTest, EvalRunsScriptsAndReloadsThemAfterFlush) {
  EXPECT_EQ(RedisScript("return 1").sha1(), "e0e1f9fabfc9d4800c877a703b823ac0578ff8db");

  RedisScript script("return {KEYS[1], ARGV[1], #KEYS, #ARGV}");
  absl::StatusOr<RedisReply> reply = client_->Eval(script, {"key"}, {"arg", "more"});
  ASSERT_TRUE(reply.ok()) << reply.status();
  ASSERT_EQ(reply->elements.size(), 4u);
  EXPECT_EQ(reply->elements[0].str, "key");
  EXPECT_EQ(reply->elements[1].str, "arg");
  EXPECT_EQ(reply->elements[2].integer, 1);
  EXPECT_EQ(reply->elements[3].integer, 2);

  // As after a Redis restart: EVALSHA answers NOSCRIPT, the client loads and retries.
  CADRE_ASSERT_OK(client_->Command({"SCRIPT", "FLUSH"}));
  reply = client_->Eval(script, {"k2"}, {"a2"});
  ASSERT_TRUE(reply.ok()) << reply.status();
  EXPECT_EQ(reply->elements[0].str, "k2");

  RedisScript refusing("return redis.error_reply('ETAG mismatch')");
  EXPECT_THAT(client_->Eval(refusing, {}, {}),
              StatusIs(absl::StatusCode::kInternal, "ETAG mismatch"));
}

TEST_F(RedisClientTest, ParsesStreamReplies) {
  const std::string binary("\0\xff\r\n", 4);
  CADRE_ASSERT_OK(client_->Command({"XADD", "s", "1-1", "type", "created", "pb", binary}));
  CADRE_ASSERT_OK(client_->Command({"XADD", "s", "2-1", "type", "deleted"}));

  absl::StatusOr<RedisReply> range = client_->Command({"XRANGE", "s", "-", "+"});
  ASSERT_TRUE(range.ok()) << range.status();
  absl::StatusOr<std::vector<StreamEntry>> entries = ParseStreamEntries(*range);
  ASSERT_TRUE(entries.ok()) << entries.status();
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].id, "1-1");
  EXPECT_EQ((*entries)[0].Field("type"), "created");
  EXPECT_EQ((*entries)[0].Field("pb"), binary);
  EXPECT_EQ((*entries)[1].Field("pb"), "");

  absl::StatusOr<RedisReply> read = client_->Command({"XREAD", "STREAMS", "s", "1-1"});
  ASSERT_TRUE(read.ok()) << read.status();
  entries = ParseXRead(*read);
  ASSERT_TRUE(entries.ok()) << entries.status();
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].id, "2-1");

  absl::StatusOr<RedisReply> nothing = client_->Command({"XREAD", "STREAMS", "s", "$"});
  ASSERT_TRUE(nothing.ok()) << nothing.status();
  entries = ParseXRead(*nothing);
  ASSERT_TRUE(entries.ok()) << entries.status();
  EXPECT_TRUE(entries->empty());

  RedisReply number;
  number.type = Type::kInteger;
  EXPECT_THAT(ParseStreamEntries(number), StatusIs(absl::StatusCode::kInternal));
  EXPECT_THAT(ParseXRead(number), StatusIs(absl::StatusCode::kInternal));
}

TEST_F(RedisClientTest, PoolServesManyThreadsAtOnce) {
  constexpr int kThreads = 8;
  constexpr int kCalls = 200;
  RunOnThreads(kThreads, [this](int t) {
    for (int i = 0; i < kCalls; ++i) {
      if (i % 2 == 0) {
        CADRE_EXPECT_OK(client_->Command({"INCR", "shared"}));
      } else {
        std::string key = absl::StrCat("own", t);
        absl::StatusOr<std::vector<RedisReply>> replies =
            client_->Pipeline({{"INCR", "shared"}, {"INCR", key}});
        ASSERT_TRUE(replies.ok()) << replies.status();
        EXPECT_EQ((*replies)[1].integer, i / 2 + 1);
      }
    }
  });
  EXPECT_EQ(Get("shared"), absl::StrCat(kThreads * kCalls));
}

TEST_F(RedisClientTest, FailsFastWithUnavailableWhileRedisIsDown) {
  CADRE_ASSERT_OK(client_->Ping());  // the pool holds a live connection
  server_->Stop();

  // Generous bounds: the point is that calls fail rather than hang.
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 20; ++i) {
    EXPECT_THAT(client_->Command({"GET", "k"}), StatusIs(absl::StatusCode::kUnavailable));
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));

  RedisClient fresh(server_->options());
  EXPECT_THAT(fresh.Ping(), StatusIs(absl::StatusCode::kUnavailable));
  auto connection = client_->Dedicated(std::chrono::milliseconds(100));
  EXPECT_THAT(connection->Command({"PING"}), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_FALSE(connection->connected());
}

TEST_F(RedisClientTest, RecoversAfterRedisRestartsWithoutANewClient) {
  CADRE_ASSERT_OK(client_->Command({"SET", "kept", "value"}));
  auto connection = client_->Dedicated(std::chrono::milliseconds(100));
  CADRE_ASSERT_OK(connection->Command({"PING"}));

  server_->Stop();
  EXPECT_THAT(client_->Ping(), StatusIs(absl::StatusCode::kUnavailable));
  server_->Restart();

  EXPECT_TRUE(WaitFor([&] { return client_->Ping().ok(); }));
  EXPECT_EQ(Get("kept"), "value");  // from the append-only file
  EXPECT_TRUE(WaitFor([&] { return connection->Command({"PING"}).ok(); }));
  EXPECT_TRUE(connection->connected());
}

TEST_F(RedisClientTest, DedicatedConnectionWaitsLongerThanCommandTimeout) {
  // command_timeout is 1 s; a pooled connection would give up on this read.
  auto connection = client_->Dedicated(std::chrono::seconds(10));
  absl::StatusOr<RedisReply> timed_out =
      connection->Command({"XREAD", "BLOCK", "1200", "STREAMS", "s", "$"});
  ASSERT_TRUE(timed_out.ok()) << timed_out.status();
  EXPECT_TRUE(timed_out->is_nil());

  absl::StatusOr<RedisReply> woken;
  std::thread reader([&] {
    woken = connection->Command({"XREAD", "BLOCK", "9000", "STREAMS", "s", "$"});
  });
  // Add the entry only once the reader is blocked, or "$" would be past it.
  EXPECT_TRUE(WaitFor([&] {
    absl::StatusOr<RedisReply> info = client_->Command({"INFO", "clients"});
    return info.ok() && info->str.find("blocked_clients:1") != std::string::npos;
  }));
  CADRE_EXPECT_OK(client_->Command({"XADD", "s", "*", "type", "created"}));
  reader.join();
  ASSERT_TRUE(woken.ok()) << woken.status();
  absl::StatusOr<std::vector<StreamEntry>> entries = ParseXRead(*woken);
  ASSERT_TRUE(entries.ok()) << entries.status();
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].Field("type"), "created");
}

TEST(RedisServerTest, RemovesItsDirectoryWhenDestroyed) {
  std::string dir;
  {
    std::unique_ptr<RedisServer> server = RedisServer::Start();
    dir = server->dir();
    EXPECT_TRUE(server->running());
    EXPECT_TRUE(std::filesystem::is_directory(dir));
  }
  EXPECT_FALSE(std::filesystem::exists(dir));
}

}  // namespace
}  // namespace cadre
