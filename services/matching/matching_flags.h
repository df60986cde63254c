#pragma once

// The matching service's command-line flags (each with its CADRE_<NAME> environment
// fallback), read into MatchingOptions. Defined in matching_flags.cc only, a target of
// its own (cadre_matching_flags) linked by the binary and its flags test.

#include <string>

#include "absl/status/statusor.h"
#include "services/common/flags_env.h"
#include "services/matching/matching_app.h"

namespace cadre::matching {

const ServiceFlags& MatchingFlags();

// INVALID_ARGUMENT naming the flag for a value out of range; NOT_FOUND or
// FAILED_PRECONDITION naming the path when a key file cannot be read.
absl::StatusOr<MatchingOptions> MatchingOptionsFromFlags(const ParsedFlags& parsed);

}  // namespace cadre::matching
