#pragma once

// The match score: an explainable sum of named parts, each a published weight times a
// fraction from 0 to 1, so that every ranking can show why one person came before
// another. Pure and deterministic: the same policy, role, profile and counts give the
// same score, bit for bit. Screening (screening.h) decides who may be ranked at all; the
// score only orders those who may.
//
// The parts, always all six and in this order:
//   lived_experience  share of the role's topics found in the person's lived_experience
//                     (a role with no topics gives every person the full part)
//   skills            share of the role's expertise_sought found among the person's
//                     skills OR expertise: what the person can bring, however they listed it
//   expertise         share of the role's expertise_sought found in the person's
//                     expertise: the list that shares the roles' vocabulary. A tag listed
//                     in both counts once in each part, so listing it twice gains nothing;
//                     a tag listed as expertise counts in both parts, a tag listed only as
//                     a skill in the skills part only. A role seeking nothing gives both
//                     parts in full.
//   availability      headroom: min(1, (available - asked) / asked), at least 0; full when
//                     the role asks 0 hours a month
//   location          1 when the role is remote, national or in the person's region;
//                     0.5 when it is hybrid in another region; 0 otherwise
//   spread            1 / (1 + active + 0.5 * last_24_months): favours people who hold
//                     fewer placements now and held fewer over the last two years, so that
//                     involvement reaches beyond the usual suspects
//
// Each part's points are weight * fraction rounded to 2 decimal places; the total is the
// sum of the parts' points added in order, so anyone can reproduce it from the parts.

#include <string>
#include <vector>

#include "cadre/v1/matching.pb.h"
#include "cadre/v1/registry.pb.h"
#include "services/matching/domain/voice.h"

namespace cadre::matching {

// Named weights, in points; published with every score (as each part's weight).
struct ScoringPolicy {
  double lived_experience = 0;
  double skills = 0;
  double expertise = 0;
  double availability = 0;
  double location = 0;
  double spread = 0;
  int version = 0;  // bumped whenever a weight or a part's formula changes
};

// Version 1, weights summing to 100:
//   lived_experience 30  patient leadership is first of all lived experience of what the
//                        role concerns: the largest single part
//   skills 15, expertise 10
//                        what the role seeks; together 25, below lived experience; declared
//                        expertise, the roles' own vocabulary, is the narrower signal
//   availability 5       everyone ranked already has the hours (screening); headroom is a
//                        small tie-breaker, not a reason to favour the least busy
//   location 10          in-region people can attend; hybrid out of region is half
//   spread 30            Cadre's purpose is to reach beyond the usual suspects: as much as
//                        lived experience, so that a newcomer with a fair fit can outrank a
//                        veteran with a slightly better one; spread is never 0, so two
//                        people's spread parts always differ by less than 30, and full
//                        lived experience beats none when everything else is equal (a
//                        newcomer's 30 against 5.45 for someone holding 3 roles since
//                        last year)
// Never changes at run time; thread-safe.
const ScoringPolicy& DefaultScoringPolicy();

struct ScorePart {
  std::string name;     // "lived_experience", "skills", "expertise", "availability",
                        // "location", "spread"
  double weight = 0;    // the policy's weight for this part, in points
  double fraction = 0;  // 0..1
  double points = 0;    // weight * fraction, rounded to 2 decimal places
  // Plain English, safe to show the person and the body: "2 of 3 of the role's topics
  // are in your lived experience". Never names a topic or tag (those are health data).
  std::string reason;
};

struct Score {
  std::vector<ScorePart> parts;  // in the order above
  double total = 0;              // the parts' points added in order, exactly
};

// `active_placements`: placements held today; `placements_last_24_months`: placements held
// at any time in the 24 months to today, the active ones included. Negative counts are
// taken as 0. `voice`: whom the parts' reasons speak to (voice.h).
Score ScoreFor(const ScoringPolicy& policy, const cadre::v1::Role& role,
               const cadre::v1::Profile& profile, int active_placements,
               int placements_last_24_months, Voice voice = Voice::kApplicant);

}  // namespace cadre::matching
