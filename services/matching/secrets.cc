#include "services/matching/secrets.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <cstdlib>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace cadre::matching {

std::string EmailKeyer::Of(absl::string_view label, absl::string_view text) const {
  const std::string message = absl::StrCat(label, "\n", text);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest, &length);
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(digest), length));
}

absl::StatusOr<std::string> NewApplicantSecret() {
  unsigned char bytes[24];
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    return absl::InternalError("the random source failed");
  }
  return absl::StrCat("cadre_", absl::BytesToHexString(absl::string_view(
                                    reinterpret_cast<const char*>(bytes), sizeof bytes)));
}

uint64_t SecureRandom64() {
  uint64_t value = 0;
  if (RAND_bytes(reinterpret_cast<unsigned char*>(&value), sizeof value) != 1) std::abort();
  return value;
}

}  // namespace cadre::matching
