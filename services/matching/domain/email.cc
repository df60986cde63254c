#include "services/matching/domain/email.h"

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/base/errors.h"
#include "services/matching/domain/limits.h"

namespace cadre::matching {
namespace {

// Printable ASCII without the space: anything else (controls, spaces, non-ASCII) is
// refused, so an address cannot smuggle a header line into an email.
bool IsAddressChar(char c) { return c > ' ' && c <= '~'; }

}  // namespace

absl::StatusOr<std::string> NormaliseEmail(absl::string_view email, absl::string_view field) {
  std::string address = absl::AsciiStrToLower(absl::StripAsciiWhitespace(email));
  if (address.empty()) return InvalidField(field, "is required");
  if (address.size() < kMinEmailLength || address.size() > kMaxEmailLength) {
    return InvalidField(
        field, absl::StrCat("must be ", kMinEmailLength, " to ", kMaxEmailLength, " characters"));
  }
  if (!absl::c_all_of(address, IsAddressChar)) {
    return InvalidField(field, "must be an email address of printable ASCII without spaces");
  }
  const size_t at = address.find('@');
  if (at == std::string::npos || address.find('@', at + 1) != std::string::npos) {
    return InvalidField(field, "must be an email address with exactly one '@'");
  }
  const absl::string_view local = absl::string_view(address).substr(0, at);
  const absl::string_view domain = absl::string_view(address).substr(at + 1);
  if (local.empty() || local.size() > kMaxEmailLocalPart) {
    return InvalidField(
        field, absl::StrCat("must have 1 to ", kMaxEmailLocalPart, " characters before the '@'"));
  }
  if (!absl::StrContains(domain, '.') || domain.front() == '.' || domain.back() == '.' ||
      absl::StrContains(domain, "..")) {
    return InvalidField(field, "must have a domain such as example.org after the '@'");
  }
  return address;
}

}  // namespace cadre::matching
