#pragma once

// The list of common passwords CheckPassword refuses (password_policy.h).

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace cadre::matching {

// Lower-case, each at least kMinPasswordLength characters, sorted, without repeats.
absl::Span<const absl::string_view> CommonPasswords();

}  // namespace cadre::matching
