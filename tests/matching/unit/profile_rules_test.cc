// ValidateProfile and ValidateConsent: every field's limits, and the field path that
// starts each INVALID_ARGUMENT message.

#include "services/matching/domain/profile_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "tests/matching/unit/test_data.h"
#include "tests/support/status_matchers.h"

namespace cadre::matching {
namespace {

using ::cadre::testing::InvalidAt;
using ::cadre::testing::StatusIs;
using cadre::v1::Consent;
using cadre::v1::DeclaredInterest;
using cadre::v1::Profile;
using testdata::Day;
using testdata::Repeat;
using testdata::Today;
using testdata::ValidProfile;

Profile With(const std::function<void(Profile&)>& change) {
  return testdata::With(ValidProfile(), change);
}

absl::Status Check(const Profile& p) { return ValidateProfile(p, Today(), "profile"); }

TEST(ValidateProfile, AcceptsAValidProfile) { CADRE_EXPECT_OK(Check(ValidProfile())); }

TEST(ValidateProfile, AcceptsAMinimalProfile) {
  Profile p;
  p.set_display_name("Al");
  *p.mutable_date_of_birth() = Day(1990, 1, 1);
  p.set_region(cadre::v1::REGION_NATIONAL);
  p.set_max_concurrent_roles(1);
  p.set_attendance(cadre::v1::ATTENDANCE_MODE_REMOTE);
  CADRE_EXPECT_OK(Check(p));
}

TEST(ValidateProfile, UsesThePrefixGiven) {
  EXPECT_THAT(ValidateProfile(With([](Profile& p) { p.set_display_name("x"); }), Today(), "me"),
              InvalidAt("me.display_name"));
}

TEST(ValidateProfile, DisplayNameIsTwoToEightyCharacters) {
  EXPECT_THAT(Check(With([](Profile& p) { p.clear_display_name(); })),
              InvalidAt("profile.display_name"));
  EXPECT_THAT(Check(With([](Profile& p) { p.set_display_name("A"); })),
              InvalidAt("profile.display_name"));
  CADRE_EXPECT_OK(Check(With([](Profile& p) { p.set_display_name("Jo"); })));
  CADRE_EXPECT_OK(Check(With([](Profile& p) { p.set_display_name(Repeat("é", 80)); })));
  EXPECT_THAT(Check(With([](Profile& p) { p.set_display_name(Repeat("é", 81)); })),
              InvalidAt("profile.display_name"));
}

TEST(ValidateProfile, DisplayNameHasNoControlsAndIsNotBlank) {
  EXPECT_THAT(Check(With([](Profile& p) { p.set_display_name("Ada\r\nBcc: x"); })),
              InvalidAt("profile.display_name"));
  EXPECT_THAT(Check(With([](Profile& p) { p.set_display_name("Ada\tL"); })),
              InvalidAt("profile.display_name"));
  EXPECT_THAT(Check(With([](Profile& p) { p.set_display_name("    "); })),
              InvalidAt("profile.display_name"));
  EXPECT_THAT(Check(With([](Profile& p) { p.set_display_name("Ad\xff"); })),
              InvalidAt("profile.display_name"));
  CADRE_EXPECT_OK(Check(With([](Profile& p) { p.set_display_name("Siân O'Neill-Jones"); })));
}

TEST(ValidateProfile, DateOfBirthIsRequiredAndReal) {
  EXPECT_THAT(Check(With([](Profile& p) { p.clear_date_of_birth(); })),
              StatusIs(absl::StatusCode::kInvalidArgument, "profile.date_of_birth: is required"));
  EXPECT_THAT(Check(With([](Profile& p) { *p.mutable_date_of_birth() = Day(1990, 2, 30); })),
              InvalidAt("profile.date_of_birth"));
}

TEST(ValidateProfile, PersonIsSixteenToOneHundredTwentyToday) {
  // Today is 2026-06-15.
  CADRE_EXPECT_OK(Check(With([](Profile& p) { *p.mutable_date_of_birth() = Day(2010, 6, 15); })));
  EXPECT_THAT(Check(With([](Profile& p) { *p.mutable_date_of_birth() = Day(2010, 6, 16); })),
              InvalidAt("profile.date_of_birth"));
  CADRE_EXPECT_OK(Check(With([](Profile& p) { *p.mutable_date_of_birth() = Day(1905, 6, 16); })));
  EXPECT_THAT(Check(With([](Profile& p) { *p.mutable_date_of_birth() = Day(1905, 6, 15); })),
              InvalidAt("profile.date_of_birth"));
  EXPECT_THAT(Check(With([](Profile& p) { *p.mutable_date_of_birth() = Day(2027, 1, 1); })),
              InvalidAt("profile.date_of_birth"));
}

TEST(ValidateProfile, SixteenthBirthdayOnALeapDay) {
  // 2028 is a leap year: someone born on 29 February 2012 is sixteen on 29 February.
  Profile p = With([](Profile& p) { *p.mutable_date_of_birth() = Day(2012, 2, 29); });
  EXPECT_THAT(ValidateProfile(p, Day(2028, 2, 28), "profile"), InvalidAt("profile.date_of_birth"));
  CADRE_EXPECT_OK(ValidateProfile(p, Day(2028, 2, 29), "profile"));
  // 2100 is not: someone born on 29 February 2084 is sixteen on 1 March.
  p = With([](Profile& p) { *p.mutable_date_of_birth() = Day(2084, 2, 29); });
  EXPECT_THAT(ValidateProfile(p, Day(2100, 2, 28), "profile"), InvalidAt("profile.date_of_birth"));
  CADRE_EXPECT_OK(ValidateProfile(p, Day(2100, 3, 1), "profile"));
}

TEST(ValidateProfile, RegionAndAttendanceAreRequiredKnownValues) {
  EXPECT_THAT(Check(With([](Profile& p) { p.clear_region(); })), InvalidAt("profile.region"));
  EXPECT_THAT(Check(With([](Profile& p) { p.set_region(static_cast<cadre::v1::Region>(99)); })),
              InvalidAt("profile.region"));
  EXPECT_THAT(Check(With([](Profile& p) { p.clear_attendance(); })),
              InvalidAt("profile.attendance"));
  EXPECT_THAT(
      Check(With([](Profile& p) { p.set_attendance(static_cast<cadre::v1::AttendanceMode>(9)); })),
      InvalidAt("profile.attendance"));
  CADRE_EXPECT_OK(
      Check(With([](Profile& p) { p.set_attendance(cadre::v1::ATTENDANCE_MODE_IN_PERSON); })));
}

// Each list of tags: at most 20, each a slug of 1-40 characters, no repeats.
class TagListTest : public ::testing::TestWithParam<std::string> {
 protected:
  google::protobuf::RepeatedPtrField<std::string>* List(Profile& p) {
    const std::string& name = GetParam();
    if (name == "lived_experience") return p.mutable_lived_experience();
    if (name == "skills") return p.mutable_skills();
    if (name == "expertise") return p.mutable_expertise();
    return p.mutable_access_needs();
  }
  std::string Path() const { return "profile." + GetParam(); }
};

TEST_P(TagListTest, TakesUpToTwentyDistinctSlugs) {
  Profile p = ValidProfile();
  List(p)->Clear();
  for (int i = 0; i < 20; ++i) List(p)->Add(absl::StrCat("tag-", i));
  CADRE_EXPECT_OK(Check(p));
  List(p)->Add("one-more");
  EXPECT_THAT(Check(p), InvalidAt(Path()));
}

TEST_P(TagListTest, RefusesBadAndRepeatedTags) {
  for (const std::string& bad : {std::string(""), std::string("Diabetes"), std::string("a b"),
                                 std::string("-x"), Repeat("a", 41)}) {
    Profile p = ValidProfile();
    List(p)->Clear();
    List(p)->Add("fine");
    List(p)->Add(std::string(bad));
    EXPECT_THAT(Check(p), InvalidAt(Path() + "[1]")) << bad;
  }
  Profile p = ValidProfile();
  List(p)->Clear();
  List(p)->Add("same");
  List(p)->Add("same");
  EXPECT_THAT(Check(p), InvalidAt(Path() + "[1]"));
  List(p)->RemoveLast();
  List(p)->Add(Repeat("a", 40));
  CADRE_EXPECT_OK(Check(p));
}

INSTANTIATE_TEST_SUITE_P(EveryTagList, TagListTest,
                         ::testing::Values("lived_experience", "skills", "expertise",
                                           "access_needs"));

TEST(ValidateProfile, AvailabilityIsZeroToTwoHundredHours) {
  CADRE_EXPECT_OK(Check(With([](Profile& p) { p.set_availability_hours_per_month(0); })));
  CADRE_EXPECT_OK(Check(With([](Profile& p) { p.set_availability_hours_per_month(200); })));
  EXPECT_THAT(Check(With([](Profile& p) { p.set_availability_hours_per_month(201); })),
              InvalidAt("profile.availability_hours_per_month"));
  EXPECT_THAT(Check(With([](Profile& p) { p.set_availability_hours_per_month(-1); })),
              InvalidAt("profile.availability_hours_per_month"));
}

TEST(ValidateProfile, MaxConcurrentRolesIsOneToTen) {
  CADRE_EXPECT_OK(Check(With([](Profile& p) { p.set_max_concurrent_roles(1); })));
  CADRE_EXPECT_OK(Check(With([](Profile& p) { p.set_max_concurrent_roles(10); })));
  EXPECT_THAT(Check(With([](Profile& p) { p.set_max_concurrent_roles(11); })),
              InvalidAt("profile.max_concurrent_roles"));
  // 0 only means "the default" on sign-up (NormaliseNewProfile), never on an update.
  EXPECT_THAT(Check(With([](Profile& p) { p.set_max_concurrent_roles(0); })),
              InvalidAt("profile.max_concurrent_roles"));
}

TEST(ValidateProfile, AccessNeedsNoteIsAtMostFiveHundredCharacters) {
  CADRE_EXPECT_OK(Check(With([](Profile& p) { p.set_access_needs_note(Repeat("ü", 500)); })));
  EXPECT_THAT(Check(With([](Profile& p) { p.set_access_needs_note(Repeat("ü", 501)); })),
              InvalidAt("profile.access_needs_note"));
}

TEST(ValidateProfile, DeclaredInterestsNameABodyOnceEachWithAKind) {
  EXPECT_THAT(Check(With([](Profile& p) { p.mutable_declared_interests(0)->clear_body(); })),
              InvalidAt("profile.declared_interests[0].body"));
  EXPECT_THAT(Check(With([](Profile& p) { p.mutable_declared_interests(0)->set_body("RXF"); })),
              InvalidAt("profile.declared_interests[0].body"));
  EXPECT_THAT(
      Check(With([](Profile& p) { p.mutable_declared_interests(0)->set_body("bodies/rxf"); })),
      InvalidAt("profile.declared_interests[0].body"));
  CADRE_EXPECT_OK(
      Check(With([](Profile& p) { p.mutable_declared_interests(0)->set_body("bodies/CDR0007"); })));
  EXPECT_THAT(Check(With([](Profile& p) { p.mutable_declared_interests(0)->clear_kind(); })),
              InvalidAt("profile.declared_interests[0].kind"));
  EXPECT_THAT(Check(With([](Profile& p) {
                p.mutable_declared_interests(0)->set_kind(static_cast<DeclaredInterest::Kind>(7));
              })),
              InvalidAt("profile.declared_interests[0].kind"));
  EXPECT_THAT(Check(With([](Profile& p) {
                *p.add_declared_interests() = p.declared_interests(0);
                p.mutable_declared_interests(1)->set_kind(DeclaredInterest::KIND_CONFLICT);
              })),
              InvalidAt("profile.declared_interests[1].body"));
}

TEST(ValidateProfile, DeclaredInterestNoteIsAtMostTwoHundredCharacters) {
  CADRE_EXPECT_OK(
      Check(With([](Profile& p) { p.mutable_declared_interests(0)->set_note(Repeat("n", 200)); })));
  EXPECT_THAT(
      Check(With([](Profile& p) { p.mutable_declared_interests(0)->set_note(Repeat("n", 201)); })),
      InvalidAt("profile.declared_interests[0].note"));
}

TEST(ValidateProfile, AtMostTwentyDeclaredInterests) {
  Profile p = ValidProfile();
  p.clear_declared_interests();
  for (int i = 0; i < 20; ++i) {
    DeclaredInterest* interest = p.add_declared_interests();
    interest->set_body(absl::StrCat("bodies/R", 10 + i));
    interest->set_kind(DeclaredInterest::KIND_CONFLICT);
  }
  CADRE_EXPECT_OK(Check(p));
  DeclaredInterest* extra = p.add_declared_interests();
  extra->set_body("bodies/ZZZ");
  extra->set_kind(DeclaredInterest::KIND_CONFLICT);
  EXPECT_THAT(Check(p), InvalidAt("profile.declared_interests"));
}

TEST(NormaliseNewProfile, ZeroConcurrentRolesBecomesTwo) {
  Profile p = With([](Profile& p) { p.set_max_concurrent_roles(0); });
  NormaliseNewProfile(&p);
  EXPECT_EQ(p.max_concurrent_roles(), 2);
  CADRE_EXPECT_OK(Check(p));
}

TEST(NormaliseNewProfile, LeavesEverythingElse) {
  Profile p = ValidProfile();
  p.add_skills("chairing");  // repeated: validation refuses it, normalising keeps it
  const Profile before = p;
  NormaliseNewProfile(&p);
  EXPECT_EQ(p.SerializeAsString(), before.SerializeAsString());
  EXPECT_THAT(Check(p), InvalidAt("profile.skills[1]"));
}

absl::Status CheckConsent(const Consent& c) {
  return ValidateConsent(c, testdata::kNotice, "consent");
}

TEST(ValidateConsent, AcceptsTheCurrentNoticeAgreed) {
  CADRE_EXPECT_OK(CheckConsent(testdata::ValidConsent()));
  Consent c = testdata::ValidConsent();
  c.set_role_suggestions_agreed(true);
  c.mutable_agree_time()->set_seconds(-1);  // output only: ignored
  CADRE_EXPECT_OK(CheckConsent(c));
}

TEST(ValidateConsent, AnOtherNoticeIsAFailedPreconditionNamingTheCurrentOne) {
  for (const char* version : {"2025-11", "", "2026-3"}) {
    Consent c = testdata::ValidConsent();
    c.set_privacy_notice_version(version);
    EXPECT_THAT(CheckConsent(c),
                StatusIs(absl::StatusCode::kFailedPrecondition,
                         "consent.privacy_notice_version: the current privacy notice is 2026-03"))
        << version;
  }
}

TEST(ValidateConsent, AnOverlongVersionIsInvalid) {
  Consent c = testdata::ValidConsent();
  c.set_privacy_notice_version(Repeat("9", 21));
  EXPECT_THAT(CheckConsent(c), InvalidAt("consent.privacy_notice_version"));
}

TEST(ValidateConsent, ProcessingMustBeAgreed) {
  Consent c = testdata::ValidConsent();
  c.set_processing_agreed(false);
  EXPECT_THAT(CheckConsent(c), InvalidAt("consent.processing_agreed"));
}

}  // namespace
}  // namespace cadre::matching
