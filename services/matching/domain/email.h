#pragma once

// Email addresses as Cadre keeps them: trimmed and lower-cased, so that one mailbox has
// one account. Pure.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cadre::matching {

// `email` with ASCII whitespace trimmed from both ends and lower-cased, when its shape is
// that of an address: kMinEmailLength to kMaxEmailLength (3–254) printable ASCII
// characters with no spaces, exactly one '@', a local part of 1–64 characters, and a
// domain with a dot neither first nor last (nor two in a row). INVALID_ARGUMENT naming
// `field` otherwise; the message never quotes the address.
//
// This is a shape check, not delivery: whether the mailbox exists is not known here.
// Lower-casing the local part is a deliberate simplification (RFC 5321 lets a server
// treat it as case-sensitive; no mail service people use does).
absl::StatusOr<std::string> NormaliseEmail(absl::string_view email, absl::string_view field);

}  // namespace cadre::matching
