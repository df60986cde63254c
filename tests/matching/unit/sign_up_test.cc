// ValidateSignUp: the whole request, with field paths as a form would show them.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/matching/domain/profile_rules.h"
#include "tests/matching/unit/test_data.h"
#include "tests/support/status_matchers.h"

namespace cadre::matching {
namespace {

using ::cadre::testing::InvalidAt;
using ::cadre::testing::StatusIs;
using cadre::v1::SignUpRequest;
using testdata::Today;
using testdata::ValidSignUp;

SignUpRequest With(const std::function<void(SignUpRequest&)>& change) {
  return testdata::With(ValidSignUp(), change);
}

absl::Status Check(const SignUpRequest& r) { return ValidateSignUp(r, Today(), testdata::kNotice); }

TEST(ValidateSignUp, AcceptsAValidRequest) { CADRE_EXPECT_OK(Check(ValidSignUp())); }

TEST(ValidateSignUp, ChecksTheEmail) {
  EXPECT_THAT(Check(With([](SignUpRequest& r) { r.clear_email(); })), InvalidAt("email"));
  EXPECT_THAT(Check(With([](SignUpRequest& r) { r.set_email("ada@localhost"); })),
              InvalidAt("email"));
}

TEST(ValidateSignUp, ChecksThePassword) {
  EXPECT_THAT(Check(With([](SignUpRequest& r) { r.set_password("short"); })),
              InvalidAt("password"));
  EXPECT_THAT(Check(With([](SignUpRequest& r) { r.set_password("Password123"); })),
              InvalidAt("password"));
  // The email as typed (mixed case, spaces) still counts as the email.
  EXPECT_THAT(Check(With([](SignUpRequest& r) {
                r.set_email(" Ada.Lovelace@Example.org");
                r.set_password("ada.lovelace");
              })),
              InvalidAt("password"));
}

TEST(ValidateSignUp, ProfileIsRequiredAndCheckedWithItsPath) {
  EXPECT_THAT(Check(With([](SignUpRequest& r) { r.clear_profile(); })), InvalidAt("profile"));
  EXPECT_THAT(Check(With([](SignUpRequest& r) { r.mutable_profile()->set_display_name("x"); })),
              InvalidAt("profile.display_name"));
  EXPECT_THAT(Check(With([](SignUpRequest& r) { r.mutable_profile()->clear_region(); })),
              InvalidAt("profile.region"));
  EXPECT_THAT(Check(With([](SignUpRequest& r) {
                r.mutable_profile()->mutable_declared_interests(0)->set_body("nope");
              })),
              InvalidAt("profile.declared_interests[0].body"));
}

TEST(ValidateSignUp, ZeroConcurrentRolesIsAcceptedOnSignUp) {
  CADRE_EXPECT_OK(
      Check(With([](SignUpRequest& r) { r.mutable_profile()->set_max_concurrent_roles(0); })));
  EXPECT_THAT(
      Check(With([](SignUpRequest& r) { r.mutable_profile()->set_max_concurrent_roles(11); })),
      InvalidAt("profile.max_concurrent_roles"));
}

TEST(ValidateSignUp, ConsentIsRequiredAndCurrent) {
  EXPECT_THAT(Check(With([](SignUpRequest& r) { r.clear_consent(); })), InvalidAt("consent"));
  EXPECT_THAT(
      Check(With([](SignUpRequest& r) { r.mutable_consent()->set_processing_agreed(false); })),
      InvalidAt("consent.processing_agreed"));
  EXPECT_THAT(Check(With([](SignUpRequest& r) {
                r.mutable_consent()->set_privacy_notice_version("2020-01");
              })),
              StatusIs(absl::StatusCode::kFailedPrecondition, "2026-03"));
}

TEST(ValidateSignUp, TooYoungToSignUp) {
  EXPECT_THAT(Check(With([](SignUpRequest& r) {
                *r.mutable_profile()->mutable_date_of_birth() = testdata::Day(2011, 1, 1);
              })),
              InvalidAt("profile.date_of_birth"));
}

}  // namespace
}  // namespace cadre::matching
