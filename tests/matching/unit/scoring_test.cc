// ScoreFor: the parts of a match score, the published weights, and that the total is
// the sum of the parts.

#include "services/matching/domain/scoring.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "cadre/v1/registry.pb.h"
#include "tests/matching/unit/test_data.h"

namespace cadre::matching {
namespace {

using cadre::v1::Profile;
using cadre::v1::Role;
using testdata::ValidProfile;
using ::testing::ElementsAre;
using ::testing::Field;

// Topics diabetes and maternity; finance and governance sought; 8 hours a month in
// London, in person.
Role TypicalRole() {
  Role r;
  r.set_body("bodies/RYJ");
  r.add_topics("diabetes");
  r.add_topics("maternity");
  r.add_expertise_sought("finance");
  r.add_expertise_sought("governance");
  r.mutable_time_commitment()->set_hours_per_month(8);
  r.mutable_location()->set_region(cadre::v1::REGION_LONDON);
  r.mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_IN_PERSON);
  return r;
}

// The profile's part called `name`.
ScorePart PartOf(const Score& s, const std::string& name) {
  for (const ScorePart& p : s.parts) {
    if (p.name == name) return p;
  }
  ADD_FAILURE() << "no part " << name;
  return ScorePart();
}

double SumOfPoints(const Score& s) {
  double sum = 0;
  for (const ScorePart& p : s.parts) sum += p.points;
  return sum;
}

Score Typical(const Role& role, const Profile& profile, int active = 0, int last_24 = 0) {
  return ScoreFor(DefaultScoringPolicy(), role, profile, active, last_24);
}

TEST(ScoringPolicyTest, DefaultWeightsArePublishedAndSumTo100) {
  const ScoringPolicy& p = DefaultScoringPolicy();
  EXPECT_EQ(p.version, 1);
  EXPECT_EQ(p.lived_experience + p.skills + p.expertise + p.availability + p.location + p.spread,
            100.0);
  const Score s = Typical(TypicalRole(), ValidProfile());
  double weights = 0;
  for (const ScorePart& part : s.parts) weights += part.weight;
  EXPECT_EQ(weights, 100.0);
  EXPECT_EQ(PartOf(s, "lived_experience").weight, p.lived_experience);
  EXPECT_EQ(PartOf(s, "spread").weight, p.spread);
}

TEST(ScoreForTest, ATypicalPersonGetsEveryPartInOrder) {
  // ValidProfile: lived experience of diabetes, skill chairing, expertise finance, 8 hours,
  // London; no placements.
  const Score s = Typical(TypicalRole(), ValidProfile());
  EXPECT_THAT(
      s.parts,
      ElementsAre(Field(&ScorePart::name, "lived_experience"), Field(&ScorePart::name, "skills"),
                  Field(&ScorePart::name, "expertise"), Field(&ScorePart::name, "availability"),
                  Field(&ScorePart::name, "location"), Field(&ScorePart::name, "spread")));
  const std::vector<double> points = {15.0, 7.5, 5.0, 0.0, 10.0, 30.0};
  for (size_t i = 0; i < points.size(); ++i) {
    EXPECT_EQ(s.parts[i].points, points[i]) << s.parts[i].name;
  }
  EXPECT_EQ(s.total, 67.5);
  EXPECT_EQ(PartOf(s, "lived_experience").reason,
            "1 of 2 of the role's topics are in your lived experience");
  EXPECT_EQ(PartOf(s, "skills").reason,
            "1 of 2 of the expertise sought are among your skills or expertise");
  EXPECT_EQ(PartOf(s, "expertise").reason, "1 of 2 of the expertise sought are in your expertise");
  EXPECT_EQ(PartOf(s, "availability").reason, "the role asks 8 hours a month; you have 8");
  EXPECT_EQ(PartOf(s, "location").reason, "the role is in your region");
  EXPECT_EQ(PartOf(s, "spread").reason, "you hold 0 roles now and held 0 in the last 24 months");
}

TEST(ScoreForTest, InTheBodysVoiceTheReasonsSpeakOfThePerson) {
  const Score s =
      ScoreFor(DefaultScoringPolicy(), TypicalRole(), ValidProfile(), 1, 2, Voice::kBody);
  EXPECT_EQ(PartOf(s, "lived_experience").reason,
            "1 of 2 of the role's topics are in their lived experience");
  EXPECT_EQ(PartOf(s, "skills").reason,
            "1 of 2 of the expertise sought are among their skills or expertise");
  EXPECT_EQ(PartOf(s, "expertise").reason, "1 of 2 of the expertise sought are in their expertise");
  EXPECT_EQ(PartOf(s, "availability").reason, "the role asks 8 hours a month; they have 8");
  EXPECT_EQ(PartOf(s, "location").reason, "the role is in their region");
  EXPECT_EQ(PartOf(s, "spread").reason, "they hold 1 role now and held 2 in the last 24 months");
  // The points do not depend on the voice.
  EXPECT_EQ(s.total, Typical(TypicalRole(), ValidProfile(), 1, 2).total);
}

TEST(ScoreForTest, RoleWithNoTopicsOrExpertiseGivesThosePartsInFull) {
  Role role = TypicalRole();
  role.clear_topics();
  role.clear_expertise_sought();
  const Score s = Typical(role, ValidProfile());
  EXPECT_EQ(PartOf(s, "lived_experience").fraction, 1.0);
  EXPECT_EQ(PartOf(s, "skills").fraction, 1.0);
  EXPECT_EQ(PartOf(s, "expertise").fraction, 1.0);
  EXPECT_EQ(PartOf(s, "lived_experience").reason, "the role names no topics");
}

TEST(ScoreForTest, ASkillMatchesInTheSkillsPartOnlyAndListingTwiceGainsNothing) {
  Profile skill_only = ValidProfile();
  skill_only.clear_expertise();
  skill_only.add_skills("governance");
  Score s = Typical(TypicalRole(), skill_only);
  EXPECT_EQ(PartOf(s, "skills").fraction, 0.5);
  EXPECT_EQ(PartOf(s, "expertise").fraction, 0.0);

  Profile both = ValidProfile();  // finance as expertise
  both.add_skills("finance");     // and as a skill
  s = Typical(TypicalRole(), both);
  EXPECT_EQ(PartOf(s, "skills").fraction, 0.5);
  EXPECT_EQ(PartOf(s, "expertise").fraction, 0.5);
}

TEST(ScoreForTest, ARepeatedTagOnTheRoleCountsOnce) {
  Role role = TypicalRole();
  role.add_topics("diabetes");
  EXPECT_EQ(PartOf(Typical(role, ValidProfile()), "lived_experience").fraction, 0.5);
}

TEST(ScoreForTest, AvailabilityIsHeadroomCappedAtDoubleTheHours) {
  Profile p = ValidProfile();
  p.set_availability_hours_per_month(12);
  EXPECT_EQ(PartOf(Typical(TypicalRole(), p), "availability").points, 2.5);
  p.set_availability_hours_per_month(40);
  EXPECT_EQ(PartOf(Typical(TypicalRole(), p), "availability").fraction, 1.0);
  p.set_availability_hours_per_month(4);  // screening would refuse; the score floors at 0
  EXPECT_EQ(PartOf(Typical(TypicalRole(), p), "availability").fraction, 0.0);
  Role no_hours = TypicalRole();
  no_hours.mutable_time_commitment()->set_hours_per_month(0);
  EXPECT_EQ(PartOf(Typical(no_hours, p), "availability").fraction, 1.0);
}

TEST(ScoreForTest, LocationIsFullInRegionHalfForHybridElsewhereAndNothingOtherwise) {
  Profile north_west = ValidProfile();
  north_west.set_region(cadre::v1::REGION_NORTH_WEST);
  Role role = TypicalRole();
  EXPECT_EQ(PartOf(Typical(role, north_west), "location").fraction, 0.0);
  EXPECT_EQ(PartOf(Typical(role, north_west), "location").reason, "the role is in London");
  role.mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_HYBRID);
  EXPECT_EQ(PartOf(Typical(role, north_west), "location").points, 5.0);
  role.mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_REMOTE);
  EXPECT_EQ(PartOf(Typical(role, north_west), "location").fraction, 1.0);
  role.mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_IN_PERSON);
  role.mutable_location()->set_region(cadre::v1::REGION_NATIONAL);
  EXPECT_EQ(PartOf(Typical(role, north_west), "location").fraction, 1.0);
}

TEST(ScoreForTest, SpreadFavoursFewerPlacementsNowAndLately) {
  const Role role = TypicalRole();
  const Profile p = ValidProfile();
  EXPECT_EQ(PartOf(Typical(role, p, 0, 0), "spread").points, 30.0);
  EXPECT_EQ(PartOf(Typical(role, p, 0, 1), "spread").points, 20.0);  // 30 / 1.5
  EXPECT_EQ(PartOf(Typical(role, p, 1, 2), "spread").points, 10.0);  // 30 / 3
  EXPECT_EQ(PartOf(Typical(role, p, 2, 3), "spread").points, 6.67);  // 30 / 4.5, rounded
  EXPECT_GT(PartOf(Typical(role, p, 0, 2), "spread").points,
            PartOf(Typical(role, p, 1, 2), "spread").points);  // fewer now
  EXPECT_GT(PartOf(Typical(role, p, 1, 1), "spread").points,
            PartOf(Typical(role, p, 1, 4), "spread").points);  // fewer lately
  EXPECT_EQ(PartOf(Typical(role, p, 1, 2), "spread").reason,
            "you hold 1 role now and held 2 in the last 24 months");
  EXPECT_EQ(PartOf(Typical(role, p, -1, -5), "spread").points, 30.0);  // negatives are 0
}

TEST(ScoreForTest, TotalIsExactlyTheSumOfTheRoundedParts) {
  Role role = TypicalRole();
  role.add_topics("stroke");  // thirds
  role.mutable_time_commitment()->set_hours_per_month(7);
  for (int hours = 0; hours <= 20; ++hours) {
    for (int active = 0; active <= 4; ++active) {
      for (int last = active; last <= 9; ++last) {
        Profile p = ValidProfile();
        p.set_availability_hours_per_month(hours);
        const Score s = Typical(role, p, active, last);
        EXPECT_EQ(s.total, SumOfPoints(s));
        for (const ScorePart& part : s.parts) {
          EXPECT_NEAR(part.points * 100, std::round(part.points * 100), 1e-6) << part.name;
          EXPECT_GE(part.fraction, 0.0);
          EXPECT_LE(part.fraction, 1.0);
          EXPECT_LE(std::abs(part.points - part.weight * part.fraction), 0.005 + 1e-9);
        }
      }
    }
  }
}

TEST(ScoreForTest, IsDeterministic) {
  const Score a = Typical(TypicalRole(), ValidProfile(), 1, 3);
  const Score b = Typical(TypicalRole(), ValidProfile(), 1, 3);
  EXPECT_EQ(a.total, b.total);
  ASSERT_EQ(a.parts.size(), b.parts.size());
  for (size_t i = 0; i < a.parts.size(); ++i) {
    EXPECT_EQ(a.parts[i].points, b.parts[i].points);
    EXPECT_EQ(a.parts[i].reason, b.parts[i].reason);
  }
}

TEST(ScoreForTest, TwoPeopleAreOrderedAsTheirPartsSay) {
  const Role role = TypicalRole();
  // A newcomer with half the expertise sought, and a usual suspect with all of it who
  // holds 2 roles and held 4 in the last two years.
  const Profile newcomer = ValidProfile();
  Profile veteran = ValidProfile();
  veteran.add_expertise("governance");
  const Score a = Typical(role, newcomer, 0, 0);
  const Score b = Typical(role, veteran, 2, 4);

  EXPECT_EQ(PartOf(b, "skills").points - PartOf(a, "skills").points, 7.5);
  EXPECT_EQ(PartOf(b, "expertise").points - PartOf(a, "expertise").points, 5.0);
  EXPECT_EQ(PartOf(a, "spread").points - PartOf(b, "spread").points, 24.0);  // 30 against 6
  EXPECT_EQ(a.total, 67.5);
  EXPECT_EQ(b.total, 56.0);
  EXPECT_GT(a.total, b.total);

  // With the same placements, the better fit comes first.
  EXPECT_GT(Typical(role, veteran, 0, 0).total, a.total);

  // A custom policy with no spread part orders them by fit alone.
  ScoringPolicy fit_only = DefaultScoringPolicy();
  fit_only.spread = 0;
  EXPECT_GT(ScoreFor(fit_only, role, veteran, 2, 4).total,
            ScoreFor(fit_only, role, newcomer, 0, 0).total);
}

}  // namespace
}  // namespace cadre::matching
