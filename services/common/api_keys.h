#pragma once

// API keys in Redis, under the `auth:` prefix. The registry is the only writer (it
// serves CreateApiKey, RevokeApiKey and the applicant and subject key calls); every
// service reads through Authenticator.
//
// Keys:
//   auth:key:{sha256 of secret}   hash {kind, subject, key_id, label, create_time,
//                                 expire_time (only when the key expires), staff_id and
//                                 staff_role (only a staff member's key)}; times are
//                                 RFC 3339. A key that expires also has a Redis TTL: its
//                                 time left plus kExpiryGraceSeconds, so it goes by itself.
//   auth:key_id:{key_id}          string: the sha256, for revocation (same TTL)
//   auth:subject:{kind}:{subject} sorted set of the subject's key ids, score the create
//                                 time in unix ms ("auth:subject:applicant:a1b2",
//                                 "auth:subject:body:RXF", "auth:subject:admin:");
//                                 its TTL follows its longest-lived key (none while one
//                                 never expires); ids whose key expired are dropped as
//                                 they are read. A staff member's keys are in
//                                 auth:subject:staff:{staff id} instead, not in their
//                                 body's set.
//   auth:audit                    stream {actor, action (key_created | key_revoked),
//                                 key_id, kind, subject}: ids only, trimmed to about
//                                 100,000 entries.
// Each change (a key, its id, its place in the subject's set and its audit entry) is one
// Lua script: all of it or none. The scripts name the id and subject keys they derive
// from a key's hash themselves (one Redis, not a cluster).
// A secret the registry makes is "cadre_" + 48 random hex characters; only its hash is
// stored. A hash registered by the matching service (RegisterApplicantKey) stands for a
// secret the registry never sees.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/common/base/principal.h"
#include "services/common/redis_client.h"

namespace cadre {

// The stream of key audit entries (auth:audit above).
inline constexpr char kKeyAuditStream[] = "auth:audit";

// The set of staff member `staff_id`'s keys: auth:subject:staff:{staff id}.
std::string StaffKeySetKey(absl::string_view staff_id);

// Lua for another script of the registry's (the only writer of keys), so that a change
// of a staff member's account and the end of their keys are one atomic step: revokes
// every key of the member as ApiKeyStore::RevokeStaff does, with its audit entries, and
// appends each revoked key's hash to the Lua table `out` (for Authenticator::Forget).
// The arguments are Lua expressions: `set` the member's key set (StaffKeySetKey), `audit`
// kKeyAuditStream, `actor` who revokes, `body_code` the member's body. Writes only, that
// cannot fail while the keys hold what this class writes.
std::string RevokeStaffKeysLua(absl::string_view set, absl::string_view audit,
                               absl::string_view actor, absl::string_view body_code,
                               absl::string_view out);

// How long a key is kept in Redis after it expired, in seconds: it is refused from its
// expiry on (Authenticator checks expire_time); the grace only lets replicas whose clocks
// differ a little agree on why.
inline constexpr int64_t kExpiryGraceSeconds = 60;

struct IssuedKey {
  std::string key_id;
  std::string secret;
};

// What a new key stands for.
struct NewKey {
  PrincipalKind kind = PrincipalKind::kAnonymous;
  std::string subject;
  std::string label;
  absl::optional<absl::Time> expire_time;  // nullopt: never expires
  // A staff member's key (kind kBody, subject their body's code): both set, else neither.
  std::string staff_id;
  StaffRole staff_role = StaffRole::kNone;
};

// A stored key, without its hash.
struct KeyRecord {
  Principal principal;  // kind, subject and key_id
  std::string label;
  absl::Time create_time = absl::UnixEpoch();
  absl::optional<absl::Time> expire_time;

  bool LiveAt(absl::Time now) const { return !expire_time || now < *expire_time; }
};

// Thread-safe. Every call: UNAVAILABLE if Redis is unreachable. `actor`: who asks
// (Principal::Actor()), for the audit entry. `now`: the service's clock.
class ApiKeyStore {
 public:
  explicit ApiKeyStore(RedisClient* redis) : redis_(redis) {}

  // Issues a new key with a random secret.
  absl::StatusOr<IssuedKey> Create(const NewKey& key, absl::string_view actor, absl::Time now);
  // Stores a key whose secret someone else made, by its lower-case hex SHA-256. Returns
  // its key id: a new one, or the id already stored when this hash stands for the same
  // kind and subject (idempotent; the stored label and expiry stay). ALREADY_EXISTS when
  // the hash stands for another holder.
  absl::StatusOr<std::string> Register(const NewKey& key, absl::string_view key_sha256,
                                       absl::string_view actor, absl::Time now);

  // NOT_FOUND if there is no such key. Returns the hash it had (to drop from caches).
  absl::StatusOr<std::string> Revoke(absl::string_view key_id, absl::string_view actor);
  // Revokes the key with this hash if it stands for a principal of `kind`; whether it did
  // (false: no such key, or a key of another kind, left as it was).
  absl::StatusOr<bool> RevokeHash(absl::string_view key_sha256, PrincipalKind kind,
                                  absl::string_view actor);
  // Revokes every key of the subject; returns their hashes (none: nothing to revoke).
  absl::StatusOr<std::vector<std::string>> RevokeSubject(PrincipalKind kind,
                                                         absl::string_view subject,
                                                         absl::string_view actor);
  // Revokes every key of staff member `staff_id` of body `body_code`; their hashes.
  absl::StatusOr<std::vector<std::string>> RevokeStaff(absl::string_view body_code,
                                                       absl::string_view staff_id,
                                                       absl::string_view actor);
  // The subject's keys live at `now`, oldest first, at most `limit` (a body's own keys,
  // not its staff's).
  absl::StatusOr<std::vector<KeyRecord>> ListSubject(PrincipalKind kind, absl::string_view subject,
                                                     absl::Time now, int limit);

  // The key a hash stands for, or nullopt if none (expired keys included: the caller
  // checks LiveAt).
  absl::StatusOr<absl::optional<KeyRecord>> Find(absl::string_view key_hash);
  // The principal of a key id (to check who may revoke it); nullopt if none.
  absl::StatusOr<absl::optional<Principal>> FindById(absl::string_view key_id);

 private:
  // Runs the put script: OK with the key id (new, or the one already there), or
  // ALREADY_EXISTS.
  absl::StatusOr<std::string> Put(const NewKey& key, const std::string& key_id,
                                  const std::string& hash, absl::string_view actor, absl::Time now);
  // Runs the revoke script on `hash`; "REVOKED", "NONE" or "OTHER" (another kind or id).
  absl::StatusOr<std::string> RevokeStored(const std::string& hash, absl::string_view kind,
                                           absl::string_view key_id, absl::string_view actor);

  RedisClient* redis_;
};

}  // namespace cadre
