#pragma once

// API keys in Redis, under the `auth:` prefix. The registry is the only writer (it
// serves CreateApiKey / RevokeApiKey); every service reads through Authenticator.
//
// Keys: `auth:key:{sha256 of secret}` hash {kind, subject, key_id, label, create_time};
//       `auth:key_id:{key_id}` → the sha256, for revocation;
//       `auth:audit` stream: every key issued or revoked, by whom (ids only), written in
//       the same MULTI/EXEC as the change.
// The secret is "cadre_" + 48 random hex characters; only its hash is stored.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/common/auth.h"
#include "services/common/redis_client.h"

namespace cadre {

struct IssuedKey {
  std::string key_id;
  std::string secret;
};

// Thread-safe.
class ApiKeyStore {
 public:
  explicit ApiKeyStore(RedisClient* redis) : redis_(redis) {}

  // UNAVAILABLE if Redis is unreachable.
  // `actor`: who asks (Principal::Actor()), for the audit entry.
  absl::StatusOr<IssuedKey> Create(PrincipalKind kind, absl::string_view subject,
                                   absl::string_view label, absl::string_view actor,
                                   absl::Time now);
  // NOT_FOUND if there is no such key. Returns the hash it had (to drop from caches).
  absl::StatusOr<std::string> Revoke(absl::string_view key_id, absl::string_view actor);
  // The principal a hashed key stands for, or nullopt if none. UNAVAILABLE if Redis is
  // unreachable.
  absl::StatusOr<absl::optional<Principal>> Find(absl::string_view key_hash);
  // The principal of a key id (to check who may revoke it); nullopt if none.
  absl::StatusOr<absl::optional<Principal>> FindById(absl::string_view key_id);

 private:
  RedisClient* redis_;
};

}  // namespace cadre
