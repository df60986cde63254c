#pragma once

// Deterministic, realistic test data for the registry benchmark: a dozen bodies of
// different kinds and regions, and roles of realistic size (about 1 KB serialised:
// a summary of a few hundred characters, tags, support, a closing date).
//
// Role i gets region 1 + i % 8 and level 1 + (i / 8) % 4, so every (region, level) pair
// holds count / 32 roles (312 or 313 of 10,000): a ListRoles filtered on region and level
// always has more than a 50-role page to return.

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "cadre/v1/registry.pb.h"

namespace cadre::bench {

inline constexpr int kRegionCount = 8;  // REGION_NATIONAL (1) .. REGION_SOUTH_WEST (8)
inline constexpr int kLevelCount = 4;   // INVOLVEMENT_LEVEL_1 .. INVOLVEMENT_LEVEL_4

// The vocabulary of BenchRole's tags, for applicants whose profiles should meet the
// roles': the topics (12, two a role), the expertise sought (9, three a role) and the
// access support offered (6, two a role).
const std::vector<std::string>& BenchTopics();
const std::vector<std::string>& BenchExpertise();
const std::vector<std::string>& BenchAccessSupport();

// The credentials BenchRole asks for: every role the first, one in four (i % 4 == 3)
// also the second.
inline constexpr char kBenchTrainingCredential[] = "module-ppv-induction";
inline constexpr char kBenchDbsCredential[] = "dbs-enhanced";

// `count` bodies (up to 26) with distinct ODS-style codes "ZB" + letter + "01".
std::vector<cadre::v1::Body> BenchBodies(int count);

// The role to create as number `i`, belonging to one of `body_names` ("bodies/{code}"),
// closing 30–330 days after `now`. Output-only fields are left unset.
cadre::v1::Role BenchRole(int i, const std::vector<std::string>& body_names, absl::Time now);

// `count` roles as the registry would return them (name, state OPEN, timestamps, etag
// set): the no-op server's canned ListRoles page.
std::vector<cadre::v1::Role> CannedRoles(int count);

}  // namespace cadre::bench
