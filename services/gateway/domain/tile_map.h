#pragma once

// The involvement map as a picture: England's seven NHS regions and "National" as a
// schematic tile map, drawn by hand. Not geography: a grid of rounded squares roughly
// where each region sits, so that every region gets the same room for its name and its
// counts, and small London is as easy to find (and to tap) as the South West.
//
//            column 0    column 1     column 2
//   row 0    National    North West   North East and Yorkshire
//   row 1                Midlands     East of England
//   row 2    South West  South East   London
//
// National stands apart in the corner (nothing beside it below), drawn with a dashed
// edge: its roles and ways in are for all of England, not a place on the map.
//
// Each tile is shaded by how much is open there (open roles plus standing ways in), in
// kShadeSteps steps relative to the busiest region, so the picture shows where the
// opportunities are whatever the totals; the counts are always in text on the tile too
// (colour is never the only cue). Pure: no gRPC, no HTML.

#include <string>
#include <vector>

#include "cadre/v1/common.pb.h"

namespace cadre::gateway {

// Sizes in the SVG's own units (its viewBox); the page scales the picture to fit.
inline constexpr int kTileSize = 136;   // a tile's width and height
inline constexpr int kTileGap = 8;      // between neighbouring tiles
inline constexpr int kTileRadius = 12;  // rounded corners
// Room around the tiles inside the viewBox, so that an edge (up to the 4px focus edge,
// half of which falls outside the tile) is never cut off.
inline constexpr int kTileMargin = 4;
inline constexpr int kTileColumns = 3;
inline constexpr int kTileRows = 3;
inline constexpr int kTileLineHeight = 22;  // between baselines of text on a tile
// Shades cadre-tile--0 (nothing open) to cadre-tile--4 (the busiest), in cadre.css.
inline constexpr int kShadeSteps = 4;
// From this shade up the tile is dark enough that its text is white (cadre.css's
// cadre-tile-label--light), keeping at least 4.5:1 contrast either way.
inline constexpr int kFirstLightShade = 3;

// What is open in one region: RegionCount of the registry's map.
struct RegionTotals {
  cadre::v1::Region region = cadre::v1::REGION_UNSPECIFIED;
  int open_roles = 0;
  int avenues = 0;
};

// One line of text on a tile, centred on x (text-anchor="middle"), its baseline at y.
struct TileText {
  std::string text;
  int x = 0;
  int y = 0;
  bool is_name = false;  // the region's name (bold) rather than a count
};

struct Tile {
  cadre::v1::Region region = cadre::v1::REGION_UNSPECIFIED;
  int column = 0;
  int row = 0;
  int x = 0;  // top-left corner
  int y = 0;
  int open_roles = 0;
  int avenues = 0;
  int shade = 0;                // 0..kShadeSteps
  bool light_text = false;      // shade >= kFirstLightShade
  bool national = false;        // drawn apart, with a dashed edge
  std::vector<TileText> lines;  // the name (one or two lines), then the two counts
  // The link's accessible name: "London: 12 open roles, 5 ways in".
  std::string accessible_name;
};

struct TileMap {
  int width = 0;  // the viewBox
  int height = 0;
  int max_count = 0;        // open roles plus ways in of the busiest region
  std::vector<Tile> tiles;  // all eight, in reading order: row by row, left to right
};

// A band of the legend: tiles with low..high open roles plus ways in have `step`.
struct ShadeBand {
  int step = 0;
  int low = 0;
  int high = 0;
};

// The shade for `count` (open roles plus ways in) when the busiest region has
// `max_count`: 0 for nothing open, else ceil(kShadeSteps * count / max_count) clamped to
// 1..kShadeSteps, so the busiest region is always the darkest and any region with
// something open is never shaded as empty.
int ShadeStep(int count, int max_count);

// The legend for `max_count`: the "nothing open" band (0..0), then each step that some
// count from 1 to max_count falls in, in order, with its range; steps no count reaches
// (when max_count < kShadeSteps) are left out.
std::vector<ShadeBand> ShadeLegend(int max_count);

// The region's name split for a tile: "North East and Yorkshire" → {"North East",
// "and Yorkshire"}, "East of England" → {"East of", "England"}; a short name is one line.
std::vector<std::string> TileNameLines(cadre::v1::Region region);

// The tile map for `totals` (the registry's by_region): a region absent from it counts 0,
// a region given twice counts the sum, REGION_UNSPECIFIED (no tile) is ignored.
TileMap LayOutTileMap(const std::vector<RegionTotals>& totals);

}  // namespace cadre::gateway
