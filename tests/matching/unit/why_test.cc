// WhyForApplicant: the words a person reads beside a recommended role, best reasons first,
// what they lack before anything else.

#include "services/matching/domain/why.h"

#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_split.h"
#include "cadre/v1/registry.pb.h"
#include "tests/matching/unit/test_data.h"

namespace cadre::matching {
namespace {

using cadre::v1::Profile;
using cadre::v1::Role;

// The profile of test_data.h: London, 8 hours, diabetes, chairing, finance, works for RXF.
Profile Person() { return testdata::ValidProfile(); }

Role RemoteRole() {
  Role r;
  r.set_body("bodies/RYJ");
  r.mutable_location()->set_region(cadre::v1::REGION_NORTH_WEST);
  r.mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_REMOTE);
  r.mutable_time_commitment()->set_hours_per_month(4);
  return r;
}

std::string Why(const Role& role, const Profile& profile, int active = 0) {
  const Score score = ScoreFor(DefaultScoringPolicy(), role, profile, active, 0);
  const Screening screening =
      Screen(ScreeningInput{role, role.minimum_age(), profile, {}, active, testdata::Today()});
  return WhyForApplicant(role, profile, score, screening);
}

TEST(WhyTest, NamesThePersonsMatchesBestFirst) {
  Role role = RemoteRole();
  role.add_topics("diabetes");
  role.add_topics("type-2-diabetes");
  role.add_expertise_sought("finance");
  role.add_expertise_sought("law");
  Profile person = Person();
  person.add_lived_experience("type-2-diabetes");
  EXPECT_EQ(Why(role, person),
            "matches your lived experience of diabetes and type 2 diabetes; it seeks your "
            "expertise in finance; it is remote; you have the time it asks");
}

TEST(WhyTest, OrdersClausesByThePointsTheirPartsGave) {
  // One topic of three (10 points) ties with a remote role's location (10): lived experience
  // first, as the parts' order says; what the role seeks, both brought (15 + 5), leads.
  Role role = RemoteRole();
  role.add_topics("diabetes");
  role.add_topics("asthma");
  role.add_topics("stroke");
  role.add_expertise_sought("finance");
  role.add_expertise_sought("chairing");
  EXPECT_EQ(Why(role, Person()),
            "it seeks your expertise in finance and your skills in chairing; matches your lived "
            "experience of diabetes; it is remote; you have the time it asks");
}

TEST(WhyTest, SaysNothingOfPartsThatFoundNothing) {
  Role role = RemoteRole();
  role.add_topics("asthma");
  role.add_expertise_sought("law");
  role.mutable_location()->set_region(cadre::v1::REGION_LONDON);
  role.mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_HYBRID);
  EXPECT_EQ(Why(role, Person()), "it is hybrid, in your region; you have the time it asks");
  role.mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_IN_PERSON);
  role.mutable_time_commitment()->set_hours_per_month(0);
  EXPECT_EQ(Why(role, Person()), "it is in your region; it asks no regular hours");
  role.mutable_location()->set_region(cadre::v1::REGION_NATIONAL);
  EXPECT_EQ(Why(role, Person()), "it is open anywhere in England; it asks no regular hours");
}

TEST(WhyTest, NamesAtMostThreeTagsAClause) {
  Role role = RemoteRole();
  Profile person = Person();
  for (const char* t : {"asthma", "stroke", "cancer", "autism", "dementia"}) {
    role.add_topics(t);
    person.add_lived_experience(t);
  }
  role.add_topics("asthma");  // a repeat names nothing twice
  EXPECT_EQ(Why(role, person),
            "matches your lived experience of asthma, stroke, cancer and 2 more; it is remote; "
            "you have the time it asks");
}

TEST(WhyTest, LeadsWithWhatThePersonLacks) {
  Role role = RemoteRole();
  role.add_topics("diabetes");
  role.mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_IN_PERSON);
  role.mutable_time_commitment()->set_hours_per_month(12);
  EXPECT_EQ(Why(role, Person()),
            "the role asks 12 hours a month; you have 8; the role is in the North West and in "
            "person; you are in London; matches your lived experience of diabetes");
}

TEST(WhyTest, EveryLackIsToldEvenPastFourClauses) {
  Role role = RemoteRole();
  role.set_body("bodies/RXF");  // the person works for it
  role.add_topics("diabetes");
  role.add_required_credentials("dbs-enhanced");
  role.set_minimum_age(25);
  role.mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_IN_PERSON);
  role.mutable_time_commitment()->set_hours_per_month(12);
  Profile person = Person();
  *person.mutable_date_of_birth() = testdata::Day(2005, 1, 1);
  const std::string why = Why(role, person, /*active=*/3);
  EXPECT_EQ(why,
            "you need an enhanced DBS check; the role asks 12 hours a month; you have 8; the role "
            "is in the North West and in person; you are in London; you hold 3 roles, your most "
            "at once; you declared that you work for this body; the role asks a minimum age of "
            "25");
}

TEST(WhyTest, LacksLeaveRoomForFewerMatches) {
  Role role = RemoteRole();
  role.add_required_credentials("dbs-basic");
  role.add_topics("diabetes");
  role.add_expertise_sought("finance");
  role.set_minimum_age(25);
  Profile person = Person();
  *person.mutable_date_of_birth() = testdata::Day(2005, 1, 1);
  const std::string why = Why(role, person, /*active=*/3);
  // Three lacks, then the best match only.
  EXPECT_EQ(why,
            "you need a basic DBS check; you hold 3 roles, your most at once; the role asks a "
            "minimum age of 25; matches your lived experience of diabetes");
}

}  // namespace
}  // namespace cadre::matching
