#include "services/registry/staff_store.h"

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/util/time_util.h"
#include "services/common/api_keys.h"
#include "services/common/auth.h"
#include "services/common/base/status_macros.h"
#include "services/common/outbox.h"
#include "services/registry/domain/limits.h"

namespace cadre::registry {
namespace {

constexpr char kAudit[] = "registry:audit";
constexpr char kDeactivated[] = "registry:staff-deactivated";
constexpr int64_t kAuditMaxLen = 1000000;  // as the registry's other records' entries
// How long a create's request id answers a retry, in seconds: a day, as other creates.
constexpr int kRequestTtlSeconds = 24 * 3600;
// A set-up token's key outlives its expiry by a day in Redis's own time, so that a test
// clock moved on still finds it; its stored expiry decides.
constexpr int64_t kSetupTidyMs = int64_t{24} * 3600 * 1000;

std::string RecordKey(absl::string_view id) { return absl::StrCat("registry:staff:", id); }
std::string BodySetKey(absl::string_view code) { return absl::StrCat("registry:staff-of:", code); }
std::string EmailKey(absl::string_view email) {
  return absl::StrCat("registry:staff-email:", Sha256Hex(email));
}
std::string SetupKey(absl::string_view hash) { return absl::StrCat("registry:staff-setup:", hash); }
std::string RequestKey(absl::string_view actor, absl::string_view request_id) {
  return absl::StrCat("registry:request:", actor, ":staff:", request_id);
}
std::string RateKey(absl::string_view subject, absl::Time time) {
  return absl::StrCat("registry:rate:", subject, ":", absl::ToUnixSeconds(time) / 60);
}

// K: record, the body's set, email index, set-up token.
// A: id, record bytes, body code, creation ms, set-up hash, set-up value, its TTL ms, the
//    most accounts a body may have.
// Refusals: EXISTS (the id), EMAIL (held), FULL.
const OutboxScript& CreateScript() {
  static const auto* const kScript = new OutboxScript({
      .guards = R"lua(
if redis.call('EXISTS', K[1]) == 1 then return {'EXISTS'} end
if redis.call('EXISTS', K[3]) == 1 then return {'EMAIL'} end
if redis.call('ZCARD', K[2]) >= tonumber(A[8]) then return {'FULL'} end
)lua",
      .writes = R"lua(
redis.call('HSET', K[1], 'v', '1', 'pb', A[2], 'body', A[3], 'pw', '', 'setup', A[5])
redis.call('ZADD', K[2], A[4], A[1])
redis.call('SET', K[3], A[1])
redis.call('SET', K[4], A[6], 'PX', A[7])
)lua",
  });
  return *kScript;
}

// K: record, email index, new set-up token, old set-up token, registry:staff-deactivated,
//    the member's key set, auth:audit.
// A: expected version, new version, record bytes, password ('set' | 'keep'), password,
//    set-up ('new' | 'clear' | 'keep'), new set-up hash, its value, its TTL ms, free the
//    email ('1' | '0'), deactivated ('add' | 'forget' | 'keep'), its score, id, the keys
//    ('revoke' | 'keep'), the body's code, the actor.
// Refusals: NOTFOUND, {STALE, current version}. Written: the revoked keys' hashes.
const OutboxScript& PutScript() {
  static const auto* const kScript = new OutboxScript({
      .guards = R"lua(
local cur = redis.call('HGET', K[1], 'v')
if not cur then return {'NOTFOUND'} end
if cur ~= A[1] then return {'STALE', cur} end
)lua",
      .writes = R"lua(
redis.call('HSET', K[1], 'v', A[2], 'pb', A[3])
if A[4] == 'set' then redis.call('HSET', K[1], 'pw', A[5]) end
if A[6] ~= 'keep' then
  redis.call('DEL', K[4])
  if A[6] == 'new' then
    redis.call('SET', K[3], A[8], 'PX', A[9])
    redis.call('HSET', K[1], 'setup', A[7])
  else
    redis.call('HSET', K[1], 'setup', '')
  end
end
if A[10] == '1' and redis.call('GET', K[2]) == A[13] then redis.call('DEL', K[2]) end
if A[11] == 'add' then
  redis.call('ZADD', K[5], A[12], A[13])
elseif A[11] == 'forget' then
  redis.call('ZREM', K[5], A[13])
end
)lua" + std::string("if A[14] == 'revoke' then\n") +
                RevokeStaffKeysLua("K[6]", "K[7]", "A[16]", "A[15]", "outbox_out") + "end\n",
  });
  return *kScript;
}

// K: record. A: unix ms. Only an account that exists.
const RedisScript& SignInScript() {
  static const auto* const kScript = new RedisScript(R"lua(
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'signin', ARGV[1]) end
return 1
)lua");
  return *kScript;
}

OutboxWrite Parts(const StoredStaff& record, int64_t version, const StaffChange& change,
                  const std::string& request_id) {
  const std::string& resource = record.staff.name();
  return OutboxWrite{
      .keys = {},
      .args = {},
      .actor = change.actor,
      .events = {},
      .audit = {.key = kAudit,
                .max_len = kAuditMaxLen,
                .entries = {OutboxFields{{"action", change.action},
                                         {"resource", resource},
                                         {"version", absl::StrCat(version)}}}},
      .request = {.key = request_id.empty() ? "" : RequestKey(change.actor, request_id),
                  .resource = resource,
                  .ttl_seconds = kRequestTtlSeconds},
      .rate = {.key =
                   change.rate_limit > 0
                       ? RateKey(change.rate_subject.empty() ? change.actor : change.rate_subject,
                                 change.time)
                       : "",
               .limit = change.rate_limit},
  };
}

absl::StatusOr<StaffWriteResult> ToResult(OutboxResult outbox) {
  StaffWriteResult result;
  switch (outbox.outcome) {
    case OutboxOutcome::kWritten:
      return result;
    case OutboxOutcome::kDuplicate:
      result.outcome = StaffWriteOutcome::kDuplicate;
      result.prior_resource = std::move(outbox.prior_resource);
      return result;
    case OutboxOutcome::kRateLimited:
      result.outcome = StaffWriteOutcome::kRateLimited;
      return result;
    case OutboxOutcome::kRefused:
      break;
  }
  if (outbox.refusal == "EXISTS") {
    result.outcome = StaffWriteOutcome::kExists;
  } else if (outbox.refusal == "EMAIL") {
    result.outcome = StaffWriteOutcome::kEmailTaken;
  } else if (outbox.refusal == "FULL") {
    result.outcome = StaffWriteOutcome::kFull;
  } else if (outbox.refusal == "NOTFOUND") {
    result.outcome = StaffWriteOutcome::kNotFound;
  } else if (outbox.refusal == "STALE") {
    result.outcome = StaffWriteOutcome::kStale;
  } else {
    return absl::InternalError(
        absl::StrCat("unexpected answer from the staff script: ", outbox.refusal));
  }
  return result;
}

std::string SetupValue(const std::string& id, absl::Time expire) {
  return absl::StrCat(id, "|", absl::ToUnixMillis(expire));
}
// The token key's life in Redis, in ms: to its expiry by `now`, plus a day.
std::string SetupTtlMs(absl::Time expire, absl::Time now) {
  return absl::StrCat(std::max<int64_t>(absl::ToInt64Milliseconds(expire - now), 0) + kSetupTidyMs);
}

// A record from HMGET v pb body pw setup signin; nullopt when it does not exist.
absl::StatusOr<absl::optional<StoredStaff>> ParseRecord(const RedisReply& reply,
                                                        const std::string& id) {
  if (reply.type != RedisReply::Type::kArray || reply.elements.size() != 6) {
    return absl::InternalError("unexpected answer to HMGET of a staff record");
  }
  const std::vector<RedisReply>& f = reply.elements;
  if (f[0].is_nil()) return absl::optional<StoredStaff>();
  StoredStaff out;
  out.id = id;
  if (!absl::SimpleAtoi(f[0].str, &out.version) || !out.staff.ParseFromString(f[1].str)) {
    return absl::InternalError(absl::StrCat("staff record ", id, " does not parse"));
  }
  out.body_code = f[2].str;
  out.password_hash = f[3].str;
  out.setup_hash = f[4].str;
  int64_t signin_ms = 0;
  if (!f[5].is_nil() && absl::SimpleAtoi(f[5].str, &signin_ms)) {
    *out.staff.mutable_last_sign_in_time() =
        google::protobuf::util::TimeUtil::MillisecondsToTimestamp(signin_ms);
  }
  return absl::optional<StoredStaff>(std::move(out));
}

std::vector<std::string> Hmget(const std::string& id) {
  return {"HMGET", RecordKey(id), "v", "pb", "body", "pw", "setup", "signin"};
}

}  // namespace

absl::StatusOr<absl::optional<StoredStaff>> StaffStore::Get(const std::string& id) {
  CADRE_ASSIGN_OR_RETURN(RedisReply reply, redis_->Command(Hmget(id)));
  return ParseRecord(reply, id);
}

absl::StatusOr<absl::optional<std::string>> StaffStore::FindByEmail(const std::string& email) {
  CADRE_ASSIGN_OR_RETURN(RedisReply reply, redis_->Command({"GET", EmailKey(email)}));
  if (reply.is_nil()) return absl::optional<std::string>();
  return absl::optional<std::string>(reply.str);
}

absl::StatusOr<absl::optional<SetupRecord>> StaffStore::FindSetup(const std::string& token_hash) {
  CADRE_ASSIGN_OR_RETURN(RedisReply reply, redis_->Command({"GET", SetupKey(token_hash)}));
  if (reply.is_nil()) return absl::optional<SetupRecord>();
  std::pair<std::string, std::string> parts = absl::StrSplit(reply.str, '|');
  int64_t expire_ms = 0;
  if (!absl::SimpleAtoi(parts.second, &expire_ms)) {
    return absl::InternalError("a set-up token record does not parse");
  }
  return absl::optional<SetupRecord>(
      SetupRecord{std::move(parts.first), absl::FromUnixMillis(expire_ms)});
}

absl::StatusOr<absl::optional<std::string>> StaffStore::FindRequest(const std::string& actor,
                                                                    const std::string& request_id) {
  CADRE_ASSIGN_OR_RETURN(RedisReply reply, redis_->Command({"GET", RequestKey(actor, request_id)}));
  if (reply.is_nil()) return absl::optional<std::string>();
  return absl::optional<std::string>(reply.str);
}

absl::StatusOr<std::vector<StoredStaff>> StaffStore::ListBody(const std::string& body_code) {
  CADRE_ASSIGN_OR_RETURN(RedisReply ids,
                         redis_->Command({"ZRANGE", BodySetKey(body_code), "0", "-1"}));
  std::vector<std::vector<std::string>> commands;
  for (const RedisReply& id : ids.elements) commands.push_back(Hmget(id.str));
  std::vector<StoredStaff> out;
  if (commands.empty()) return out;
  CADRE_ASSIGN_OR_RETURN(std::vector<RedisReply> replies, redis_->Pipeline(commands));
  for (size_t i = 0; i < replies.size(); ++i) {
    CADRE_ASSIGN_OR_RETURN(absl::optional<StoredStaff> record,
                           ParseRecord(replies[i], ids.elements[i].str));
    if (record) out.push_back(*std::move(record));
  }
  return out;
}

absl::StatusOr<StaffWriteResult> StaffStore::Create(const StoredStaff& record,
                                                    const NewSetupToken& setup,
                                                    const std::string& request_id,
                                                    const StaffChange& change) {
  std::string bytes;
  if (!record.staff.SerializeToString(&bytes))
    return absl::InternalError("staff does not serialize");
  OutboxWrite write = Parts(record, 1, change, request_id);
  write.keys = {RecordKey(record.id), BodySetKey(record.body_code), EmailKey(record.staff.email()),
                SetupKey(setup.hash)};
  write.args = {record.id,
                std::move(bytes),
                record.body_code,
                absl::StrCat(absl::ToUnixMillis(change.time)),
                setup.hash,
                SetupValue(record.id, setup.expire_time),
                SetupTtlMs(setup.expire_time, change.time),
                absl::StrCat(kMaxStaffPerBody)};
  CADRE_ASSIGN_OR_RETURN(OutboxResult result, CreateScript().Run(*redis_, write));
  return ToResult(std::move(result));
}

absl::StatusOr<StaffWriteResult> StaffStore::Put(const StaffPut& put, const StaffChange& change) {
  const StoredStaff& record = *put.record;
  std::string bytes;
  if (!record.staff.SerializeToString(&bytes))
    return absl::InternalError("staff does not serialize");
  const int64_t version = record.version + 1;
  OutboxWrite write = Parts(record, version, change, "");
  const std::string& email = record.staff.email();
  write.keys = {RecordKey(record.id),
                EmailKey(email),
                SetupKey(put.new_setup ? put.new_setup->hash : ""),
                SetupKey(record.setup_hash),
                kDeactivated,
                StaffKeySetKey(record.id),
                kKeyAuditStream};
  const char* setup_op = put.new_setup ? "new" : put.clear_setup ? "clear" : "keep";
  const char* deactivated_op = put.deactivated ? "add" : put.email_erased ? "forget" : "keep";
  write.args = {absl::StrCat(record.version),
                absl::StrCat(version),
                std::move(bytes),
                put.set_password ? "set" : "keep",
                put.set_password ? record.password_hash : "",
                setup_op,
                put.new_setup ? put.new_setup->hash : "",
                put.new_setup ? SetupValue(record.id, put.new_setup->expire_time) : "",
                put.new_setup ? SetupTtlMs(put.new_setup->expire_time, change.time) : "0",
                put.free_email && !email.empty() ? "1" : "0",
                deactivated_op,
                absl::StrCat(absl::ToUnixMillis(change.time)),
                record.id,
                put.revoke_keys ? "revoke" : "keep",
                record.body_code,
                change.actor};
  CADRE_ASSIGN_OR_RETURN(OutboxResult result, PutScript().Run(*redis_, write));
  std::vector<std::string> revoked = std::move(result.out);
  CADRE_ASSIGN_OR_RETURN(StaffWriteResult written, ToResult(std::move(result)));
  written.revoked_hashes = std::move(revoked);
  return written;
}

absl::Status StaffStore::RecordSignIn(const std::string& id, absl::Time time) {
  return redis_->Eval(SignInScript(), {RecordKey(id)}, {absl::StrCat(absl::ToUnixMillis(time))})
      .status();
}

absl::StatusOr<std::vector<std::string>> StaffStore::DeactivatedBefore(absl::Time before,
                                                                       int limit) {
  CADRE_ASSIGN_OR_RETURN(RedisReply reply,
                         redis_->Command({"ZRANGEBYSCORE", kDeactivated, "-inf",
                                          absl::StrCat(absl::ToUnixMillis(before)), "LIMIT", "0",
                                          absl::StrCat(limit)}));
  std::vector<std::string> ids;
  for (const RedisReply& id : reply.elements) ids.push_back(id.str);
  return ids;
}

}  // namespace cadre::registry
