#include "services/matching/domain/password_policy.h"

#include <algorithm>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/common/base/errors.h"
#include "services/common/base/validation.h"
#include "services/matching/domain/common_passwords.h"
#include "services/matching/domain/limits.h"

namespace cadre::matching {
namespace {

// Whether `s` (valid UTF-8, not empty) is one character repeated: "aaaaaaaaaa".
bool IsOneCharacterRepeated(absl::string_view s) {
  const size_t unit = Utf8SequenceLength(s, 0);
  if (unit == 0 || s.size() % unit != 0) return false;
  for (size_t i = unit; i < s.size(); i += unit) {
    if (s.substr(i, unit) != s.substr(0, unit)) return false;
  }
  return true;
}

}  // namespace

bool IsCommonPassword(absl::string_view password) {
  const std::string lower = absl::AsciiStrToLower(password);
  const absl::Span<const absl::string_view> list = CommonPasswords();
  return std::binary_search(list.begin(), list.end(), absl::string_view(lower));
}

absl::Status CheckPassword(absl::string_view password, absl::string_view email,
                           absl::string_view field) {
  // No message quotes the password or its length: messages reach logs.
  if (!IsValidUtf8(password)) return InvalidField(field, "must be valid UTF-8");
  const int length = Utf8Length(password);
  if (length < kMinPasswordLength || length > kMaxPasswordLength) {
    return InvalidField(field, absl::StrCat("must be ", kMinPasswordLength, " to ",
                                            kMaxPasswordLength, " characters"));
  }
  if (IsOneCharacterRepeated(password) || IsCommonPassword(password)) {
    return InvalidField(field,
                        "is too common and easily guessed: choose a longer or less usual one, "
                        "such as three random words");
  }
  const std::string lower = absl::AsciiStrToLower(password);
  const std::string address = absl::AsciiStrToLower(absl::StripAsciiWhitespace(email));
  const absl::string_view local = absl::string_view(address).substr(0, address.find('@'));
  if (!address.empty() && (lower == address || lower == local)) {
    return InvalidField(field, "must not be your email address or part of it");
  }
  return absl::OkStatus();
}

}  // namespace cadre::matching
