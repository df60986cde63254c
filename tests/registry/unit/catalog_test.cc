// Catalog: versioned puts, events, avenue deletion, body / avenue / role type listings,
// the map snapshot and the generation counter.

#include "services/registry/domain/catalog.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "services/registry/domain/names.h"
#include "tests/registry/unit/test_data.h"

namespace cadre::registry {
namespace {

using cadre::v1::RegistryEvent;
using cadre::v1::Role;
using testdata::MakeAvenue;
using testdata::MakeBody;
using testdata::MakeRole;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

template <typename Ptr>
std::vector<std::string> Names(const std::vector<Ptr>& items) {
  std::vector<std::string> names;
  names.reserve(items.size());
  for (const auto& item : items) names.push_back(item->name());
  return names;
}

TEST(CatalogTest, PutRoleKeepsTheNewestVersion) {
  Catalog catalog;
  Role role = MakeRole(7, "RXF");
  role.set_title("Version two");
  ASSERT_TRUE(catalog.PutRole(role, 2));
  ASSERT_NE(catalog.FindRole(7), nullptr);
  EXPECT_EQ(catalog.FindRole(7)->etag(), "2");

  role.set_title("Version one");
  EXPECT_FALSE(catalog.PutRole(role, 1));  // older: ignored
  role.set_title("Version two again");
  EXPECT_FALSE(catalog.PutRole(role, 2));  // same: ignored (a repeated event)
  EXPECT_EQ(catalog.FindRole(7)->title(), "Version two");

  role.set_title("Version three");
  EXPECT_TRUE(catalog.PutRole(role, 3));
  EXPECT_EQ(catalog.FindRole(7)->title(), "Version three");
  EXPECT_EQ(catalog.FindRole(7)->etag(), "3");
  EXPECT_EQ(catalog.role_count(), 1u);
  EXPECT_EQ(catalog.FindRole(8), nullptr);
}

TEST(CatalogTest, OlderRolePutDoesNotChangeListings) {
  Catalog catalog;
  Role role = MakeRole(7, "RXF", cadre::v1::ROLE_STATE_CLOSED);
  ASSERT_TRUE(catalog.PutRole(role, 3));
  role.set_state(cadre::v1::ROLE_STATE_OPEN);  // a late, older event
  EXPECT_FALSE(catalog.PutRole(role, 2));
  EXPECT_THAT(catalog.QueryRoles(RoleQuery(), absl::nullopt, 10).roles, IsEmpty());
}

TEST(CatalogTest, RoleWithoutANumericNameIsNotStored) {
  Catalog catalog;
  Role role = MakeRole(7, "RXF");
  role.set_name("roles/x");
  EXPECT_FALSE(catalog.PutRole(role, 1));
  role.clear_name();
  EXPECT_FALSE(catalog.PutRole(role, 1));
  EXPECT_EQ(catalog.role_count(), 0u);
}

TEST(CatalogTest, PutBodyKeepsTheNewestVersion) {
  Catalog catalog;
  ASSERT_TRUE(catalog.PutBody(
      MakeBody("RXF", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON, "New name"), 5));
  EXPECT_FALSE(catalog.PutBody(
      MakeBody("RXF", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON, "Old name"), 4));
  ASSERT_NE(catalog.FindBody("RXF"), nullptr);
  EXPECT_EQ(catalog.FindBody("RXF")->display_name(), "New name");
  EXPECT_EQ(catalog.FindBody("RXF")->etag(), "5");
  EXPECT_EQ(catalog.FindBody("QWE"), nullptr);
}

TEST(CatalogTest, ApplyPutsEachSnapshotKind) {
  Catalog catalog;
  RegistryEvent body;
  body.set_type(RegistryEvent::BODY_CREATED);
  body.set_version(1);
  *body.mutable_body() = MakeBody("RXF", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON);
  EXPECT_TRUE(catalog.Apply(body));
  EXPECT_NE(catalog.FindBody("RXF"), nullptr);

  RegistryEvent role;
  role.set_type(RegistryEvent::ROLE_PUBLISHED);
  role.set_version(2);
  *role.mutable_role() = MakeRole(3, "RXF");
  EXPECT_TRUE(catalog.Apply(role));
  ASSERT_NE(catalog.FindRole(3), nullptr);
  EXPECT_EQ(catalog.FindRole(3)->etag(), "2");
  EXPECT_FALSE(catalog.Apply(role));  // delivered twice

  RegistryEvent avenue;
  avenue.set_type(RegistryEvent::AVENUE_CREATED);
  avenue.set_version(1);
  *avenue.mutable_avenue() = MakeAvenue(4, "RXF");
  EXPECT_TRUE(catalog.Apply(avenue));
  EXPECT_NE(catalog.FindAvenue(4), nullptr);

  RegistryEvent deleted = avenue;
  deleted.set_type(RegistryEvent::AVENUE_DELETED);
  deleted.set_version(2);
  EXPECT_TRUE(catalog.Apply(deleted));
  EXPECT_EQ(catalog.FindAvenue(4), nullptr);

  RegistryEvent type;
  type.set_type(RegistryEvent::ROLE_TYPE_CREATED);
  type.set_version(1);
  *type.mutable_role_type() = testdata::ValidRoleType();
  EXPECT_TRUE(catalog.Apply(type));
  ASSERT_NE(catalog.FindRoleType("lay-member"), nullptr);
  EXPECT_EQ(catalog.FindRoleType("lay-member")->title(), "Lay member");

  RegistryEvent empty;
  empty.set_type(RegistryEvent::ROLE_UPDATED);
  empty.set_version(9);
  EXPECT_FALSE(catalog.Apply(empty));
}

TEST(CatalogTest, RemovedAvenueStaysRemovedWhenAnOlderPutArrives) {
  Catalog catalog;
  ASSERT_TRUE(catalog.PutAvenue(MakeAvenue(4, "RXF"), 1));
  ASSERT_TRUE(catalog.RemoveAvenue(4, 3));
  EXPECT_EQ(catalog.FindAvenue(4), nullptr);
  EXPECT_FALSE(catalog.PutAvenue(MakeAvenue(4, "RXF"), 2));  // an update before the delete
  EXPECT_FALSE(catalog.PutAvenue(MakeAvenue(4, "RXF"), 3));
  EXPECT_EQ(catalog.FindAvenue(4), nullptr);
  EXPECT_THAT(catalog.ListAvenues("", cadre::v1::BODY_KIND_UNSPECIFIED,
                                  cadre::v1::REGION_UNSPECIFIED, 0, 10),
              IsEmpty());
  EXPECT_THAT(catalog.SnapshotForMap(testdata::BeforeClosing()).avenues, IsEmpty());
}

TEST(CatalogTest, DeleteBeforeItsCreateStillWins) {
  Catalog catalog;
  ASSERT_TRUE(catalog.RemoveAvenue(4, 2));
  EXPECT_FALSE(catalog.PutAvenue(MakeAvenue(4, "RXF"), 1));
  EXPECT_EQ(catalog.FindAvenue(4), nullptr);
}

TEST(CatalogTest, OlderRemoveDoesNotDeleteANewerAvenue) {
  Catalog catalog;
  ASSERT_TRUE(catalog.PutAvenue(MakeAvenue(4, "RXF"), 5));
  EXPECT_FALSE(catalog.RemoveAvenue(4, 4));
  EXPECT_NE(catalog.FindAvenue(4), nullptr);
}

TEST(CatalogTest, ListBodiesByCodeWithFiltersAndPaging) {
  Catalog catalog;
  catalog.PutBody(MakeBody("RXF", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON), 1);
  catalog.PutBody(MakeBody("AAA", cadre::v1::BODY_KIND_ICB, cadre::v1::REGION_LONDON), 1);
  catalog.PutBody(MakeBody("CDR0001", cadre::v1::BODY_KIND_CHARITY, cadre::v1::REGION_NATIONAL), 1);
  catalog.PutBody(MakeBody("QWE", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_NORTH_WEST), 1);
  catalog.PutBody(MakeBody("B12", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON), 1);

  const auto none = cadre::v1::BODY_KIND_UNSPECIFIED;
  const auto anywhere = cadre::v1::REGION_UNSPECIFIED;
  EXPECT_THAT(
      Names(catalog.ListBodies(none, anywhere, "", 10)),
      ElementsAre("bodies/AAA", "bodies/B12", "bodies/CDR0001", "bodies/QWE", "bodies/RXF"));
  EXPECT_THAT(Names(catalog.ListBodies(cadre::v1::BODY_KIND_TRUST, anywhere, "", 10)),
              ElementsAre("bodies/B12", "bodies/QWE", "bodies/RXF"));
  EXPECT_THAT(Names(catalog.ListBodies(none, cadre::v1::REGION_LONDON, "", 10)),
              ElementsAre("bodies/AAA", "bodies/B12", "bodies/RXF"));
  EXPECT_THAT(
      Names(catalog.ListBodies(cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON, "", 10)),
      ElementsAre("bodies/B12", "bodies/RXF"));

  // Paging: up to limit + 1 come back, the extra one saying there is more.
  EXPECT_THAT(Names(catalog.ListBodies(none, anywhere, "", 2)),
              ElementsAre("bodies/AAA", "bodies/B12", "bodies/CDR0001"));
  EXPECT_THAT(Names(catalog.ListBodies(none, anywhere, "B12", 2)),
              ElementsAre("bodies/CDR0001", "bodies/QWE", "bodies/RXF"));
  EXPECT_THAT(Names(catalog.ListBodies(none, anywhere, "QWE", 2)), ElementsAre("bodies/RXF"));
  EXPECT_THAT(catalog.ListBodies(none, anywhere, "RXF", 2), IsEmpty());
}

TEST(CatalogTest, ListAvenuesByIdWithFiltersAndPaging) {
  Catalog catalog;
  catalog.PutBody(MakeBody("RXF", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON), 1);
  catalog.PutBody(MakeBody("QWE", cadre::v1::BODY_KIND_ICB, cadre::v1::REGION_NORTH_WEST), 1);
  catalog.PutAvenue(MakeAvenue(9, "QWE", cadre::v1::REGION_NORTH_WEST), 1);
  catalog.PutAvenue(MakeAvenue(2, "RXF", cadre::v1::REGION_LONDON), 1);
  catalog.PutAvenue(MakeAvenue(5, "RXF", cadre::v1::REGION_NORTH_WEST), 1);
  catalog.PutAvenue(MakeAvenue(7, "QWE", cadre::v1::REGION_LONDON), 1);
  catalog.PutAvenue(MakeAvenue(11, "ZZZ", cadre::v1::REGION_LONDON), 1);  // body unknown

  const auto none = cadre::v1::BODY_KIND_UNSPECIFIED;
  const auto anywhere = cadre::v1::REGION_UNSPECIFIED;
  EXPECT_THAT(Names(catalog.ListAvenues("", none, anywhere, 0, 10)),
              ElementsAre("avenues/2", "avenues/5", "avenues/7", "avenues/9", "avenues/11"));
  EXPECT_THAT(Names(catalog.ListAvenues("RXF", none, anywhere, 0, 10)),
              ElementsAre("avenues/2", "avenues/5"));
  EXPECT_THAT(Names(catalog.ListAvenues("", cadre::v1::BODY_KIND_ICB, anywhere, 0, 10)),
              ElementsAre("avenues/7", "avenues/9"));
  EXPECT_THAT(Names(catalog.ListAvenues("", none, cadre::v1::REGION_LONDON, 0, 10)),
              ElementsAre("avenues/2", "avenues/7", "avenues/11"));
  EXPECT_THAT(
      Names(catalog.ListAvenues("", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON, 0, 10)),
      ElementsAre("avenues/2"));

  EXPECT_THAT(Names(catalog.ListAvenues("", none, anywhere, 0, 2)),
              ElementsAre("avenues/2", "avenues/5", "avenues/7"));
  EXPECT_THAT(Names(catalog.ListAvenues("", none, anywhere, 5, 2)),
              ElementsAre("avenues/7", "avenues/9", "avenues/11"));
  EXPECT_THAT(Names(catalog.ListAvenues("", none, anywhere, 9, 2)), ElementsAre("avenues/11"));
}

TEST(CatalogTest, ListRoleTypesByLevelThenTitle) {
  Catalog catalog;
  auto type = [](const char* id, cadre::v1::InvolvementLevel level, const char* title) {
    cadre::v1::RoleType t = testdata::ValidRoleType();
    t.set_name(absl::StrCat("roleTypes/", id));
    t.set_level(level);
    t.set_title(title);
    return t;
  };
  catalog.PutRoleType(type("trustee", cadre::v1::INVOLVEMENT_LEVEL_4, "Trustee"), 1);
  catalog.PutRoleType(type("survey", cadre::v1::INVOLVEMENT_LEVEL_1, "Survey respondent"), 1);
  catalog.PutRoleType(type("lay-member", cadre::v1::INVOLVEMENT_LEVEL_4, "Lay member"), 1);
  catalog.PutRoleType(type("panel", cadre::v1::INVOLVEMENT_LEVEL_3, "Panel member"), 1);
  catalog.PutRoleType(type("advisor", cadre::v1::INVOLVEMENT_LEVEL_3, "Advisor"), 1);

  EXPECT_THAT(Names(catalog.ListRoleTypes(cadre::v1::INVOLVEMENT_LEVEL_UNSPECIFIED)),
              ElementsAre("roleTypes/survey", "roleTypes/advisor", "roleTypes/panel",
                          "roleTypes/lay-member", "roleTypes/trustee"));
  EXPECT_THAT(Names(catalog.ListRoleTypes(cadre::v1::INVOLVEMENT_LEVEL_4)),
              ElementsAre("roleTypes/lay-member", "roleTypes/trustee"));
  EXPECT_THAT(catalog.ListRoleTypes(cadre::v1::INVOLVEMENT_LEVEL_2), IsEmpty());
  // A newer version replaces the old entry rather than adding one.
  EXPECT_TRUE(catalog.PutRoleType(type("panel", cadre::v1::INVOLVEMENT_LEVEL_2, "Panel"), 2));
  EXPECT_THAT(Names(catalog.ListRoleTypes(cadre::v1::INVOLVEMENT_LEVEL_3)),
              ElementsAre("roleTypes/advisor"));
  EXPECT_FALSE(catalog.PutRoleType(type("panel", cadre::v1::INVOLVEMENT_LEVEL_3, "Old"), 1));
}

TEST(CatalogTest, SnapshotForMapHasEveryBodyAndAvenueButOnlyOpenRoles) {
  Catalog catalog;
  catalog.PutBody(MakeBody("RXF", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON), 1);
  catalog.PutBody(MakeBody("QWE", cadre::v1::BODY_KIND_ICB, cadre::v1::REGION_LONDON), 1);
  catalog.PutAvenue(MakeAvenue(1, "RXF"), 1);
  catalog.PutRole(MakeRole(1, "RXF", cadre::v1::ROLE_STATE_DRAFT), 1);
  catalog.PutRole(MakeRole(2, "RXF", cadre::v1::ROLE_STATE_OPEN), 1);
  catalog.PutRole(MakeRole(3, "QWE", cadre::v1::ROLE_STATE_OPEN), 1);
  catalog.PutRole(MakeRole(4, "QWE", cadre::v1::ROLE_STATE_FILLED), 1);

  Catalog::MapSnapshot snap = catalog.SnapshotForMap(testdata::BeforeClosing());
  EXPECT_THAT(Names(snap.bodies), ElementsAre("bodies/QWE", "bodies/RXF"));
  EXPECT_THAT(Names(snap.avenues), ElementsAre("avenues/1"));
  EXPECT_THAT(Names(snap.open_roles), ElementsAre("roles/3", "roles/2"));
}

// Past its closing time a role is off the map (and out of its counts); the snapshot tells
// when the next role on it closes.
TEST(CatalogTest, SnapshotForMapHasOnlyRolesThatAcceptAtItsTime) {
  Catalog catalog;
  catalog.PutBody(MakeBody("RXF", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON), 1);
  const absl::Time closes = absl::FromUnixSeconds(testdata::kYear2030);
  Role later = MakeRole(2, "RXF");
  later.mutable_closing_time()->set_seconds(testdata::kYear2030 + 3600);
  Role never = MakeRole(3, "RXF");
  never.clear_closing_time();
  catalog.PutRole(MakeRole(1, "RXF"), 1);  // closes at `closes`
  catalog.PutRole(later, 1);
  catalog.PutRole(never, 1);

  Catalog::MapSnapshot before = catalog.SnapshotForMap(closes - absl::Seconds(1));
  EXPECT_THAT(Names(before.open_roles), ElementsAre("roles/3", "roles/2", "roles/1"));
  EXPECT_EQ(before.next_closing, closes);
  Catalog::MapSnapshot at = catalog.SnapshotForMap(closes);
  EXPECT_THAT(Names(at.open_roles), ElementsAre("roles/3", "roles/2"));
  EXPECT_EQ(at.next_closing, closes + absl::Hours(1));
  Catalog::MapSnapshot after = catalog.SnapshotForMap(closes + absl::Hours(2));
  EXPECT_THAT(Names(after.open_roles), ElementsAre("roles/3"));
  EXPECT_EQ(after.next_closing, absl::InfiniteFuture());
}

TEST(CatalogTest, OpenRolesClosingByAreTheOpenRolesWithAnEarlierClosingTime) {
  Catalog catalog;
  const absl::Time closes = absl::FromUnixSeconds(testdata::kYear2030);
  Role never = MakeRole(3, "RXF");
  never.clear_closing_time();
  catalog.PutRole(MakeRole(1, "RXF"), 1);
  catalog.PutRole(MakeRole(2, "RXF", cadre::v1::ROLE_STATE_CLOSED), 1);
  catalog.PutRole(never, 1);
  catalog.PutRole(MakeRole(4, "RXF", cadre::v1::ROLE_STATE_DRAFT), 1);
  catalog.PutRole(MakeRole(5, "RXF"), 1);
  EXPECT_THAT(catalog.OpenRolesClosingBy(closes - absl::Seconds(1)), IsEmpty());
  EXPECT_THAT(catalog.OpenRolesClosingBy(closes), ElementsAre(5, 1));
  EXPECT_THAT(catalog.OpenRolesClosingBy(absl::InfiniteFuture()), ElementsAre(5, 1));
}

TEST(CatalogTest, GenerationGrowsOnEveryAppliedChangeOnly) {
  Catalog catalog;
  int64_t g = catalog.generation();
  auto grew = [&] {
    const int64_t now = catalog.generation();
    const bool more = now > g;
    g = now;
    return more;
  };
  catalog.PutBody(MakeBody("RXF", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON), 1);
  EXPECT_TRUE(grew());
  catalog.PutBody(MakeBody("RXF", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON), 1);
  EXPECT_FALSE(grew());
  catalog.PutRole(MakeRole(1, "RXF"), 1);
  EXPECT_TRUE(grew());
  catalog.PutRole(MakeRole(1, "RXF"), 1);
  EXPECT_FALSE(grew());
  catalog.PutAvenue(MakeAvenue(1, "RXF"), 1);
  EXPECT_TRUE(grew());
  catalog.RemoveAvenue(1, 2);
  EXPECT_TRUE(grew());
  catalog.PutRoleType(testdata::ValidRoleType(), 1);
  EXPECT_TRUE(grew());
}

TEST(CatalogTest, NumericIdAndIsRemote) {
  EXPECT_EQ(NumericId("roles/42"), 42);
  EXPECT_EQ(NumericId("avenues/7"), 7);
  EXPECT_EQ(NumericId("roles/x"), 0);
  EXPECT_EQ(NumericId("42"), 0);
  Role role = MakeRole(1, "RXF");
  role.mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_REMOTE);
  EXPECT_TRUE(IsRemote(role));
  role.mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_HYBRID);
  EXPECT_TRUE(IsRemote(role));
  role.mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_IN_PERSON);
  EXPECT_FALSE(IsRemote(role));
}

}  // namespace
}  // namespace cadre::registry
