// Who may do what: issuing and revoking keys, reading roles, listing roles not open.

#include "services/registry/domain/policy.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/registry/unit/test_data.h"
#include "tests/support/status_matchers.h"

namespace cadre::registry {
namespace {

using ::cadre::testing::StatusIs;
using testdata::MakeRole;

Principal Anonymous() { return Principal{}; }
Principal Admin() { return Principal{PrincipalKind::kAdmin, "", "admin", "", StaffRole::kNone}; }
Principal Body(const std::string& code) {
  return Principal{PrincipalKind::kBody, code, "k_b", "", StaffRole::kNone};
}
Principal Applicant(const std::string& id) {
  return Principal{PrincipalKind::kApplicant, id, "k_a", "", StaffRole::kNone};
}
Principal Service(const std::string& name) {
  return Principal{PrincipalKind::kService, name, "k_s", "", StaffRole::kNone};
}

// A key's holder as ValidateCreateApiKey returns it: no key id.
Principal Holder(PrincipalKind kind, const std::string& subject) {
  return Principal{kind, subject, "", "", StaffRole::kNone};
}
// A member of body `code`'s staff, signed in with `role`.
Principal Staff(const std::string& code, StaffRole role) {
  return Principal{PrincipalKind::kBody, code, "k_s", "0123456789abcdef", role};
}

TEST(PolicyTest, AnAdminMayIssueAndRevokeEveryKind) {
  for (const Principal& holder :
       {Holder(PrincipalKind::kAdmin, ""), Holder(PrincipalKind::kBody, "RXF"),
        Holder(PrincipalKind::kApplicant, "a1"), Holder(PrincipalKind::kService, "matching")}) {
    SCOPED_TRACE(PrincipalKindName(holder.kind));
    CADRE_EXPECT_OK(CheckKeyIssue(Admin(), holder));
    CADRE_EXPECT_OK(CheckKeyRevoke(Admin(), holder));
  }
}

TEST(PolicyTest, ABodyMayIssueAndRevokeOnlyItsOwnBodysKeys) {
  CADRE_EXPECT_OK(CheckKeyIssue(Body("RXF"), Holder(PrincipalKind::kBody, "RXF")));
  CADRE_EXPECT_OK(CheckKeyRevoke(Body("RXF"), Holder(PrincipalKind::kBody, "RXF")));

  EXPECT_THAT(CheckKeyIssue(Body("RXF"), Holder(PrincipalKind::kBody, "RAJ")),
              StatusIs(absl::StatusCode::kPermissionDenied, "only an admin may issue this key"));
  EXPECT_THAT(CheckKeyRevoke(Body("RXF"), Holder(PrincipalKind::kBody, "RAJ")),
              StatusIs(absl::StatusCode::kPermissionDenied,
                       "only an admin or the key's body may revoke it"));
  // Never an admin key, nor one for a person or a service, even named like the body.
  for (const Principal& holder :
       {Holder(PrincipalKind::kAdmin, ""), Holder(PrincipalKind::kApplicant, "RXF"),
        Holder(PrincipalKind::kService, "RXF")}) {
    SCOPED_TRACE(PrincipalKindName(holder.kind));
    EXPECT_THAT(CheckKeyIssue(Body("RXF"), holder), StatusIs(absl::StatusCode::kPermissionDenied));
    EXPECT_THAT(CheckKeyRevoke(Body("RXF"), holder), StatusIs(absl::StatusCode::kPermissionDenied));
  }
}

TEST(PolicyTest, OnlyTheBodysManagersOfItsStaffManageItsKeys) {
  const Principal body_key = Holder(PrincipalKind::kBody, "RXF");
  CADRE_EXPECT_OK(CheckKeyIssue(Staff("RXF", StaffRole::kManager), body_key));
  CADRE_EXPECT_OK(CheckKeyRevoke(Staff("RXF", StaffRole::kManager), body_key));
  for (StaffRole role : {StaffRole::kRecruiter, StaffRole::kViewer}) {
    SCOPED_TRACE(StaffRoleName(role));
    EXPECT_THAT(CheckKeyIssue(Staff("RXF", role), body_key),
                StatusIs(absl::StatusCode::kPermissionDenied));
    EXPECT_THAT(CheckKeyRevoke(Staff("RXF", role), body_key),
                StatusIs(absl::StatusCode::kPermissionDenied));
  }
  EXPECT_THAT(CheckKeyIssue(Staff("RXF", StaffRole::kRecruiter), body_key),
              StatusIs(absl::StatusCode::kPermissionDenied, "only a manager"));
  EXPECT_THAT(CheckKeyIssue(Staff("RXF", StaffRole::kViewer), body_key),
              StatusIs(absl::StatusCode::kPermissionDenied, "a viewer may look"));
  // Another body's manager manages none of this body's keys.
  EXPECT_THAT(CheckKeyIssue(Staff("RAJ", StaffRole::kManager), body_key),
              StatusIs(absl::StatusCode::kPermissionDenied, "only an admin may issue this key"));
  EXPECT_THAT(CheckKeyRevoke(Staff("RAJ", StaffRole::kManager), body_key),
              StatusIs(absl::StatusCode::kPermissionDenied,
                       "only an admin or the key's body may revoke it"));
}

TEST(PolicyTest, NoBodyIssuesAStaffMembersKeyButAManagerMayRevokeOne) {
  const Principal staff_key = Staff("RXF", StaffRole::kRecruiter);
  for (const Principal& caller : {Body("RXF"), Staff("RXF", StaffRole::kManager)}) {
    SCOPED_TRACE(caller.Actor());
    EXPECT_THAT(CheckKeyIssue(caller, staff_key),
                StatusIs(absl::StatusCode::kPermissionDenied, "come from signing in"));
    CADRE_EXPECT_OK(CheckKeyRevoke(caller, staff_key));
  }
  EXPECT_THAT(CheckKeyRevoke(Staff("RXF", StaffRole::kRecruiter), staff_key),
              StatusIs(absl::StatusCode::kPermissionDenied));
  // Admins as ever: every key.
  CADRE_EXPECT_OK(CheckKeyIssue(Admin(), staff_key));
  CADRE_EXPECT_OK(CheckKeyRevoke(Admin(), staff_key));
}

TEST(PolicyTest, StaffButViewersEndTheirBodysRoles) {
  for (cadre::v1::RoleState to : {cadre::v1::ROLE_STATE_CLOSED, cadre::v1::ROLE_STATE_FILLED,
                                  cadre::v1::ROLE_STATE_CANCELLED}) {
    SCOPED_TRACE(cadre::v1::RoleState_Name(to));
    CADRE_EXPECT_OK(CheckEndRole(Staff("RXF", StaffRole::kManager), "RXF", to));
    CADRE_EXPECT_OK(CheckEndRole(Staff("RXF", StaffRole::kRecruiter), "RXF", to));
    EXPECT_THAT(CheckEndRole(Staff("RXF", StaffRole::kViewer), "RXF", to),
                StatusIs(absl::StatusCode::kPermissionDenied, "a viewer may look"));
    EXPECT_THAT(CheckEndRole(Staff("RAJ", StaffRole::kManager), "RXF", to),
                StatusIs(absl::StatusCode::kPermissionDenied));
  }
}

TEST(PolicyTest, EveryRoleOfTheStaffReadsAndListsWhatItsBodyMay) {
  const cadre::v1::Role draft = MakeRole(2, "RXF", cadre::v1::ROLE_STATE_DRAFT);
  RoleQuery own;
  own.state = cadre::v1::ROLE_STATE_DRAFT;
  own.body_code = "RXF";
  for (StaffRole role : {StaffRole::kManager, StaffRole::kRecruiter, StaffRole::kViewer}) {
    SCOPED_TRACE(StaffRoleName(role));
    EXPECT_TRUE(MayRead(Staff("RXF", role), draft));
    CADRE_EXPECT_OK(CheckListRolesAccess(Staff("RXF", role), own));
    EXPECT_TRUE(ListsRolesPastClosing(Staff("RXF", role), own));
    EXPECT_FALSE(MayRead(Staff("RAJ", role), draft));
    EXPECT_THAT(CheckListRolesAccess(Staff("RAJ", role), own),
                StatusIs(absl::StatusCode::kPermissionDenied));
  }
}

TEST(PolicyTest, ApplicantsServicesAndAnonymousCallersManageNoKeys) {
  for (const Principal& caller :
       {Anonymous(), Applicant("a1"), Service("matching"), Applicant("RXF")}) {
    SCOPED_TRACE(PrincipalKindName(caller.kind));
    EXPECT_THAT(CheckKeyIssue(caller, Holder(PrincipalKind::kApplicant, "a1")),
                StatusIs(absl::StatusCode::kPermissionDenied));
    EXPECT_THAT(CheckKeyIssue(caller, Holder(PrincipalKind::kBody, "RXF")),
                StatusIs(absl::StatusCode::kPermissionDenied));
    EXPECT_THAT(CheckKeyRevoke(caller, Holder(PrincipalKind::kService, "matching")),
                StatusIs(absl::StatusCode::kPermissionDenied));
  }
}

TEST(PolicyTest, PublishedRolesArePublicDraftsOnlyForTheirBodyAdminsAndMatching) {
  const std::vector<Principal> everyone = {Anonymous(),
                                           Admin(),
                                           Body("RXF"),
                                           Body("RAJ"),
                                           Applicant("a1"),
                                           Service("matching"),
                                           Service("notifications")};
  // Open, or closed, filled or cancelled after it was published: anyone reads it by name.
  for (cadre::v1::RoleState state :
       {cadre::v1::ROLE_STATE_OPEN, cadre::v1::ROLE_STATE_CLOSED, cadre::v1::ROLE_STATE_FILLED,
        cadre::v1::ROLE_STATE_CANCELLED}) {
    SCOPED_TRACE(cadre::v1::RoleState_Name(state));
    cadre::v1::Role role = MakeRole(1, "RXF", state);
    role.mutable_publish_time()->set_seconds(testdata::kYear2030 - 86400);
    for (const Principal& caller : everyone) EXPECT_TRUE(MayRead(caller, role));
  }
  // A draft, or a draft cancelled before it was published: private.
  for (cadre::v1::RoleState state :
       {cadre::v1::ROLE_STATE_DRAFT, cadre::v1::ROLE_STATE_CANCELLED}) {
    SCOPED_TRACE(cadre::v1::RoleState_Name(state));
    const cadre::v1::Role role = MakeRole(2, "RXF", state);
    EXPECT_TRUE(MayRead(Admin(), role));
    EXPECT_TRUE(MayRead(Body("RXF"), role));
    EXPECT_TRUE(MayRead(Service("matching"), role));  // it reads every role
    EXPECT_FALSE(MayRead(Body("RAJ"), role));
    EXPECT_FALSE(MayRead(Anonymous(), role));
    EXPECT_FALSE(MayRead(Service("notifications"), role));
    // An applicant or service whose id happens to be the body's code is not the body.
    EXPECT_FALSE(MayRead(Applicant("RXF"), role));
    EXPECT_FALSE(MayRead(Service("RXF"), role));
    EXPECT_FALSE(MayRead(Applicant("matching"), role));
  }
}

TEST(PolicyTest, AnyoneListsOpenRoles) {
  RoleQuery query;  // state OPEN, every body
  for (const Principal& caller : {Anonymous(), Admin(), Body("RXF"), Applicant("a1"),
                                  Service("matching"), Service("notifications")}) {
    CADRE_EXPECT_OK(CheckListRolesAccess(caller, query));
  }
}

TEST(PolicyTest, RolesNotOpenAreListedOnlyByTheirOwnBodyAnAdminOrMatching) {
  RoleQuery drafts;
  drafts.state = cadre::v1::ROLE_STATE_DRAFT;
  CADRE_EXPECT_OK(CheckListRolesAccess(Admin(), drafts));
  CADRE_EXPECT_OK(CheckListRolesAccess(Service("matching"), drafts));
  // A body must limit the listing to itself.
  EXPECT_THAT(CheckListRolesAccess(Body("RXF"), drafts),
              StatusIs(absl::StatusCode::kPermissionDenied, "set body to yours"));
  drafts.body_code = "RXF";
  CADRE_EXPECT_OK(CheckListRolesAccess(Body("RXF"), drafts));
  CADRE_EXPECT_OK(CheckListRolesAccess(Admin(), drafts));
  CADRE_EXPECT_OK(CheckListRolesAccess(Service("matching"), drafts));
  for (const Principal& caller : {Anonymous(), Body("RAJ"), Applicant("RXF"), Service("RXF"),
                                  Service("notifications"), Applicant("matching")}) {
    SCOPED_TRACE(absl::StrCat(PrincipalKindName(caller.kind), " ", caller.subject));
    EXPECT_THAT(CheckListRolesAccess(caller, drafts),
                StatusIs(absl::StatusCode::kPermissionDenied));
  }
}

TEST(PolicyTest, RolesPastClosingAreListedForTheirBodyAdminsAndMatchingOnly) {
  RoleQuery every_body;  // state OPEN
  RoleQuery own;
  own.body_code = "RXF";
  for (const RoleQuery& query : {every_body, own}) {
    EXPECT_TRUE(ListsRolesPastClosing(Admin(), query));
    EXPECT_TRUE(ListsRolesPastClosing(Service("matching"), query));
    for (const Principal& caller : {Anonymous(), Applicant("a1"), Applicant("RXF"), Body("RAJ"),
                                    Service("notifications"), Service("RXF")}) {
      SCOPED_TRACE(absl::StrCat(PrincipalKindName(caller.kind), " ", caller.subject));
      EXPECT_FALSE(ListsRolesPastClosing(caller, query));
    }
  }
  // A body sees its own past its closing time when it lists its own; listing every body's
  // roles it sees what the public sees.
  EXPECT_TRUE(ListsRolesPastClosing(Body("RXF"), own));
  EXPECT_FALSE(ListsRolesPastClosing(Body("RXF"), every_body));
}

TEST(PolicyTest, TheMatchingServiceMayOnlyFillAnAdminOrTheBodyAnyEnd) {
  for (cadre::v1::RoleState to : {cadre::v1::ROLE_STATE_CLOSED, cadre::v1::ROLE_STATE_FILLED,
                                  cadre::v1::ROLE_STATE_CANCELLED}) {
    SCOPED_TRACE(cadre::v1::RoleState_Name(to));
    CADRE_EXPECT_OK(CheckEndRoleRequest(Admin(), to));
    CADRE_EXPECT_OK(CheckEndRole(Admin(), "RXF", to));
    CADRE_EXPECT_OK(CheckEndRoleRequest(Body("RXF"), to));
    CADRE_EXPECT_OK(CheckEndRole(Body("RXF"), "RXF", to));
    EXPECT_THAT(CheckEndRole(Body("RAJ"), "RXF", to),
                StatusIs(absl::StatusCode::kPermissionDenied));
    EXPECT_THAT(CheckEndRoleRequest(Anonymous(), to), StatusIs(absl::StatusCode::kUnauthenticated));
    EXPECT_THAT(CheckEndRole(Anonymous(), "RXF", to), StatusIs(absl::StatusCode::kUnauthenticated));
    for (const Principal& caller : {Applicant("RXF"), Service("notifications"), Service("RXF")}) {
      EXPECT_THAT(CheckEndRole(caller, "RXF", to), StatusIs(absl::StatusCode::kPermissionDenied));
    }
  }
  CADRE_EXPECT_OK(CheckEndRoleRequest(Service("matching"), cadre::v1::ROLE_STATE_FILLED));
  CADRE_EXPECT_OK(CheckEndRole(Service("matching"), "RXF", cadre::v1::ROLE_STATE_FILLED));
  CADRE_EXPECT_OK(CheckEndRole(Service("matching"), "RAJ", cadre::v1::ROLE_STATE_FILLED));
  for (cadre::v1::RoleState to : {cadre::v1::ROLE_STATE_CLOSED, cadre::v1::ROLE_STATE_CANCELLED,
                                  cadre::v1::ROLE_STATE_OPEN, cadre::v1::ROLE_STATE_DRAFT}) {
    SCOPED_TRACE(cadre::v1::RoleState_Name(to));
    EXPECT_THAT(CheckEndRoleRequest(Service("matching"), to),
                StatusIs(absl::StatusCode::kPermissionDenied,
                         "the matching service may only mark an open role filled"));
    EXPECT_THAT(CheckEndRole(Service("matching"), "RXF", to),
                StatusIs(absl::StatusCode::kPermissionDenied));
  }
}

}  // namespace
}  // namespace cadre::registry
