// GET /map: the involvement map as a picture (a tile per region, domain/tile_map.h, each
// a link to the region's page), the same counts as a list of regions (so that nothing
// depends on the picture), tables by kind of organisation and by level of involvement,
// and every organisation by kind, each leading on to its ways in. One call to the
// registry's map; when the registry is down, the 503 page.

#include <grpcpp/client_context.h>

#include "absl/strings/str_cat.h"
#include "services/gateway/domain/labels.h"
#include "services/gateway/domain/tile_map.h"
#include "services/gateway/pages/map_views.h"
#include "services/gateway/pages/pages.h"

namespace cadre::gateway {
namespace {

constexpr cadre::v1::InvolvementLevel kLevels[] = {
    cadre::v1::INVOLVEMENT_LEVEL_1, cadre::v1::INVOLVEMENT_LEVEL_2, cadre::v1::INVOLVEMENT_LEVEL_3,
    cadre::v1::INVOLVEMENT_LEVEL_4};

std::string RegionHref(cadre::v1::Region region) {
  return absl::StrCat("/map/", RegionSlug(region));
}

// The picture, its legend and the text list of regions (in the tiles' reading order).
void AddTiles(const cadre::v1::InvolvementMap& map, nlohmann::json* view) {
  std::vector<RegionTotals> totals;
  for (const auto& r : map.by_region()) {
    totals.push_back({.region = r.region(), .open_roles = r.open_roles(), .avenues = r.avenues()});
  }
  const TileMap tiles = LayOutTileMap(totals);
  nlohmann::json tile_views = nlohmann::json::array();
  nlohmann::json regions = nlohmann::json::array();
  for (const Tile& tile : tiles.tiles) {
    nlohmann::json lines = nlohmann::json::array();
    for (const TileText& line : tile.lines) {
      lines.push_back({{"text", line.text},
                       {"x", line.x},
                       {"y", line.y},
                       {"class", line.is_name ? "cadre-tile-label" : "cadre-tile-count"}});
    }
    tile_views.push_back({{"href", RegionHref(tile.region)},
                          {"name", tile.accessible_name},
                          {"x", tile.x},
                          {"y", tile.y},
                          {"shade", tile.shade},
                          {"national", tile.national},
                          {"light", tile.light_text},
                          {"lines", lines}});
    regions.push_back({{"href", RegionHref(tile.region)},
                       {"name", RegionLabel(tile.region)},
                       {"counts_text", OpenRolesAndWaysInLabel(tile.open_roles, tile.avenues)}});
  }
  nlohmann::json legend = nlohmann::json::array();
  for (const ShadeBand& band : ShadeLegend(tiles.max_count)) {
    legend.push_back(
        {{"shade", band.step},
         {"text", band.step == 0          ? std::string("Nothing open")
                  : band.low == band.high ? absl::StrCat(band.low)
                                          : absl::StrCat(band.low, " to ", band.high)}});
  }
  (*view)["svg"] = {{"width", tiles.width},
                    {"height", tiles.height},
                    {"size", kTileSize},
                    {"radius", kTileRadius},
                    {"tiles", tile_views}};
  (*view)["legend"] = legend;
  (*view)["regions"] = regions;
}

// The table by kind and, below the tables, each kind's organisations.
void AddKinds(const cadre::v1::InvolvementMap& map, nlohmann::json* view) {
  nlohmann::json rows = nlohmann::json::array();
  nlohmann::json kinds = nlohmann::json::array();
  int organisations = 0;
  for (const auto& section : map.sections()) {
    const std::string id = absl::StrCat("kind-", BodyKindSlug(section.kind()));
    organisations += section.bodies_size();
    rows.push_back({{"name", BodyKindLabel(section.kind())},
                    {"href", absl::StrCat("#", id)},
                    {"organisations", section.bodies_size()},
                    {"open_roles", section.open_roles()},
                    {"avenues", section.avenues()}});
    nlohmann::json bodies = nlohmann::json::array();
    for (const auto& body : section.bodies()) {
      const std::string href = BodyHref(body.body());
      bodies.push_back(
          {{"name", body.display_name()},
           {"has_href", !href.empty()},
           {"href", href},
           {"region", RegionLabel(body.region())},
           {"counts_text", OpenRolesAndWaysInLabel(body.open_roles_size(), body.avenues_size())}});
    }
    kinds.push_back({{"id", id},
                     {"name", BodyKindLabel(section.kind())},
                     {"organisations_text", OrganisationsLabel(section.bodies_size())},
                     {"bodies", bodies}});
  }
  (*view)["kind_rows"] = rows;
  (*view)["kinds"] = kinds;
  (*view)["has_kinds"] = !kinds.empty();
  (*view)["organisations"] = organisations;
  (*view)["organisations_text"] = OrganisationsLabel(organisations);
}

void AddLevels(const cadre::v1::InvolvementMap& map, nlohmann::json* view) {
  nlohmann::json rows = nlohmann::json::array();
  for (cadre::v1::InvolvementLevel level : kLevels) {
    int open_roles = 0;
    int avenues = 0;
    for (const auto& count : map.by_level()) {
      if (count.level() != level) continue;
      open_roles += count.open_roles();
      avenues += count.avenues();
    }
    rows.push_back({{"name", LevelLabel(level)},
                    {"description", LevelDescription(level)},
                    {"open_roles", open_roles},
                    {"avenues", avenues}});
  }
  (*view)["level_rows"] = rows;
}

nlohmann::json MapView(const cadre::v1::InvolvementMap& map) {
  nlohmann::json view = {
      {"open_roles", map.open_roles()},
      {"avenues", map.avenues()},
      {"totals_text", OpenRolesAndWaysInLabel(map.open_roles(), map.avenues())},
  };
  AddTiles(map, &view);
  AddKinds(map, &view);
  AddLevels(map, &view);
  return view;
}

}  // namespace

void AddMapPage(FrontDoor* door, const PageDeps* deps) {
  door->Route(
      "GET", "/map", {.name = "map"}, [deps](const HttpRequest& request, HttpResponse* response) {
        if (deps->upstream->registry() == nullptr) {
          RenderErrorPage(*deps, 503, request, response);
          return;
        }
        grpc::ClientContext context;
        PrepareContext(*deps, request, &context);
        cadre::v1::InvolvementMap map;
        const grpc::Status status = deps->upstream->registry()->GetInvolvementMap(
            &context, cadre::v1::GetInvolvementMapRequest(), &map);
        if (!status.ok()) {
          RenderUpstreamError(*deps, status, request, response);
          return;
        }
        const PageFrame frame = {.title = "The involvement map",
                                 .section = "map",
                                 .breadcrumbs = nlohmann::json::array({Crumb("Home", "/")})};
        RenderPage(*deps, request, frame, "map", MapView(map), response);
      });
}

}  // namespace cadre::gateway
