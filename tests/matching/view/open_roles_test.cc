// OpenRoles: versions decide (an older or repeated change is ignored), a role that leaves
// OPEN is dropped and its tombstone keeps an older event from bringing it back, and a
// replacement swaps the whole set.

#include "services/matching/view/open_roles.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tests/support/threads.h"

namespace cadre::matching {
namespace {

using ::testing::ElementsAre;

cadre::v1::Role MakeRole(int64_t id, cadre::v1::RoleState state, const std::string& title = "") {
  cadre::v1::Role role;
  role.set_name(absl::StrCat("roles/", id));
  role.set_body("bodies/RJ1");
  role.set_title(title.empty() ? absl::StrCat("Role ", id) : title);
  role.set_state(state);
  return role;
}

cadre::v1::Role Open(int64_t id, const std::string& title = "") {
  return MakeRole(id, cadre::v1::ROLE_STATE_OPEN, title);
}

TEST(RoleIdOfTest, AcceptsOnlyCanonicalRoleNames) {
  EXPECT_EQ(RoleIdOf("roles/42"), 42);
  EXPECT_EQ(RoleIdOf("roles/1"), 1);
  for (const char* bad : {"roles/", "roles/0", "roles/02", "roles/+2", "roles/-2", "roles/2x",
                          "avenues/2", "2", "roles/99999999999999999999"}) {
    EXPECT_FALSE(RoleIdOf(bad).has_value()) << bad;
  }
}

TEST(OpenRolesTest, HoldsOpenRolesWithTheirVersionAsEtag) {
  OpenRoles roles;
  EXPECT_TRUE(roles.Apply(Open(7, "Patient panel member"), 2));
  ASSERT_TRUE(roles.Find(7) != nullptr);
  EXPECT_EQ(roles.Find(7)->title(), "Patient panel member");
  EXPECT_EQ(roles.Find(7)->etag(), "2");
  EXPECT_EQ(roles.VersionOf(7), 2);
  EXPECT_EQ(roles.Size(), 1u);
  EXPECT_TRUE(roles.Find(8) == nullptr);
  EXPECT_EQ(roles.VersionOf(8), 0);
}

TEST(OpenRolesTest, IgnoresVersionsNotNewerThanHeld) {
  OpenRoles roles;
  ASSERT_TRUE(roles.Apply(Open(7, "Third"), 3));
  EXPECT_FALSE(roles.Apply(Open(7, "Second"), 2));
  EXPECT_FALSE(roles.Apply(Open(7, "Third again"), 3));
  EXPECT_EQ(roles.Find(7)->title(), "Third");
  EXPECT_TRUE(roles.Apply(Open(7, "Fourth"), 4));
  EXPECT_EQ(roles.Find(7)->title(), "Fourth");
  EXPECT_EQ(roles.Size(), 1u);
}

TEST(OpenRolesTest, RoleThatLeavesOpenIsDroppedAndCannotBeResurrectedByAnOlderEvent) {
  OpenRoles roles;
  ASSERT_TRUE(roles.Apply(Open(7), 2));
  EXPECT_TRUE(roles.Apply(MakeRole(7, cadre::v1::ROLE_STATE_CLOSED), 3));
  EXPECT_TRUE(roles.Find(7) == nullptr);
  EXPECT_EQ(roles.Size(), 0u);
  EXPECT_EQ(roles.VersionOf(7), 3);  // the tombstone
  // Its publication, read again (a replay after a reload, a second replica's page).
  EXPECT_FALSE(roles.Apply(Open(7), 2));
  EXPECT_TRUE(roles.Find(7) == nullptr);
  EXPECT_EQ(roles.Size(), 0u);
}

TEST(OpenRolesTest, DraftIsNotHeldUntilPublished) {
  OpenRoles roles;
  EXPECT_TRUE(roles.Apply(MakeRole(9, cadre::v1::ROLE_STATE_DRAFT), 1));
  EXPECT_TRUE(roles.Find(9) == nullptr);
  EXPECT_TRUE(roles.Apply(Open(9), 2));
  EXPECT_TRUE(roles.Find(9) != nullptr);
}

TEST(OpenRolesTest, IgnoresBadNamesAndVersions) {
  OpenRoles roles;
  cadre::v1::Role nameless = Open(1);
  nameless.set_name("roles/01");
  EXPECT_FALSE(roles.Apply(nameless, 1));
  EXPECT_FALSE(roles.Apply(Open(1), 0));
  EXPECT_FALSE(roles.Apply(Open(1), -1));
  EXPECT_EQ(roles.Size(), 0u);
}

TEST(OpenRolesTest, HandedOutRolesStayValidAfterChanges) {
  OpenRoles roles;
  ASSERT_TRUE(roles.Apply(Open(7, "Before"), 1));
  OpenRolePtr before = roles.Find(7);
  ASSERT_TRUE(roles.Apply(Open(7, "After"), 2));
  ASSERT_TRUE(roles.Apply(MakeRole(7, cadre::v1::ROLE_STATE_FILLED), 3));
  EXPECT_EQ(before->title(), "Before");
}

TEST(OpenRolesTest, SnapshotAndForEachListOpenRolesByAscendingId) {
  OpenRoles roles;
  roles.Apply(Open(30), 1);
  roles.Apply(Open(10), 1);
  roles.Apply(Open(20), 1);
  roles.Apply(MakeRole(15, cadre::v1::ROLE_STATE_CANCELLED), 4);
  std::vector<std::string> names;
  for (const OpenRolePtr& role : roles.Snapshot()) names.push_back(role->name());
  EXPECT_THAT(names, ElementsAre("roles/10", "roles/20", "roles/30"));

  names.clear();
  // ForEach runs outside the lock: the visitor may read the set again.
  roles.ForEach([&](const cadre::v1::Role& role) {
    names.push_back(role.name());
    EXPECT_EQ(roles.Size(), 3u);
  });
  EXPECT_THAT(names, ElementsAre("roles/10", "roles/20", "roles/30"));
}

TEST(OpenRolesTest, ReplaceWithTakesTheLoadedSetWhole) {
  OpenRoles roles;
  roles.Apply(Open(1), 1);
  roles.Apply(MakeRole(2, cadre::v1::ROLE_STATE_CLOSED), 5);
  OpenRoles loaded;
  loaded.Apply(Open(3), 2);
  loaded.Apply(Open(4), 1);
  roles.ReplaceWith(loaded);
  EXPECT_TRUE(roles.Find(1) == nullptr);
  EXPECT_TRUE(roles.Find(3) != nullptr);
  EXPECT_EQ(roles.Size(), 2u);
  EXPECT_EQ(roles.VersionOf(2), 0);  // a fresh load holds no tombstone
  EXPECT_EQ(loaded.Size(), 0u);
  EXPECT_TRUE(loaded.Find(3) == nullptr);
}

TEST(OpenRolesTest, ConcurrentReadersAndWritersAgreeOnTheNewestVersion) {
  OpenRoles roles;
  cadre::testing::RunOnThreads(4, [&roles](int t) {
    for (int v = 1; v <= 200; ++v) {
      // Each thread applies every version, in its own order: the newest must win.
      const int version = t % 2 == 0 ? v : 201 - v;
      roles.Apply(Open(1, absl::StrCat("v", version)), version);
      roles.Find(1);
      roles.Snapshot();
    }
  });
  EXPECT_EQ(roles.VersionOf(1), 200);
  EXPECT_EQ(roles.Find(1)->title(), "v200");
  EXPECT_EQ(roles.Size(), 1u);
}

}  // namespace
}  // namespace cadre::matching
