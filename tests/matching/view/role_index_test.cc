// OpenRoles' indexes: each open role's features and its bucket (its region, or anywhere)
// follow every change the set takes (a new role, a newer version, a drop, an old event
// refused by a tombstone, a whole new load), and a bucket visit honours the hours asked.

#include "services/matching/view/role_index.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "services/matching/view/open_roles.h"
#include "tests/matching/view/recommend_test_data.h"

namespace cadre::matching {
namespace {

using cadre::v1::ATTENDANCE_MODE_HYBRID;
using cadre::v1::ATTENDANCE_MODE_IN_PERSON;
using cadre::v1::ATTENDANCE_MODE_REMOTE;
using cadre::v1::REGION_LONDON;
using cadre::v1::REGION_NATIONAL;
using cadre::v1::REGION_NORTH_WEST;
using testdata::Now;
using testdata::OpenRole;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;
using ::testing::UnorderedElementsAreArray;

std::vector<int64_t> InRegion(const OpenRoles& roles, cadre::v1::Region region,
                              int max_hours = 1000) {
  std::vector<int64_t> ids;
  roles.ReadIndex([&](const RoleIndex& index) {
    index.ForEachInRegion(region, max_hours, [&](const IndexedRole& r) { ids.push_back(r.id); });
  });
  return ids;
}

std::vector<int64_t> Anywhere(const OpenRoles& roles, int max_hours = 1000) {
  std::vector<int64_t> ids;
  roles.ReadIndex([&](const RoleIndex& index) {
    index.ForEachAnywhere(max_hours, [&](const IndexedRole& r) { ids.push_back(r.id); });
  });
  return ids;
}

std::vector<int64_t> All(const OpenRoles& roles) {
  std::vector<int64_t> ids;
  size_t size = 0;
  roles.ReadIndex([&](const RoleIndex& index) {
    index.ForEach([&](const IndexedRole& r) { ids.push_back(r.id); });
    size = index.size();
  });
  EXPECT_EQ(size, roles.Size());
  return ids;
}

TEST(TagDictionaryTest, InternsOnceAndFindsWithoutAdding) {
  TagDictionary d;
  EXPECT_EQ(d.Intern("diabetes"), 0u);
  EXPECT_EQ(d.Intern("maternity"), 1u);
  EXPECT_EQ(d.Intern("diabetes"), 0u);
  EXPECT_EQ(d.Find("maternity"), 1u);
  EXPECT_FALSE(d.Find("dementia").has_value());
  EXPECT_EQ(d.size(), 2u);
}

TEST(RoleIndexTest, KeepsEachRolesFeatures) {
  OpenRoles roles;
  cadre::v1::Role role = OpenRole(7, REGION_LONDON, ATTENDANCE_MODE_HYBRID, 8,
                                  {"maternity", "diabetes", "maternity"}, {"finance"});
  role.set_minimum_age(18);
  role.add_required_credentials("dbs-basic");
  ASSERT_TRUE(roles.Apply(role, 3));
  const OpenRolePtr held = roles.Find(7);
  roles.ReadIndex([&](const RoleIndex& index) {
    int seen = 0;
    index.ForEach([&](const IndexedRole& r) {
      ++seen;
      EXPECT_EQ(r.id, 7);
      EXPECT_EQ(r.role.get(), held.get());  // the set's own message, not a copy
      EXPECT_EQ(r.hours_per_month, 8);
      EXPECT_EQ(r.minimum_age, 18);
      EXPECT_EQ(r.region, REGION_LONDON);
      EXPECT_EQ(r.mode, ATTENDANCE_MODE_HYBRID);
      EXPECT_THAT(r.credentials(), ElementsAre(*index.dictionary().Find("dbs-basic")));
      EXPECT_FALSE(r.anywhere());
      EXPECT_EQ(r.closing_time, Now() + absl::Hours(24 * 30));
      EXPECT_EQ(r.body, index.dictionary().Find("bodies/RJ1"));
      // Distinct, ascending ids; the repeated topic counts once.
      const uint32_t maternity = *index.dictionary().Find("maternity");
      const uint32_t diabetes = *index.dictionary().Find("diabetes");
      EXPECT_THAT(r.topics(),
                  ElementsAre(std::min(maternity, diabetes), std::max(maternity, diabetes)));
      EXPECT_THAT(r.expertise(), ElementsAre(*index.dictionary().Find("finance")));
    });
    EXPECT_EQ(seen, 1);
  });
}

TEST(RoleIndexTest, BucketsRolesByWhereAPersonMayTakeThem) {
  OpenRoles roles;
  roles.Apply(OpenRole(1, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 4), 1);
  roles.Apply(OpenRole(2, REGION_LONDON, ATTENDANCE_MODE_HYBRID, 4), 1);
  roles.Apply(OpenRole(3, REGION_LONDON, ATTENDANCE_MODE_REMOTE, 4), 1);
  roles.Apply(OpenRole(4, REGION_NATIONAL, ATTENDANCE_MODE_IN_PERSON, 4), 1);
  roles.Apply(OpenRole(5, REGION_NORTH_WEST, ATTENDANCE_MODE_IN_PERSON, 4), 1);
  EXPECT_THAT(InRegion(roles, REGION_LONDON), UnorderedElementsAre(1, 2));
  EXPECT_THAT(InRegion(roles, REGION_NORTH_WEST), ElementsAre(5));
  EXPECT_THAT(InRegion(roles, REGION_NATIONAL), IsEmpty());
  EXPECT_THAT(InRegion(roles, cadre::v1::REGION_SOUTH_WEST), IsEmpty());
  EXPECT_THAT(Anywhere(roles), UnorderedElementsAre(3, 4));
  EXPECT_THAT(All(roles), UnorderedElementsAre(1, 2, 3, 4, 5));
}

TEST(RoleIndexTest, VisitsOnlyRolesWithinTheHoursGiven) {
  OpenRoles roles;
  roles.Apply(OpenRole(1, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 0), 1);
  roles.Apply(OpenRole(2, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 8), 1);
  roles.Apply(OpenRole(3, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 9), 1);
  roles.Apply(OpenRole(4, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 200), 1);
  roles.Apply(OpenRole(5, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 250), 1);  // past the slots
  roles.Apply(OpenRole(6, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, -3), 1);
  EXPECT_THAT(InRegion(roles, REGION_LONDON, 8), UnorderedElementsAre(1, 2, 6));
  EXPECT_THAT(InRegion(roles, REGION_LONDON, 0), UnorderedElementsAre(1, 6));
  EXPECT_THAT(InRegion(roles, REGION_LONDON, -1), UnorderedElementsAre(6));
  EXPECT_THAT(InRegion(roles, REGION_LONDON, 200), UnorderedElementsAre(1, 2, 3, 4, 6));
  EXPECT_THAT(InRegion(roles, REGION_LONDON, 249), UnorderedElementsAre(1, 2, 3, 4, 6));
  EXPECT_THAT(InRegion(roles, REGION_LONDON, 250), UnorderedElementsAre(1, 2, 3, 4, 5, 6));
}

TEST(RoleIndexTest, ANewerVersionMovesTheRoleAndItsFeatures) {
  OpenRoles roles;
  roles.Apply(OpenRole(1, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 4, {"diabetes"}), 1);
  roles.Apply(OpenRole(2, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 4), 1);
  ASSERT_TRUE(
      roles.Apply(OpenRole(1, REGION_NORTH_WEST, ATTENDANCE_MODE_REMOTE, 12, {"asthma"}), 2));
  EXPECT_THAT(InRegion(roles, REGION_LONDON), ElementsAre(2));
  EXPECT_THAT(Anywhere(roles), ElementsAre(1));
  EXPECT_THAT(Anywhere(roles, 11), IsEmpty());
  roles.ReadIndex([&](const RoleIndex& index) {
    index.ForEachAnywhere(100, [&](const IndexedRole& r) {
      EXPECT_EQ(r.role->etag(), "2");
      EXPECT_THAT(r.topics(), ElementsAre(*index.dictionary().Find("asthma")));
    });
  });
  // An older version is refused: the index keeps the newer.
  EXPECT_FALSE(roles.Apply(OpenRole(1, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 4), 1));
  EXPECT_THAT(InRegion(roles, REGION_LONDON), ElementsAre(2));
  EXPECT_THAT(All(roles), UnorderedElementsAre(1, 2));
}

TEST(RoleIndexTest, ADroppedRoleLeavesItsBucketAndATombstoneKeepsItOut) {
  OpenRoles roles;
  for (int64_t id = 1; id <= 3; ++id) {
    roles.Apply(OpenRole(id, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 4), 1);
  }
  cadre::v1::Role closed = OpenRole(1, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 4);
  closed.set_state(cadre::v1::ROLE_STATE_FILLED);
  ASSERT_TRUE(roles.Apply(closed, 2));
  EXPECT_THAT(InRegion(roles, REGION_LONDON), UnorderedElementsAre(2, 3));
  // Its publication, replayed: the tombstone refuses it, in the index too.
  EXPECT_FALSE(roles.Apply(OpenRole(1, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 4), 1));
  EXPECT_THAT(InRegion(roles, REGION_LONDON), UnorderedElementsAre(2, 3));
  EXPECT_THAT(All(roles), UnorderedElementsAre(2, 3));
}

TEST(RoleIndexTest, ReplaceWithTakesTheLoadedIndexesAndDictionary) {
  OpenRoles roles;
  roles.Apply(OpenRole(1, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 4, {"diabetes"}), 1);
  OpenRoles loaded;
  loaded.Apply(OpenRole(2, REGION_NORTH_WEST, ATTENDANCE_MODE_IN_PERSON, 4, {"asthma"}), 1);
  loaded.Apply(OpenRole(3, REGION_LONDON, ATTENDANCE_MODE_REMOTE, 4, {"diabetes"}), 1);
  roles.ReplaceWith(loaded);
  EXPECT_THAT(InRegion(roles, REGION_LONDON), IsEmpty());
  EXPECT_THAT(InRegion(roles, REGION_NORTH_WEST), ElementsAre(2));
  EXPECT_THAT(Anywhere(roles), ElementsAre(3));
  roles.ReadIndex([&](const RoleIndex& index) {
    // The loaded set's ids: "asthma" came first there.
    EXPECT_EQ(index.dictionary().Find("asthma"), 1u);  // after the body's name
    index.ForEachAnywhere(100, [&](const IndexedRole& r) {
      EXPECT_THAT(r.topics(), ElementsAre(*index.dictionary().Find("diabetes")));
    });
  });
  EXPECT_THAT(All(loaded), IsEmpty());
  // Both sets go on taking changes.
  roles.Apply(OpenRole(4, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 4), 1);
  loaded.Apply(OpenRole(5, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 4), 1);
  EXPECT_THAT(InRegion(roles, REGION_LONDON), ElementsAre(4));
  EXPECT_THAT(InRegion(loaded, REGION_LONDON), ElementsAre(5));
}

TEST(RoleIndexTest, CountsRolesTakingApplications) {
  OpenRoles roles;
  cadre::v1::Role past = OpenRole(1, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 4);
  testdata::SetTime(Now() - absl::Hours(1), past.mutable_closing_time());
  cadre::v1::Role at_now = OpenRole(2, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 4);
  testdata::SetTime(Now(), at_now.mutable_closing_time());
  cadre::v1::Role none = OpenRole(3, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 4);
  none.clear_closing_time();
  roles.Apply(past, 1);
  roles.Apply(at_now, 1);
  roles.Apply(none, 1);
  roles.Apply(OpenRole(4, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 4), 1);
  roles.Apply(OpenRole(5, REGION_LONDON, ATTENDANCE_MODE_REMOTE, 4), 1);
  // Roles 3 (no closing time: open until filled or closed), 4 and 5.
  roles.ReadIndex([&](const RoleIndex& index) {
    EXPECT_EQ(index.CountTakingApplications(Now()), 3u);
    EXPECT_EQ(index.CountTakingApplications(Now() - absl::Hours(2)), 5u);
  });
  cadre::v1::Role closed = OpenRole(4, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 4);
  closed.set_state(cadre::v1::ROLE_STATE_CLOSED);
  roles.Apply(closed, 2);
  roles.ReadIndex(
      [&](const RoleIndex& index) { EXPECT_EQ(index.CountTakingApplications(Now()), 2u); });
}

// Random puts, updates and drops: the buckets always hold exactly the open roles, each
// where its latest version says.
TEST(RoleIndexTest, BucketsFollowManyRandomChanges) {
  std::mt19937 random(7);
  OpenRoles roles;
  std::map<int64_t, cadre::v1::Role> open;  // the model
  std::map<int64_t, int64_t> version;
  for (int step = 0; step < 4000; ++step) {
    const int64_t id = std::uniform_int_distribution<int64_t>(1, 300)(random);
    const int64_t v = ++version[id];
    const auto region = static_cast<cadre::v1::Region>(random() % 9);
    const auto mode = static_cast<cadre::v1::AttendanceMode>(random() % 4);
    cadre::v1::Role role = OpenRole(id, region, mode, static_cast<int>(random() % 12));
    if (random() % 4 == 0) {
      role.set_state(cadre::v1::ROLE_STATE_CLOSED);
      open.erase(id);
    } else {
      open[id] = role;
    }
    ASSERT_TRUE(roles.Apply(role, v));
  }
  for (int max_hours : {-1, 0, 5, 11}) {
    std::vector<int64_t> anywhere;
    std::map<int, std::vector<int64_t>> by_region;
    for (const auto& [id, role] : open) {
      if (role.time_commitment().hours_per_month() > max_hours) continue;
      if (role.location().mode() == ATTENDANCE_MODE_REMOTE ||
          role.location().region() == REGION_NATIONAL) {
        anywhere.push_back(id);
      } else {
        by_region[role.location().region()].push_back(id);
      }
    }
    EXPECT_THAT(Anywhere(roles, max_hours), UnorderedElementsAreArray(anywhere));
    for (int region = 0; region < 9; ++region) {
      EXPECT_THAT(InRegion(roles, static_cast<cadre::v1::Region>(region), max_hours),
                  UnorderedElementsAreArray(by_region[region]))
          << "region " << region << ", hours " << max_hours;
    }
  }
  std::vector<int64_t> ids;
  for (const auto& [id, role] : open) ids.push_back(id);
  EXPECT_THAT(All(roles), UnorderedElementsAreArray(ids));
  roles.ReadIndex([&](const RoleIndex& index) {
    index.ForEach([&](const IndexedRole& r) {
      EXPECT_EQ(r.hours_per_month, open[r.id].time_commitment().hours_per_month());
      EXPECT_EQ(r.role->etag(), absl::StrCat(version[r.id]));
    });
  });
}

}  // namespace
}  // namespace cadre::matching
