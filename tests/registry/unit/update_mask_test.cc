// FieldMask updates: named, allowed fields are copied; everything else is left alone.

#include "services/registry/domain/update_mask.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>

#include "google/protobuf/util/message_differencer.h"
#include "tests/registry/unit/test_data.h"
#include "tests/support/status_matchers.h"

namespace cadre::registry {
namespace {

using ::cadre::testing::InvalidAt;
using cadre::v1::Avenue;
using cadre::v1::Body;
using cadre::v1::Role;
using google::protobuf::FieldMask;
using google::protobuf::util::MessageDifferencer;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

FieldMask Mask(std::initializer_list<const char*> paths) {
  FieldMask mask;
  for (const char* p : paths) mask.add_paths(p);
  return mask;
}

Role Stored() {
  Role role = testdata::ValidRole();
  role.set_name("roles/42");
  role.set_state(cadre::v1::ROLE_STATE_OPEN);
  role.set_etag("3");
  return role;
}

// A patch that differs from Stored() in every field.
Role Patch() {
  Role p;
  p.set_name("roles/99");
  p.set_body("bodies/ZZZ");
  p.set_title("New title");
  p.set_summary("New summary");
  p.set_level(cadre::v1::INVOLVEMENT_LEVEL_1);
  p.set_rung(cadre::v1::ENGAGEMENT_RUNG_CONSULT);
  p.mutable_time_commitment()->set_hours_per_month(9);
  p.add_expertise_sought("law");
  p.add_topics("maternity");
  p.add_topics("cancer");
  p.set_lived_experience_sought("Recent birth");
  p.mutable_location()->set_region(cadre::v1::REGION_SOUTH_WEST);
  p.mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_IN_PERSON);
  p.mutable_support()->set_payment(cadre::v1::PAYMENT_KIND_NONE);
  p.set_places(7);
  p.set_state(cadre::v1::ROLE_STATE_CANCELLED);
  p.set_role_type("roleTypes/lay-member");
  p.set_etag("99");
  return p;
}

TEST(ApplyRoleMaskTest, CopiesOnlyTheNamedScalarField) {
  Role target = Stored();
  CADRE_ASSERT_OK(ApplyRoleMask(Patch(), Mask({"title"}), target));
  Role expected = Stored();
  expected.set_title("New title");
  EXPECT_TRUE(MessageDifferencer::Equals(target, expected)) << target.DebugString();
}

TEST(ApplyRoleMaskTest, CopiesEnumsIntsMessagesAndRepeatedFields) {
  Role target = Stored();
  CADRE_ASSERT_OK(ApplyRoleMask(
      Patch(), Mask({"level", "rung", "places", "location", "topics", "expertise_sought"}),
      target));
  EXPECT_EQ(target.level(), cadre::v1::INVOLVEMENT_LEVEL_1);
  EXPECT_EQ(target.rung(), cadre::v1::ENGAGEMENT_RUNG_CONSULT);
  EXPECT_EQ(target.places(), 7);
  EXPECT_EQ(target.location().region(), cadre::v1::REGION_SOUTH_WEST);
  EXPECT_EQ(target.location().mode(), cadre::v1::ATTENDANCE_MODE_IN_PERSON);
  EXPECT_EQ(target.location().place(), "");  // the whole message is replaced
  EXPECT_THAT(target.topics(), ElementsAre("maternity", "cancer"));  // replaced, not appended
  EXPECT_THAT(target.expertise_sought(), ElementsAre("law"));
  // Not named: unchanged.
  EXPECT_EQ(target.title(), Stored().title());
  EXPECT_EQ(target.time_commitment().hours_per_month(), 4);
  EXPECT_EQ(target.support().rate_pence_per_hour(), 2000);
}

TEST(ApplyRoleMaskTest, EveryUpdatableFieldTakesThePatchValue) {
  Role target = Stored();
  CADRE_ASSERT_OK(ApplyRoleMask(
      Patch(),
      Mask({"title", "summary", "level", "rung", "time_commitment", "expertise_sought", "topics",
            "lived_experience_sought", "location", "support", "required_credentials", "places",
            "closing_time", "role_type"}),
      target));
  Role expected = Patch();
  // Output-only and fixed fields stay as stored.
  expected.set_name("roles/42");
  expected.set_body("bodies/RXF");
  expected.set_state(cadre::v1::ROLE_STATE_OPEN);
  expected.set_etag("3");
  EXPECT_TRUE(MessageDifferencer::Equals(target, expected)) << target.DebugString();
}

TEST(ApplyRoleMaskTest, NamedFieldAbsentFromPatchIsCleared) {
  Role target = Stored();
  ASSERT_TRUE(target.has_closing_time());
  CADRE_ASSERT_OK(ApplyRoleMask(Patch(), Mask({"closing_time", "required_credentials"}), target));
  EXPECT_FALSE(target.has_closing_time());
  EXPECT_EQ(target.required_credentials_size(), 0);
}

TEST(ApplyRoleMaskTest, EmptyMaskIsRefused) {
  Role target = Stored();
  EXPECT_THAT(ApplyRoleMask(Patch(), FieldMask(), target), InvalidAt("update_mask"));
  EXPECT_TRUE(MessageDifferencer::Equals(target, Stored()));
}

TEST(ApplyRoleMaskTest, OutputOnlyFixedUnknownAndNestedPathsAreRefused) {
  for (const char* path : {"name", "body", "state", "etag", "state_reason", "create_time",
                           "publish_time", "no_such_field", "location.region", "Title", ""}) {
    SCOPED_TRACE(path);
    Role target = Stored();
    absl::Status s = ApplyRoleMask(Patch(), Mask({path}), target);
    EXPECT_THAT(s, InvalidAt("update_mask"));
    EXPECT_THAT(std::string(s.message()), HasSubstr(absl::StrCat("'", path, "'")));
    EXPECT_TRUE(MessageDifferencer::Equals(target, Stored()));
  }
}

TEST(ApplyRoleMaskTest, OneBadPathChangesNothing) {
  Role target = Stored();
  EXPECT_THAT(ApplyRoleMask(Patch(), Mask({"title", "state", "places"}), target),
              InvalidAt("update_mask"));
  EXPECT_TRUE(MessageDifferencer::Equals(target, Stored())) << target.DebugString();
}

TEST(ApplyBodyMaskTest, CopiesAllowedFieldsAndRefusesKindAndCode) {
  Body stored = testdata::ValidBody();
  stored.set_name("bodies/RXF");
  Body patch;
  patch.set_display_name("Renamed Trust");
  patch.set_region(cadre::v1::REGION_LONDON);
  patch.set_kind(cadre::v1::BODY_KIND_CHARITY);
  patch.set_ods_code("ZZZ");

  Body target = stored;
  CADRE_ASSERT_OK(ApplyBodyMask(patch, Mask({"display_name", "region", "website"}), target));
  EXPECT_EQ(target.display_name(), "Renamed Trust");
  EXPECT_EQ(target.region(), cadre::v1::REGION_LONDON);
  EXPECT_EQ(target.website(), "");  // named and empty in the patch: cleared
  EXPECT_EQ(target.description(), stored.description());
  EXPECT_EQ(target.kind(), cadre::v1::BODY_KIND_TRUST);

  for (const char* path : {"kind", "ods_code", "name", "cadre_issued_code", "etag"}) {
    SCOPED_TRACE(path);
    Body untouched = stored;
    EXPECT_THAT(ApplyBodyMask(patch, Mask({path}), untouched), InvalidAt("update_mask"));
    EXPECT_TRUE(MessageDifferencer::Equals(untouched, stored));
  }
  EXPECT_THAT(ApplyBodyMask(patch, FieldMask(), target), InvalidAt("update_mask"));
}

TEST(ApplyAvenueMaskTest, CopiesAllowedFieldsAndRefusesBody) {
  Avenue stored = testdata::ValidAvenue();
  stored.set_name("avenues/5");
  Avenue patch;
  patch.set_body("bodies/ZZZ");
  patch.set_kind(cadre::v1::AVENUE_KIND_READER_PANEL);
  patch.set_how_to_join("panel@example.org");
  patch.add_expertise_sought("law");
  patch.mutable_time_commitment()->set_hours_per_month(1);

  Avenue target = stored;
  CADRE_ASSERT_OK(ApplyAvenueMask(
      patch, Mask({"kind", "how_to_join", "expertise_sought", "time_commitment"}), target));
  EXPECT_EQ(target.kind(), cadre::v1::AVENUE_KIND_READER_PANEL);
  EXPECT_EQ(target.how_to_join(), "panel@example.org");
  EXPECT_THAT(target.expertise_sought(), ElementsAre("law"));
  EXPECT_EQ(target.time_commitment().hours_per_month(), 1);
  EXPECT_EQ(target.body(), "bodies/RXF");
  EXPECT_EQ(target.title(), stored.title());

  for (const char* path : {"body", "name", "etag", "update_time"}) {
    SCOPED_TRACE(path);
    Avenue untouched = stored;
    EXPECT_THAT(ApplyAvenueMask(patch, Mask({path}), untouched), InvalidAt("update_mask"));
    EXPECT_TRUE(MessageDifferencer::Equals(untouched, stored));
  }
}

}  // namespace
}  // namespace cadre::registry
