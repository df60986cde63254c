#pragma once

// What a password must be (NCSC and NIST SP 800-63B guidance: length over complexity,
// and a refusal of passwords known to be common). Pure. Passwords are never quoted in a
// message, logged or kept: only their scrypt hash is (services/common).

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace cadre::matching {

// OK when `password` is valid UTF-8 of kMinPasswordLength to kMaxPasswordLength (10–128)
// characters, is not one character repeated, is not on the list of common passwords
// (compared case-insensitively), and is not the email address `email` or its part before
// the '@' (compared case-insensitively; `email` may be empty, then only the other rules
// apply). INVALID_ARGUMENT naming `field`, saying what is needed, otherwise.
absl::Status CheckPassword(absl::string_view password, absl::string_view email,
                           absl::string_view field);

// Whether `password`, lower-cased, is on the list of common passwords.
bool IsCommonPassword(absl::string_view password);

}  // namespace cadre::matching
