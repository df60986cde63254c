#include "services/gateway/domain/session_seal.h"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <cstdlib>
#include <cstring>
#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/common/base/errors.h"

namespace cadre::gateway {
namespace {

constexpr size_t kIdBytes = 4;
constexpr size_t kNonceBytes = 12;
constexpr size_t kTagBytes = 16;

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherContext NewContext() { return CipherContext(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free); }

const unsigned char* Bytes(absl::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

bool IsHexKey(absl::string_view line) {
  if (line.size() != 2 * kSessionKeyBytes) return false;
  for (char c : line) {
    if (!absl::ascii_isxdigit(c)) return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<SessionSeal> SessionSeal::Parse(absl::string_view file_text) {
  SessionSeal seal;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(file_text, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    if (!IsHexKey(line)) {
      return InvalidField("session_key_file",
                          absl::StrCat("line ", line_number, " is not 64 hexadecimal digits"));
    }
    const std::string raw = absl::HexStringToBytes(line);
    Key key;
    std::memcpy(key.bytes.data(), raw.data(), kSessionKeyBytes);
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(key.bytes.data(), key.bytes.size(), digest);
    std::memcpy(key.id.data(), digest, kIdBytes);
    for (const Key& other : seal.keys_) {
      if (other.bytes == key.bytes) {
        return InvalidField("session_key_file",
                            absl::StrCat("line ", line_number, " repeats a key"));
      }
    }
    seal.keys_.push_back(key);
  }
  if (seal.keys_.empty()) return InvalidField("session_key_file", "holds no key");
  if (seal.keys_.size() > kMaxSessionKeys) {
    return InvalidField("session_key_file",
                        absl::StrCat("holds more than ", kMaxSessionKeys, " keys"));
  }
  return seal;
}

std::string SessionSeal::Seal(absl::string_view plaintext, absl::string_view context) const {
  const Key& key = keys_.front();
  std::string box(kIdBytes + kNonceBytes + plaintext.size() + kTagBytes, '\0');
  auto* out = reinterpret_cast<unsigned char*>(box.data());
  std::memcpy(out, key.id.data(), kIdBytes);
  unsigned char* nonce = out + kIdBytes;
  // Random nonces: 2^32 seals under one key keep GCM's collision risk negligible; sessions
  // number far fewer before a key is rotated.
  if (RAND_bytes(nonce, kNonceBytes) != 1) std::abort();
  CipherContext ctx = NewContext();
  int n = 0;
  unsigned char* cipher = nonce + kNonceBytes;
  // With valid sizes and a fresh context these calls cannot fail; a failure is a broken
  // OpenSSL, and sealing nothing would lose the session silently.
  if (ctx == nullptr ||
      EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key.bytes.data(), nonce) != 1 ||
      EVP_EncryptUpdate(ctx.get(), nullptr, &n, Bytes(context), static_cast<int>(context.size())) !=
          1 ||
      EVP_EncryptUpdate(ctx.get(), cipher, &n, Bytes(plaintext),
                        static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), cipher + n, &n) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes, cipher + plaintext.size()) !=
          1) {
    std::abort();
  }
  return box;
}

absl::StatusOr<std::string> SessionSeal::Open(absl::string_view box,
                                              absl::string_view context) const {
  if (box.size() < kIdBytes + kNonceBytes + kTagBytes) {
    return absl::DataLossError("session box is truncated");
  }
  const Key* key = nullptr;
  for (const Key& k : keys_) {
    if (std::memcmp(k.id.data(), box.data(), kIdBytes) == 0) key = &k;
  }
  if (key == nullptr) return absl::NotFoundError("session box was sealed by a retired key");
  const unsigned char* nonce = Bytes(box) + kIdBytes;
  const unsigned char* cipher = nonce + kNonceBytes;
  const size_t cipher_size = box.size() - kIdBytes - kNonceBytes - kTagBytes;
  std::string plain(cipher_size, '\0');
  auto* out = reinterpret_cast<unsigned char*>(plain.data());
  unsigned char tag[kTagBytes];
  std::memcpy(tag, cipher + cipher_size, kTagBytes);
  CipherContext ctx = NewContext();
  int n = 0;
  int final_n = 0;
  if (ctx == nullptr ||
      EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key->bytes.data(), nonce) != 1 ||
      EVP_DecryptUpdate(ctx.get(), nullptr, &n, Bytes(context), static_cast<int>(context.size())) !=
          1 ||
      EVP_DecryptUpdate(ctx.get(), out, &n, cipher, static_cast<int>(cipher_size)) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, tag) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), out + n, &final_n) != 1) {
    return absl::DataLossError("session box does not open");
  }
  return plain;
}

}  // namespace cadre::gateway
