// Principal: who a caller is named as (Actor, BodyName), the staff roles' words, and the
// checks every handler makes, for a body's own key and each role of its staff.

#include "services/common/base/principal.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/support/status_matchers.h"

namespace cadre {
namespace {

using ::cadre::testing::StatusIs;

constexpr char kStaffId[] = "0123456789abcdef";
constexpr char kViewerWords[] = "a viewer may look but not change anything";
constexpr char kManagerWords[] = "only a manager of the body's staff";

Principal Body(const std::string& code) {
  return Principal{PrincipalKind::kBody, code, "k_b", "", StaffRole::kNone};
}
Principal Staff(const std::string& code, StaffRole role, const std::string& id = kStaffId) {
  return Principal{PrincipalKind::kBody, code, "k_s", id, role};
}
Principal Admin(const std::string& key_id = "admin") {
  return Principal{PrincipalKind::kAdmin, "", key_id, "", StaffRole::kNone};
}
Principal Applicant(const std::string& id) {
  return Principal{PrincipalKind::kApplicant, id, "k_a", "", StaffRole::kNone};
}
Principal Service(const std::string& name) {
  return Principal{PrincipalKind::kService, name, "service:" + name, "", StaffRole::kNone};
}

TEST(PrincipalTest, ActorNamesTheStaffMemberAndBodyNameTheirBody) {
  EXPECT_EQ(Body("RXF").Actor(), "bodies/RXF");
  EXPECT_EQ(Body("RXF").BodyName(), "bodies/RXF");
  EXPECT_FALSE(Body("RXF").is_staff());
  for (StaffRole role : {StaffRole::kManager, StaffRole::kRecruiter, StaffRole::kViewer}) {
    const Principal staff = Staff("RXF", role);
    SCOPED_TRACE(StaffRoleName(role));
    EXPECT_TRUE(staff.is_staff());
    EXPECT_TRUE(staff.is_body("RXF"));
    EXPECT_FALSE(staff.is_body("RAJ"));
    EXPECT_EQ(staff.Actor(), "bodies/RXF/staff/0123456789abcdef");
    EXPECT_EQ(staff.BodyName(), "bodies/RXF");
  }
  // Nobody else is a body's staff, nor has a body's name.
  for (const Principal& p : {Principal{}, Admin(), Applicant("a1"), Service("matching")}) {
    SCOPED_TRACE(p.Actor());
    EXPECT_FALSE(p.is_staff());
    EXPECT_EQ(p.BodyName(), "");
  }
  EXPECT_EQ(Admin().Actor(), "admin");
  EXPECT_EQ(Admin("k_9").Actor(), "admin/k_9");
  EXPECT_EQ(Applicant("a1").Actor(), "applicants/a1");
  EXPECT_EQ(Service("matching").Actor(), "services/matching");
  EXPECT_EQ(Principal{}.Actor(), "anonymous");
}

TEST(PrincipalTest, StaffRoleWordsGoBothWays) {
  for (StaffRole role : {StaffRole::kManager, StaffRole::kRecruiter, StaffRole::kViewer}) {
    EXPECT_EQ(StaffRoleFromName(StaffRoleName(role)), role);
  }
  EXPECT_EQ(StaffRoleName(StaffRole::kManager), "manager");
  EXPECT_EQ(StaffRoleName(StaffRole::kRecruiter), "recruiter");
  EXPECT_EQ(StaffRoleName(StaffRole::kViewer), "viewer");
  EXPECT_EQ(StaffRoleName(StaffRole::kNone), "");
  for (absl::string_view word : {"", "none", "Manager", "admin", "viewer "}) {
    EXPECT_EQ(StaffRoleFromName(word), std::nullopt) << word;
  }
}

TEST(PrincipalTest, RequireAdminOrBodyLetsEveryoneButViewersChangeTheirBodysThings) {
  CADRE_EXPECT_OK(RequireAdminOrBody(Admin(), "RXF"));
  CADRE_EXPECT_OK(RequireAdminOrBody(Body("RXF"), "RXF"));
  CADRE_EXPECT_OK(RequireAdminOrBody(Staff("RXF", StaffRole::kManager), "RXF"));
  CADRE_EXPECT_OK(RequireAdminOrBody(Staff("RXF", StaffRole::kRecruiter), "RXF"));
  EXPECT_THAT(RequireAdminOrBody(Staff("RXF", StaffRole::kViewer), "RXF"),
              StatusIs(absl::StatusCode::kPermissionDenied, kViewerWords));
  // Another body's key or staff, whatever their role, is told it is not that body.
  for (const Principal& p :
       {Body("RAJ"), Staff("RAJ", StaffRole::kManager), Staff("RAJ", StaffRole::kRecruiter),
        Staff("RAJ", StaffRole::kViewer), Applicant("RXF"), Service("RXF")}) {
    SCOPED_TRACE(p.Actor());
    EXPECT_THAT(RequireAdminOrBody(p, "RXF"),
                StatusIs(absl::StatusCode::kPermissionDenied, "only bodies/RXF or an admin"));
  }
  EXPECT_THAT(RequireAdminOrBody(Principal{}, "RXF"), StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST(PrincipalTest, RequireBodyWriterIsAnyBodyButItsViewers) {
  CADRE_EXPECT_OK(RequireBodyWriter(Admin()));
  CADRE_EXPECT_OK(RequireBodyWriter(Body("RXF")));
  CADRE_EXPECT_OK(RequireBodyWriter(Staff("RXF", StaffRole::kManager)));
  CADRE_EXPECT_OK(RequireBodyWriter(Staff("RAJ", StaffRole::kRecruiter)));
  EXPECT_THAT(RequireBodyWriter(Staff("RXF", StaffRole::kViewer)),
              StatusIs(absl::StatusCode::kPermissionDenied, kViewerWords));
  for (const Principal& p : {Applicant("a1"), Service("matching")}) {
    SCOPED_TRACE(p.Actor());
    EXPECT_THAT(RequireBodyWriter(p), StatusIs(absl::StatusCode::kPermissionDenied,
                                               "only a body or an admin may do this"));
  }
  EXPECT_THAT(RequireBodyWriter(Principal{}), StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST(PrincipalTest, RequireAdminOrBodyManagerIsTheBodysKeyOrItsManagers) {
  CADRE_EXPECT_OK(RequireAdminOrBodyManager(Admin(), "RXF"));
  CADRE_EXPECT_OK(RequireAdminOrBodyManager(Body("RXF"), "RXF"));
  CADRE_EXPECT_OK(RequireAdminOrBodyManager(Staff("RXF", StaffRole::kManager), "RXF"));
  EXPECT_THAT(RequireAdminOrBodyManager(Staff("RXF", StaffRole::kRecruiter), "RXF"),
              StatusIs(absl::StatusCode::kPermissionDenied, kManagerWords));
  EXPECT_THAT(RequireAdminOrBodyManager(Staff("RXF", StaffRole::kViewer), "RXF"),
              StatusIs(absl::StatusCode::kPermissionDenied, kViewerWords));
  // Another body's manager manages nothing of this one.
  for (const Principal& p : {Body("RAJ"), Staff("RAJ", StaffRole::kManager), Applicant("a1")}) {
    SCOPED_TRACE(p.Actor());
    EXPECT_THAT(RequireAdminOrBodyManager(p, "RXF"),
                StatusIs(absl::StatusCode::kPermissionDenied, "only bodies/RXF or an admin"));
  }
  EXPECT_THAT(RequireAdminOrBodyManager(Principal{}, "RXF"),
              StatusIs(absl::StatusCode::kUnauthenticated));
}

}  // namespace
}  // namespace cadre
