#include "services/common/api_keys.h"

#include <openssl/rand.h>

#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/substitute.h"
#include "services/common/auth.h"
#include "services/common/base/status_macros.h"

namespace cadre {
namespace {

constexpr const char* kAudit = kKeyAuditStream;
constexpr char kAuditMaxLen[] = "100000";  // entries, approximately
// Subject-set members read per round by ListSubject, and rounds at most: dropped
// (expired) members are skipped over without reading the whole set.
constexpr int kListChunk = 1000;
constexpr int kListRounds = 10;

std::string KeyHashKey(absl::string_view hash) { return absl::StrCat("auth:key:", hash); }
std::string KeyIdKey(absl::string_view id) { return absl::StrCat("auth:key_id:", id); }
std::string SubjectKey(PrincipalKind kind, absl::string_view subject) {
  return absl::StrCat("auth:subject:", PrincipalKindName(kind), ":", subject);
}
std::string StaffSetKey(absl::string_view staff_id) { return StaffKeySetKey(staff_id); }
std::string SetKeyOf(const NewKey& key) {
  return key.staff_id.empty() ? SubjectKey(key.kind, key.subject) : StaffSetKey(key.staff_id);
}

// Puts a key unless its hash is taken. Answers {'OK', id}, {'SAME', id} (this hash
// already stands for this kind and subject) or {'TAKEN'}.
// KEYS: auth:key:{hash}, auth:key_id:{id}, the key's set (auth:subject:{kind}:{subject},
//       or auth:subject:staff:{staff id}), auth:audit
// ARGV: kind, subject, key id, label, create_time, create ms, expire_time ('' none),
//       ttl ms ('0' none), actor, hash, audit maxlen, staff id ('' none), staff role
const RedisScript& PutScript() {
  static const RedisScript* const script = new RedisScript(R"lua(
local held = redis.call('HMGET', KEYS[1], 'kind', 'subject', 'key_id')
if held[1] then
  if held[1] == ARGV[1] and held[2] == ARGV[2] then return {'SAME', held[3]} end
  return {'TAKEN'}
end
local ttl = tonumber(ARGV[8])
local set_ttl = redis.call('PTTL', KEYS[3])
redis.call('HSET', KEYS[1], 'kind', ARGV[1], 'subject', ARGV[2], 'key_id', ARGV[3],
           'label', ARGV[4], 'create_time', ARGV[5])
if ARGV[7] ~= '' then redis.call('HSET', KEYS[1], 'expire_time', ARGV[7]) end
if ARGV[12] ~= '' then redis.call('HSET', KEYS[1], 'staff_id', ARGV[12], 'staff_role', ARGV[13]) end
redis.call('SET', KEYS[2], ARGV[10])
redis.call('ZADD', KEYS[3], ARGV[6], ARGV[3])
if ttl > 0 then
  redis.call('PEXPIRE', KEYS[1], ttl)
  redis.call('PEXPIRE', KEYS[2], ttl)
  if set_ttl == -2 or (set_ttl >= 0 and set_ttl < ttl) then
    redis.call('PEXPIRE', KEYS[3], ttl)
  end
else
  redis.call('PERSIST', KEYS[3])
end
redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[11], '*', 'actor', ARGV[9],
           'action', 'key_created', 'key_id', ARGV[3], 'kind', ARGV[1], 'subject', ARGV[2],
           'staff_id', ARGV[12])
return {'OK', ARGV[3]}
)lua");
  return *script;
}

// Revokes the key of a hash, if it is of the kind and id asked ('' for any). Answers
// 'REVOKED', 'NONE' or 'OTHER'.
// KEYS: auth:key:{hash}, auth:audit   ARGV: actor, kind, key id, audit maxlen
const RedisScript& RevokeScript() {
  static const RedisScript* const script = new RedisScript(R"lua(
local held = redis.call('HMGET', KEYS[1], 'kind', 'subject', 'key_id', 'staff_id')
if not held[1] then return 'NONE' end
if (ARGV[2] ~= '' and held[1] ~= ARGV[2]) or (ARGV[3] ~= '' and held[3] ~= ARGV[3]) then
  return 'OTHER'
end
redis.call('DEL', KEYS[1], 'auth:key_id:' .. held[3])
if held[4] then
  redis.call('ZREM', 'auth:subject:staff:' .. held[4], held[3])
else
  redis.call('ZREM', 'auth:subject:' .. held[1] .. ':' .. held[2], held[3])
end
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[4], '*', 'actor', ARGV[1],
           'action', 'key_revoked', 'key_id', held[3], 'kind', held[1], 'subject', held[2])
return 'REVOKED'
)lua");
  return *script;
}

// Lua that revokes every key in a set, each with its audit entry, and appends their
// hashes to a Lua table; the arguments are Lua expressions (see RevokeStaffKeysLua).
std::string RevokeSetLua(absl::string_view set, absl::string_view audit, absl::string_view actor,
                         absl::string_view kind, absl::string_view subject, absl::string_view out) {
  // $0 set, $1 audit stream, $2 its maxlen, $3 actor, $4 kind, $5 subject, $6 out table.
  return absl::Substitute(R"lua(
for _, id in ipairs(redis.call('ZRANGE', $0, 0, -1)) do
  local hash = redis.call('GET', 'auth:key_id:' .. id)
  if hash then
    redis.call('DEL', 'auth:key:' .. hash, 'auth:key_id:' .. id)
    redis.call('XADD', $1, 'MAXLEN', '~', '$2', '*', 'actor', $3,
               'action', 'key_revoked', 'key_id', id, 'kind', $4, 'subject', $5)
    $6[#$6 + 1] = hash
  end
end
redis.call('DEL', $0)
)lua",
                          set, audit, kAuditMaxLen, actor, kind, subject, out);
}

// Revokes every key in a subject's set; answers their hashes.
// KEYS: auth:subject:{kind}:{subject}, auth:audit   ARGV: actor, kind, subject
const RedisScript& RevokeSubjectScript() {
  static const RedisScript* const script = new RedisScript(
      absl::StrCat("local hashes = {}\n",
                   RevokeSetLua("KEYS[1]", "KEYS[2]", "ARGV[1]", "ARGV[2]", "ARGV[3]", "hashes"),
                   "return hashes\n"));
  return *script;
}

absl::StatusOr<std::string> RandomHex(int bytes) {
  std::string buf(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(buf.data()), bytes) != 1) {
    return absl::InternalError("RAND_bytes failed");
  }
  return absl::BytesToHexString(buf);
}

std::string FormatUtc(absl::Time t) {
  return absl::FormatTime(absl::RFC3339_full, t, absl::UTCTimeZone());
}

absl::optional<PrincipalKind> KindFromName(absl::string_view name) {
  for (PrincipalKind k : {PrincipalKind::kAdmin, PrincipalKind::kBody, PrincipalKind::kApplicant,
                          PrincipalKind::kService}) {
    if (PrincipalKindName(k) == name) return k;
  }
  return absl::nullopt;
}

// Reads a key out of an HGETALL reply; nullopt if the hash is empty or does not parse
// (a key whose expiry cannot be read is refused, not taken to live for ever).
absl::optional<KeyRecord> RecordFromHash(const RedisReply& reply) {
  if (reply.type != RedisReply::Type::kArray || reply.elements.empty()) return absl::nullopt;
  KeyRecord record;
  bool has_kind = false;
  std::string ignored;
  for (size_t i = 0; i + 1 < reply.elements.size(); i += 2) {
    const std::string& field = reply.elements[i].str;
    const std::string& value = reply.elements[i + 1].str;
    if (field == "kind") {
      auto kind = KindFromName(value);
      if (!kind) return absl::nullopt;
      record.principal.kind = *kind;
      has_kind = true;
    } else if (field == "subject") {
      record.principal.subject = value;
    } else if (field == "key_id") {
      record.principal.key_id = value;
    } else if (field == "label") {
      record.label = value;
    } else if (field == "staff_id") {
      record.principal.staff_id = value;
    } else if (field == "staff_role") {
      std::optional<StaffRole> role = StaffRoleFromName(value);
      if (!role) return absl::nullopt;  // a role this build does not know is refused
      record.principal.staff_role = *role;
    } else if (field == "create_time") {
      absl::ParseTime(absl::RFC3339_full, value, &record.create_time, &ignored);
    } else if (field == "expire_time") {
      absl::Time expire;
      if (!absl::ParseTime(absl::RFC3339_full, value, &expire, &ignored)) return absl::nullopt;
      record.expire_time = expire;
    }
  }
  if (!has_kind) return absl::nullopt;
  // A staff key carries both its member and their role, and is a body's; else neither.
  const Principal& p = record.principal;
  if (p.staff_id.empty() != (p.staff_role == StaffRole::kNone)) return absl::nullopt;
  if (!p.staff_id.empty() && p.kind != PrincipalKind::kBody) return absl::nullopt;
  return record;
}

}  // namespace

std::string StaffKeySetKey(absl::string_view staff_id) {
  return absl::StrCat("auth:subject:staff:", staff_id);
}

std::string RevokeStaffKeysLua(absl::string_view set, absl::string_view audit,
                               absl::string_view actor, absl::string_view body_code,
                               absl::string_view out) {
  return RevokeSetLua(set, audit, actor,
                      absl::StrCat("'", PrincipalKindName(PrincipalKind::kBody), "'"), body_code,
                      out);
}

absl::StatusOr<std::string> ApiKeyStore::Put(const NewKey& key, const std::string& key_id,
                                             const std::string& hash, absl::string_view actor,
                                             absl::Time now) {
  int64_t ttl_ms = 0;
  if (key.expire_time) {
    ttl_ms = std::max<int64_t>(
        1, absl::ToInt64Milliseconds(*key.expire_time - now + absl::Seconds(kExpiryGraceSeconds)));
  }
  const std::string kind(PrincipalKindName(key.kind));
  CADRE_ASSIGN_OR_RETURN(
      RedisReply reply,
      redis_->Eval(PutScript(), {KeyHashKey(hash), KeyIdKey(key_id), SetKeyOf(key), kAudit},
                   {kind, key.subject, key_id, key.label, FormatUtc(now),
                    absl::StrCat(absl::ToUnixMillis(now)),
                    key.expire_time ? FormatUtc(*key.expire_time) : "", absl::StrCat(ttl_ms),
                    std::string(actor), hash, kAuditMaxLen, key.staff_id,
                    std::string(StaffRoleName(key.staff_role))}));
  if (reply.type != RedisReply::Type::kArray || reply.elements.empty()) {
    return absl::InternalError("unexpected answer from the key script");
  }
  const std::string& word = reply.elements[0].str;
  if ((word == "OK" || word == "SAME") && reply.elements.size() == 2) {
    return reply.elements[1].str;
  }
  if (word == "TAKEN") {
    return absl::AlreadyExistsError("key_sha256: this key is registered for someone else");
  }
  return absl::InternalError(absl::StrCat("unexpected answer from the key script: ", word));
}

absl::StatusOr<IssuedKey> ApiKeyStore::Create(const NewKey& key, absl::string_view actor,
                                              absl::Time now) {
  if (key.staff_id.empty() != (key.staff_role == StaffRole::kNone) ||
      (!key.staff_id.empty() && key.kind != PrincipalKind::kBody)) {
    return absl::InternalError("a staff key is a body's key with both a staff id and a role");
  }
  CADRE_ASSIGN_OR_RETURN(std::string id, RandomHex(8));
  CADRE_ASSIGN_OR_RETURN(std::string random, RandomHex(24));
  IssuedKey issued{id, absl::StrCat(kIssuedKeyPrefix, random)};
  CADRE_ASSIGN_OR_RETURN(issued.key_id, Put(key, id, Sha256Hex(issued.secret), actor, now));
  return issued;
}

absl::StatusOr<std::string> ApiKeyStore::Register(const NewKey& key, absl::string_view key_sha256,
                                                  absl::string_view actor, absl::Time now) {
  CADRE_ASSIGN_OR_RETURN(std::string id, RandomHex(8));
  return Put(key, id, std::string(key_sha256), actor, now);
}

absl::StatusOr<std::string> ApiKeyStore::RevokeStored(const std::string& hash,
                                                      absl::string_view kind,
                                                      absl::string_view key_id,
                                                      absl::string_view actor) {
  CADRE_ASSIGN_OR_RETURN(RedisReply reply, redis_->Eval(RevokeScript(), {KeyHashKey(hash), kAudit},
                                                        {std::string(actor), std::string(kind),
                                                         std::string(key_id), kAuditMaxLen}));
  if (reply.str != "REVOKED" && reply.str != "NONE" && reply.str != "OTHER") {
    return absl::InternalError("unexpected answer from the revoke script");
  }
  return reply.str;
}

absl::StatusOr<std::string> ApiKeyStore::Revoke(absl::string_view key_id, absl::string_view actor) {
  CADRE_ASSIGN_OR_RETURN(RedisReply hash, redis_->Command({"GET", KeyIdKey(key_id)}));
  if (hash.is_nil()) return absl::NotFoundError(absl::StrCat("no key with id ", key_id));
  CADRE_ASSIGN_OR_RETURN(std::string outcome, RevokeStored(hash.str, "", key_id, actor));
  // Revoked by someone else between the two reads: no longer there.
  if (outcome != "REVOKED") return absl::NotFoundError(absl::StrCat("no key with id ", key_id));
  return hash.str;
}

absl::StatusOr<bool> ApiKeyStore::RevokeHash(absl::string_view key_sha256, PrincipalKind kind,
                                             absl::string_view actor) {
  CADRE_ASSIGN_OR_RETURN(std::string outcome,
                         RevokeStored(std::string(key_sha256), PrincipalKindName(kind), "", actor));
  return outcome == "REVOKED";
}

absl::StatusOr<std::vector<std::string>> ApiKeyStore::RevokeSubject(PrincipalKind kind,
                                                                    absl::string_view subject,
                                                                    absl::string_view actor) {
  CADRE_ASSIGN_OR_RETURN(RedisReply reply,
                         redis_->Eval(RevokeSubjectScript(), {SubjectKey(kind, subject), kAudit},
                                      {std::string(actor), std::string(PrincipalKindName(kind)),
                                       std::string(subject), kAuditMaxLen}));
  std::vector<std::string> hashes;
  for (const RedisReply& hash : reply.elements) hashes.push_back(hash.str);
  return hashes;
}

absl::StatusOr<std::vector<std::string>> ApiKeyStore::RevokeStaff(absl::string_view body_code,
                                                                  absl::string_view staff_id,
                                                                  absl::string_view actor) {
  CADRE_ASSIGN_OR_RETURN(
      RedisReply reply,
      redis_->Eval(RevokeSubjectScript(), {StaffSetKey(staff_id), kAudit},
                   {std::string(actor), std::string(PrincipalKindName(PrincipalKind::kBody)),
                    std::string(body_code), kAuditMaxLen}));
  std::vector<std::string> hashes;
  for (const RedisReply& hash : reply.elements) hashes.push_back(hash.str);
  return hashes;
}

absl::StatusOr<std::vector<KeyRecord>> ApiKeyStore::ListSubject(PrincipalKind kind,
                                                                absl::string_view subject,
                                                                absl::Time now, int limit) {
  const std::string set = SubjectKey(kind, subject);
  std::vector<KeyRecord> live;
  int start = 0;
  for (int round = 0; round < kListRounds && static_cast<int>(live.size()) < limit; ++round) {
    CADRE_ASSIGN_OR_RETURN(RedisReply ids, redis_->Command({"ZRANGE", set, absl::StrCat(start),
                                                            absl::StrCat(start + kListChunk - 1)}));
    if (ids.elements.empty()) break;
    std::vector<std::vector<std::string>> gets;
    for (const RedisReply& id : ids.elements) gets.push_back({"GET", KeyIdKey(id.str)});
    CADRE_ASSIGN_OR_RETURN(std::vector<RedisReply> hashes, redis_->Pipeline(gets));
    std::vector<std::vector<std::string>> reads;
    std::vector<std::string> gone = {"ZREM", set};
    for (size_t i = 0; i < hashes.size(); ++i) {
      if (hashes[i].type == RedisReply::Type::kString) {
        reads.push_back({"HGETALL", KeyHashKey(hashes[i].str)});
      } else if (hashes[i].is_nil()) {
        gone.push_back(ids.elements[i].str);  // expired and gone from Redis
      }
    }
    CADRE_ASSIGN_OR_RETURN(std::vector<RedisReply> records, redis_->Pipeline(reads));
    for (const RedisReply& reply : records) {
      absl::optional<KeyRecord> record = RecordFromHash(reply);
      if (!record || !record->LiveAt(now) || record->principal.kind != kind ||
          record->principal.subject != subject || record->principal.is_staff()) {
        continue;
      }
      if (static_cast<int>(live.size()) < limit) live.push_back(*std::move(record));
    }
    start += static_cast<int>(ids.elements.size()) - static_cast<int>(gone.size() - 2);
    if (gone.size() > 2) CADRE_RETURN_IF_ERROR(redis_->Command(gone).status());
    if (static_cast<int>(ids.elements.size()) < kListChunk) break;
  }
  return live;
}

absl::StatusOr<absl::optional<KeyRecord>> ApiKeyStore::Find(absl::string_view key_hash) {
  CADRE_ASSIGN_OR_RETURN(RedisReply reply, redis_->Command({"HGETALL", KeyHashKey(key_hash)}));
  return RecordFromHash(reply);
}

absl::StatusOr<absl::optional<Principal>> ApiKeyStore::FindById(absl::string_view key_id) {
  CADRE_ASSIGN_OR_RETURN(RedisReply hash, redis_->Command({"GET", KeyIdKey(key_id)}));
  if (hash.is_nil()) return absl::optional<Principal>();
  CADRE_ASSIGN_OR_RETURN(absl::optional<KeyRecord> record, Find(hash.str));
  if (!record) return absl::optional<Principal>();
  return absl::optional<Principal>(record->principal);
}

}  // namespace cadre
