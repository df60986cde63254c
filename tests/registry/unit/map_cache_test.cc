// The involvement map cache: one build per set of filters until the catalog changes.

#include "services/registry/domain/map_cache.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "services/registry/domain/involvement_map.h"
#include "tests/registry/unit/test_data.h"

namespace cadre::registry {
namespace {

using testdata::MakeBody;
using testdata::MakeRole;

int OpenRolesOnMap(const std::string& bytes) {
  cadre::v1::InvolvementMap map;
  EXPECT_TRUE(map.ParseFromString(bytes));
  int count = 0;
  for (const auto& section : map.sections()) {
    for (const auto& body : section.bodies()) count += body.open_roles_size();
  }
  return count;
}

class MapCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    catalog_.PutBody(MakeBody("RXF", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON), 1);
    catalog_.PutBody(MakeBody("QWE", cadre::v1::BODY_KIND_ICB, cadre::v1::REGION_NORTH_WEST), 1);
    catalog_.PutRole(MakeRole(10, "RXF"), 1);
  }

  Catalog catalog_;
  MapCache cache_{&catalog_};
};

TEST_F(MapCacheTest, AnswersWhatBuildingAfreshWouldAnswer) {
  cadre::v1::GetInvolvementMapRequest request;
  request.set_body_kind(cadre::v1::BODY_KIND_TRUST);
  WirePtr cached = cache_.Get(request, testdata::BeforeClosing());
  ASSERT_NE(cached.get(), nullptr);
  EXPECT_EQ(*cached,
            BuildInvolvementMap(catalog_.SnapshotForMap(testdata::BeforeClosing()), request)
                .SerializeAsString());
  EXPECT_EQ(OpenRolesOnMap(*cached), 1);
}

TEST_F(MapCacheTest, KeepsOneMapPerFiltersUntilTheCatalogChanges) {
  cadre::v1::GetInvolvementMapRequest all;
  cadre::v1::GetInvolvementMapRequest icbs;
  icbs.set_body_kind(cadre::v1::BODY_KIND_ICB);

  // Compared as pointers: the same bytes means it was not built again.
  auto first = cache_.Get(all, testdata::BeforeClosing());
  EXPECT_EQ(cache_.Get(all, testdata::BeforeClosing()).get(), first.get());
  auto icb_map = cache_.Get(icbs, testdata::BeforeClosing());
  EXPECT_NE(icb_map.get(), first.get());  // other filters, another map
  EXPECT_EQ(cache_.Get(icbs, testdata::BeforeClosing()).get(), icb_map.get());
  EXPECT_EQ(OpenRolesOnMap(*icb_map), 0);

  // A change to the catalog is on the next answer, for every set of filters.
  ASSERT_TRUE(catalog_.PutRole(MakeRole(11, "QWE"), 1));
  auto after = cache_.Get(all, testdata::BeforeClosing());
  EXPECT_NE(after.get(), first.get());
  EXPECT_EQ(OpenRolesOnMap(*first), 1);
  EXPECT_EQ(OpenRolesOnMap(*after), 2);
  EXPECT_EQ(OpenRolesOnMap(*cache_.Get(icbs, testdata::BeforeClosing())), 1);
}

// No change to the catalog, but the role's closing time passes: the next answer is
// built again, without it.
TEST_F(MapCacheTest, AMapHoldsUntilTheFirstClosingTimeOfItsRoles) {
  cadre::v1::GetInvolvementMapRequest all;
  const absl::Time closes = absl::FromUnixSeconds(testdata::kYear2030);
  auto before = cache_.Get(all, closes - absl::Hours(1));
  EXPECT_EQ(OpenRolesOnMap(*before), 1);
  EXPECT_EQ(cache_.Get(all, closes - absl::Seconds(1)).get(), before.get());
  auto at = cache_.Get(all, closes);
  EXPECT_EQ(OpenRolesOnMap(*at), 0);
  cadre::v1::InvolvementMap map;
  ASSERT_TRUE(map.ParseFromString(*at));
  EXPECT_EQ(map.open_roles(), 0);
  // With no role that closes on it, a map holds for good (until the catalog changes).
  EXPECT_EQ(cache_.Get(all, closes + absl::Hours(24 * 365)).get(), at.get());
}

}  // namespace
}  // namespace cadre::registry
