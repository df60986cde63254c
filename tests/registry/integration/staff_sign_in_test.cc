// Bodies' staff set their password through the one-time link, sign in and out: over
// gRPC against the whole registry and a real redis-server.

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "tests/registry/integration/staff_fixture.h"

namespace cadre::testing {
namespace {

using cadre::v1::STAFF_ROLE_MANAGER;
using cadre::v1::STAFF_ROLE_RECRUITER;
using cadre::v1::STAFF_ROLE_VIEWER;

TEST_F(StaffTest, TheBodysKeyCreatesAMemberWhoSetsAPasswordAndIsSignedIn) {
  cadre::v1::CreateStaffResponse created =
      Create("Asha Patel", " Asha.Patel@Example.NHS.uk ", STAFF_ROLE_RECRUITER);
  const cadre::v1::Staff& staff = created.staff();
  EXPECT_TRUE(absl::StartsWith(staff.name(), "bodies/RJ1/staff/")) << staff.name();
  EXPECT_EQ(staff.name().size(), std::string("bodies/RJ1/staff/").size() + 16);
  EXPECT_EQ(staff.email(), "asha.patel@example.nhs.uk");
  EXPECT_EQ(staff.state(), cadre::v1::STAFF_STATE_INVITED);
  EXPECT_EQ(staff.created_by(), "bodies/RJ1");
  EXPECT_FALSE(staff.etag().empty());
  EXPECT_EQ(created.setup().setup_token().size(), 43u);
  EXPECT_EQ(created.setup().expire_time().seconds() - staff.create_time().seconds(), 72 * 3600);

  // Not yet set up: sign-in is refused as for anyone.
  cadre::v1::SignInStaffResponse refused;
  EXPECT_THAT(SignIn("asha.patel@example.nhs.uk", kStaffPassword, &refused),
              StatusIs(grpc::StatusCode::UNAUTHENTICATED, "email or password not recognised"));

  cadre::v1::SignInStaffResponse set;
  CADRE_ASSERT_OK(SetPassword(created.setup().setup_token(), kStaffPassword, &set));
  EXPECT_EQ(set.staff().state(), cadre::v1::STAFF_STATE_ACTIVE);
  EXPECT_FALSE(set.key().empty());
  EXPECT_EQ(set.key_expire_time().seconds() - set.staff().last_sign_in_time().seconds(), 12 * 3600);

  // The key is the body's, carrying the member: they read their own account with it.
  cadre::v1::Staff self;
  CADRE_ASSERT_OK(GetStaff(set.key(), staff.name(), &self));
  EXPECT_EQ(self.state(), cadre::v1::STAFF_STATE_ACTIVE);
  EXPECT_EQ(self.role(), STAFF_ROLE_RECRUITER);
  EXPECT_TRUE(self.has_last_sign_in_time());

  // And sign in again with the email (any case) and password.
  cadre::v1::SignInStaffResponse again;
  CADRE_ASSERT_OK(SignIn("ASHA.PATEL@example.nhs.uk", kStaffPassword, &again));
  EXPECT_EQ(again.staff().name(), staff.name());
  EXPECT_NE(again.key(), set.key());
  CADRE_EXPECT_OK(GetStaff(again.key(), staff.name(), &self));
}

TEST_F(StaffTest, ASetUpTokenWorksOnceAndWrongOnesAreRefusedAlike) {
  cadre::v1::CreateStaffResponse created =
      Create("Ben Okafor", "ben.okafor@example.nhs.uk", STAFF_ROLE_VIEWER);
  cadre::v1::SignInStaffResponse out;
  std::string wrong = created.setup().setup_token();
  wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
  for (const std::string& token : {wrong, std::string("short"), std::string()}) {
    EXPECT_THAT(SetPassword(token, kStaffPassword, &out),
                StatusIs(grpc::StatusCode::INVALID_ARGUMENT, "setup_token: "));
  }
  // A password the policy refuses names the field, and spends nothing.
  EXPECT_THAT(SetPassword(created.setup().setup_token(), "short", &out),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT, "password: "));
  CADRE_ASSERT_OK(SetPassword(created.setup().setup_token(), kStaffPassword, &out));
  EXPECT_THAT(SetPassword(created.setup().setup_token(), "another passphrase", &out),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT, "setup_token: "));
  // The first password stands.
  CADRE_EXPECT_OK(SignIn("ben.okafor@example.nhs.uk", kStaffPassword, &out));
}

TEST_F(StaffTest, ASetUpTokenExpiresAfter72Hours) {
  cadre::v1::CreateStaffResponse late =
      Create("Cara Lewis", "cara@example.nhs.uk", STAFF_ROLE_VIEWER);
  cadre::v1::CreateStaffResponse early =
      Create("Dev Shah", "dev@example.nhs.uk", STAFF_ROLE_VIEWER);
  harness_->clock().Advance(absl::Hours(72) - absl::Minutes(1));
  cadre::v1::SignInStaffResponse out;
  CADRE_EXPECT_OK(SetPassword(early.setup().setup_token(), kStaffPassword, &out));
  harness_->clock().Advance(absl::Minutes(1));
  EXPECT_THAT(SetPassword(late.setup().setup_token(), kStaffPassword, &out),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT, "setup_token: "));
}

TEST_F(StaffTest, SignInRefusesEveryWrongCaseAlike) {
  cadre::v1::SignInStaffResponse active =
      Member("Eve Jones", "eve@example.nhs.uk", STAFF_ROLE_MANAGER);
  Create("Finn Ward", "finn@example.nhs.uk", STAFF_ROLE_RECRUITER);  // invited only

  cadre::v1::SignInStaffResponse out;
  const grpc::Status wrong_password = SignIn("eve@example.nhs.uk", "not the password", &out);
  const grpc::Status unknown = SignIn("nobody@example.nhs.uk", kStaffPassword, &out);
  const grpc::Status invited = SignIn("finn@example.nhs.uk", kStaffPassword, &out);
  const grpc::Status malformed = SignIn("not an email", kStaffPassword, &out);
  for (const grpc::Status& s : {wrong_password, unknown, invited, malformed}) {
    EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
    EXPECT_EQ(s.error_message(), wrong_password.error_message());
  }
  EXPECT_EQ(out.key(), "");
  CADRE_EXPECT_OK(SignIn("eve@example.nhs.uk", kStaffPassword, &out));
}

TEST_F(StaffTest, RepeatedFailuresLockTheEmail) {
  Member("Gita Rao", "gita@example.nhs.uk", STAFF_ROLE_RECRUITER);
  cadre::v1::SignInStaffResponse out;
  for (int i = 0; i < 10; ++i) {
    EXPECT_THAT(SignIn("gita@example.nhs.uk", "wrong password", &out),
                StatusIs(grpc::StatusCode::UNAUTHENTICATED));
  }
  // Locked now, even with the right password; the lock passes with time.
  EXPECT_THAT(SignIn("gita@example.nhs.uk", kStaffPassword, &out),
              StatusIs(grpc::StatusCode::RESOURCE_EXHAUSTED));
  harness_->clock().Advance(absl::Minutes(16));
  CADRE_EXPECT_OK(SignIn("gita@example.nhs.uk", kStaffPassword, &out));
}

TEST_F(StaffTest, SignOutRevokesTheCallsOwnKeyOnly) {
  cadre::v1::SignInStaffResponse first =
      Member("Hana Ito", "hana@example.nhs.uk", STAFF_ROLE_VIEWER);
  cadre::v1::SignInStaffResponse second;
  CADRE_ASSERT_OK(SignIn("hana@example.nhs.uk", kStaffPassword, &second));
  cadre::v1::SignOutStaffResponse out;
  CADRE_ASSERT_OK(stub().SignOutStaff(Ctx(first.key()).get(), {}, &out));
  cadre::v1::Staff self;
  EXPECT_THAT(GetStaff(first.key(), first.staff().name(), &self),
              StatusIs(grpc::StatusCode::UNAUTHENTICATED));
  CADRE_EXPECT_OK(GetStaff(second.key(), first.staff().name(), &self));

  // The body's own key is not a sign-in to end; no key at all is no one's.
  EXPECT_THAT(stub().SignOutStaff(Ctx(rj1_key_).get(), {}, &out),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(stub().SignOutStaff(Ctx().get(), {}, &out),
              StatusIs(grpc::StatusCode::UNAUTHENTICATED));
  CADRE_EXPECT_OK(GetStaff(rj1_key_, first.staff().name(), &self));
}

TEST_F(StaffTest, ANewPasswordThroughALinkEndsEveryOtherSession) {
  // A manager resets a member's password (a new link): someone signing in with the old
  // password before the member sets the new one must not keep that session.
  cadre::v1::SignInStaffResponse member =
      Member("Gus Hale", "gus@example.nhs.uk", STAFF_ROLE_RECRUITER);
  cadre::v1::IssueStaffSetupLinkRequest request;
  request.set_name(member.staff().name());
  cadre::v1::StaffSetupLink link;
  ASSERT_TRUE(stub().IssueStaffSetupLink(Ctx(rj1_key_).get(), request, &link).ok());
  cadre::v1::SignInStaffResponse old_password;
  CADRE_ASSERT_OK(SignIn("gus@example.nhs.uk", kStaffPassword, &old_password));
  cadre::v1::SignInStaffResponse reset;
  CADRE_ASSERT_OK(SetPassword(link.setup_token(), "a brand new passphrase", &reset));
  cadre::v1::Staff out;
  EXPECT_THAT(GetStaff(old_password.key(), member.staff().name(), &out),
              StatusIs(grpc::StatusCode::UNAUTHENTICATED));
  CADRE_EXPECT_OK(GetStaff(reset.key(), member.staff().name(), &out));
  EXPECT_THAT(SignIn("gus@example.nhs.uk", kStaffPassword, &old_password),
              StatusIs(grpc::StatusCode::UNAUTHENTICATED));
}

TEST_F(StaffTest, AnotherBodysKeyAndOtherMembersCannotReadAnAccount) {
  cadre::v1::SignInStaffResponse viewer =
      Member("Ivy Chen", "ivy@example.nhs.uk", STAFF_ROLE_VIEWER);
  cadre::v1::SignInStaffResponse other =
      Member("Jo Hart", "jo@example.nhs.uk", STAFF_ROLE_RECRUITER);
  cadre::v1::Staff out;
  EXPECT_THAT(GetStaff(qop_key_, viewer.staff().name(), &out),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(GetStaff(other.key(), viewer.staff().name(), &out),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(GetStaff("", viewer.staff().name(), &out),
              StatusIs(grpc::StatusCode::UNAUTHENTICATED));
  CADRE_EXPECT_OK(GetStaff(kAdminKey, viewer.staff().name(), &out));
  // A name of the wrong body is no account.
  std::string elsewhere = viewer.staff().name();
  elsewhere.replace(0, std::string("bodies/RJ1").size(), "bodies/QOP");
  EXPECT_THAT(GetStaff(qop_key_, elsewhere, &out), StatusIs(grpc::StatusCode::NOT_FOUND));
}

}  // namespace
}  // namespace cadre::testing
