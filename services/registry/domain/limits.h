#pragma once

// Every limit the registry puts on what callers send, with its unit. The proto comments
// (protos/cadre/v1/registry.proto) state the same numbers.

#include <cstddef>

namespace cadre::registry {

// Text, in characters (Unicode code points).
inline constexpr int kMinTitle = 3;              // role, avenue and role type titles
inline constexpr int kMaxTitle = 120;            //
inline constexpr int kMaxSummary = 2000;         // summaries and descriptions
inline constexpr int kMaxLivedExperience = 500;  // role.lived_experience_sought
inline constexpr int kMaxPattern = 200;          // time_commitment.pattern
inline constexpr int kMaxPlaceName = 120;        // location.place ("Leeds", "online")
inline constexpr int kMaxReason = 300;           // why a role was closed or cancelled
inline constexpr int kMaxUrl = 300;              // websites, how_to_join
inline constexpr size_t kMaxContactEmail = 254;  // characters of a body's contact email
inline constexpr int kMinBodyName = 2;           // body.display_name
inline constexpr int kMaxBodyName = 160;         //
inline constexpr int kMaxQuery = 200;            // ListRoles.query
inline constexpr int kMaxLabel = 120;            // an API key's label

// Tags (topics, expertise, credentials, access support): slugs of a-z, 0-9 and '-'.
inline constexpr size_t kMaxTagLength = 40;  // characters of one tag
inline constexpr int kMaxTags = 20;          // tags in one list
inline constexpr int kMaxCredentials = 10;   // role.required_credentials entries

// Numbers.
inline constexpr int kMaxHoursPerMonth = 200;  // hours a month
inline constexpr int kMaxDurationMonths = 60;  // months
inline constexpr int kMaxPlaces = 100;         // places (people) one role fills
inline constexpr int kMinMinimumAge = 16;      // years: a role's minimum age, when it has one
inline constexpr int kMaxMinimumAge = 25;      // years
inline constexpr int kMaxRatePence = 100000;   // pence an hour of involvement payment
inline constexpr int kMaxQueryWords = 8;       // words in one search query

// Identifiers, in characters.
inline constexpr size_t kMinRoleTypeId = 3;   // roleTypes/{id}
inline constexpr size_t kMaxRoleTypeId = 60;  //

// API keys.
inline constexpr int kMaxKeyLifetimeDays = 400;     // how far ahead an expire_time may be
inline constexpr int kMaxSubjectKeysListed = 1000;  // keys one ListSubjectKeys answers

// Page sizes (AIP-158), in items.
inline constexpr int kDefaultRolePage = 20;
inline constexpr int kMaxRolePage = 100;
inline constexpr int kDefaultPage = 50;  // bodies, avenues
inline constexpr int kMaxPage = 200;

// Bodies' staff.
inline constexpr int kMinStaffName = 2;            // characters of staff.display_name
inline constexpr int kMaxStaffName = 80;           //
inline constexpr size_t kMaxStaffEmail = 254;      // characters (RFC 5321's path limit)
inline constexpr size_t kMaxStaffEmailLocal = 64;  // characters before the '@'
inline constexpr size_t kStaffIdLength = 16;       // lower-case hex digits (64 random bits)
inline constexpr size_t kSetupTokenLength = 43;    // base64url characters of 32 random bytes
inline constexpr int kMaxStaffPerBody = 1000;      // staff accounts of one body, all states
inline constexpr int kDefaultStaffPage = 50;       // ListStaff, in accounts
inline constexpr int kMaxStaffPage = 200;          //

}  // namespace cadre::registry
