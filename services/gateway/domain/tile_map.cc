#include "services/gateway/domain/tile_map.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "services/gateway/domain/labels.h"

namespace cadre::gateway {
namespace {

using cadre::v1::Region;

struct Place {
  Region region;
  int column;
  int row;
};

// The layout drawn in tile_map.h, in reading order.
constexpr Place kPlaces[] = {
    {cadre::v1::REGION_NATIONAL, 0, 0},
    {cadre::v1::REGION_NORTH_WEST, 1, 0},
    {cadre::v1::REGION_NORTH_EAST_AND_YORKSHIRE, 2, 0},
    {cadre::v1::REGION_MIDLANDS, 1, 1},
    {cadre::v1::REGION_EAST_OF_ENGLAND, 2, 1},
    {cadre::v1::REGION_SOUTH_WEST, 0, 2},
    {cadre::v1::REGION_SOUTH_EAST, 1, 2},
    {cadre::v1::REGION_LONDON, 2, 2},
};

// The first baseline, from the tile's top, when the name takes two lines: the four lines
// (kTileLineHeight apart, plus kCountsGap) then sit in the middle of the tile.
constexpr int kFirstBaseline = 38;
constexpr int kCountsGap = 6;  // extra space between the name and the counts

}  // namespace

int ShadeStep(int count, int max_count) {
  if (count <= 0 || max_count <= 0) return 0;
  // ceil(kShadeSteps * count / max_count) in integers.
  const int step = (kShadeSteps * count + max_count - 1) / max_count;
  return std::clamp(step, 1, kShadeSteps);
}

std::vector<ShadeBand> ShadeLegend(int max_count) {
  std::vector<ShadeBand> bands = {{.step = 0, .low = 0, .high = 0}};
  if (max_count <= 0) return bands;
  // Counts 1..max_count are sorted, and so are their steps: each step's counts are one
  // contiguous range.
  for (int count = 1; count <= max_count; ++count) {
    const int step = ShadeStep(count, max_count);
    if (bands.back().step == step) {
      bands.back().high = count;
    } else {
      bands.push_back({.step = step, .low = count, .high = count});
    }
  }
  return bands;
}

std::vector<std::string> TileNameLines(Region region) {
  switch (region) {
    case cadre::v1::REGION_NORTH_EAST_AND_YORKSHIRE:
      return {"North East", "and Yorkshire"};
    case cadre::v1::REGION_EAST_OF_ENGLAND:
      return {"East of", "England"};
    default:
      return {RegionLabel(region)};
  }
}

TileMap LayOutTileMap(const std::vector<RegionTotals>& totals) {
  std::map<Region, RegionTotals> by_region;
  for (const RegionTotals& t : totals) {
    if (t.region == cadre::v1::REGION_UNSPECIFIED) continue;
    RegionTotals& sum = by_region[t.region];
    sum.open_roles += t.open_roles;
    sum.avenues += t.avenues;
  }
  TileMap map;
  map.width = 2 * kTileMargin + kTileColumns * kTileSize + (kTileColumns - 1) * kTileGap;
  map.height = 2 * kTileMargin + kTileRows * kTileSize + (kTileRows - 1) * kTileGap;
  for (const Place& place : kPlaces) {
    const RegionTotals& t = by_region[place.region];
    map.max_count = std::max(map.max_count, t.open_roles + t.avenues);
  }
  for (const Place& place : kPlaces) {
    const RegionTotals& t = by_region[place.region];
    Tile tile;
    tile.region = place.region;
    tile.column = place.column;
    tile.row = place.row;
    tile.x = kTileMargin + place.column * (kTileSize + kTileGap);
    tile.y = kTileMargin + place.row * (kTileSize + kTileGap);
    tile.open_roles = t.open_roles;
    tile.avenues = t.avenues;
    tile.shade = ShadeStep(t.open_roles + t.avenues, map.max_count);
    tile.light_text = tile.shade >= kFirstLightShade;
    tile.national = place.region == cadre::v1::REGION_NATIONAL;
    const std::vector<std::string> name = TileNameLines(place.region);
    const int centre = tile.x + kTileSize / 2;
    // A one-line name starts half a line lower, so the block stays centred.
    int y = tile.y + kFirstBaseline + (name.size() == 1 ? kTileLineHeight / 2 : 0);
    for (const std::string& line : name) {
      tile.lines.push_back({.text = line, .x = centre, .y = y, .is_name = true});
      y += kTileLineHeight;
    }
    y += kCountsGap;
    tile.lines.push_back({.text = OpenRolesLabel(t.open_roles), .x = centre, .y = y});
    tile.lines.push_back({.text = WaysInLabel(t.avenues), .x = centre, .y = y + kTileLineHeight});
    tile.accessible_name = absl::StrCat(RegionLabel(place.region), ": ",
                                        OpenRolesLabel(t.open_roles), ", ", WaysInLabel(t.avenues));
    map.tiles.push_back(std::move(tile));
  }
  return map;
}

}  // namespace cadre::gateway
