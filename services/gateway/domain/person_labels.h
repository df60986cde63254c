#pragma once

// Plain words for a signed-in person's own pages (issue 9): "Roles for you" (a
// recommendation's reasons and score) and "My credentials" (what a credential is, its
// dates and status). Pure: no gRPC.

#include <string>

#include "absl/strings/string_view.h"
#include "cadre/v1/common.pb.h"
#include "cadre/v1/matching.pb.h"

namespace cadre::gateway {

// Matching's lower-case clauses as a sentence: the first letter upper-cased and a full
// stop added ("matches your lived experience; it is remote" → "Matches your lived
// experience; it is remote."); "" stays "".
std::string SentenceOf(absl::string_view clauses);

// A score and what it is out of: the sum of its parts' weights, which is the scoring
// policy's total (every score carries every part). "62.5 out of 100", "70 out of 100"
// (one decimal place at most, none when whole).
std::string ScoreOutOfLabel(const cadre::v1::MatchScore& score);

// One part of a score: "Lived experience: 30 of 30 points".
std::string ScorePartLabel(const cadre::v1::ScorePart& part);

// A calendar date: "1 December 2026"; "" when it is unset (year 0).
std::string CivilDateLabel(const cadre::v1::Date& date);

// What a credential is, as the start of a sentence: "An enhanced DBS check", "The
// training module ppv induction", "The accreditation peer-support" (CredentialLabel's
// words with a capital).
std::string CredentialWhatLabel(absl::string_view kind);

// Whether a credential is a DBS check ("dbs-basic", "dbs-standard", "dbs-enhanced").
bool IsDbsCredential(absl::string_view kind);

// A credential's status as an NHS.UK tag: its words ("Valid", "Expired", "Revoked") and
// the tag's colour modifier ("green", "grey", "red"; "" for UNSPECIFIED, "Unknown").
struct StatusTag {
  std::string text;
  std::string colour;
};
StatusTag CredentialStatusTag(cadre::v1::CredentialStatus status);

// The "Roles for you" page's own address: "/for-you", "/for-you?all=1" (roles the person
// is not yet eligible for too), with "page=<matching's token>" percent-encoded.
std::string ForYouUrl(bool include_ineligible, absl::string_view page_token = "");

}  // namespace cadre::gateway
