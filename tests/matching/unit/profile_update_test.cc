// ApplyProfileUpdate: the mask names what changes, the result is validated whole, and a
// refused update leaves the applicant exactly as it was.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>

#include "google/protobuf/util/message_differencer.h"
#include "services/matching/domain/profile_rules.h"
#include "tests/matching/unit/test_data.h"
#include "tests/support/status_matchers.h"

namespace cadre::matching {
namespace {

using ::cadre::testing::InvalidAt;
using ::cadre::testing::StatusIs;
using cadre::v1::Applicant;
using cadre::v1::UpdateMyProfileRequest;
using google::protobuf::util::MessageDifferencer;
using testdata::Day;
using testdata::StoredApplicant;
using testdata::Today;

UpdateMyProfileRequest Update(std::initializer_list<const char*> paths) {
  UpdateMyProfileRequest r;
  for (const char* p : paths) r.mutable_update_mask()->add_paths(p);
  return r;
}

absl::Status Apply(const UpdateMyProfileRequest& r, Applicant* a) {
  return ApplyProfileUpdate(r, Today(), testdata::kNotice, a);
}

// Applies `r` to the stored applicant, expects `matcher`, and that nothing changed.
template <typename Matcher>
void ExpectRefusedUnchanged(const UpdateMyProfileRequest& r, Matcher matcher) {
  Applicant a = StoredApplicant();
  EXPECT_THAT(Apply(r, &a), matcher);
  EXPECT_TRUE(MessageDifferencer::Equals(a, StoredApplicant())) << a.DebugString();
}

TEST(ApplyProfileUpdate, ChangesOnlyTheNamedFields) {
  UpdateMyProfileRequest r = Update({"display_name", "skills"});
  r.mutable_profile()->set_display_name("Ada L.");
  r.mutable_profile()->add_skills("facilitation");
  r.mutable_profile()->add_skills("data-analysis");
  r.mutable_profile()->set_region(cadre::v1::REGION_NORTH_WEST);  // not in the mask
  Applicant a = StoredApplicant();
  CADRE_ASSERT_OK(Apply(r, &a));
  EXPECT_EQ(a.profile().display_name(), "Ada L.");
  EXPECT_THAT(a.profile().skills(), ::testing::ElementsAre("facilitation", "data-analysis"));
  EXPECT_EQ(a.profile().region(), cadre::v1::REGION_LONDON);
  Applicant expected = StoredApplicant();
  expected.mutable_profile()->set_display_name("Ada L.");
  *expected.mutable_profile()->mutable_skills() = r.profile().skills();
  EXPECT_TRUE(MessageDifferencer::Equals(a, expected)) << a.DebugString();
}

TEST(ApplyProfileUpdate, ANamedFieldLeftEmptyIsCleared) {
  UpdateMyProfileRequest r = Update({"access_needs", "access_needs_note"});
  Applicant a = StoredApplicant();
  CADRE_ASSERT_OK(Apply(r, &a));
  EXPECT_TRUE(a.profile().access_needs().empty());
  EXPECT_TRUE(a.profile().access_needs_note().empty());
}

TEST(ApplyProfileUpdate, ListsAndMessagesAreReplacedNotMerged) {
  UpdateMyProfileRequest r = Update({"declared_interests", "date_of_birth"});
  cadre::v1::DeclaredInterest* interest = r.mutable_profile()->add_declared_interests();
  interest->set_body("bodies/QWE");
  interest->set_kind(cadre::v1::DeclaredInterest::KIND_CONFLICT);
  *r.mutable_profile()->mutable_date_of_birth() = Day(1981, 5, 6);
  Applicant a = StoredApplicant();
  CADRE_ASSERT_OK(Apply(r, &a));
  ASSERT_EQ(a.profile().declared_interests_size(), 1);
  EXPECT_EQ(a.profile().declared_interests(0).body(), "bodies/QWE");
  EXPECT_TRUE(a.profile().declared_interests(0).note().empty());
  EXPECT_EQ(a.profile().date_of_birth().year(), 1981);
}

TEST(ApplyProfileUpdate, EveryProfileFieldMayBeNamed) {
  for (int i = 0; i < cadre::v1::Profile::descriptor()->field_count(); ++i) {
    const std::string field = cadre::v1::Profile::descriptor()->field(i)->name();
    UpdateMyProfileRequest r = Update({field.c_str()});
    *r.mutable_profile() = testdata::ValidProfile();
    r.mutable_profile()->set_display_name("Someone Else");
    Applicant a = StoredApplicant();
    CADRE_EXPECT_OK(Apply(r, &a)) << field;
  }
}

TEST(ApplyProfileUpdate, TheMaskIsRequired) {
  ExpectRefusedUnchanged(Update({}), InvalidAt("update_mask"));
}

TEST(ApplyProfileUpdate, UnknownOrOutputOnlyPathsAreRefused) {
  for (const char* path : {"email", "name", "etag", "state", "profile.display_name", "profile",
                           "consent.processing_agreed", "", "display_name.x", "nonsense"}) {
    UpdateMyProfileRequest r = Update({"display_name", path});
    r.mutable_profile()->set_display_name("Changed Name");
    ExpectRefusedUnchanged(r, InvalidAt("update_mask"));
  }
  UpdateMyProfileRequest r = Update({"emails"});
  Applicant a = StoredApplicant();
  EXPECT_THAT(Apply(r, &a),
              StatusIs(absl::StatusCode::kInvalidArgument, "'emails' cannot be updated"));
}

TEST(ApplyProfileUpdate, AnInvalidResultIsRefusedAndNothingChanges) {
  UpdateMyProfileRequest r = Update({"display_name", "skills"});
  r.mutable_profile()->set_display_name("Fine Name");
  r.mutable_profile()->add_skills("Not A Slug");
  ExpectRefusedUnchanged(r, InvalidAt("profile.skills[0]"));

  r = Update({"max_concurrent_roles"});  // 0 is not "the default" on an update
  ExpectRefusedUnchanged(r, InvalidAt("profile.max_concurrent_roles"));

  r = Update({"region"});
  ExpectRefusedUnchanged(r, InvalidAt("profile.region"));

  r = Update({"date_of_birth"});
  *r.mutable_profile()->mutable_date_of_birth() = Day(2015, 1, 1);
  ExpectRefusedUnchanged(r, InvalidAt("profile.date_of_birth"));
}

TEST(ApplyProfileUpdate, ConsentIsReplacedAndItsTimeLeftForTheCaller) {
  UpdateMyProfileRequest r = Update({"consent"});
  *r.mutable_consent() = testdata::ValidConsent();
  r.mutable_consent()->set_role_suggestions_agreed(true);
  r.mutable_consent()->mutable_agree_time()->set_seconds(12345);  // the caller's: dropped
  Applicant a = StoredApplicant();
  CADRE_ASSERT_OK(Apply(r, &a));
  EXPECT_TRUE(a.consent().role_suggestions_agreed());
  EXPECT_FALSE(a.consent().has_agree_time());
  EXPECT_TRUE(MessageDifferencer::Equals(a.profile(), StoredApplicant().profile()));
}

TEST(ApplyProfileUpdate, ConsentAndProfileTogether) {
  UpdateMyProfileRequest r = Update({"consent", "availability_hours_per_month"});
  *r.mutable_consent() = testdata::ValidConsent();
  r.mutable_profile()->set_availability_hours_per_month(40);
  Applicant a = StoredApplicant();
  CADRE_ASSERT_OK(Apply(r, &a));
  EXPECT_EQ(a.profile().availability_hours_per_month(), 40);
  EXPECT_FALSE(a.consent().has_agree_time());
}

TEST(ApplyProfileUpdate, AConsentThatFailsLeavesTheProfileUnchangedToo) {
  UpdateMyProfileRequest r = Update({"display_name", "consent"});
  r.mutable_profile()->set_display_name("New Name");
  ExpectRefusedUnchanged(r, InvalidAt("consent"));  // consent named but not sent

  *r.mutable_consent() = testdata::ValidConsent();
  r.mutable_consent()->set_processing_agreed(false);
  ExpectRefusedUnchanged(r, InvalidAt("consent.processing_agreed"));

  r.mutable_consent()->set_processing_agreed(true);
  r.mutable_consent()->set_privacy_notice_version("2025-01");
  ExpectRefusedUnchanged(r, StatusIs(absl::StatusCode::kFailedPrecondition, "2026-03"));
}

TEST(ApplyProfileUpdate, UnknownFieldsOfThePatchAreNotKept) {
  UpdateMyProfileRequest r = Update({"display_name"});
  r.mutable_profile()->set_display_name("New Name");
  r.mutable_profile()
      ->GetReflection()
      ->MutableUnknownFields(r.mutable_profile())
      ->AddVarint(999, 1);
  Applicant a = StoredApplicant();
  CADRE_ASSERT_OK(Apply(r, &a));
  EXPECT_TRUE(a.profile().GetReflection()->GetUnknownFields(a.profile()).empty());
}

}  // namespace
}  // namespace cadre::matching
