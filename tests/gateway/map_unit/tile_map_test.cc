// The involvement map's tiles: where each region sits, how it is shaded, the legend and
// what a screen reader hears for each tile.

#include "services/gateway/domain/tile_map.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

namespace cadre::gateway {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;

const Tile& TileOf(const TileMap& map, cadre::v1::Region region) {
  for (const Tile& tile : map.tiles) {
    if (tile.region == region) return tile;
  }
  ADD_FAILURE() << "no tile for region " << region;
  return map.tiles.front();
}

TEST(ShadeStep, NothingOpenIsTheEmptyShade) {
  EXPECT_EQ(ShadeStep(0, 0), 0);
  EXPECT_EQ(ShadeStep(0, 40), 0);
  EXPECT_EQ(ShadeStep(-3, 40), 0);
}

TEST(ShadeStep, TheBusiestRegionIsTheDarkestAndAnythingOpenIsNeverEmpty) {
  EXPECT_EQ(ShadeStep(40, 40), kShadeSteps);
  EXPECT_EQ(ShadeStep(1, 40), 1);
  EXPECT_EQ(ShadeStep(1, 1), kShadeSteps);
  EXPECT_EQ(ShadeStep(1000, 1000), kShadeSteps);
}

TEST(ShadeStep, StepsAreQuartersOfTheBusiest) {
  // ceil(4 * count / 12): 1-3 → 1, 4-6 → 2, 7-9 → 3, 10-12 → 4.
  EXPECT_EQ(ShadeStep(3, 12), 1);
  EXPECT_EQ(ShadeStep(4, 12), 2);
  EXPECT_EQ(ShadeStep(6, 12), 2);
  EXPECT_EQ(ShadeStep(7, 12), 3);
  EXPECT_EQ(ShadeStep(9, 12), 3);
  EXPECT_EQ(ShadeStep(10, 12), 4);
  // A count above the maximum (which LayOutTileMap never passes) stays the darkest.
  EXPECT_EQ(ShadeStep(50, 12), kShadeSteps);
}

TEST(ShadeStep, NeverDecreasesAsTheCountGrows) {
  for (int max = 1; max <= 50; ++max) {
    int previous = 0;
    for (int count = 0; count <= max; ++count) {
      const int step = ShadeStep(count, max);
      EXPECT_GE(step, previous) << count << " of " << max;
      EXPECT_LE(step, kShadeSteps);
      previous = step;
    }
  }
}

TEST(ShadeLegend, BandsCoverEveryCountOnceInOrder) {
  EXPECT_THAT(
      ShadeLegend(12),
      ElementsAre(
          AllOf(Field(&ShadeBand::step, 0), Field(&ShadeBand::low, 0), Field(&ShadeBand::high, 0)),
          AllOf(Field(&ShadeBand::step, 1), Field(&ShadeBand::low, 1), Field(&ShadeBand::high, 3)),
          AllOf(Field(&ShadeBand::step, 2), Field(&ShadeBand::low, 4), Field(&ShadeBand::high, 6)),
          AllOf(Field(&ShadeBand::step, 3), Field(&ShadeBand::low, 7), Field(&ShadeBand::high, 9)),
          AllOf(Field(&ShadeBand::step, 4), Field(&ShadeBand::low, 10),
                Field(&ShadeBand::high, 12))));
  for (int max = 1; max <= 30; ++max) {
    const std::vector<ShadeBand> bands = ShadeLegend(max);
    int next = 1;
    for (size_t i = 1; i < bands.size(); ++i) {
      EXPECT_EQ(bands[i].low, next) << max;
      EXPECT_GE(bands[i].high, bands[i].low);
      EXPECT_GT(bands[i].step, bands[i - 1].step);
      for (int c = bands[i].low; c <= bands[i].high; ++c)
        EXPECT_EQ(ShadeStep(c, max), bands[i].step);
      next = bands[i].high + 1;
    }
    EXPECT_EQ(next, max + 1) << max;
  }
}

TEST(ShadeLegend, StepsNoCountReachesAreLeftOut) {
  EXPECT_THAT(ShadeLegend(0), ElementsAre(Field(&ShadeBand::step, 0)));
  // With at most 2, counts 1 and 2 are steps 2 and 4: steps 1 and 3 have no count.
  EXPECT_THAT(ShadeLegend(2),
              ElementsAre(Field(&ShadeBand::step, 0),
                          AllOf(Field(&ShadeBand::step, 2), Field(&ShadeBand::low, 1),
                                Field(&ShadeBand::high, 1)),
                          AllOf(Field(&ShadeBand::step, 4), Field(&ShadeBand::low, 2),
                                Field(&ShadeBand::high, 2))));
}

TEST(LayOutTileMap, EveryRegionHasOneTileInReadingOrder) {
  const TileMap map = LayOutTileMap({});
  ASSERT_EQ(map.tiles.size(), 8u);
  std::set<cadre::v1::Region> regions;
  std::set<std::pair<int, int>> cells;
  for (size_t i = 0; i < map.tiles.size(); ++i) {
    const Tile& t = map.tiles[i];
    regions.insert(t.region);
    cells.insert({t.column, t.row});
    EXPECT_GE(t.column, 0);
    EXPECT_LT(t.column, kTileColumns);
    EXPECT_GE(t.row, 0);
    EXPECT_LT(t.row, kTileRows);
    if (i > 0) {
      const Tile& p = map.tiles[i - 1];
      EXPECT_TRUE(p.row < t.row || (p.row == t.row && p.column < t.column))
          << "tiles out of reading order at " << i;
    }
  }
  EXPECT_EQ(regions.size(), 8u);
  EXPECT_EQ(cells.size(), 8u) << "two tiles share a cell";
  EXPECT_EQ(regions.count(cadre::v1::REGION_UNSPECIFIED), 0u);
}

TEST(LayOutTileMap, RegionsSitRoughlyWhereTheyAre) {
  const TileMap map = LayOutTileMap({});
  const Tile& nw = TileOf(map, cadre::v1::REGION_NORTH_WEST);
  const Tile& ney = TileOf(map, cadre::v1::REGION_NORTH_EAST_AND_YORKSHIRE);
  const Tile& mid = TileOf(map, cadre::v1::REGION_MIDLANDS);
  const Tile& east = TileOf(map, cadre::v1::REGION_EAST_OF_ENGLAND);
  const Tile& london = TileOf(map, cadre::v1::REGION_LONDON);
  const Tile& sw = TileOf(map, cadre::v1::REGION_SOUTH_WEST);
  const Tile& se = TileOf(map, cadre::v1::REGION_SOUTH_EAST);
  // The north at the top, the Midlands and the East in the middle, the south below.
  EXPECT_EQ(nw.row, 0);
  EXPECT_EQ(ney.row, 0);
  EXPECT_EQ(mid.row, 1);
  EXPECT_EQ(east.row, 1);
  EXPECT_EQ(london.row, 2);
  EXPECT_EQ(sw.row, 2);
  EXPECT_EQ(se.row, 2);
  // West to east.
  EXPECT_LT(nw.column, ney.column);
  EXPECT_LT(mid.column, east.column);
  EXPECT_LT(sw.column, se.column);
  // National stands apart: no region beside it or below it.
  const Tile& national = TileOf(map, cadre::v1::REGION_NATIONAL);
  EXPECT_TRUE(national.national);
  for (const Tile& t : map.tiles) {
    if (&t == &national) continue;
    EXPECT_FALSE(t.national);
    EXPECT_FALSE(t.column == national.column && t.row == national.row + 1)
        << "a region right below National";
  }
}

TEST(LayOutTileMap, TilesFitTheViewBoxWithoutOverlapping) {
  const TileMap map = LayOutTileMap({});
  EXPECT_EQ(map.width, 2 * kTileMargin + 3 * kTileSize + 2 * kTileGap);
  EXPECT_EQ(map.height, 2 * kTileMargin + 3 * kTileSize + 2 * kTileGap);
  for (const Tile& a : map.tiles) {
    // A margin all round, so no edge is cut off.
    EXPECT_GE(a.x, kTileMargin);
    EXPECT_GE(a.y, kTileMargin);
    EXPECT_LE(a.x + kTileSize + kTileMargin, map.width);
    EXPECT_LE(a.y + kTileSize + kTileMargin, map.height);
    for (const TileText& line : a.lines) {
      EXPECT_GT(line.y, a.y) << line.text;
      EXPECT_LT(line.y, a.y + kTileSize) << line.text;
      EXPECT_EQ(line.x, a.x + kTileSize / 2) << line.text;
    }
    for (const Tile& b : map.tiles) {
      if (&a == &b) continue;
      const bool apart = a.x + kTileSize + kTileGap <= b.x || b.x + kTileSize + kTileGap <= a.x ||
                         a.y + kTileSize + kTileGap <= b.y || b.y + kTileSize + kTileGap <= a.y;
      EXPECT_TRUE(apart) << a.region << " and " << b.region;
    }
  }
}

TEST(LayOutTileMap, ShadesByOpenRolesPlusWaysInAgainstTheBusiest) {
  const TileMap map = LayOutTileMap({
      {.region = cadre::v1::REGION_LONDON, .open_roles = 9, .avenues = 3},  // 12: the busiest
      {.region = cadre::v1::REGION_NORTH_WEST, .open_roles = 2, .avenues = 0},
      {.region = cadre::v1::REGION_MIDLANDS, .open_roles = 0, .avenues = 7},
  });
  EXPECT_EQ(map.max_count, 12);
  const Tile& london = TileOf(map, cadre::v1::REGION_LONDON);
  EXPECT_EQ(london.shade, 4);
  EXPECT_TRUE(london.light_text);
  EXPECT_EQ(london.open_roles, 9);
  EXPECT_EQ(london.avenues, 3);
  EXPECT_EQ(TileOf(map, cadre::v1::REGION_NORTH_WEST).shade, 1);
  EXPECT_FALSE(TileOf(map, cadre::v1::REGION_NORTH_WEST).light_text);
  EXPECT_EQ(TileOf(map, cadre::v1::REGION_MIDLANDS).shade, 3);
  EXPECT_EQ(TileOf(map, cadre::v1::REGION_SOUTH_WEST).shade, 0);
  EXPECT_EQ(TileOf(map, cadre::v1::REGION_SOUTH_WEST).open_roles, 0);
}

TEST(LayOutTileMap, RepeatsAreAddedAndUnspecifiedIsIgnored) {
  const TileMap map = LayOutTileMap({
      {.region = cadre::v1::REGION_SOUTH_WEST, .open_roles = 1, .avenues = 1},
      {.region = cadre::v1::REGION_SOUTH_WEST, .open_roles = 2, .avenues = 0},
      {.region = cadre::v1::REGION_UNSPECIFIED, .open_roles = 50, .avenues = 50},
  });
  EXPECT_EQ(map.max_count, 4);
  EXPECT_EQ(TileOf(map, cadre::v1::REGION_SOUTH_WEST).open_roles, 3);
  EXPECT_EQ(TileOf(map, cadre::v1::REGION_SOUTH_WEST).shade, 4);
}

TEST(LayOutTileMap, EachTileSaysItsNameAndCountsInWords) {
  const TileMap map = LayOutTileMap({
      {.region = cadre::v1::REGION_LONDON, .open_roles = 12, .avenues = 5},
      {.region = cadre::v1::REGION_NORTH_EAST_AND_YORKSHIRE, .open_roles = 1, .avenues = 1},
  });
  const Tile& london = TileOf(map, cadre::v1::REGION_LONDON);
  EXPECT_EQ(london.accessible_name, "London: 12 open roles, 5 ways in");
  EXPECT_THAT(london.lines,
              ElementsAre(Field(&TileText::text, "London"), Field(&TileText::text, "12 open roles"),
                          Field(&TileText::text, "5 ways in")));
  EXPECT_TRUE(london.lines[0].is_name);
  EXPECT_FALSE(london.lines[1].is_name);
  const Tile& ney = TileOf(map, cadre::v1::REGION_NORTH_EAST_AND_YORKSHIRE);
  EXPECT_EQ(ney.accessible_name, "North East and Yorkshire: 1 open role, 1 way in");
  EXPECT_THAT(
      ney.lines,
      ElementsAre(Field(&TileText::text, "North East"), Field(&TileText::text, "and Yorkshire"),
                  Field(&TileText::text, "1 open role"), Field(&TileText::text, "1 way in")));
  // Lines go down the tile.
  for (const Tile& t : map.tiles) {
    for (size_t i = 1; i < t.lines.size(); ++i) EXPECT_GT(t.lines[i].y, t.lines[i - 1].y);
  }
  EXPECT_EQ(TileOf(map, cadre::v1::REGION_NATIONAL).accessible_name,
            "National: 0 open roles, 0 ways in");
}

TEST(TileNameLines, LongNamesTakeTwoLines) {
  EXPECT_THAT(TileNameLines(cadre::v1::REGION_EAST_OF_ENGLAND), ElementsAre("East of", "England"));
  EXPECT_THAT(TileNameLines(cadre::v1::REGION_SOUTH_WEST), ElementsAre("South West"));
  EXPECT_THAT(TileNameLines(cadre::v1::REGION_NATIONAL), ElementsAre("National"));
}

}  // namespace
}  // namespace cadre::gateway
