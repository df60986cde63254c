#pragma once

// Why a role is recommended to a person, in plain words shown to that person only (never
// to a body), so the words may name the person's own topics and expertise:
//   "matches your lived experience of diabetes; it seeks your expertise in finance; it is
//    remote; you have the time it asks"
// At most four clauses, joined by "; ", lower case, no full stop. For a role the person is
// not yet eligible for, what they lack comes first: the reasons of the failed screening
// checks, in the checks' order (all of them, even past four), then what matches. The
// clauses of what matches are ordered by the points their parts gave (lived experience;
// expertise and skills together; location; time), highest first, ties in that order; a
// part that found nothing gives no clause. Pure.

#include <string>

#include "cadre/v1/matching.pb.h"
#include "cadre/v1/registry.pb.h"
#include "services/matching/domain/scoring.h"
#include "services/matching/domain/screening.h"

namespace cadre::matching {

// Most clauses of a why.
inline constexpr int kMaxWhyClauses = 4;

// `score` and `screening` are ScoreFor's and Screen's for this role and person.
std::string WhyForApplicant(const cadre::v1::Role& role, const cadre::v1::Profile& profile,
                            const Score& score, const Screening& screening);

}  // namespace cadre::matching
