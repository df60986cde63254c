#include "services/matching/applicant_store.h"

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "services/common/base/status_macros.h"
#include "services/common/outbox.h"
#include "services/matching/domain/names.h"

namespace cadre::matching {
namespace {

// K: the applicant, the email index entry it will hold, the one it holds now (the same
//    key unless the email changes), the applicants set, the pending set.
// A: op ('create' | 'activate' | 'update' | 'remove'), expected version, new version,
//    record bytes, password hash, email key, id, create time ms, pending-until ms.
const OutboxScript& ApplicantScript() {
  static const auto* const kScript = new OutboxScript({
      .guards = R"lua(
local cur = tonumber(redis.call('HGET', K[1], 'v') or '0')
if A[1] == 'create' then
  if cur ~= 0 then return {'STALE', tostring(cur)} end
  if redis.call('EXISTS', K[2]) == 1 then return {'EMAIL'} end
elseif A[1] == 'remove' then
  if cur == 0 then return {'NOTFOUND'} end
  if not redis.call('ZSCORE', K[5], A[7]) then return {'STALE', tostring(cur)} end
else
  if cur == 0 then return {'NOTFOUND'} end
  if cur ~= tonumber(A[2]) then return {'STALE', tostring(cur)} end
  if K[2] ~= K[3] then
    local holder = redis.call('GET', K[2])
    if holder and holder ~= A[7] then return {'EMAIL'} end
  end
end
)lua",
      .writes = R"lua(
if A[1] == 'remove' then
  redis.call('DEL', K[1])
  if redis.call('GET', K[3]) == A[7] then redis.call('DEL', K[3]) end
  redis.call('ZREM', K[4], A[7])
  redis.call('ZREM', K[5], A[7])
else
  redis.call('HSET', K[1], 'v', A[3], 'pb', A[4], 'pw', A[5], 'email_key', A[6])
  if A[1] == 'create' then
    redis.call('SET', K[2], A[7])
    redis.call('ZADD', K[4], A[8], A[7])
    redis.call('ZADD', K[5], A[9], A[7])
  elseif A[1] == 'activate' then
    redis.call('ZREM', K[5], A[7])
  end
  if K[2] ~= K[3] then
    if redis.call('GET', K[3]) == A[7] then redis.call('DEL', K[3]) end
    redis.call('SET', K[2], A[7])
  end
end
)lua",
  });
  return *kScript;
}

// K: the applicant, the applicants set, the pending set, its equality answers, its
// credentials, its credential counter. Its email index entry is found from the record.
const OutboxScript& EraseScript() {
  static const auto* const kScript = new OutboxScript({
      .guards = R"lua(
if redis.call('EXISTS', K[1]) == 0 then return {'NOTFOUND'} end
)lua",
      .writes = R"lua(
local email_key = redis.call('HGET', K[1], 'email_key')
if email_key then
  local index = 'matching:email:' .. email_key
  if redis.call('GET', index) == A[1] then redis.call('DEL', index) end
end
redis.call('DEL', K[1], K[4], K[5], K[6])
redis.call('ZREM', K[2], A[1])
redis.call('ZREM', K[3], A[1])
)lua",
  });
  return *kScript;
}

// K: the applicant, its equality answers. A: the answers (empty: remove them).
const OutboxScript& EqualityScript() {
  static const auto* const kScript = new OutboxScript({
      .guards = R"lua(
if redis.call('EXISTS', K[1]) == 0 then return {'NOTFOUND'} end
)lua",
      .writes = R"lua(
if A[1] == '' then redis.call('DEL', K[2]) else redis.call('SET', K[2], A[1]) end
)lua",
  });
  return *kScript;
}

int64_t ToMillis(absl::Time t) { return absl::ToUnixMillis(t); }

OutboxStream AuditOf(const Change& change, const std::string& resource,
                     const std::string& version) {
  return {.key = kAuditKey,
          .max_len = kAuditMaxLen,
          .entries = {OutboxFields{
              {"action", change.action}, {"resource", resource}, {"version", version}}}};
}

StoreResult FromOutbox(const OutboxResult& outbox) {
  StoreResult result;
  switch (outbox.outcome) {
    case OutboxOutcome::kWritten:
      break;
    case OutboxOutcome::kDuplicate:
      result.outcome = StoreOutcome::kDuplicate;
      result.prior_resource = outbox.prior_resource;
      break;
    case OutboxOutcome::kRateLimited:
      result.outcome = StoreOutcome::kRateLimited;
      break;
    case OutboxOutcome::kRefused:
      result.outcome = outbox.refusal == "EMAIL"      ? StoreOutcome::kEmailTaken
                       : outbox.refusal == "NOTFOUND" ? StoreOutcome::kNotFound
                                                      : StoreOutcome::kStale;
      break;
  }
  return result;
}

}  // namespace

std::string ApplicantKey(const std::string& id) { return absl::StrCat("matching:applicant:", id); }
std::string EmailKey(const std::string& email_key) {
  return absl::StrCat("matching:email:", email_key);
}
std::string EqualityKey(const std::string& id) { return absl::StrCat("matching:equality:", id); }

absl::StatusOr<StoreResult> ApplicantStore::Erase(const std::string& id, const Change& change) {
  const std::string resource = ApplicantName(id);
  cadre::v1::MatchingEvent event;
  event.set_type(cadre::v1::MatchingEvent::APPLICANT_ERASED);
  event.set_resource(resource);
  *event.mutable_time() =
      google::protobuf::util::TimeUtil::MillisecondsToTimestamp(ToMillis(change.time));
  event.set_actor(change.actor);
  CADRE_ASSIGN_OR_RETURN(
      OutboxResult outbox,
      EraseScript().Run(
          *redis_, OutboxWrite{
                       .keys = {ApplicantKey(id), kApplicantsKey, kPendingKey, EqualityKey(id),
                                absl::StrCat("matching:credentials:", id),
                                absl::StrCat("matching:seq:credential:", id)},
                       .args = {id},
                       .actor = change.actor,
                       .events = {.key = kEventsKey,
                                  .max_len = kEventsMaxLen,
                                  .entries = {OutboxFields{{"type", "APPLICANT_ERASED"},
                                                           {"pb", event.SerializeAsString()}}}},
                       .audit = AuditOf(change, resource, "0"),
                       .request = {},
                       .rate = {},
                   }));
  return FromOutbox(outbox);
}

absl::StatusOr<absl::optional<std::string>> ApplicantStore::GetEquality(const std::string& id) {
  CADRE_ASSIGN_OR_RETURN(RedisReply reply, redis_->Command({"GET", EqualityKey(id)}));
  if (reply.is_nil()) return absl::optional<std::string>();
  return absl::optional<std::string>(std::move(reply.str));
}

absl::StatusOr<StoreResult> ApplicantStore::SetEquality(const std::string& id,
                                                        const std::string& bytes,
                                                        const Change& change) {
  CADRE_ASSIGN_OR_RETURN(
      OutboxResult outbox,
      EqualityScript().Run(*redis_, OutboxWrite{
                                        .keys = {ApplicantKey(id), EqualityKey(id)},
                                        .args = {bytes},
                                        .actor = change.actor,
                                        .events = {},
                                        .audit = AuditOf(change, ApplicantName(id), "0"),
                                        .request = {},
                                        .rate = {},
                                    }));
  return FromOutbox(outbox);
}

absl::StatusOr<std::vector<absl::optional<std::string>>> ApplicantStore::GetEqualities(
    const std::vector<std::string>& ids) {
  std::vector<absl::optional<std::string>> answers;
  if (ids.empty()) return answers;
  std::vector<std::string> command = {"MGET"};
  for (const std::string& id : ids) command.push_back(EqualityKey(id));
  CADRE_ASSIGN_OR_RETURN(RedisReply reply, redis_->Command(command));
  for (RedisReply& element : reply.elements) {
    answers.push_back(element.is_nil() ? absl::optional<std::string>()
                                       : absl::optional<std::string>(std::move(element.str)));
  }
  return answers;
}

std::vector<std::string> ApplicantStore::GetCommand(const std::string& id) {
  return {"HMGET", ApplicantKey(id), "v", "pb", "pw", "email_key"};
}

std::vector<std::string> ApplicantStore::GetProfileCommand(const std::string& id) {
  return {"HMGET", ApplicantKey(id), "v", "pb"};
}

absl::StatusOr<absl::optional<StoredApplicant>> ApplicantStore::Get(const std::string& id) {
  CADRE_ASSIGN_OR_RETURN(RedisReply reply, redis_->Command(GetCommand(id)));
  return ParseGet(std::move(reply), id);
}

absl::StatusOr<absl::optional<StoredApplicant>> ApplicantStore::ParseGet(RedisReply reply,
                                                                         const std::string& id) {
  const size_t fields = reply.elements.size();
  if ((fields != 4 && fields != 2) || reply.elements[0].is_nil()) {
    return absl::optional<StoredApplicant>();
  }
  StoredApplicant stored;
  if (!absl::SimpleAtoi(reply.elements[0].str, &stored.version) ||
      !stored.applicant.ParseFromString(reply.elements[1].str)) {
    return absl::InternalError(absl::StrCat("applicant record ", id, " does not parse"));
  }
  if (fields == 4) {
    stored.password_hash = std::move(reply.elements[2].str);
    stored.email_key = std::move(reply.elements[3].str);
  }
  stored.applicant.set_etag(absl::StrCat(stored.version));
  return absl::optional<StoredApplicant>(std::move(stored));
}

absl::StatusOr<absl::optional<std::string>> ApplicantStore::FindByEmailKey(
    const std::string& email_key) {
  CADRE_ASSIGN_OR_RETURN(RedisReply reply, redis_->Command({"GET", EmailKey(email_key)}));
  if (reply.is_nil()) return absl::optional<std::string>();
  return absl::optional<std::string>(std::move(reply.str));
}

absl::StatusOr<StoreResult> ApplicantStore::CreatePending(const StoredApplicant& record,
                                                          absl::Time pending_until,
                                                          const Change& change) {
  return Write(record, 0, "create", change,
               {absl::StrCat(ToMillis(change.time)), absl::StrCat(ToMillis(pending_until))});
}

absl::StatusOr<StoreResult> ApplicantStore::Activate(const StoredApplicant& record,
                                                     const Change& change) {
  return Write(record, record.version, "activate", change, {"0", "0"});
}

absl::StatusOr<StoreResult> ApplicantStore::Update(const StoredApplicant& record,
                                                   const Change& change) {
  return Write(record, record.version, "update", change, {"0", "0"});
}

absl::StatusOr<StoreResult> ApplicantStore::RemovePending(const std::string& id, absl::Time now) {
  StoredApplicant record;
  record.applicant.set_name(ApplicantName(id));
  CADRE_ASSIGN_OR_RETURN(auto current, Get(id));
  if (current.has_value()) record.email_key = current->email_key;
  return Write(record, 0, "remove",
               Change{.action = "remove-pending", .actor = "services/matching", .time = now},
               {"0", "0"});
}

absl::StatusOr<std::vector<std::string>> ApplicantStore::DuePending(absl::Time now, int limit) {
  CADRE_ASSIGN_OR_RETURN(RedisReply reply, redis_->Command({"ZRANGEBYSCORE", kPendingKey, "-inf",
                                                            absl::StrCat(ToMillis(now)), "LIMIT",
                                                            "0", absl::StrCat(limit)}));
  std::vector<std::string> ids;
  for (RedisReply& element : reply.elements) ids.push_back(std::move(element.str));
  return ids;
}

absl::StatusOr<std::vector<std::string>> ApplicantStore::ListIds(int64_t after_ms,
                                                                 const std::string& after_id,
                                                                 int limit) {
  // Ids created in the same millisecond share a score: read from that score on and skip
  // up to and including `after_id` (ZRANGEBYSCORE orders equal scores by member).
  CADRE_ASSIGN_OR_RETURN(
      RedisReply reply,
      redis_->Command({"ZRANGEBYSCORE", kApplicantsKey, absl::StrCat(after_ms), "+inf",
                       "WITHSCORES", "LIMIT", "0", absl::StrCat(limit + 64)}));
  std::vector<std::string> ids;
  for (size_t i = 0; i + 1 < reply.elements.size() && static_cast<int>(ids.size()) < limit;
       i += 2) {
    int64_t score = 0;
    if (!absl::SimpleAtoi(reply.elements[i + 1].str, &score)) continue;
    const std::string& id = reply.elements[i].str;
    if (score == after_ms && !after_id.empty() && id <= after_id) continue;
    ids.push_back(id);
  }
  return ids;
}

absl::StatusOr<StoreResult> ApplicantStore::Write(const StoredApplicant& record,
                                                  int64_t expected_version, const std::string& op,
                                                  const Change& change,
                                                  const std::vector<std::string>& extra_args) {
  CADRE_ASSIGN_OR_RETURN(std::string id,
                         ParseApplicantName(record.applicant.name(), "applicant.name"));
  std::string bytes;
  if (op != "remove") {
    cadre::v1::Applicant applicant = record.applicant;
    applicant.clear_etag();  // the version is the etag
    if (!applicant.SerializeToString(&bytes)) {
      return absl::InternalError("applicant does not serialise");
    }
  }
  const int64_t version = op == "remove" ? 0 : expected_version + 1;
  const std::string resource = record.applicant.name();
  // The email index entry held now: for an update, the stored one (read by the caller
  // into `record.email_key` before a change of email replaces it) is passed separately.
  const std::string held_email_key =
      record.previous_email_key.empty() ? record.email_key : record.previous_email_key;
  OutboxWrite write{
      .keys = {ApplicantKey(id), EmailKey(record.email_key), EmailKey(held_email_key),
               kApplicantsKey, kPendingKey},
      .args = {op, absl::StrCat(expected_version), absl::StrCat(version), std::move(bytes),
               record.password_hash, record.email_key, id},
      .actor = change.actor,
      .events = {},
      .audit = AuditOf(change, resource, absl::StrCat(version)),
      .request = {},
      .rate = {},
  };
  for (const std::string& arg : extra_args) write.args.push_back(arg);
  if (change.event != cadre::v1::MatchingEvent::TYPE_UNSPECIFIED) {
    cadre::v1::MatchingEvent event;
    event.set_type(change.event);
    event.set_resource(resource);
    event.set_version(version);
    *event.mutable_time() =
        google::protobuf::util::TimeUtil::MillisecondsToTimestamp(ToMillis(change.time));
    event.set_actor(change.actor);
    write.events = {
        .key = kEventsKey,
        .max_len = kEventsMaxLen,
        .entries = {OutboxFields{{"type", cadre::v1::MatchingEvent::Type_Name(change.event)},
                                 {"pb", event.SerializeAsString()}}}};
  }
  CADRE_ASSIGN_OR_RETURN(OutboxResult outbox, ApplicantScript().Run(*redis_, write));
  return FromOutbox(outbox);
}

}  // namespace cadre::matching
