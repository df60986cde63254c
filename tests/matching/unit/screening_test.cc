// Screen: each check passing and failing with the reason the applicant is told, and the
// summary.

#include "services/matching/domain/screening.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cadre/v1/registry.pb.h"
#include "tests/matching/unit/test_data.h"

namespace cadre::matching {
namespace {

using cadre::v1::Credential;
using cadre::v1::Profile;
using cadre::v1::Role;
using testdata::Day;
using testdata::Held;
using testdata::Today;
using testdata::ValidDbs;
using testdata::ValidProfile;
using testdata::With;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::Pointee;

// A London, in-person role of 8 hours a month at a body the test person does not work
// for, asking an enhanced DBS check.
Role LondonRole() {
  Role r;
  r.set_name("roles/7");
  r.set_body("bodies/RYJ");
  r.mutable_time_commitment()->set_hours_per_month(8);
  r.mutable_location()->set_region(cadre::v1::REGION_LONDON);
  r.mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_IN_PERSON);
  r.add_required_credentials("dbs-enhanced");
  return r;
}

struct Case {
  Role role = LondonRole();
  int minimum_age = 0;
  Profile profile = ValidProfile();  // London, 8 hours, 3 roles at once, born 1980
  std::vector<Credential> credentials = {ValidDbs()};
  int active_placements = 0;

  Voice voice = Voice::kApplicant;

  Screening Run() const {
    return Screen(
        ScreeningInput{role, minimum_age, profile, credentials, active_placements, Today()}, voice);
  }
  Check Get(CheckId id) const {
    for (const Check& c : Run().checks) {
      if (c.id == id) return c;
    }
    ADD_FAILURE() << "no check " << CheckIdName(id);
    return Check();
  }
};

TEST(ScreenTest, ASuitablePersonPassesEveryCheckInOrder) {
  const Screening s = Case().Run();
  EXPECT_TRUE(s.eligible());
  EXPECT_EQ(s.passed(), 6);
  EXPECT_TRUE(s.failed().empty());
  EXPECT_THAT(
      s.checks,
      ElementsAre(Field(&Check::id, CheckId::kCredentials),
                  Field(&Check::id, CheckId::kAvailability), Field(&Check::id, CheckId::kRegion),
                  Field(&Check::id, CheckId::kConcurrentRoles),
                  Field(&Check::id, CheckId::kConflict), Field(&Check::id, CheckId::kMinimumAge)));
  EXPECT_EQ(s.Summary(), "you meet all 6 requirements");
}

TEST(ScreenTest, InTheBodysVoiceTheReasonsSpeakOfThePerson) {
  Case k;
  k.voice = Voice::kBody;
  k.credentials = {Held("dbs-enhanced", Day(2026, 1, 31))};
  k.active_placements = 3;
  cadre::v1::DeclaredInterest* interest = k.profile.add_declared_interests();
  interest->set_body("bodies/RYJ");
  interest->set_kind(cadre::v1::DeclaredInterest::KIND_CONFLICT);
  const Screening s = k.Run();
  EXPECT_EQ(s.checks[0].reason, "their enhanced DBS check expired on 31 January 2026");
  EXPECT_EQ(s.checks[1].reason, "the role asks 8 hours a month; they have 8");
  EXPECT_EQ(s.checks[2].reason, "the role is in London; so are they");
  EXPECT_EQ(s.checks[3].reason, "they hold 3 roles, their most at once");
  EXPECT_EQ(s.checks[4].reason, "they declared a conflict with this body");
  EXPECT_EQ(s.Summary(),
            "they meet 3 of 6 requirements: their enhanced DBS check expired on 31 January "
            "2026; they hold 3 roles, their most at once; they declared a conflict with this "
            "body");
  k.credentials = {ValidDbs()};
  k.active_placements = 0;
  k.profile.clear_declared_interests();
  EXPECT_EQ(k.Run().Summary(), "they meet all 6 requirements");
  EXPECT_EQ(k.Get(CheckId::kCredentials).reason, "they hold an enhanced DBS check");
}

// Stored screenings are in the applicant's voice; a body reads them through InBodyVoice,
// which must give exactly what Screen says in the body's voice, for every reason.
TEST(ScreenTest, InBodyVoiceOfTheApplicantsReasonsIsTheBodysVoice) {
  std::vector<Case> cases(8);
  cases[1].credentials = {Held("dbs-enhanced", Day(2026, 1, 31))};
  cases[2].credentials.clear();
  cases[2].profile.set_availability_hours_per_month(2);
  cases[3].active_placements = 3;
  cases[4].active_placements = 1;
  cases[4].profile.set_region(cadre::v1::REGION_NORTH_WEST);
  cases[5].minimum_age = 18;
  cases[6].role.mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_REMOTE);
  cases[6].role.add_required_credentials("first-aid");
  cadre::v1::DeclaredInterest* works = cases[7].profile.add_declared_interests();
  works->set_body("bodies/RYJ");
  works->set_kind(cadre::v1::DeclaredInterest::KIND_WORKS_FOR);
  for (size_t i = 0; i < cases.size(); ++i) {
    Case applicant = cases[i];
    Case body = cases[i];
    body.voice = Voice::kBody;
    const Screening a = applicant.Run();
    const Screening b = body.Run();
    ASSERT_EQ(a.checks.size(), b.checks.size());
    for (size_t c = 0; c < a.checks.size(); ++c) {
      EXPECT_EQ(InBodyVoice(a.checks[c].reason), b.checks[c].reason) << "case " << i;
    }
    EXPECT_EQ(InBodyVoice(a.Summary()), b.Summary()) << "case " << i;
  }
}

TEST(InBodyVoiceTest, ChangesOnlyTheWholeWords) {
  EXPECT_EQ(InBodyVoice("You meet all 6 requirements; your region"),
            "They meet all 6 requirements; their region");
  EXPECT_EQ(InBodyVoice("young, yours, you're, bayou"), "young, yours, you're, bayou");
  EXPECT_EQ(InBodyVoice(""), "");
}

TEST(ScreenTest, CheckNamesAreStable) {
  EXPECT_EQ(CheckIdName(CheckId::kCredentials), "credentials");
  EXPECT_EQ(CheckIdName(CheckId::kAvailability), "availability");
  EXPECT_EQ(CheckIdName(CheckId::kRegion), "region");
  EXPECT_EQ(CheckIdName(CheckId::kConcurrentRoles), "concurrent_roles");
  EXPECT_EQ(CheckIdName(CheckId::kConflict), "conflict");
  EXPECT_EQ(CheckIdName(CheckId::kMinimumAge), "minimum_age");
}

TEST(ScreenCredentialsTest, HeldAndUnexpiredPasses) {
  const Check c = Case().Get(CheckId::kCredentials);
  EXPECT_TRUE(c.passed);
  EXPECT_EQ(c.reason, "you hold an enhanced DBS check");
}

TEST(ScreenCredentialsTest, NoRequirementsPasses) {
  Case k;
  k.role.clear_required_credentials();
  k.credentials.clear();
  const Check c = k.Get(CheckId::kCredentials);
  EXPECT_TRUE(c.passed);
  EXPECT_EQ(c.reason, "the role asks for no credentials");
}

TEST(ScreenCredentialsTest, MissingSaysWhatIsNeeded) {
  Case k;
  k.credentials = {ValidDbs("dbs-standard")};  // a lower level does not meet it
  const Check c = k.Get(CheckId::kCredentials);
  EXPECT_FALSE(c.passed);
  EXPECT_EQ(c.reason, "you need an enhanced DBS check");
}

TEST(ScreenCredentialsTest, ExpiredSaysSinceWhen) {
  Case k;
  k.credentials = {Held("dbs-enhanced", Day(2026, 1, 31))};
  const Check c = k.Get(CheckId::kCredentials);
  EXPECT_FALSE(c.passed);
  EXPECT_EQ(c.reason, "your enhanced DBS check expired on 31 January 2026");
}

TEST(ScreenCredentialsTest, SeveralFailuresAreListedTogether) {
  Case k;
  k.role.add_required_credentials("modules/ppv-induction");
  k.role.add_required_credentials("dbs-basic");
  k.role.add_required_credentials("first-aid");
  k.credentials = {Held("dbs-basic", Day(2026, 6, 14))};  // expired yesterday
  const Check c = k.Get(CheckId::kCredentials);
  EXPECT_FALSE(c.passed);
  EXPECT_EQ(c.reason,
            "you need an enhanced DBS check, the training module ppv-induction and the "
            "accreditation first-aid, and your basic DBS check expired on 14 June 2026");
}

TEST(ScreenAvailabilityTest, EnoughHoursPass) {
  const Check c = Case().Get(CheckId::kAvailability);
  EXPECT_TRUE(c.passed);
  EXPECT_EQ(c.reason, "the role asks 8 hours a month; you have 8");
}

TEST(ScreenAvailabilityTest, TooFewHoursFail) {
  Case k;
  k.profile.set_availability_hours_per_month(4);
  const Check c = k.Get(CheckId::kAvailability);
  EXPECT_FALSE(c.passed);
  EXPECT_EQ(c.reason, "the role asks 8 hours a month; you have 4");
}

TEST(ScreenRegionTest, SameRegionPasses) {
  const Check c = Case().Get(CheckId::kRegion);
  EXPECT_TRUE(c.passed);
  EXPECT_EQ(c.reason, "the role is in London; so are you");
}

TEST(ScreenRegionTest, InPersonElsewhereFails) {
  Case k;
  k.profile.set_region(cadre::v1::REGION_NORTH_WEST);
  const Check c = k.Get(CheckId::kRegion);
  EXPECT_FALSE(c.passed);
  EXPECT_EQ(c.reason, "the role is in London and in person; you are in the North West");
}

TEST(ScreenRegionTest, HybridElsewhereFailsEvenForSomeoneWhoWorksRemotely) {
  Case k;
  k.role.mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_HYBRID);
  k.profile.set_region(cadre::v1::REGION_SOUTH_WEST);
  k.profile.set_attendance(cadre::v1::ATTENDANCE_MODE_REMOTE);
  const Check c = k.Get(CheckId::kRegion);
  EXPECT_FALSE(c.passed);
  EXPECT_EQ(c.reason, "the role is in London and hybrid; you are in the South West");
}

TEST(ScreenRegionTest, RemoteRolePassesAnywhere) {
  Case k;
  k.role.mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_REMOTE);
  k.profile.set_region(cadre::v1::REGION_NORTH_WEST);
  const Check c = k.Get(CheckId::kRegion);
  EXPECT_TRUE(c.passed);
  EXPECT_EQ(c.reason, "the role is remote");
}

TEST(ScreenRegionTest, NationalRolePassesAnywhere) {
  Case k;
  k.role.mutable_location()->set_region(cadre::v1::REGION_NATIONAL);
  k.profile.set_region(cadre::v1::REGION_NORTH_EAST_AND_YORKSHIRE);
  const Check c = k.Get(CheckId::kRegion);
  EXPECT_TRUE(c.passed);
  EXPECT_EQ(c.reason, "the role is open to people anywhere in England");
}

TEST(ScreenConcurrentRolesTest, BelowTheMostPasses) {
  Case k;
  k.active_placements = 2;  // of 3
  const Check c = k.Get(CheckId::kConcurrentRoles);
  EXPECT_TRUE(c.passed);
  EXPECT_EQ(c.reason, "you hold 2 roles; your most at once is 3");
}

TEST(ScreenConcurrentRolesTest, AtTheMostFails) {
  Case k;
  k.active_placements = 3;
  const Check c = k.Get(CheckId::kConcurrentRoles);
  EXPECT_FALSE(c.passed);
  EXPECT_EQ(c.reason, "you hold 3 roles, your most at once");
}

TEST(ScreenConcurrentRolesTest, ZeroOnTheProfileMeansTwo) {
  Case k;
  k.profile.set_max_concurrent_roles(0);
  k.active_placements = 1;
  EXPECT_TRUE(k.Get(CheckId::kConcurrentRoles).passed);
  k.active_placements = 2;
  const Check c = k.Get(CheckId::kConcurrentRoles);
  EXPECT_FALSE(c.passed);
  EXPECT_EQ(c.reason, "you hold 2 roles, your most at once");
}

TEST(ScreenConflictTest, AnInterestWithAnotherBodyPasses) {
  const Check c = Case().Get(CheckId::kConflict);  // the person works for bodies/RXF
  EXPECT_TRUE(c.passed);
  EXPECT_EQ(c.reason, "you declared no conflict with this body");
}

TEST(ScreenConflictTest, ADeclaredConflictWithTheBodyFails) {
  Case k;
  cadre::v1::DeclaredInterest* interest = k.profile.add_declared_interests();
  interest->set_body("bodies/RYJ");
  interest->set_kind(cadre::v1::DeclaredInterest::KIND_CONFLICT);
  const Check c = k.Get(CheckId::kConflict);
  EXPECT_FALSE(c.passed);
  EXPECT_EQ(c.reason, "you declared a conflict with this body");
}

TEST(ScreenConflictTest, WorkingForTheBodyFails) {
  Case k;
  k.role.set_body("bodies/RXF");
  const Check c = k.Get(CheckId::kConflict);
  EXPECT_FALSE(c.passed);
  EXPECT_EQ(c.reason, "you declared that you work for this body");
}

TEST(ScreenMinimumAgeTest, NoMinimumIsSkipped) {
  const Check c = Case().Get(CheckId::kMinimumAge);
  EXPECT_TRUE(c.passed);
  EXPECT_EQ(c.reason, "no minimum age");
}

TEST(ScreenMinimumAgeTest, OldEnoughPassesWithoutRevealingTheAge) {
  Case k;
  k.minimum_age = 18;
  k.profile.mutable_date_of_birth()->CopyFrom(Day(2008, 6, 15));  // 18 today
  const Check c = k.Get(CheckId::kMinimumAge);
  EXPECT_TRUE(c.passed);
  EXPECT_EQ(c.reason, "you meet the role's minimum age of 18");
}

TEST(ScreenMinimumAgeTest, TooYoungFails) {
  Case k;
  k.minimum_age = 18;
  k.profile.mutable_date_of_birth()->CopyFrom(Day(2008, 6, 16));  // 18 tomorrow
  const Check c = k.Get(CheckId::kMinimumAge);
  EXPECT_FALSE(c.passed);
  EXPECT_EQ(c.reason, "the role asks a minimum age of 18");
}

TEST(ScreenMinimumAgeTest, AMissingDateOfBirthFailsClosed) {
  Case k;
  k.minimum_age = 16;
  k.profile.clear_date_of_birth();
  EXPECT_FALSE(k.Get(CheckId::kMinimumAge).passed);
}

TEST(ScreeningSummaryTest, TellsTheApplicantWhichChecksFailed) {
  Case k;
  k.credentials.clear();
  EXPECT_EQ(k.Run().Summary(), "you meet 5 of 6 requirements: you need an enhanced DBS check");

  k.profile.set_availability_hours_per_month(4);
  k.minimum_age = 50;
  const Screening s = k.Run();
  EXPECT_FALSE(s.eligible());
  EXPECT_EQ(s.passed(), 3);
  EXPECT_THAT(s.failed(), ElementsAre(Pointee(Field(&Check::id, CheckId::kCredentials)),
                                      Pointee(Field(&Check::id, CheckId::kAvailability)),
                                      Pointee(Field(&Check::id, CheckId::kMinimumAge))));
  EXPECT_EQ(s.Summary(),
            "you meet 3 of 6 requirements: you need an enhanced DBS check; the role asks 8 "
            "hours a month; you have 4; the role asks a minimum age of 50");
}

TEST(ScreeningSummaryTest, ARevokedCredentialDoesNotCount) {
  Case k;
  k.credentials = {With<Credential>(
      ValidDbs(), [](Credential& c) { c.mutable_revoke_time()->set_seconds(1767225600); })};
  EXPECT_FALSE(k.Run().eligible());
  EXPECT_EQ(k.Get(CheckId::kCredentials).reason, "you need an enhanced DBS check");
}

}  // namespace
}  // namespace cadre::matching
