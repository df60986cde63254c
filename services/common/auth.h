#pragma once

// Who is calling. Every handler calls Authenticator::Authenticate first, then one of the
// Require* checks (gRPC 1.51's server interceptors cannot reject a call).
//
// Keys travel as `authorization: Bearer <key>` metadata. A call without that header is
// anonymous (public reads only). API keys are random, shown once, and stored only as a
// SHA-256 hash (see api_keys.h); a key may expire, and is refused from its expiry on.
// The admin key and the service keys (service_keys.h) are given at start-up (files or
// env) and kept in memory as their hashes.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/types/optional.h"
#include "services/common/base/clock.h"
#include "services/common/base/principal.h"
#include "services/common/service_keys.h"

namespace grpc {
class ServerContextBase;
}

namespace cadre {

class ApiKeyStore;

struct AuthenticatorOptions {
  // May be empty (no admin key: admin calls are impossible).
  std::string admin_key;
  // Callers holding one of these keys are Principal{kService, subject, "service:<subject>"}.
  std::vector<ServiceKeyHash> service_keys;
  // How long a looked-up key is trusted without asking Redis again.
  absl::Duration cache_ttl = absl::Seconds(5);
};

// Thread-safe. Caches looked-up keys for `cache_ttl`, never past the key's own expiry (so
// a revoked key stops working within that time on every replica, at once on the one
// that revoked it, and an expired key at its expiry everywhere) and unknown keys for a
// second, in a cache of their own (so a flood of bad keys becomes neither a flood of
// Redis reads nor the eviction of real keys). Tokens not shaped like an issued key are
// refused without a lookup. Expiry is judged by `clock`.
class Authenticator {
 public:
  Authenticator(ApiKeyStore* keys, const Clock* clock, AuthenticatorOptions options);
  // `admin_key` may be empty (no admin key: admin calls are impossible).
  Authenticator(ApiKeyStore* keys, absl::string_view admin_key, const Clock* clock,
                absl::Duration cache_ttl = absl::Seconds(5));

  // UNAUTHENTICATED for a malformed header or an unknown, revoked or expired key;
  // UNAVAILABLE when the key store cannot be reached.
  absl::StatusOr<Principal> Authenticate(const grpc::ServerContextBase& context);

  // Authenticate's answer when it needs no Redis (no key, a malformed header, the admin
  // key, a service key, a cached key); nullopt when the key must be looked up. Handlers on gRPC's
  // callback threads, which must never block, use this and move the rest to a worker.
  absl::optional<absl::StatusOr<Principal>> AuthenticateFromMemory(
      const grpc::ServerContextBase& context);

  // The service `token` is the key of, if it is one of the service keys; no Redis. For a
  // key that travels beside the caller's own (the gateway's x-cadre-forwarder).
  absl::optional<Principal> ServicePrincipal(absl::string_view token) const;

  // Drops a key from the cache at once (after revocation on this replica).
  void Forget(absl::string_view key_hash);

 private:
  struct Known {
    Principal principal;
    absl::Time expires;
  };
  // The bearer token, empty when there is no authorization header; INVALID_ARGUMENT-free:
  // a malformed header gives UNAUTHENTICATED.
  static absl::StatusOr<std::string> BearerToken(const grpc::ServerContextBase& context);
  // The answer from the admin key, the key's shape and the caches, or nullopt; then
  // `*revocations` (if given) holds the revocation count the lookup must see unchanged.
  absl::optional<absl::StatusOr<Principal>> FromMemory(const std::string& token,
                                                       const std::string& hash,
                                                       uint64_t* revocations);
  // Reads the key from Redis and caches the answer.
  absl::StatusOr<Principal> LookUp(const std::string& hash, uint64_t revocations);

  ApiKeyStore* keys_;
  std::string admin_key_hash_;
  absl::flat_hash_map<std::string, Principal> service_keys_;  // by hash; set once
  const Clock* clock_;
  absl::Duration cache_ttl_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, Known> known_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, absl::Time> unknown_ ABSL_GUARDED_BY(mu_);  // until
  uint64_t revocations_ ABSL_GUARDED_BY(mu_) = 0;  // Forget calls so far
};

// Keys this service issues: "cadre_" and 48 lower-case hex digits.
inline constexpr absl::string_view kIssuedKeyPrefix = "cadre_";
inline constexpr size_t kIssuedKeyLength = 6 + 48;
bool IsIssuedKeyShape(absl::string_view token);

// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(absl::string_view data);

}  // namespace cadre
