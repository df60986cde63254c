#pragma once

// Every limit the matching service puts on what callers send, with its unit. The proto
// comments (protos/cadre/v1/matching.proto) state the same numbers.
//
// Types follow what each limit is compared with: lengths compared with .size() are
// size_t, everything counted in characters (code points) or items is int, so that
// callers' comparisons compile cleanly under -Wall -Wextra.

#include <cstddef>

namespace cadre::matching {

// Accounts.
inline constexpr size_t kMinEmailLength = 3;      // characters (printable ASCII) of an email
inline constexpr size_t kMaxEmailLength = 254;    // RFC 5321's path limit, less the brackets
inline constexpr size_t kMaxEmailLocalPart = 64;  // characters before the '@' (RFC 5321)
inline constexpr int kMinPasswordLength = 10;     // characters (code points)
inline constexpr int kMaxPasswordLength = 128;    // characters (code points)
inline constexpr int kMaxFailedSignIns = 10;      // failed sign-ins within the window that lock
inline constexpr int kSignInLockMinutes = 15;     // minutes a lock-out lasts

// Profile text, in characters (code points).
inline constexpr int kMinDisplayName = 2;
inline constexpr int kMaxDisplayName = 80;
inline constexpr int kMaxAccessNote = 500;    // profile.access_needs_note
inline constexpr int kMaxInterestNote = 200;  // declared_interests[].note

// Ages, in whole years, on the day of the check.
inline constexpr int kMinAge = 16;
inline constexpr int kMaxAge = 120;

// Tags (lived experience, skills, expertise, access needs): slugs of a-z, 0-9 and '-'.
inline constexpr int kMaxTags = 20;          // tags in one list
inline constexpr size_t kMaxTagLength = 40;  // characters of one tag

// Numbers.
inline constexpr int kMaxHoursPerMonth = 200;      // hours a month
inline constexpr int kMaxConcurrentRoles = 10;     // roles held at once
inline constexpr int kDefaultConcurrentRoles = 2;  // what 0 on sign-up means
inline constexpr int kMaxDeclaredInterests = 20;   // declared interests, one a body

// Consent.
inline constexpr int kMaxPrivacyVersion = 20;  // characters of a privacy notice version

// Credentials.
inline constexpr int kMaxCredentialsPerPerson = 100;  // credentials kept for one person
inline constexpr int kMinRevokeReason = 3;            // characters
inline constexpr int kMaxRevokeReason = 300;          // characters

// Dates (cadre.v1.Date), in years: the range of any date Cadre accepts.
inline constexpr int kMinYear = 1900;
inline constexpr int kMaxYear = 2200;

// Equality counts, in people: counts from 1 to kSuppressBelow - 1 are shown as "<5" (0 is
// shown: it identifies no one).
inline constexpr int kSuppressBelow = 5;

// Public figures (figures.h): the days of applications and placements they cover. Each
// figure is withheld when fewer than kSuppressBelow applications or placements stand
// behind it.
inline constexpr int kFiguresWindowDays = 90;

// Identifiers: an applicant id is 16 characters of a-z and 2-7 (base32, 80 bits).
inline constexpr size_t kApplicantIdLength = 16;

// Page sizes (AIP-158), in items.
inline constexpr int kDefaultPage = 20;
inline constexpr int kMaxPage = 100;

}  // namespace cadre::matching
