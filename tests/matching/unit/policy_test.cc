// Who may do what: for each check, every kind of caller.

#include "services/matching/domain/policy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "tests/support/status_matchers.h"

namespace cadre::matching {
namespace {

using absl::StatusCode;
using ::cadre::testing::IsOkAndHolds;
using ::cadre::testing::StatusIs;

constexpr char kId[] = "abcdefghijkmnpq2";
constexpr char kOtherId[] = "zyxwvutsrqponm76";

Principal Make(PrincipalKind kind, std::string subject, std::string key_id = "k_1") {
  Principal p;
  p.kind = kind;
  p.subject = std::move(subject);
  p.key_id = kind == PrincipalKind::kAnonymous ? "" : std::move(key_id);
  return p;
}

const Principal kAnonymous = Make(PrincipalKind::kAnonymous, "");
const Principal kAdmin = Make(PrincipalKind::kAdmin, "", "admin");
const Principal kOtherAdmin = Make(PrincipalKind::kAdmin, "", "k_9");
const Principal kSelf = Make(PrincipalKind::kApplicant, kId);
const Principal kOther = Make(PrincipalKind::kApplicant, kOtherId);
const Principal kBody = Make(PrincipalKind::kBody, "RXF");
const Principal kOtherBody = Make(PrincipalKind::kBody, "QWE");
const Principal kNotifications = Make(PrincipalKind::kService, "notifications");
const Principal kMatching = Make(PrincipalKind::kService, "matching");
const Principal kRecognition = Make(PrincipalKind::kService, "recognition");

// A member of body `code`'s staff with `role`.
Principal Staff(std::string code, StaffRole role, std::string staff_id = "0123456789abcdef") {
  Principal p = Make(PrincipalKind::kBody, std::move(code), "k_s");
  p.staff_id = std::move(staff_id);
  p.staff_role = role;
  return p;
}
const Principal kManager = Staff("RXF", StaffRole::kManager);
const Principal kRecruiter = Staff("RXF", StaffRole::kRecruiter);
const Principal kViewer = Staff("RXF", StaffRole::kViewer);
constexpr char kViewerWords[] = "a viewer may look but not change anything";

TEST(MayActAsApplicant, TheApplicantThemselfOrAnAdmin) {
  CADRE_EXPECT_OK(MayActAsApplicant(kSelf, kId));
  CADRE_EXPECT_OK(MayActAsApplicant(kAdmin, kId));
  CADRE_EXPECT_OK(MayActAsApplicant(kOtherAdmin, kId));
  EXPECT_THAT(MayActAsApplicant(kAnonymous, kId), StatusIs(StatusCode::kUnauthenticated));
  for (const Principal& p : {kOther, kBody, kNotifications, kMatching}) {
    EXPECT_THAT(MayActAsApplicant(p, kId), StatusIs(StatusCode::kPermissionDenied)) << p.Actor();
  }
  EXPECT_THAT(MayActAsApplicant(Make(PrincipalKind::kApplicant, ""), ""),
              StatusIs(StatusCode::kPermissionDenied));
}

TEST(SelfApplicantId, OnlyForApplicantKeys) {
  EXPECT_THAT(SelfApplicantId(kSelf), IsOkAndHolds(std::string(kId)));
  EXPECT_THAT(SelfApplicantId(kAnonymous), StatusIs(StatusCode::kUnauthenticated));
  for (const Principal& p : {kAdmin, kBody, kNotifications}) {
    EXPECT_THAT(SelfApplicantId(p),
                StatusIs(StatusCode::kPermissionDenied, "this call needs an applicant's key"))
        << p.Actor();
  }
}

TEST(MayGrantCredential, BodiesAndAdmins) {
  CADRE_EXPECT_OK(MayGrantCredential(kBody));
  CADRE_EXPECT_OK(MayGrantCredential(kAdmin));
  EXPECT_THAT(MayGrantCredential(kAnonymous), StatusIs(StatusCode::kUnauthenticated));
  for (const Principal& p : {kSelf, kNotifications, kMatching}) {
    EXPECT_THAT(MayGrantCredential(p), StatusIs(StatusCode::kPermissionDenied)) << p.Actor();
  }
}

TEST(MayRevokeCredential, TheGrantingBodyOrAnAdmin) {
  CADRE_EXPECT_OK(MayRevokeCredential(kBody, "bodies/RXF"));
  CADRE_EXPECT_OK(MayRevokeCredential(kAdmin, "bodies/RXF"));
  CADRE_EXPECT_OK(MayRevokeCredential(kOtherAdmin, "admin"));
  EXPECT_THAT(MayRevokeCredential(kOtherBody, "bodies/RXF"),
              StatusIs(StatusCode::kPermissionDenied));
  EXPECT_THAT(MayRevokeCredential(kBody, "admin"), StatusIs(StatusCode::kPermissionDenied));
  EXPECT_THAT(MayRevokeCredential(kBody, "RXF"), StatusIs(StatusCode::kPermissionDenied));
  EXPECT_THAT(MayRevokeCredential(kSelf, "bodies/RXF"), StatusIs(StatusCode::kPermissionDenied));
  EXPECT_THAT(MayRevokeCredential(kAnonymous, "bodies/RXF"),
              StatusIs(StatusCode::kUnauthenticated));
}

TEST(MayListCredentials, TheApplicantAnyBodyOrAnAdmin) {
  CADRE_EXPECT_OK(MayListCredentials(kSelf, kId));
  CADRE_EXPECT_OK(MayListCredentials(kBody, kId));
  CADRE_EXPECT_OK(MayListCredentials(kAdmin, kId));
  EXPECT_THAT(MayListCredentials(kOther, kId), StatusIs(StatusCode::kPermissionDenied));
  EXPECT_THAT(MayListCredentials(kNotifications, kId), StatusIs(StatusCode::kPermissionDenied));
  EXPECT_THAT(MayListCredentials(kAnonymous, kId), StatusIs(StatusCode::kUnauthenticated));
}

TEST(MaySeeCredential, ABodySeesOnlyWhatItGranted) {
  cadre::v1::Credential c;
  c.set_granted_by("bodies/RXF");
  EXPECT_TRUE(MaySeeCredential(kBody, kId, c));
  EXPECT_FALSE(MaySeeCredential(kOtherBody, kId, c));
  EXPECT_TRUE(MaySeeCredential(kSelf, kId, c));
  EXPECT_FALSE(MaySeeCredential(kOther, kId, c));
  EXPECT_TRUE(MaySeeCredential(kAdmin, kId, c));
  c.set_granted_by("admin");
  EXPECT_FALSE(MaySeeCredential(kBody, kId, c));
  EXPECT_TRUE(MaySeeCredential(kSelf, kId, c));
}

TEST(GrantedBy, IsAdminOrTheBodyName) {
  EXPECT_EQ(GrantedBy(kAdmin), "admin");
  EXPECT_EQ(GrantedBy(kOtherAdmin), "admin");
  EXPECT_EQ(GrantedBy(kBody), "bodies/RXF");
}

TEST(StaffRules, ViewersChangeNothingOthersAsTheirBody) {
  for (const Principal& p : {kAdmin, kBody, kManager, kRecruiter, kSelf, kMatching}) {
    CADRE_EXPECT_OK(NotAViewer(p)) << p.Actor();
  }
  EXPECT_THAT(NotAViewer(kViewer), StatusIs(StatusCode::kPermissionDenied, kViewerWords));

  for (const Principal& p : {kManager, kRecruiter}) {
    SCOPED_TRACE(p.Actor());
    CADRE_EXPECT_OK(MayGrantCredential(p));
    CADRE_EXPECT_OK(MayRevokeCredential(p, "bodies/RXF"));
    EXPECT_THAT(PartyToChange(p, "applicants/a1", "bodies/RXF"), IsOkAndHolds(Party::kBody));
  }
  EXPECT_THAT(MayGrantCredential(kViewer), StatusIs(StatusCode::kPermissionDenied, kViewerWords));
  EXPECT_THAT(MayRevokeCredential(kViewer, "bodies/RXF"),
              StatusIs(StatusCode::kPermissionDenied, kViewerWords));
  EXPECT_THAT(PartyToChange(kViewer, "applicants/a1", "bodies/RXF"),
              StatusIs(StatusCode::kPermissionDenied, kViewerWords));
  // The applicant and admins change their records as before.
  EXPECT_THAT(PartyToChange(kSelf, absl::StrCat("applicants/", kId), "bodies/RXF"),
              IsOkAndHolds(Party::kApplicant));
  EXPECT_THAT(PartyToChange(kAdmin, "applicants/a1", "bodies/RXF"), IsOkAndHolds(Party::kAdmin));
}

TEST(StaffRules, EveryRoleReadsItsOwnBodysRecordsOnly) {
  for (StaffRole role : {StaffRole::kManager, StaffRole::kRecruiter, StaffRole::kViewer}) {
    SCOPED_TRACE(StaffRoleName(role));
    const Principal staff = Staff("RXF", role);
    EXPECT_THAT(PartyTo(staff, "applicants/a1", "bodies/RXF"), IsOkAndHolds(Party::kBody));
    CADRE_EXPECT_OK(MayActAsBody(staff, "bodies/RXF"));
    CADRE_EXPECT_OK(MayListCredentials(staff, kId));
    // Another body's staff, whatever their role, is another body.
    const Principal other = Staff("QWE", role);
    EXPECT_THAT(PartyTo(other, "applicants/a1", "bodies/RXF"),
                StatusIs(StatusCode::kPermissionDenied));
    EXPECT_THAT(PartyToChange(other, "applicants/a1", "bodies/RXF"),
                StatusIs(StatusCode::kPermissionDenied, "another body's record"));
    EXPECT_THAT(MayActAsBody(other, "bodies/RXF"), StatusIs(StatusCode::kPermissionDenied));
    EXPECT_THAT(MayRevokeCredential(other, "bodies/RXF"), StatusIs(StatusCode::kPermissionDenied));
  }
}

TEST(StaffRules, ACredentialIsTheBodysWhoeverOfItsStaffGrantedIt) {
  // Granted by a recruiter: recorded as the body's, not the recruiter's.
  EXPECT_EQ(GrantedBy(kRecruiter), "bodies/RXF");
  EXPECT_EQ(GrantedBy(kManager), "bodies/RXF");
  cadre::v1::Credential c;
  c.set_granted_by(GrantedBy(kRecruiter));
  // So the body's key and every member of its staff see it, and all but viewers revoke it.
  for (const Principal& p : {kBody, kManager, kRecruiter, kViewer,
                             Staff("RXF", StaffRole::kRecruiter, "fedcba9876543210")}) {
    SCOPED_TRACE(p.Actor());
    EXPECT_TRUE(MaySeeCredential(p, kId, c));
  }
  CADRE_EXPECT_OK(MayRevokeCredential(kBody, c.granted_by()));
  CADRE_EXPECT_OK(
      MayRevokeCredential(Staff("RXF", StaffRole::kManager, "fedcba9876543210"), c.granted_by()));
  for (const Principal& p : {kOtherBody, Staff("QWE", StaffRole::kManager)}) {
    EXPECT_FALSE(MaySeeCredential(p, kId, c)) << p.Actor();
  }
  // A staff member's actor is never what a credential names.
  c.set_granted_by(kRecruiter.Actor());
  EXPECT_FALSE(MaySeeCredential(kRecruiter, kId, c));
}

TEST(MayReadContact, OnlyTheNotificationsService) {
  CADRE_EXPECT_OK(MayReadContact(kNotifications));
  EXPECT_THAT(MayReadContact(kAnonymous), StatusIs(StatusCode::kUnauthenticated));
  for (const Principal& p : {kAdmin, kBody, kSelf, kMatching, kRecognition,
                             Make(PrincipalKind::kApplicant, "notifications")}) {
    EXPECT_THAT(MayReadContact(p), StatusIs(StatusCode::kPermissionDenied)) << p.Actor();
  }
}

TEST(IsMatchingService, OnlyTheMatchingServicePrincipal) {
  EXPECT_TRUE(IsMatchingService(kMatching));
  EXPECT_FALSE(IsMatchingService(kNotifications));
  EXPECT_FALSE(IsMatchingService(Make(PrincipalKind::kApplicant, "matching")));
  EXPECT_FALSE(IsMatchingService(kAdmin));
}

TEST(RequireAdmin, IsTheSharedCheck) {
  CADRE_EXPECT_OK(matching::RequireAdmin(kAdmin));
  EXPECT_THAT(matching::RequireAdmin(kBody), StatusIs(StatusCode::kPermissionDenied));
  EXPECT_THAT(matching::RequireAdmin(kAnonymous), StatusIs(StatusCode::kUnauthenticated));
}

}  // namespace
}  // namespace cadre::matching
