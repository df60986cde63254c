// The pure parts of bodies' staff accounts: names, emails, new accounts, updates, roles,
// token shapes and ListStaff's pages.

#include "services/registry/domain/staff_validation.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/status_matchers.h"

namespace cadre::registry {
namespace {

using ::cadre::testing::InvalidAt;
using ::cadre::testing::IsOkAndHolds;

cadre::v1::Staff NewStaff(const std::string& name, const std::string& email,
                          cadre::v1::StaffRole role) {
  cadre::v1::Staff staff;
  staff.set_display_name(name);
  staff.set_email(email);
  staff.set_role(role);
  return staff;
}

TEST(StaffNameTest, ParsesOnlyTheCanonicalForm) {
  EXPECT_EQ(StaffName("RXF", "0123456789abcdef"), "bodies/RXF/staff/0123456789abcdef");
  absl::StatusOr<StaffNameParts> parts =
      ParseStaffName("bodies/RXF/staff/0123456789abcdef", "name");
  ASSERT_TRUE(parts.ok()) << parts.status();
  EXPECT_EQ(parts->body_code, "RXF");
  EXPECT_EQ(parts->id, "0123456789abcdef");
  for (const char* bad :
       {"", "bodies/RXF/staff/0123456789ABCDEF", "bodies/RXF/staff/0123456789abcde",
        "bodies/rxf/staff/0123456789abcdef", "bodies/RXF/staffs/0123456789abcdef",
        "bodies/RXF/staff/0123456789abcdef/x", "roles/1"}) {
    EXPECT_THAT(ParseStaffName(bad, "name"), InvalidAt("name")) << bad;
  }
}

TEST(StaffEmailTest, TrimsLowerCasesAndChecksTheShape) {
  EXPECT_THAT(NormaliseStaffEmail("  Kim.Lee@Example.NHS.uk\t", "staff.email"),
              IsOkAndHolds(std::string("kim.lee@example.nhs.uk")));
  for (const char* bad :
       {"", "kim", "kim@", "@example.nhs.uk", "kim@example", "kim@.example.uk", "kim@example.uk.",
        "kim@exa..mple.uk", "k im@example.uk", "kim@ex@ample.uk", "kím@example.uk"}) {
    EXPECT_THAT(NormaliseStaffEmail(bad, "staff.email"), InvalidAt("staff.email")) << bad;
  }
  EXPECT_THAT(NormaliseStaffEmail(std::string(65, 'a') + "@example.uk", "staff.email"),
              InvalidAt("staff.email"));
  EXPECT_THAT(NormaliseStaffEmail("a@" + std::string(250, 'b') + ".uk", "staff.email"),
              InvalidAt("staff.email"));
}

TEST(NewStaffTest, NeedsANameAnEmailAndARoleAndKeepsNothingElse) {
  cadre::v1::Staff given =
      NewStaff(" Kim Lee ", "KIM@example.nhs.uk", cadre::v1::STAFF_ROLE_VIEWER);
  given.set_name("bodies/RXF/staff/0123456789abcdef");
  given.set_state(cadre::v1::STAFF_STATE_ACTIVE);
  given.set_created_by("admin");
  absl::StatusOr<cadre::v1::Staff> staff = ValidateNewStaff(given, "staff");
  ASSERT_TRUE(staff.ok()) << staff.status();
  EXPECT_EQ(staff->display_name(), "Kim Lee");
  EXPECT_EQ(staff->email(), "kim@example.nhs.uk");
  EXPECT_EQ(staff->role(), cadre::v1::STAFF_ROLE_VIEWER);
  EXPECT_EQ(staff->name(), "");
  EXPECT_EQ(staff->state(), cadre::v1::STAFF_STATE_UNSPECIFIED);
  EXPECT_EQ(staff->created_by(), "");

  EXPECT_THAT(
      ValidateNewStaff(NewStaff("K", "k@example.uk", cadre::v1::STAFF_ROLE_VIEWER), "staff"),
      InvalidAt("staff.display_name"));
  EXPECT_THAT(
      ValidateNewStaff(NewStaff(std::string(81, 'k'), "k@example.uk", cadre::v1::STAFF_ROLE_VIEWER),
                       "staff"),
      InvalidAt("staff.display_name"));
  EXPECT_THAT(
      ValidateNewStaff(NewStaff("Kim\nLee", "k@example.uk", cadre::v1::STAFF_ROLE_VIEWER), "staff"),
      InvalidAt("staff.display_name"));
  EXPECT_THAT(ValidateNewStaff(NewStaff("Kim", "", cadre::v1::STAFF_ROLE_VIEWER), "staff"),
              InvalidAt("staff.email"));
  EXPECT_THAT(
      ValidateNewStaff(NewStaff("Kim", "k@example.uk", cadre::v1::STAFF_ROLE_UNSPECIFIED), "staff"),
      InvalidAt("staff.role"));
  EXPECT_THAT(ValidateNewStaff(
                  NewStaff("Kim", "k@example.uk", static_cast<cadre::v1::StaffRole>(9)), "staff"),
              InvalidAt("staff.role"));
}

TEST(StaffUpdateTest, TakesTheNameAndRoleWithAnEtag) {
  cadre::v1::Staff target = NewStaff("Kim", "k@example.uk", cadre::v1::STAFF_ROLE_VIEWER);
  cadre::v1::Staff patch = NewStaff("Kim Lee", "other@example.uk", cadre::v1::STAFF_ROLE_MANAGER);
  google::protobuf::FieldMask mask;
  mask.add_paths("role");
  EXPECT_THAT(ApplyStaffUpdate(patch, mask, "", target), InvalidAt("etag"));
  EXPECT_TRUE(ApplyStaffUpdate(patch, mask, "3", target).ok());
  EXPECT_EQ(target.role(), cadre::v1::STAFF_ROLE_MANAGER);
  EXPECT_EQ(target.display_name(), "Kim");

  google::protobuf::FieldMask email;
  email.add_paths("email");
  EXPECT_THAT(ApplyStaffUpdate(patch, email, "3", target), InvalidAt("update_mask"));
  EXPECT_THAT(ApplyStaffUpdate(patch, {}, "3", target), InvalidAt("update_mask"));
  EXPECT_EQ(target.email(), "k@example.uk");

  google::protobuf::FieldMask both;
  both.add_paths("display_name");
  both.add_paths("role");
  cadre::v1::Staff bad = NewStaff("K", "", cadre::v1::STAFF_ROLE_UNSPECIFIED);
  EXPECT_THAT(ApplyStaffUpdate(bad, both, "3", target), InvalidAt("staff.display_name"));
  bad.set_display_name("Kim Lee");
  EXPECT_THAT(ApplyStaffUpdate(bad, both, "3", target), InvalidAt("staff.role"));
}

TEST(StaffRoleTest, MapsBothWays) {
  for (StaffRole role : {StaffRole::kManager, StaffRole::kRecruiter, StaffRole::kViewer}) {
    EXPECT_EQ(RoleFromProto(RoleToProto(role)), role);
  }
  EXPECT_EQ(RoleFromProto(cadre::v1::STAFF_ROLE_UNSPECIFIED), StaffRole::kNone);
  EXPECT_EQ(RoleToProto(StaffRole::kNone), cadre::v1::STAFF_ROLE_UNSPECIFIED);
}

TEST(SetupTokenTest, IsFortyThreeCharactersOfBase64Url) {
  EXPECT_TRUE(IsSetupTokenShape(std::string(41, 'a') + "-_"));
  EXPECT_FALSE(IsSetupTokenShape(std::string(42, 'a')));
  EXPECT_FALSE(IsSetupTokenShape(std::string(44, 'a')));
  EXPECT_FALSE(IsSetupTokenShape(std::string(42, 'a') + "="));
  EXPECT_FALSE(IsSetupTokenShape(std::string(42, 'a') + "+"));
}

std::vector<cadre::v1::Staff> Accounts() {
  std::vector<cadre::v1::Staff> all;
  int i = 0;
  for (const char* name : {"Zed", "amy", "Bea", "bea", "Cal"}) {
    cadre::v1::Staff s = NewStaff(name, "", cadre::v1::STAFF_ROLE_VIEWER);
    s.set_name(StaffName("RXF", std::string(15, '0') + std::to_string(++i)));
    s.set_state(i == 5 ? cadre::v1::STAFF_STATE_DEACTIVATED : cadre::v1::STAFF_STATE_ACTIVE);
    all.push_back(s);
  }
  return all;
}

std::vector<std::string> Names(const StaffPage& page) {
  std::vector<std::string> out;
  for (const cadre::v1::Staff& s : page.staff) out.push_back(s.display_name());
  return out;
}

TEST(PageStaffTest, OrdersByNameCaseFoldedThenIdAndPages) {
  StaffPage first = PageStaff(Accounts(), true, "", 2);
  EXPECT_EQ(Names(first), (std::vector<std::string>{"amy", "Bea"}));
  ASSERT_FALSE(first.next_cursor.empty());
  StaffPage second = PageStaff(Accounts(), true, first.next_cursor, 2);
  EXPECT_EQ(Names(second), (std::vector<std::string>{"bea", "Cal"}));
  StaffPage third = PageStaff(Accounts(), true, second.next_cursor, 2);
  EXPECT_EQ(Names(third), (std::vector<std::string>{"Zed"}));
  EXPECT_EQ(third.next_cursor, "");
  // A page exactly filled by the last accounts has no next page.
  EXPECT_EQ(PageStaff(Accounts(), true, "", 5).next_cursor, "");
}

TEST(PageStaffTest, LeavesOutTheDeactivatedUnlessAsked) {
  EXPECT_EQ(Names(PageStaff(Accounts(), false, "", 10)),
            (std::vector<std::string>{"amy", "Bea", "bea", "Zed"}));
}

}  // namespace
}  // namespace cadre::registry
