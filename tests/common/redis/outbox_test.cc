// The outbox kit against a real redis-server, with a body shaped like matching's coming
// acceptance: the application (compare-and-set on its version), the new placement (must
// not exist), the role's accepted count under its places, and the placed index (the
// applicant must be absent), all in one step or not at all.

#include "services/common/outbox.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tests/support/redis_server.h"
#include "tests/support/status_matchers.h"
#include "tests/support/wait_for.h"

namespace cadre {
namespace {

using ::cadre::testing::RedisServer;
using ::cadre::testing::StatusIs;
using ::cadre::testing::WaitFor;
using ::testing::ElementsAre;
using ::testing::Pair;

// K: application, placement, the role's accepted count, the role's placed applicants.
// A: the application's expected version, its new bytes, the placement's bytes, the
//    role's places, the applicant.
const OutboxScript& AcceptScript() {
  static const auto* const kScript = new OutboxScript({
      .guards = R"lua(
local application_v = redis.call('HGET', K[1], 'v')
if not application_v then return {'NOTFOUND'} end
if application_v ~= A[1] then return {'STALE', application_v} end
if redis.call('EXISTS', K[2]) == 1 then return {'EXISTS'} end
local accepted = tonumber(redis.call('GET', K[3]) or '0')
if accepted >= tonumber(A[4]) then return {'FULL', accepted} end
if redis.call('SISMEMBER', K[4], A[5]) == 1 then return {'PLACED'} end
)lua",
      .writes = R"lua(
redis.call('HSET', K[1], 'v', tonumber(application_v) + 1, 'pb', A[2])
redis.call('HSET', K[2], 'v', 1, 'pb', A[3])
redis.call('INCR', K[3])
redis.call('SADD', K[4], A[5])
)lua",
  });
  return *kScript;
}

constexpr char kEvents[] = "t:events";
constexpr char kAudit[] = "t:audit";
constexpr char kRate[] = "t:rate:bodies/RXF:1";
constexpr char kAccepted[] = "t:role:7:accepted";
constexpr char kPlaced[] = "t:role:7:placed";

class OutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = RedisServer::Start();
    redis_ = std::make_unique<RedisClient>(server_->options());
    // Application 1 of applicant a1 and application 2 of a2, both at version 1, to role
    // 7 with two places.
    for (int i : {1, 2}) {
      CADRE_ASSERT_OK(redis_->Command({"HSET", Application(i), "v", "1", "pb", "submitted"}));
    }
  }

  static std::string Application(int i) { return absl::StrCat("t:application:", i); }
  static std::string Placement(int i) { return absl::StrCat("t:placement:", i); }

  // Accepting application `i` (expected at `version`) into role 7, which has `places`.
  static OutboxWrite Accept(int i, const std::string& version = "1", int places = 2,
                            const std::string& request_id = "", int rate_limit = 0) {
    const std::string applicant = absl::StrCat("a", i);
    return OutboxWrite{
        .keys = {Application(i), Placement(i), kAccepted, kPlaced},
        .args = {version, "accepted", absl::StrCat("placement of ", applicant),
                 absl::StrCat(places), applicant},
        .actor = "bodies/RXF",
        .events = {.key = kEvents,
                   .max_len = 1000,
                   .entries = {OutboxFields{{"type", "APPLICATION_ACCEPTED"},
                                            {"resource", Application(i)}}}},
        .audit = {.key = kAudit,
                  .max_len = 1000,
                  .entries = {OutboxFields{{"action", "accept"}, {"resource", Application(i)}},
                              OutboxFields{{"action", "place"}, {"resource", Placement(i)}}}},
        .request = {.key = request_id.empty() ? "" : absl::StrCat("t:request:", request_id),
                    .resource = Placement(i),
                    .ttl_seconds = 3600},
        .rate = {.key = kRate, .limit = rate_limit},
    };
  }

  absl::StatusOr<OutboxResult> Run(const OutboxWrite& write) {
    return AcceptScript().Run(*redis_, write);
  }
  // The result of a run that must not fail; a failure reads as the refusal "ERROR".
  OutboxResult Must(const OutboxWrite& write) {
    absl::StatusOr<OutboxResult> result = Run(write);
    EXPECT_TRUE(result.ok()) << result.status();
    if (result.ok()) return *result;
    OutboxResult failed;
    failed.outcome = OutboxOutcome::kRefused;
    failed.refusal = "ERROR";
    return failed;
  }

  // Every key and its serialized value: equal snapshots mean nothing was written.
  std::map<std::string, std::string> Snapshot() {
    std::map<std::string, std::string> snapshot;
    absl::StatusOr<RedisReply> keys = redis_->Command({"KEYS", "*"});
    EXPECT_TRUE(keys.ok()) << keys.status();
    if (!keys.ok()) return snapshot;
    for (const RedisReply& key : keys->elements) {
      absl::StatusOr<RedisReply> dump = redis_->Command({"DUMP", key.str});
      EXPECT_TRUE(dump.ok()) << dump.status();
      if (dump.ok()) snapshot[key.str] = dump->str;
    }
    return snapshot;
  }

  int64_t Integer(const std::vector<std::string>& command) {
    absl::StatusOr<RedisReply> reply = redis_->Command(command);
    EXPECT_TRUE(reply.ok()) << reply.status();
    return reply.ok() ? reply->integer : -1;
  }
  std::string Text(const std::vector<std::string>& command) {
    absl::StatusOr<RedisReply> reply = redis_->Command(command);
    EXPECT_TRUE(reply.ok()) << reply.status();
    if (!reply.ok()) return reply.status().ToString();
    return reply->is_nil() ? "<nil>" : reply->str;
  }
  std::vector<StreamEntry> Entries(const std::string& stream) {
    absl::StatusOr<RedisReply> reply = redis_->Command({"XRANGE", stream, "-", "+"});
    EXPECT_TRUE(reply.ok()) << reply.status();
    if (!reply.ok()) return {};
    absl::StatusOr<std::vector<StreamEntry>> entries = ParseStreamEntries(*reply);
    EXPECT_TRUE(entries.ok()) << entries.status();
    return entries.ok() ? *entries : std::vector<StreamEntry>();
  }

  std::unique_ptr<RedisServer> server_;
  std::unique_ptr<RedisClient> redis_;
};

TEST_F(OutboxTest, TwoRecordWriteStoresRecordsIndexesEventAndAuditTogether) {
  absl::StatusOr<OutboxResult> result = Run(Accept(1, "1", 2, "req-1", 10));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->outcome, OutboxOutcome::kWritten);

  EXPECT_EQ(Text({"HGET", Application(1), "v"}), "2");
  EXPECT_EQ(Text({"HGET", Application(1), "pb"}), "accepted");
  EXPECT_EQ(Text({"HGET", Placement(1), "v"}), "1");
  EXPECT_EQ(Text({"HGET", Placement(1), "pb"}), "placement of a1");
  EXPECT_EQ(Text({"GET", kAccepted}), "1");
  EXPECT_EQ(Integer({"SISMEMBER", kPlaced, "a1"}), 1);

  std::vector<StreamEntry> events = Entries(kEvents);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_THAT(events[0].fields,
              ElementsAre(Pair("type", "APPLICATION_ACCEPTED"), Pair("resource", Application(1))));
  std::vector<StreamEntry> audit = Entries(kAudit);
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_THAT(audit[0].fields, ElementsAre(Pair("actor", "bodies/RXF"), Pair("action", "accept"),
                                           Pair("resource", Application(1))));
  EXPECT_THAT(audit[1].fields, ElementsAre(Pair("actor", "bodies/RXF"), Pair("action", "place"),
                                           Pair("resource", Placement(1))));

  EXPECT_EQ(Text({"GET", "t:request:req-1"}), Placement(1));
  const int64_t request_ttl = Integer({"TTL", "t:request:req-1"});
  EXPECT_GT(request_ttl, 3500);
  EXPECT_LE(request_ttl, 3600);
  EXPECT_EQ(Text({"GET", kRate}), "1");
  const int64_t rate_ttl = Integer({"TTL", kRate});
  EXPECT_GT(rate_ttl, 0);
  EXPECT_LE(rate_ttl, kOutboxRateTtlSeconds);
}

TEST_F(OutboxTest, FailedGuardWritesNothingAtAll) {
  // A second place taken by application 2 leaves role 7 full for a third.
  ASSERT_EQ(Must(Accept(2)).outcome, OutboxOutcome::kWritten);
  CADRE_ASSERT_OK(redis_->Command({"HSET", Application(3), "v", "1", "pb", "submitted"}));
  CADRE_ASSERT_OK(redis_->Command({"HSET", Application(4), "v", "1", "pb", "submitted"}));
  CADRE_ASSERT_OK(redis_->Command({"HSET", Placement(4), "v", "1", "pb", "other"}));
  CADRE_ASSERT_OK(redis_->Command({"SADD", kPlaced, "a5"}));
  CADRE_ASSERT_OK(redis_->Command({"HSET", Application(5), "v", "1", "pb", "submitted"}));
  const std::map<std::string, std::string> before = Snapshot();

  struct Case {
    OutboxWrite write;
    std::string refusal;
    std::string detail;
  };
  std::vector<Case> cases;
  cases.push_back({Accept(9), "NOTFOUND", ""});        // no such application
  cases.push_back({Accept(1, "3"), "STALE", "1"});     // changed since it was read
  cases.push_back({Accept(4), "EXISTS", ""});          // the placement exists
  cases.push_back({Accept(3, "1", 1), "FULL", "1"});   // role 7 has 1 place, taken
  cases.push_back({Accept(5, "1", 5), "PLACED", ""});  // the applicant is placed
  for (Case& c : cases) {
    c.write.request = {.key = "t:request:refused", .resource = "x", .ttl_seconds = 60};
    c.write.rate.limit = 100;
    absl::StatusOr<OutboxResult> result = Run(c.write);
    ASSERT_TRUE(result.ok()) << result.status();
    EXPECT_EQ(result->outcome, OutboxOutcome::kRefused) << c.refusal;
    EXPECT_TRUE(result->refused(c.refusal)) << result->refusal;
    EXPECT_EQ(result->detail, c.detail) << c.refusal;
    // No record, index, event, audit entry, rate count or request id.
    EXPECT_EQ(Snapshot(), before) << c.refusal;
  }
  EXPECT_EQ(Integer({"EXISTS", kRate, "t:request:refused"}), 0);
}

TEST_F(OutboxTest, RepeatedRequestIdAnswersThePriorResourceAndWritesNothing) {
  ASSERT_EQ(Must(Accept(1, "1", 2, "req-1", 10)).outcome, OutboxOutcome::kWritten);
  const std::map<std::string, std::string> before = Snapshot();

  // The same request again (its guards would now refuse it: STALE), and a different
  // change under the same request id: both answer with what the first made.
  for (const OutboxWrite& again :
       {Accept(1, "1", 2, "req-1", 10), Accept(2, "1", 2, "req-1", 10)}) {
    absl::StatusOr<OutboxResult> result = Run(again);
    ASSERT_TRUE(result.ok()) << result.status();
    EXPECT_EQ(result->outcome, OutboxOutcome::kDuplicate);
    EXPECT_EQ(result->prior_resource, Placement(1));
    EXPECT_EQ(Snapshot(), before);  // not counted against the rate limit either
  }
}

TEST_F(OutboxTest, RateLimitCountsOnlyChangesThatAreWritten) {
  // Refusals and duplicates cost nothing...
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(Must(Accept(1, "9", 2, "", 2)).refused("STALE"));
  }
  EXPECT_EQ(Text({"GET", kRate}), "<nil>");
  ASSERT_EQ(Must(Accept(1, "1", 2, "req-1", 2)).outcome, OutboxOutcome::kWritten);
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(Must(Accept(1, "1", 2, "req-1", 2)).outcome, OutboxOutcome::kDuplicate);
  }
  EXPECT_EQ(Text({"GET", kRate}), "1");
  // ...so the second real change is allowed, and the third is over the limit of 2.
  ASSERT_EQ(Must(Accept(2, "1", 3, "", 2)).outcome, OutboxOutcome::kWritten);
  CADRE_ASSERT_OK(redis_->Command({"HSET", Application(3), "v", "1", "pb", "submitted"}));
  absl::StatusOr<OutboxResult> third = Run(Accept(3, "1", 3, "req-3", 2));
  ASSERT_TRUE(third.ok()) << third.status();
  EXPECT_EQ(third->outcome, OutboxOutcome::kRateLimited);
  EXPECT_EQ(Text({"HGET", Application(3), "v"}), "1");
  EXPECT_EQ(Integer({"EXISTS", Placement(3), "t:request:req-3"}), 0);
  EXPECT_EQ(Entries(kEvents).size(), 2u);
  EXPECT_EQ(Entries(kAudit).size(), 4u);

  // Without a limit nothing is counted at all.
  CADRE_ASSERT_OK(redis_->Command({"DEL", kRate}));
  CADRE_ASSERT_OK(redis_->Command({"HSET", Application(4), "v", "1", "pb", "submitted"}));
  ASSERT_EQ(Must(Accept(4, "1", 3)).outcome, OutboxOutcome::kWritten);
  EXPECT_EQ(Text({"GET", kRate}), "<nil>");
}

TEST_F(OutboxTest, WriteWithoutRequestIdRateOrAuditTouchesNoOtherKey) {
  OutboxWrite write = Accept(1);
  write.rate = {};
  write.audit = {};
  ASSERT_EQ(Must(write).outcome, OutboxOutcome::kWritten);
  std::vector<std::string> keys;
  for (const auto& [key, value] : Snapshot()) keys.push_back(key);
  EXPECT_THAT(
      keys, ElementsAre(Application(1), Application(2), kEvents, Placement(1), kAccepted, kPlaced));
}

TEST_F(OutboxTest, MalformedWritesAreRefusedBeforeRedis) {
  OutboxWrite empty_entry = Accept(1);
  empty_entry.events.entries.emplace_back();
  EXPECT_THAT(Run(empty_entry), StatusIs(absl::StatusCode::kInternal, "event"));
  OutboxWrite no_stream = Accept(1);
  no_stream.audit.key.clear();
  EXPECT_THAT(Run(no_stream), StatusIs(absl::StatusCode::kInternal, "audit"));
  OutboxWrite no_ttl = Accept(1, "1", 2, "req-1");
  no_ttl.request.ttl_seconds = 0;
  EXPECT_THAT(Run(no_ttl), StatusIs(absl::StatusCode::kInternal, "TTL"));
  EXPECT_EQ(Text({"HGET", Application(1), "v"}), "1");
}

TEST_F(OutboxTest, WritesAnswerWhatTheyAppendToOutboxOut) {
  // A body whose writes hand values back (say the hashes of keys it revoked).
  static const auto* const kScript = new OutboxScript({
      .guards = "if redis.call('EXISTS', K[1]) == 0 then return {'NOTFOUND'} end",
      .writes = R"lua(
for _, member in ipairs(redis.call('SMEMBERS', K[1])) do outbox_out[#outbox_out + 1] = member end
redis.call('DEL', K[1])
)lua",
  });
  OutboxWrite write;
  write.keys = {"t:set"};
  write.actor = "admin";
  CADRE_ASSERT_OK(redis_->Command({"SADD", "t:set", "a", "b"}));
  absl::StatusOr<OutboxResult> result = kScript->Run(*redis_, write);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->outcome, OutboxOutcome::kWritten);
  EXPECT_THAT(result->out, ::testing::UnorderedElementsAre("a", "b"));
  // A refusal (the set is gone now) answers nothing.
  result = kScript->Run(*redis_, write);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE(result->refused("NOTFOUND"));
  EXPECT_TRUE(result->out.empty());
}

TEST_F(OutboxTest, SurvivesARedisRestart) {
  ASSERT_EQ(Must(Accept(1)).outcome, OutboxOutcome::kWritten);
  // A restarted Redis has forgotten the script: EVALSHA answers NOSCRIPT, the client
  // loads it again and retries.
  server_->Stop();
  server_->Restart();
  ASSERT_TRUE(WaitFor([&] { return redis_->Ping().ok(); }));
  absl::StatusOr<OutboxResult> result = Run(Accept(2));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->outcome, OutboxOutcome::kWritten);
  EXPECT_EQ(Text({"GET", kAccepted}), "2");  // the first from the append-only file
  EXPECT_EQ(Entries(kEvents).size(), 2u);
}

}  // namespace
}  // namespace cadre
