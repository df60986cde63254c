#pragma once

// Whom a screening's or a score's reasons speak to: the applicant themself ("you hold an
// enhanced DBS check", "your region"), as RecommendRoles and an application's own screening
// answer them, or the body about the applicant ("they hold ...", "their region"), as
// RankApplicants answers its staff.

#include "absl/strings/string_view.h"

namespace cadre::matching {

enum class Voice { kApplicant, kBody };

// "you" or "they" (both take a plural verb: "you have", "they have").
inline absl::string_view Subject(Voice voice) { return voice == Voice::kBody ? "they" : "you"; }
// "your" or "their".
inline absl::string_view Possessive(Voice voice) {
  return voice == Voice::kBody ? "their" : "your";
}

}  // namespace cadre::matching
