#include "services/gateway/sessions/session_store.h"

#include <openssl/sha.h>

#include <algorithm>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/base/errors.h"
#include "services/common/base/status_macros.h"

namespace cadre::gateway {
namespace {

constexpr char kSessionPrefix[] = "gateway:session:";
constexpr char kSessionsOfPrefix[] = "gateway:sessions-of:";
constexpr char kApplicantPrefix[] = "applicants/";
constexpr size_t kMaxOwnerId = 64;

// KEYS[1] the session, KEYS[2] the person's set. ARGV: box, key expiry (ms), idle (ms),
// now (ms), the session's hash, the session prefix. Stores the session, adds it to the
// set (which lives as long as the longest session in it), and drops from the set sessions
// that have ended by themselves. The pruned keys are built here from the prefix: one
// Redis, not a cluster.
const RedisScript& CreateScript() {
  static const RedisScript* script = new RedisScript(R"lua(
local left = tonumber(ARGV[2]) - tonumber(ARGV[4])
if left <= 0 then return 0 end
redis.call('HSET', KEYS[1], 'box', ARGV[1], 'exp', ARGV[2])
redis.call('PEXPIRE', KEYS[1], math.min(tonumber(ARGV[3]), left))
for _, member in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  if redis.call('EXISTS', ARGV[6] .. member) == 0 then redis.call('SREM', KEYS[2], member) end
end
redis.call('SADD', KEYS[2], ARGV[5])
if redis.call('PTTL', KEYS[2]) < left then redis.call('PEXPIRE', KEYS[2], left) end
return 1
)lua");
  return *script;
}

// KEYS[1] the session. ARGV: now (ms), idle (ms). The box, its end moved to idle from now
// (never past the key's expiry); nil when there is none or the key has expired.
const RedisScript& FindScript() {
  static const RedisScript* script = new RedisScript(R"lua(
local v = redis.call('HMGET', KEYS[1], 'box', 'exp')
if not v[1] or not v[2] then return false end
local left = tonumber(v[2]) - tonumber(ARGV[1])
if left <= 0 then
  redis.call('DEL', KEYS[1])
  return false
end
redis.call('PEXPIRE', KEYS[1], math.min(tonumber(ARGV[2]), left))
return v[1]
)lua");
  return *script;
}

// KEYS[1] the person's set. ARGV: the session prefix. Ends every session in the set and
// the set, atomically: a sign-in racing with it either ends too or starts after.
const RedisScript& EndEveryScript() {
  static const RedisScript* script = new RedisScript(R"lua(
local members = redis.call('SMEMBERS', KEYS[1])
for _, member in ipairs(members) do redis.call('DEL', ARGV[1] .. member) end
redis.call('DEL', KEYS[1])
return #members
)lua");
  return *script;
}

std::string HashOf(const std::string& cookie) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(cookie.data()), cookie.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

bool IsId(absl::string_view id) {
  return !id.empty() && id.size() <= kMaxOwnerId &&
         std::all_of(id.begin(), id.end(), [](char c) { return absl::ascii_isalnum(c); });
}

// The set of `owner`'s sessions: "applicants/{id}" → gateway:sessions-of:{id},
// "bodies/{code}/staff/{id}" → gateway:sessions-of:staff:{id}.
absl::StatusOr<std::string> IndexOf(const std::string& owner) {
  if (absl::StartsWith(owner, kApplicantPrefix)) {
    const absl::string_view id = absl::string_view(owner).substr(sizeof kApplicantPrefix - 1);
    if (IsId(id)) return absl::StrCat(kSessionsOfPrefix, id);
    return InvalidField("applicant", "must be applicants/{id}");
  }
  const std::vector<absl::string_view> parts = absl::StrSplit(owner, '/');
  if (parts.size() == 4 && parts[0] == "bodies" && IsId(parts[1]) && parts[2] == "staff" &&
      IsId(parts[3])) {
    return absl::StrCat(kSessionsOfPrefix, "staff:", parts[3]);
  }
  return InvalidField("owner", "must be applicants/{id} or bodies/{code}/staff/{id}");
}

int64_t Millis(absl::Time t) { return absl::ToUnixMillis(t); }

}  // namespace

SessionStore::SessionStore(RedisClient* redis, SessionSeal seal, const Clock* clock,
                           SessionStoreOptions options)
    : redis_(redis), seal_(std::move(seal)), clock_(clock), options_(options) {}

absl::StatusOr<std::string> SessionStore::Create(const SessionRecord& record) {
  CADRE_ASSIGN_OR_RETURN(const std::string index, IndexOf(record.owner()));
  const absl::Time now = clock_->Now();
  // A key about to expire makes no useful session (and the script's whole milliseconds
  // must leave it some life).
  if (record.key_expire <= now + absl::Seconds(1)) {
    return InvalidField("key_expire_time", "has passed");
  }
  const std::string cookie = NewToken();
  const std::string hash = HashOf(cookie);
  const std::string key = absl::StrCat(kSessionPrefix, hash);
  const std::string box = seal_.Seal(SerializeSessionRecord(record), key);
  CADRE_ASSIGN_OR_RETURN(RedisReply reply,
                         redis_->Eval(CreateScript(), {key, index},
                                      {box, absl::StrCat(Millis(record.key_expire)),
                                       absl::StrCat(absl::ToInt64Milliseconds(options_.idle)),
                                       absl::StrCat(Millis(now)), hash, kSessionPrefix}));
  (void)reply;
  return cookie;
}

absl::StatusOr<std::optional<SessionRecord>> SessionStore::Find(const std::string& cookie) {
  if (!IsToken(cookie)) return std::optional<SessionRecord>();
  const std::string key = absl::StrCat(kSessionPrefix, HashOf(cookie));
  CADRE_ASSIGN_OR_RETURN(RedisReply reply,
                         redis_->Eval(FindScript(), {key},
                                      {absl::StrCat(Millis(clock_->Now())),
                                       absl::StrCat(absl::ToInt64Milliseconds(options_.idle))}));
  if (reply.is_nil()) return std::optional<SessionRecord>();
  if (reply.type != RedisReply::Type::kString) {
    return absl::InternalError("session: unexpected reply");
  }
  absl::StatusOr<std::string> plain = seal_.Open(reply.str, key);
  if (!plain.ok()) return std::optional<SessionRecord>();  // sealed by a retired key
  absl::StatusOr<SessionRecord> record = ParseSessionRecord(*plain);
  if (!record.ok()) return std::optional<SessionRecord>();
  return std::optional<SessionRecord>(*std::move(record));
}

absl::Status SessionStore::End(const std::string& cookie, const std::string& owner) {
  if (!IsToken(cookie)) return absl::OkStatus();
  const std::string hash = HashOf(cookie);
  std::vector<std::vector<std::string>> commands = {{"DEL", absl::StrCat(kSessionPrefix, hash)}};
  absl::StatusOr<std::string> index = IndexOf(owner);
  if (index.ok()) commands.push_back({"SREM", *index, hash});
  return redis_->Transaction(commands).status();
}

absl::Status SessionStore::EndEvery(const std::string& owner) {
  CADRE_ASSIGN_OR_RETURN(const std::string index, IndexOf(owner));
  return redis_->Eval(EndEveryScript(), {index}, {kSessionPrefix}).status();
}

absl::Status SessionStore::Ping() { return redis_->Ping(); }

}  // namespace cadre::gateway
