#include "services/registry/registry_store.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/common/base/status_macros.h"
#include "services/common/logging.h"
#include "services/common/outbox.h"

namespace cadre::registry {
namespace {

// How long a create's request id answers a retry with what it made: a day, in seconds.
constexpr int kRequestTtlSeconds = 24 * 3600;
// Records read per pipelined round trip when a view loads.
constexpr int kLoadBatch = 1000;
constexpr char kEvents[] = "registry:events";
constexpr char kAudit[] = "registry:audit";
constexpr char kClosingWatch[] = "registry:closing";
// Entries kept in each stream, approximately (XADD MAXLEN ~): enough events for a
// replica that was away for a while to catch up, and a long audit trail.
constexpr int64_t kEventsMaxLen = 100000;
constexpr int64_t kAuditMaxLen = 1000000;

// The registry's body of an outbox write: one record and its collection.
// K: record, collection.
// A: expected version ('0': must not exist), new version, record bytes, score, member,
//    op ('put' | 'del').
// Refusals: EXISTS, NOTFOUND, {STALE, current version}.
const OutboxScript& WriteScript() {
  static const auto* const kScript = new OutboxScript({
      .guards = R"lua(
local cur = redis.call('HGET', K[1], 'v')
if A[1] == '0' then
  if cur then return {'EXISTS'} end
else
  if not cur then return {'NOTFOUND'} end
  if cur ~= A[1] then return {'STALE', cur} end
end
)lua",
      .writes = R"lua(
if A[6] == 'del' then
  redis.call('DEL', K[1])
  redis.call('ZREM', K[2], A[5])
else
  redis.call('HSET', K[1], 'v', A[2], 'pb', A[3])
  redis.call('ZADD', K[2], A[4], A[5])
end
if K[3] then
  if A[7] == 'await' then
    redis.call('ZADD', K[3], A[8], A[5])
  elseif A[7] == 'rescore' then
    redis.call('ZADD', K[3], 'XX', A[8], A[5])
  elseif A[7] == 'forget' then
    redis.call('ZREM', K[3], A[5])
  end
end
)lua",
  });
  return *kScript;
}

// The closing sweep's announcement: a new version of the record (same bytes), off the
// closing watch. K: record, closing watch. A: expected version, new version, role id.
// Refusals: NOTFOUND, {STALE, current version}, UNWATCHED.
const OutboxScript& ApplicationsClosedScript() {
  static const auto* const kScript = new OutboxScript({
      .guards = R"lua(
local cur = redis.call('HGET', K[1], 'v')
if not cur then return {'NOTFOUND'} end
if cur ~= A[1] then return {'STALE', cur} end
if not redis.call('ZSCORE', K[2], A[3]) then return {'UNWATCHED'} end
)lua",
      .writes = R"lua(
redis.call('HSET', K[1], 'v', A[2])
redis.call('ZREM', K[2], A[3])
)lua",
  });
  return *kScript;
}

// The write script's words for a change to the closing watch.
absl::string_view WatchWord(ClosingWatch watch) {
  switch (watch) {
    case ClosingWatch::kAwait:
      return "await";
    case ClosingWatch::kRescore:
      return "rescore";
    case ClosingWatch::kForget:
      return "forget";
    case ClosingWatch::kUnchanged:
      break;
  }
  return "keep";
}

std::string RecordKey(absl::string_view kind, absl::string_view id) {
  return absl::StrCat("registry:", kind, ":", id);
}
std::string CollectionKey(absl::string_view kind) {
  // body → bodies, role → roles, avenue → avenues, role_type → role_types
  return kind == "body" ? "registry:bodies" : absl::StrCat("registry:", kind, "s");
}
// The write counter of `subject` (a body, an applicant...) for the clock minute that holds
// `unix_seconds`.
std::string RateKey(absl::string_view subject, int64_t unix_seconds) {
  return absl::StrCat("registry:rate:", subject, ":", unix_seconds / 60);
}
// Per kind of resource, so that a request id reused for another kind of create never
// answers with a resource of the wrong kind.
std::string RequestKey(absl::string_view actor, absl::string_view kind,
                       absl::string_view request_id) {
  return absl::StrCat("registry:request:", actor, ":", kind, ":", request_id);
}

absl::StatusOr<int64_t> Increment(RedisClient* redis, absl::string_view counter) {
  CADRE_ASSIGN_OR_RETURN(RedisReply reply,
                         redis->Command({"INCR", absl::StrCat("registry:seq:", counter)}));
  return reply.integer;
}

// Reads {v, pb} from an HMGET reply.
template <typename T>
absl::StatusOr<absl::optional<Stored<T>>> ParseRecord(const RedisReply& reply,
                                                      absl::string_view key) {
  if (reply.type != RedisReply::Type::kArray || reply.elements.size() != 2) {
    return absl::InternalError(absl::StrCat("unexpected reply for ", key));
  }
  if (reply.elements[0].is_nil()) return absl::optional<Stored<T>>();
  Stored<T> stored;
  if (!absl::SimpleAtoi(reply.elements[0].str, &stored.version) ||
      !stored.value.ParseFromString(reply.elements[1].str)) {
    return absl::InternalError(absl::StrCat("unreadable record ", key));
  }
  return absl::optional<Stored<T>>(std::move(stored));
}

}  // namespace

absl::StatusOr<int64_t> RegistryStore::NextRoleId() { return Increment(redis_, "role"); }
absl::StatusOr<int64_t> RegistryStore::NextAvenueId() { return Increment(redis_, "avenue"); }
absl::StatusOr<int64_t> RegistryStore::NextBodySequence() { return Increment(redis_, "body"); }

absl::StatusOr<absl::optional<std::string>> RegistryStore::FindRequest(
    const std::string& actor, absl::string_view kind, const std::string& request_id) {
  CADRE_ASSIGN_OR_RETURN(RedisReply reply,
                         redis_->Command({"GET", RequestKey(actor, kind, request_id)}));
  if (reply.is_nil()) return absl::optional<std::string>();
  return absl::optional<std::string>(reply.str);
}

template <typename T>
absl::StatusOr<absl::optional<Stored<T>>> RegistryStore::GetRecord(const std::string& key) {
  CADRE_ASSIGN_OR_RETURN(RedisReply reply, redis_->Command({"HMGET", key, "v", "pb"}));
  return ParseRecord<T>(reply, key);
}

absl::StatusOr<absl::optional<Stored<cadre::v1::Body>>> RegistryStore::GetBody(
    const std::string& code) {
  return GetRecord<cadre::v1::Body>(RecordKey("body", code));
}
absl::StatusOr<absl::optional<Stored<cadre::v1::Role>>> RegistryStore::GetRole(int64_t id) {
  return GetRecord<cadre::v1::Role>(RecordKey("role", absl::StrCat(id)));
}
absl::StatusOr<absl::optional<Stored<cadre::v1::Avenue>>> RegistryStore::GetAvenue(int64_t id) {
  return GetRecord<cadre::v1::Avenue>(RecordKey("avenue", absl::StrCat(id)));
}
absl::StatusOr<absl::optional<Stored<cadre::v1::RoleType>>> RegistryStore::GetRoleType(
    const std::string& id) {
  return GetRecord<cadre::v1::RoleType>(RecordKey("role_type", id));
}

OutboxWrite RegistryStore::OutboxParts(const std::string& kind, const Write& write,
                                       std::string event_bytes) {
  const std::string& actor = write.event.actor();
  const std::string& resource = write.event.resource();
  const std::string type = cadre::v1::RegistryEvent::Type_Name(write.event.type());
  const std::string version = absl::StrCat(write.event.version());
  return OutboxWrite{
      .keys = {},
      .args = {},
      .actor = actor,
      .events = {.key = kEvents,
                 .max_len = kEventsMaxLen,
                 .entries = {OutboxFields{{"type", type}, {"pb", std::move(event_bytes)}}}},
      .audit = {.key = kAudit,
                .max_len = kAuditMaxLen,
                .entries = {OutboxFields{
                    {"action", type}, {"resource", resource}, {"version", version}}}},
      .request = {.key = write.request_id.empty() ? "" : RequestKey(actor, kind, write.request_id),
                  .resource = resource,
                  .ttl_seconds = kRequestTtlSeconds},
      .rate = {.key = RateKey(write.rate_subject.empty() ? actor : write.rate_subject,
                              write.event.time().seconds()),
               .limit = write.rate_limit},
  };
}

absl::StatusOr<WriteResult> RegistryStore::ToWriteResult(OutboxResult outbox) {
  WriteResult result;
  switch (outbox.outcome) {
    case OutboxOutcome::kWritten:
      result.outcome = WriteOutcome::kWritten;
      return result;
    case OutboxOutcome::kDuplicate:
      result.outcome = WriteOutcome::kDuplicate;
      result.prior_resource = std::move(outbox.prior_resource);
      return result;
    case OutboxOutcome::kRateLimited:
      result.outcome = WriteOutcome::kRateLimited;
      return result;
    case OutboxOutcome::kRefused:
      break;
  }
  if (outbox.refusal == "EXISTS") {
    result.outcome = WriteOutcome::kExists;
  } else if (outbox.refusal == "NOTFOUND") {
    result.outcome = WriteOutcome::kNotFound;
  } else if (outbox.refusal == "STALE") {
    result.outcome = WriteOutcome::kStale;
  } else if (outbox.refusal == "UNWATCHED") {
    result.outcome = WriteOutcome::kUnwatched;
  } else {
    return absl::InternalError(
        absl::StrCat("unexpected answer from the write script: ", outbox.refusal));
  }
  return result;
}

absl::StatusOr<WriteResult> RegistryStore::WriteRecord(const std::string& kind,
                                                       const std::string& id, int64_t score,
                                                       const Write& write) {
  std::string record_bytes;
  if (write.record != nullptr && !write.record->SerializeToString(&record_bytes)) {
    return absl::InternalError("record does not serialize");
  }
  std::string event_bytes;
  if (!write.event.SerializeToString(&event_bytes)) {
    return absl::InternalError("event does not serialize");
  }
  OutboxWrite outbox = OutboxParts(kind, write, std::move(event_bytes));
  outbox.keys = {RecordKey(kind, id), CollectionKey(kind)};
  outbox.args = {absl::StrCat(write.expected_version),
                 absl::StrCat(write.event.version()),
                 std::move(record_bytes),
                 absl::StrCat(score),
                 id,
                 write.record == nullptr ? "del" : "put"};
  if (kind == "role") {
    outbox.keys.push_back(kClosingWatch);
    outbox.args.push_back(std::string(WatchWord(write.closing_watch.watch)));
    outbox.args.push_back(absl::StrCat(write.closing_watch.watch == ClosingWatch::kAwait ||
                                               write.closing_watch.watch == ClosingWatch::kRescore
                                           ? absl::ToUnixMillis(write.closing_watch.closing)
                                           : 0));
  }
  CADRE_ASSIGN_OR_RETURN(OutboxResult result, WriteScript().Run(*redis_, outbox));
  return ToWriteResult(std::move(result));
}

absl::StatusOr<std::vector<int64_t>> RegistryStore::WatchedRolesClosedBy(absl::Time now, int offset,
                                                                         int limit) {
  CADRE_ASSIGN_OR_RETURN(RedisReply reply,
                         redis_->Command({"ZRANGEBYSCORE", kClosingWatch, "-inf",
                                          absl::StrCat(absl::ToUnixMillis(now)), "LIMIT",
                                          absl::StrCat(offset), absl::StrCat(limit)}));
  std::vector<int64_t> ids;
  ids.reserve(reply.elements.size());
  for (const RedisReply& member : reply.elements) {
    int64_t id = 0;
    if (!absl::SimpleAtoi(member.str, &id)) {
      return absl::InternalError(absl::StrCat("unreadable member of ", kClosingWatch));
    }
    ids.push_back(id);
  }
  return ids;
}

absl::StatusOr<WriteResult> RegistryStore::WriteApplicationsClosed(int64_t id, const Write& write) {
  std::string event_bytes;
  if (!write.event.SerializeToString(&event_bytes)) {
    return absl::InternalError("event does not serialize");
  }
  OutboxWrite outbox = OutboxParts("role", write, std::move(event_bytes));
  outbox.keys = {RecordKey("role", absl::StrCat(id)), kClosingWatch};
  outbox.args = {absl::StrCat(write.expected_version), absl::StrCat(write.event.version()),
                 absl::StrCat(id)};
  CADRE_ASSIGN_OR_RETURN(OutboxResult result, ApplicationsClosedScript().Run(*redis_, outbox));
  return ToWriteResult(std::move(result));
}

absl::StatusOr<WriteResult> RegistryStore::WriteBody(const std::string& code, const Write& w) {
  return WriteRecord("body", code, 0, w);
}
absl::StatusOr<WriteResult> RegistryStore::WriteRole(int64_t id, const Write& w) {
  return WriteRecord("role", absl::StrCat(id), id, w);
}
absl::StatusOr<WriteResult> RegistryStore::WriteAvenue(int64_t id, const Write& w) {
  return WriteRecord("avenue", absl::StrCat(id), id, w);
}
absl::StatusOr<WriteResult> RegistryStore::WriteRoleType(const std::string& id, const Write& w) {
  return WriteRecord("role_type", id, 0, w);
}

absl::StatusOr<std::string> RegistryStore::LastEventId() {
  CADRE_ASSIGN_OR_RETURN(RedisReply reply,
                         redis_->Command({"XREVRANGE", kEvents, "+", "-", "COUNT", "1"}));
  CADRE_ASSIGN_OR_RETURN(auto entries, ParseStreamEntries(reply));
  return entries.empty() ? std::string("0-0") : entries.front().id;
}

template <typename T>
absl::Status RegistryStore::LoadKind(const std::string& kind, Catalog& catalog) {
  CADRE_ASSIGN_OR_RETURN(RedisReply ids,
                         redis_->Command({"ZRANGE", CollectionKey(kind), "0", "-1"}));
  for (size_t start = 0; start < ids.elements.size(); start += kLoadBatch) {
    std::vector<std::vector<std::string>> commands;
    const size_t end = std::min(ids.elements.size(), start + kLoadBatch);
    for (size_t i = start; i < end; ++i) {
      commands.push_back({"HMGET", RecordKey(kind, ids.elements[i].str), "v", "pb"});
    }
    CADRE_ASSIGN_OR_RETURN(auto replies, redis_->Pipeline(commands));
    for (size_t i = 0; i < replies.size(); ++i) {
      CADRE_ASSIGN_OR_RETURN(auto stored, ParseRecord<T>(replies[i], commands[i][1]));
      if (!stored) continue;  // deleted between ZRANGE and HMGET
      if constexpr (std::is_same_v<T, cadre::v1::Body>) {
        catalog.PutBody(std::move(stored->value), stored->version);
      } else if constexpr (std::is_same_v<T, cadre::v1::Role>) {
        catalog.PutRole(std::move(stored->value), stored->version);
      } else if constexpr (std::is_same_v<T, cadre::v1::Avenue>) {
        catalog.PutAvenue(std::move(stored->value), stored->version);
      } else {
        catalog.PutRoleType(std::move(stored->value), stored->version);
      }
    }
  }
  return absl::OkStatus();
}

absl::Status RegistryStore::LoadAll(Catalog& catalog) {
  CADRE_RETURN_IF_ERROR(LoadKind<cadre::v1::Body>("body", catalog));
  CADRE_RETURN_IF_ERROR(LoadKind<cadre::v1::RoleType>("role_type", catalog));
  CADRE_RETURN_IF_ERROR(LoadKind<cadre::v1::Avenue>("avenue", catalog));
  return LoadKind<cadre::v1::Role>("role", catalog);
}

absl::StatusOr<std::vector<std::pair<std::string, cadre::v1::RegistryEvent>>>
RegistryStore::ReadEvents(RedisConnection& connection, const std::string& after_id, int block_ms,
                          int count) {
  CADRE_ASSIGN_OR_RETURN(
      RedisReply reply, connection.Command({"XREAD", "COUNT", absl::StrCat(count), "BLOCK",
                                            absl::StrCat(block_ms), "STREAMS", kEvents, after_id}));
  CADRE_ASSIGN_OR_RETURN(auto entries, ParseXRead(reply));
  std::vector<std::pair<std::string, cadre::v1::RegistryEvent>> events;
  events.reserve(entries.size());
  for (const auto& entry : entries) {
    cadre::v1::RegistryEvent event;
    absl::string_view pb = entry.Field("pb");
    if (!event.ParseFromArray(pb.data(), static_cast<int>(pb.size()))) {
      // Skipped, not retried: one bad entry must not stop every replica's view for good.
      // It is handed on empty, so the reader moves past its id.
      log::Error("unreadable registry event skipped", {{"event_id", entry.id}});
      event.Clear();
    }
    events.emplace_back(entry.id, std::move(event));
  }
  return events;
}

absl::StatusOr<EventStreamStart> RegistryStore::EventsStart(RedisConnection& connection) {
  CADRE_ASSIGN_OR_RETURN(StreamInfo info,
                         ParseStreamInfo(connection.Command({"XINFO", "STREAM", kEvents})));
  return EventStreamStart{.first_id = std::move(info.first_id),
                          .length = info.length,
                          .entries_added = info.entries_added};
}

}  // namespace cadre::registry
