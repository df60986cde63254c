#include "services/common/auth.h"

#include <grpcpp/server_context.h>
#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <algorithm>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/api_keys.h"
#include "services/common/base/status_macros.h"

namespace cadre {
namespace {

// Longest bearer token read, in bytes (issued keys are 54); longer is refused unread.
constexpr size_t kMaxTokenLength = 200;
// Keys remembered at most, in entries (each cache: known keys, unknown keys).
constexpr size_t kMaxCacheEntries = 100000;
// How long an unknown key is remembered as unknown, so that a flood of bad keys is not
// a flood of Redis reads.
constexpr absl::Duration kNegativeTtl = absl::Seconds(1);

bool SameHash(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

std::string Sha256Hex(absl::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

Authenticator::Authenticator(ApiKeyStore* keys, const Clock* clock, AuthenticatorOptions options)
    : keys_(keys),
      admin_key_hash_(options.admin_key.empty() ? "" : Sha256Hex(options.admin_key)),
      clock_(clock),
      cache_ttl_(options.cache_ttl) {
  for (ServiceKeyHash& key : options.service_keys) {
    const std::string key_id = absl::StrCat("service:", key.subject);
    service_keys_[key.sha256] =
        Principal{PrincipalKind::kService, std::move(key.subject), key_id, "", StaffRole::kNone};
  }
}

Authenticator::Authenticator(ApiKeyStore* keys, absl::string_view admin_key, const Clock* clock,
                             absl::Duration cache_ttl)
    : Authenticator(
          keys, clock,
          AuthenticatorOptions{
              .admin_key = std::string(admin_key), .service_keys = {}, .cache_ttl = cache_ttl}) {}

absl::StatusOr<std::string> Authenticator::BearerToken(const grpc::ServerContextBase& context) {
  const auto& md = context.client_metadata();
  auto it = md.find("authorization");
  if (it == md.end()) return std::string();
  absl::string_view value(it->second.data(), it->second.size());
  if (!absl::StartsWithIgnoreCase(value, "Bearer ")) {
    return absl::UnauthenticatedError("authorization: expected 'Bearer <key>'");
  }
  value.remove_prefix(7);
  if (value.empty() || value.size() > kMaxTokenLength) {
    return absl::UnauthenticatedError("authorization: the key is empty or too long");
  }
  return std::string(value);
}

absl::optional<absl::StatusOr<Principal>> Authenticator::AuthenticateFromMemory(
    const grpc::ServerContextBase& context) {
  auto token = BearerToken(context);
  if (!token.ok()) return absl::StatusOr<Principal>(token.status());
  if (token->empty()) return absl::StatusOr<Principal>(Principal{});
  return FromMemory(*token, Sha256Hex(*token), nullptr);
}

absl::StatusOr<Principal> Authenticator::Authenticate(const grpc::ServerContextBase& context) {
  auto token = BearerToken(context);
  if (!token.ok()) return token.status();
  if (token->empty()) return Principal{};
  const std::string hash = Sha256Hex(*token);
  uint64_t revocations = 0;
  if (auto answer = FromMemory(*token, hash, &revocations)) return *std::move(answer);
  return LookUp(hash, revocations);
}

absl::optional<absl::StatusOr<Principal>> Authenticator::FromMemory(const std::string& token,
                                                                    const std::string& hash,
                                                                    uint64_t* revocations) {
  if (!admin_key_hash_.empty() && SameHash(hash, admin_key_hash_)) {
    return absl::StatusOr<Principal>(
        Principal{PrincipalKind::kAdmin, "", "admin", "", StaffRole::kNone});
  }
  if (auto it = service_keys_.find(hash); it != service_keys_.end()) {
    return absl::StatusOr<Principal>(it->second);
  }
  // Anything that is not the shape of a key we issue is refused without asking Redis.
  if (!IsIssuedKeyShape(token) || keys_ == nullptr) {
    return absl::StatusOr<Principal>(absl::UnauthenticatedError("unknown, revoked or expired key"));
  }
  const absl::Time now = clock_->Now();
  absl::MutexLock lock(&mu_);
  if (auto it = known_.find(hash); it != known_.end() && it->second.expires > now) {
    return absl::StatusOr<Principal>(it->second.principal);
  }
  if (auto it = unknown_.find(hash); it != unknown_.end() && it->second > now) {
    return absl::StatusOr<Principal>(absl::UnauthenticatedError("unknown, revoked or expired key"));
  }
  if (revocations != nullptr) *revocations = revocations_;
  return absl::nullopt;
}

absl::StatusOr<Principal> Authenticator::LookUp(const std::string& hash, uint64_t revocations) {
  CADRE_ASSIGN_OR_RETURN(absl::optional<KeyRecord> found, keys_->Find(hash));
  const absl::Time now = clock_->Now();
  // An expired key is as good as none (Redis drops it a little later by itself).
  if (found && !found->LiveAt(now)) found.reset();
  {
    absl::MutexLock lock(&mu_);
    // A revocation on this replica while we read must not be undone by our answer.
    if (revocations == revocations_) {
      if (found) {
        if (known_.size() >= kMaxCacheEntries) known_.clear();
        // Never trusted past the key's own expiry.
        const absl::Time until =
            found->expire_time ? std::min(now + cache_ttl_, *found->expire_time) : now + cache_ttl_;
        known_[hash] = Known{found->principal, until};
      } else {
        // Unknown keys get their own bounded cache: a flood of made-up keys can never
        // push real keys out.
        if (unknown_.size() >= kMaxCacheEntries) unknown_.clear();
        unknown_[hash] = now + kNegativeTtl;
      }
    }
  }
  if (!found) return absl::UnauthenticatedError("unknown, revoked or expired key");
  return found->principal;
}

absl::optional<Principal> Authenticator::ServicePrincipal(absl::string_view token) const {
  if (!IsIssuedKeyShape(token)) return absl::nullopt;
  auto it = service_keys_.find(Sha256Hex(token));
  if (it == service_keys_.end()) return absl::nullopt;
  return it->second;
}

void Authenticator::Forget(absl::string_view key_hash) {
  absl::MutexLock lock(&mu_);
  known_.erase(std::string(key_hash));
  ++revocations_;
}

bool IsIssuedKeyShape(absl::string_view token) {
  return token.size() == kIssuedKeyLength && absl::StartsWith(token, kIssuedKeyPrefix) &&
         absl::c_all_of(token.substr(kIssuedKeyPrefix.size()),
                        [](char c) { return absl::ascii_isdigit(c) || (c >= 'a' && c <= 'f'); });
}

}  // namespace cadre
