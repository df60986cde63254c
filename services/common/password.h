#pragma once

// Password hashing for people who sign in: scrypt (RFC 7914) through OpenSSL, a random
// 16-byte salt per hash, and the parameters kept with the hash in one self-describing
// string, so that they can be raised later without breaking stored hashes:
//   scrypt$N=32768,r=8,p=1$<base64 salt>$<base64 key>
// (standard base64 with padding). Pure: no gRPC, no Redis; thread-safe (no state).
//
// Length policy: a password being set must be 8 to 128 characters of valid UTF-8
// (HashPassword refuses others); VerifyPassword only caps the bytes it will hash, so a
// policy change never locks anyone out. No Unicode normalisation is done: callers that
// accept non-ASCII passwords should normalise (NFKC) before both calls.
//
// Never log a password, a stored string or a derived key.

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cadre {

// Shortest password HashPassword accepts, in characters (NIST SP 800-63B's minimum).
inline constexpr int kMinPasswordLength = 8;
// Longest password HashPassword accepts, in characters (a passphrase fits).
inline constexpr int kMaxPasswordLength = 128;
// Most bytes VerifyPassword will hash: kMaxPasswordLength characters of up to 4 bytes.
// A longer attempt is simply wrong, and costs no scrypt run.
inline constexpr size_t kMaxPasswordBytes = size_t{4} * kMaxPasswordLength;

// Salt made for each new hash, in bytes.
inline constexpr size_t kSaltBytes = 16;
// Derived key stored, in bytes.
inline constexpr size_t kKeyBytes = 32;

// scrypt's cost parameters: N (CPU and memory cost, a power of two above 1), r (block
// size) and p (parallelism). Memory used is about 128 * r * N bytes; time grows with
// N * r * p.
struct ScryptParams {
  uint64_t n = uint64_t{1} << 15;
  uint64_t r = 8;
  uint64_t p = 1;
};

// What new hashes use: N=2^15, r=8, p=1 (about 32 MiB and some tens of milliseconds).
inline constexpr ScryptParams kDefaultScryptParams{};

// Bounds on parameters read from a stored string (or given to ScryptKey), so that a
// tampered record cannot make one verification take minutes or exhaust memory:
inline constexpr uint64_t kMaxScryptN = uint64_t{1} << 20;
inline constexpr uint64_t kMaxScryptR = 32;
inline constexpr uint64_t kMaxScryptP = 16;
// N * r * p at most 2^21, 8 times the default's work.
inline constexpr uint64_t kMaxScryptWork = uint64_t{1} << 21;
// scrypt's memory for the parameters, at most 128 MiB (the default needs about 32 MiB).
inline constexpr uint64_t kMaxScryptMemoryBytes = uint64_t{128} << 20;
// Salt and key lengths accepted in a stored string, in bytes.
inline constexpr size_t kMinStoredBytes = 16;
inline constexpr size_t kMaxStoredBytes = 64;

// A stored string for `password` with a new random salt and kDefaultScryptParams.
// INVALID_ARGUMENT if the password is not kMinPasswordLength to kMaxPasswordLength
// characters of valid UTF-8 (the message never contains the password); INTERNAL if the
// random source or scrypt fails.
absl::StatusOr<std::string> HashPassword(absl::string_view password);

// The same with chosen parameters (tests and benchmarks use smaller ones; services use
// the one above). INVALID_ARGUMENT also for parameters outside the bounds above.
absl::StatusOr<std::string> HashPasswordWithParams(absl::string_view password,
                                                   const ScryptParams& params);

// Whether `password` is the one `stored` was made from, compared in constant time.
// False for a password longer than kMaxPasswordBytes. INVALID_ARGUMENT if `stored` does
// not parse or its parameters, salt or key length are out of bounds (a damaged or
// tampered record; do not show the message to the person signing in); INTERNAL if scrypt
// fails.
absl::StatusOr<bool> VerifyPassword(absl::string_view password, absl::string_view stored);

// True when `stored` was made with other parameters than kDefaultScryptParams (or does
// not parse): after a successful VerifyPassword, hash the password again and store that.
bool NeedsRehash(absl::string_view stored);

// scrypt itself: `key_bytes` (1 to kMaxStoredBytes) derived from `password` and `salt`.
// INVALID_ARGUMENT for parameters outside the bounds above; INTERNAL if OpenSSL fails.
// Exposed for the RFC 7914 known-answer test; prefer HashPassword.
absl::StatusOr<std::string> ScryptKey(absl::string_view password, absl::string_view salt,
                                      const ScryptParams& params, size_t key_bytes);

}  // namespace cadre
