#include "services/common/password.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/common/base/errors.h"
#include "services/common/base/validation.h"

namespace cadre {
namespace {

constexpr absl::string_view kScheme = "scrypt";
// Longest number accepted in a stored string's parameters, in digits (2^20 has 7).
constexpr size_t kMaxParamDigits = 10;

// Wipes a derived key before its memory is freed.
class KeyWiper {
 public:
  explicit KeyWiper(std::string* key) : key_(key) {}
  ~KeyWiper() { OPENSSL_cleanse(key_->data(), key_->size()); }
  KeyWiper(const KeyWiper&) = delete;
  KeyWiper& operator=(const KeyWiper&) = delete;

 private:
  std::string* key_;
};

absl::Status Malformed(absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat("stored password hash: ", problem));
}

// The memory OpenSSL's scrypt allocates for `params`, in bytes (its B and V arrays, with
// room to spare), or UINT64_MAX if that overflows.
uint64_t ScryptMemoryBytes(const ScryptParams& params) {
  if (params.n > kMaxScryptN || params.r > kMaxScryptR || params.p > kMaxScryptP) {
    return UINT64_MAX;
  }
  return 128 * params.r * (params.n + params.p + 2);
}

absl::Status CheckParams(const ScryptParams& params) {
  const bool power_of_two = params.n >= 2 && (params.n & (params.n - 1)) == 0;
  if (!power_of_two || params.n > kMaxScryptN) {
    return absl::InvalidArgumentError(
        absl::StrCat("scrypt N must be a power of two from 2 to ", kMaxScryptN));
  }
  if (params.r < 1 || params.r > kMaxScryptR || params.p < 1 || params.p > kMaxScryptP) {
    return absl::InvalidArgumentError(
        absl::StrCat("scrypt r must be 1 to ", kMaxScryptR, " and p 1 to ", kMaxScryptP));
  }
  if (params.n * params.r * params.p > kMaxScryptWork) {
    return absl::InvalidArgumentError(
        absl::StrCat("scrypt N*r*p must be at most ", kMaxScryptWork));
  }
  if (ScryptMemoryBytes(params) > kMaxScryptMemoryBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("scrypt would need more than ", kMaxScryptMemoryBytes, " bytes"));
  }
  return absl::OkStatus();
}

// A decimal number without sign, spaces or leading zeros (one spelling per value).
bool ParseParam(absl::string_view text, absl::string_view name, uint64_t* value) {
  if (!absl::ConsumePrefix(&text, name) || !absl::ConsumePrefix(&text, "=")) {
    return false;
  }
  if (text.empty() || text.size() > kMaxParamDigits || (text[0] == '0' && text.size() > 1)) {
    return false;
  }
  for (char c : text) {
    if (!absl::ascii_isdigit(c)) {
      return false;
    }
  }
  return absl::SimpleAtoi(text, value);
}

// Standard base64 with padding, in its one canonical spelling (no spaces, no stray bits).
bool ParseBase64(absl::string_view text, std::string* bytes) {
  return absl::Base64Unescape(text, bytes) && absl::Base64Escape(*bytes) == text;
}

struct StoredHash {
  ScryptParams params;
  std::string salt;
  std::string key;
};

absl::StatusOr<StoredHash> ParseStored(absl::string_view stored) {
  const std::vector<absl::string_view> parts = absl::StrSplit(stored, '$');
  if (parts.size() != 4 || parts[0] != kScheme) {
    return Malformed("not scrypt$<parameters>$<salt>$<key>");
  }
  const std::vector<absl::string_view> params = absl::StrSplit(parts[1], ',');
  StoredHash out;
  if (params.size() != 3 || !ParseParam(params[0], "N", &out.params.n) ||
      !ParseParam(params[1], "r", &out.params.r) || !ParseParam(params[2], "p", &out.params.p)) {
    return Malformed("parameters are not N=<n>,r=<r>,p=<p>");
  }
  if (absl::Status s = CheckParams(out.params); !s.ok()) {
    return Malformed(s.message());
  }
  if (!ParseBase64(parts[2], &out.salt) || !ParseBase64(parts[3], &out.key)) {
    return Malformed("salt or key is not base64");
  }
  if (out.salt.size() < kMinStoredBytes || out.salt.size() > kMaxStoredBytes ||
      out.key.size() < kMinStoredBytes || out.key.size() > kMaxStoredBytes) {
    return Malformed(
        absl::StrCat("salt and key must be ", kMinStoredBytes, " to ", kMaxStoredBytes, " bytes"));
  }
  return out;
}

// The message names the rule, never the password or its length.
absl::Status CheckNewPassword(absl::string_view password) {
  if (password.size() > kMaxPasswordBytes || !IsValidUtf8(password)) {
    return InvalidField("password", absl::StrCat("must be ", kMinPasswordLength, " to ",
                                                 kMaxPasswordLength, " characters of UTF-8"));
  }
  const int length = Utf8Length(password);
  if (length < kMinPasswordLength || length > kMaxPasswordLength) {
    return InvalidField("password", absl::StrCat("must be ", kMinPasswordLength, " to ",
                                                 kMaxPasswordLength, " characters"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::string> ScryptKey(absl::string_view password, absl::string_view salt,
                                      const ScryptParams& params, size_t key_bytes) {
  if (key_bytes < 1 || key_bytes > kMaxStoredBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("scrypt key length must be 1 to ", kMaxStoredBytes, " bytes"));
  }
  if (absl::Status s = CheckParams(params); !s.ok()) {
    return s;
  }
  // OpenSSL wants non-null pointers even for empty input.
  static constexpr char kEmpty[] = "";
  const char* pass = password.empty() ? kEmpty : password.data();
  const char* salt_bytes = salt.empty() ? kEmpty : salt.data();
  std::string key(key_bytes, '\0');
  const int ok =
      EVP_PBE_scrypt(pass, password.size(), reinterpret_cast<const unsigned char*>(salt_bytes),
                     salt.size(), params.n, params.r, params.p, kMaxScryptMemoryBytes,
                     reinterpret_cast<unsigned char*>(key.data()), key.size());
  if (ok != 1) {
    ERR_clear_error();  // keep OpenSSL's queue clean for the next user on this thread
    return absl::InternalError("scrypt failed");
  }
  return key;
}

absl::StatusOr<std::string> HashPassword(absl::string_view password) {
  return HashPasswordWithParams(password, kDefaultScryptParams);
}

absl::StatusOr<std::string> HashPasswordWithParams(absl::string_view password,
                                                   const ScryptParams& params) {
  if (absl::Status s = CheckNewPassword(password); !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckParams(params); !s.ok()) {
    return s;
  }
  std::string salt(kSaltBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(salt.data()), static_cast<int>(salt.size())) !=
      1) {
    ERR_clear_error();
    return absl::InternalError("the random source failed");
  }
  absl::StatusOr<std::string> key = ScryptKey(password, salt, params, kKeyBytes);
  if (!key.ok()) {
    return key.status();
  }
  KeyWiper wiper(&*key);
  return absl::StrCat(kScheme, "$N=", params.n, ",r=", params.r, ",p=", params.p, "$",
                      absl::Base64Escape(salt), "$", absl::Base64Escape(*key));
}

absl::StatusOr<bool> VerifyPassword(absl::string_view password, absl::string_view stored) {
  absl::StatusOr<StoredHash> parsed = ParseStored(stored);
  if (!parsed.ok()) {
    return parsed.status();
  }
  if (password.size() > kMaxPasswordBytes) {
    return false;  // no stored hash was made from one this long
  }
  absl::StatusOr<std::string> key =
      ScryptKey(password, parsed->salt, parsed->params, parsed->key.size());
  if (!key.ok()) {
    return key.status();
  }
  KeyWiper wiper(&*key);
  return CRYPTO_memcmp(key->data(), parsed->key.data(), key->size()) == 0;
}

bool NeedsRehash(absl::string_view stored) {
  absl::StatusOr<StoredHash> parsed = ParseStored(stored);
  if (!parsed.ok()) {
    return true;
  }
  const ScryptParams& p = parsed->params;
  return p.n != kDefaultScryptParams.n || p.r != kDefaultScryptParams.r ||
         p.p != kDefaultScryptParams.p || parsed->salt.size() != kSaltBytes ||
         parsed->key.size() != kKeyBytes;
}

}  // namespace cadre
