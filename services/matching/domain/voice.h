#pragma once

// Whom a screening's or a score's reasons speak to: the applicant themself ("you hold an
// enhanced DBS check", "your region"), as RecommendRoles and an application's own screening
// answer them, or the body about the applicant ("they hold ...", "their region"), as
// RankApplicants answers its staff.

#include <string>

#include "absl/strings/string_view.h"

namespace cadre::matching {

enum class Voice { kApplicant, kBody };

// "you" or "they" (both take a plural verb: "you have", "they have").
inline absl::string_view Subject(Voice voice) { return voice == Voice::kBody ? "they" : "you"; }
// "your" or "their".
inline absl::string_view Possessive(Voice voice) {
  return voice == Voice::kBody ? "their" : "your";
}

// Reasons made in the applicant's voice, as an application's stored screening holds them,
// in the body's: every whole word "you" becomes "they" and "your" "their" (capitals kept).
// Exact for the reasons this service writes, whose verbs all agree with either ("you
// hold", "they hold"); tests/matching/unit/screening_test.cc holds Screen's two voices to
// it.
std::string InBodyVoice(absl::string_view applicant_text);

}  // namespace cadre::matching
