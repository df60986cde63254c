#pragma once

// Sealing web sessions at rest: AES-256-GCM under the gateway's session key, so that
// whoever reads Redis (a backup, a replica, a debugging session) learns nothing of the
// applicant keys the sessions hold, and cannot forge or move a session.
//
// The key file (--session_key_file; `make run` makes .run/gateway-session.key) holds
// one or more keys, one a line, each 64 hexadecimal digits (32 random bytes). The first
// seals; every one opens, so a key can be rotated: put the new one first, keep the old
// below it for as long as sessions last (the applicant keys' life), then remove it.
// Blank lines and lines starting with '#' are ignored.
//
// A sealed box: 4 bytes naming the key that sealed it (the first 4 bytes of the key's
// SHA-256), 12 bytes of random nonce, the ciphertext, the 16-byte tag. `context` (the session's
// Redis key) is authenticated with it, so a box copied under another session's name does not open.
//
// Thread-safe: immutable after Parse.

#include <array>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cadre::gateway {

inline constexpr size_t kSessionKeyBytes = 32;
inline constexpr int kMaxSessionKeys = 8;  // lines in the key file

class SessionSeal {
 public:
  // INVALID_ARGUMENT "session_key_file: ..." (never a key) when no key is given, a line
  // is not 64 hex digits, a key repeats or there are more than kMaxSessionKeys.
  static absl::StatusOr<SessionSeal> Parse(absl::string_view file_text);

  std::string Seal(absl::string_view plaintext, absl::string_view context) const;
  // NOT_FOUND when the box was sealed by a key not in the ring; DATA_LOSS when it does
  // not open (tampered, truncated, or sealed with another context).
  absl::StatusOr<std::string> Open(absl::string_view box, absl::string_view context) const;

 private:
  struct Key {
    std::array<unsigned char, kSessionKeyBytes> bytes;
    std::array<unsigned char, 4> id;  // the first 4 bytes of its SHA-256
  };
  std::vector<Key> keys_;  // keys_[0] seals
};

}  // namespace cadre::gateway
