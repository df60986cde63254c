#include "services/matching/domain/scoring.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/repeated_field.h"
#include "services/matching/domain/screening.h"

namespace cadre::matching {
namespace {

using Tags = google::protobuf::RepeatedPtrField<std::string>;

// Weight times fraction, to 2 decimal places (half away from zero).
double Points(double weight, double fraction) {
  return std::round(weight * fraction * 100.0) / 100.0;
}

ScorePart Part(std::string name, double weight, double fraction, std::string reason) {
  fraction = std::clamp(fraction, 0.0, 1.0);
  return ScorePart{std::move(name), weight, fraction, Points(weight, fraction), std::move(reason)};
}

// How many distinct tags of `wanted` there are, and how many of them are in `a` or `b`.
// Lists hold at most 20 tags, so a linear search is the simplest fast enough thing.
struct Overlap {
  int wanted = 0;
  int found = 0;
};

bool Has(const Tags& tags, const std::string& tag) {
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

Overlap Count(const Tags& wanted, const Tags& a, const Tags* b) {
  Overlap o;
  for (auto it = wanted.begin(); it != wanted.end(); ++it) {
    if (std::find(wanted.begin(), it, *it) != it) continue;  // a repeated tag counts once
    ++o.wanted;
    if (Has(a, *it) || (b != nullptr && Has(*b, *it))) ++o.found;
  }
  return o;
}

double Share(const Overlap& o) {
  return o.wanted == 0 ? 1.0 : static_cast<double>(o.found) / o.wanted;
}

ScorePart LivedExperience(const ScoringPolicy& policy, const cadre::v1::Role& role,
                          const cadre::v1::Profile& profile, Voice voice) {
  const Overlap o = Count(role.topics(), profile.lived_experience(), nullptr);
  return Part("lived_experience", policy.lived_experience, Share(o),
              o.wanted == 0
                  ? "the role names no topics"
                  : absl::StrCat(o.found, " of ", o.wanted, " of the role's topics are in ",
                                 Possessive(voice), " lived experience"));
}

ScorePart Skills(const ScoringPolicy& policy, const cadre::v1::Role& role,
                 const cadre::v1::Profile& profile, Voice voice) {
  const Overlap o = Count(role.expertise_sought(), profile.skills(), &profile.expertise());
  return Part("skills", policy.skills, Share(o),
              o.wanted == 0
                  ? "the role seeks no particular expertise"
                  : absl::StrCat(o.found, " of ", o.wanted, " of the expertise sought are among ",
                                 Possessive(voice), " skills or expertise"));
}

ScorePart Expertise(const ScoringPolicy& policy, const cadre::v1::Role& role,
                    const cadre::v1::Profile& profile, Voice voice) {
  const Overlap o = Count(role.expertise_sought(), profile.expertise(), nullptr);
  return Part("expertise", policy.expertise, Share(o),
              o.wanted == 0
                  ? "the role seeks no particular expertise"
                  : absl::StrCat(o.found, " of ", o.wanted, " of the expertise sought are in ",
                                 Possessive(voice), " expertise"));
}

ScorePart Availability(const ScoringPolicy& policy, const cadre::v1::Role& role,
                       const cadre::v1::Profile& profile, Voice voice) {
  const int asked = role.time_commitment().hours_per_month();
  const int available = profile.availability_hours_per_month();
  if (asked <= 0) {
    return Part("availability", policy.availability, 1.0, "the role asks no regular hours a month");
  }
  const double headroom = static_cast<double>(available - asked) / asked;
  return Part("availability", policy.availability, std::min(1.0, std::max(0.0, headroom)),
              absl::StrCat("the role asks ", asked, " hours a month; ", Subject(voice), " have ",
                           available));
}

ScorePart Location(const ScoringPolicy& policy, const cadre::v1::Role& role,
                   const cadre::v1::Profile& profile, Voice voice) {
  const cadre::v1::Location& where = role.location();
  if (where.mode() == cadre::v1::ATTENDANCE_MODE_REMOTE) {
    return Part("location", policy.location, 1.0, "the role is remote");
  }
  if (where.region() == cadre::v1::REGION_NATIONAL) {
    return Part("location", policy.location, 1.0, "the role is open anywhere in England");
  }
  if (where.region() == profile.region()) {
    return Part("location", policy.location, 1.0,
                absl::StrCat("the role is in ", Possessive(voice), " region"));
  }
  if (where.mode() == cadre::v1::ATTENDANCE_MODE_HYBRID) {
    return Part("location", policy.location, 0.5,
                absl::StrCat("the role is hybrid, in ", RegionPhrase(where.region())));
  }
  return Part("location", policy.location, 0.0,
              absl::StrCat("the role is in ", RegionPhrase(where.region())));
}

ScorePart Spread(const ScoringPolicy& policy, int active, int last_24_months, Voice voice) {
  active = std::max(0, active);
  last_24_months = std::max(0, last_24_months);
  return Part("spread", policy.spread, 1.0 / (1.0 + active + 0.5 * last_24_months),
              absl::StrCat(Subject(voice), " hold ", active, active == 1 ? " role" : " roles",
                           " now and held ", last_24_months, " in the last 24 months"));
}

}  // namespace

const ScoringPolicy& DefaultScoringPolicy() {
  static const ScoringPolicy kPolicy{/*lived_experience=*/30,
                                     /*skills=*/15,
                                     /*expertise=*/10,
                                     /*availability=*/5,
                                     /*location=*/10,
                                     /*spread=*/30,
                                     /*version=*/1};
  return kPolicy;
}

Score ScoreFor(const ScoringPolicy& policy, const cadre::v1::Role& role,
               const cadre::v1::Profile& profile, int active_placements,
               int placements_last_24_months, Voice voice) {
  Score s;
  s.parts = {LivedExperience(policy, role, profile, voice),
             Skills(policy, role, profile, voice),
             Expertise(policy, role, profile, voice),
             Availability(policy, role, profile, voice),
             Location(policy, role, profile, voice),
             Spread(policy, active_placements, placements_last_24_months, voice)};
  for (const ScorePart& p : s.parts) s.total += p.points;
  return s;
}

}  // namespace cadre::matching
