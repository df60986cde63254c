// Who may do what: issuing and revoking keys, reading roles, listing roles not open.

#include "services/registry/domain/policy.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/registry/unit/test_data.h"
#include "tests/support/status_matchers.h"

namespace cadre::registry {
namespace {

using ::cadre::testing::StatusIs;
using testdata::MakeRole;

Principal Anonymous() { return Principal{}; }
Principal Admin() { return Principal{PrincipalKind::kAdmin, "", "admin"}; }
Principal Body(const std::string& code) { return Principal{PrincipalKind::kBody, code, "k_b"}; }
Principal Applicant(const std::string& id) {
  return Principal{PrincipalKind::kApplicant, id, "k_a"};
}
Principal Service(const std::string& name) {
  return Principal{PrincipalKind::kService, name, "k_s"};
}

// A key's holder as ValidateCreateApiKey returns it: no key id.
Principal Holder(PrincipalKind kind, const std::string& subject) {
  return Principal{kind, subject, ""};
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

TEST(PolicyTest, OpenRolesArePublicOthersOnlyForTheirBodyAndAdmins) {
  const cadre::v1::Role open = MakeRole(1, "RXF", cadre::v1::ROLE_STATE_OPEN);
  for (const Principal& caller :
       {Anonymous(), Admin(), Body("RXF"), Body("RAJ"), Applicant("a1"), Service("matching")}) {
    EXPECT_TRUE(MayRead(caller, open));
  }
  for (cadre::v1::RoleState state :
       {cadre::v1::ROLE_STATE_DRAFT, cadre::v1::ROLE_STATE_CLOSED, cadre::v1::ROLE_STATE_FILLED,
        cadre::v1::ROLE_STATE_CANCELLED}) {
    SCOPED_TRACE(cadre::v1::RoleState_Name(state));
    const cadre::v1::Role role = MakeRole(2, "RXF", state);
    EXPECT_TRUE(MayRead(Admin(), role));
    EXPECT_TRUE(MayRead(Body("RXF"), role));
    EXPECT_FALSE(MayRead(Body("RAJ"), role));
    EXPECT_FALSE(MayRead(Anonymous(), role));
    // An applicant or service whose id happens to be the body's code is not the body.
    EXPECT_FALSE(MayRead(Applicant("RXF"), role));
    EXPECT_FALSE(MayRead(Service("RXF"), role));
  }
}

TEST(PolicyTest, AnyoneListsOpenRoles) {
  RoleQuery query;  // state OPEN, every body
  for (const Principal& caller : {Anonymous(), Admin(), Body("RXF"), Applicant("a1")}) {
    CADRE_EXPECT_OK(CheckListRolesAccess(caller, query));
  }
}

TEST(PolicyTest, RolesNotOpenAreListedOnlyByTheirOwnBodyOrAnAdmin) {
  RoleQuery drafts;
  drafts.state = cadre::v1::ROLE_STATE_DRAFT;
  CADRE_EXPECT_OK(CheckListRolesAccess(Admin(), drafts));
  // A body must limit the listing to itself.
  EXPECT_THAT(CheckListRolesAccess(Body("RXF"), drafts),
              StatusIs(absl::StatusCode::kPermissionDenied, "set body to yours"));
  drafts.body_code = "RXF";
  CADRE_EXPECT_OK(CheckListRolesAccess(Body("RXF"), drafts));
  CADRE_EXPECT_OK(CheckListRolesAccess(Admin(), drafts));
  for (const Principal& caller : {Anonymous(), Body("RAJ"), Applicant("RXF"), Service("RXF")}) {
    SCOPED_TRACE(PrincipalKindName(caller.kind));
    EXPECT_THAT(CheckListRolesAccess(caller, drafts),
                StatusIs(absl::StatusCode::kPermissionDenied));
  }
}

}  // namespace
}  // namespace cadre::registry
