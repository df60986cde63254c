#pragma once

// The matching service's secrets: the HMAC that stands for an email (or a client
// address) in every key name and counter, and the applicant keys it makes.

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cadre::matching {

// Thread-safe (immutable).
class EmailKeyer {
 public:
  // `key`: the HMAC key, at least 32 bytes, read from a file at start-up.
  explicit EmailKeyer(std::string key) : key_(std::move(key)) {}

  // Lower-case hex HMAC-SHA256 of `text` (a normalised email, a client address), with a
  // label so that the same text gives different keys for different uses.
  std::string Of(absl::string_view label, absl::string_view text) const;

 private:
  std::string key_;
};

inline constexpr size_t kMinHmacKeyBytes = 32;

// A new applicant key in the issued-key shape ("cadre_" and 48 hex digits) from
// OpenSSL's random source; INTERNAL if it fails.
absl::StatusOr<std::string> NewApplicantSecret();

// 64 bits from OpenSSL's random source (for applicant ids: random, never sequential).
// Aborts if the source fails: an id from a weak source would be guessable.
uint64_t SecureRandom64();

}  // namespace cadre::matching
