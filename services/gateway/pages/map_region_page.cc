// GET /map/{region}: the organisations with ways in located in one region (the registry's
// map with the region filter, which selects roles and avenues by their own location),
// grouped by kind, each with its open roles and standing avenues; `?kind=<slug>` narrows
// to one kind. An unknown region is the 404 page, an unknown kind the 400 page.
//
// The kind is narrowed here rather than by the registry's body_kind filter, so that one
// call also gives the counts of every kind for the links that switch between them.

#include <grpcpp/client_context.h>

#include "absl/strings/str_cat.h"
#include "services/gateway/domain/labels.h"
#include "services/gateway/pages/map_views.h"
#include "services/gateway/pages/pages.h"

namespace cadre::gateway {
namespace {

nlohmann::json BodyView(const cadre::v1::BodyEntry& body) {
  nlohmann::json roles = nlohmann::json::array();
  for (const auto& role : body.open_roles()) roles.push_back(RoleView(role));
  nlohmann::json avenues = nlohmann::json::array();
  for (const auto& avenue : body.avenues()) avenues.push_back(AvenueView(avenue));
  const std::string href = BodyHref(body.body());
  return {{"name", body.display_name()},
          {"has_href", !href.empty()},
          {"href", href},
          {"counts_text", OpenRolesAndWaysInLabel(body.open_roles_size(), body.avenues_size())},
          {"has_roles", !roles.empty()},
          {"roles", roles},
          {"has_avenues", !avenues.empty()},
          {"avenues", avenues}};
}

nlohmann::json SectionView(const cadre::v1::BodyKindSection& section) {
  nlohmann::json bodies = nlohmann::json::array();
  for (const auto& body : section.bodies()) bodies.push_back(BodyView(body));
  return {{"name", BodyKindLabel(section.kind())},
          {"counts_text",
           absl::StrCat(OrganisationsLabel(section.bodies_size()), ": ",
                        OpenRolesAndWaysInLabel(section.open_roles(), section.avenues()))},
          {"bodies", bodies}};
}

std::string RegionTitle(cadre::v1::Region region) {
  return region == cadre::v1::REGION_NATIONAL
             ? "National ways to get involved"
             : absl::StrCat("Ways to get involved in ", RegionLabel(region));
}

// `kind` is BODY_KIND_UNSPECIFIED for every kind.
nlohmann::json RegionView(cadre::v1::Region region, cadre::v1::BodyKind kind,
                          const cadre::v1::InvolvementMap& map) {
  const std::string slug = RegionSlug(region);
  const std::string base = absl::StrCat("/map/", slug);
  int organisations = 0;
  nlohmann::json filters =
      nlohmann::json::array({{{"text", "All kinds"},
                              {"href", base},
                              {"current", kind == cadre::v1::BODY_KIND_UNSPECIFIED}}});
  nlohmann::json sections = nlohmann::json::array();
  for (const auto& section : map.sections()) {
    organisations += section.bodies_size();
    filters.push_back(
        {{"text", absl::StrCat(BodyKindLabel(section.kind()), " (", section.bodies_size(), ")")},
         {"href", absl::StrCat(base, "?kind=", BodyKindSlug(section.kind()))},
         {"current", section.kind() == kind}});
    if (kind == cadre::v1::BODY_KIND_UNSPECIFIED || section.kind() == kind) {
      sections.push_back(SectionView(section));
    }
  }
  return {
      {"heading", RegionTitle(region)},
      {"region", RegionLabel(region)},
      {"national", region == cadre::v1::REGION_NATIONAL},
      {"summary_text", absl::StrCat(OpenRolesAndWaysInLabel(map.open_roles(), map.avenues()),
                                    " across ", OrganisationsLabel(organisations))},
      {"has_organisations", organisations > 0},
      {"search_href", absl::StrCat("/search?region=", slug)},
      {"has_filters", map.sections_size() > 1 || kind != cadre::v1::BODY_KIND_UNSPECIFIED},
      {"filters", filters},
      {"has_sections", !sections.empty()},
      {"sections", sections},
      {"narrowed", kind != cadre::v1::BODY_KIND_UNSPECIFIED},
      {"kind", BodyKindLabel(kind)},
      {"all_href", base},
  };
}

}  // namespace

void AddMapRegionPage(FrontDoor* door, const PageDeps* deps) {
  door->Route(
      "GET", "/map/([a-z-]+)", {.name = "map_region"},
      [deps](const HttpRequest& request, HttpResponse* response) {
        const cadre::v1::Region region = RegionFromSlug(request.path_params[0]);
        if (region == cadre::v1::REGION_UNSPECIFIED) {
          RenderErrorPage(*deps, 404, request, response);
          return;
        }
        cadre::v1::BodyKind kind = cadre::v1::BODY_KIND_UNSPECIFIED;
        if (const std::string slug = request.Query("kind"); !slug.empty()) {
          kind = BodyKindFromSlug(slug);
          if (kind == cadre::v1::BODY_KIND_UNSPECIFIED) {
            response->body = "Choose a kind of organisation from the region's page.";
            RenderErrorPage(*deps, 400, request, response);
            return;
          }
        }
        if (deps->upstream->registry() == nullptr) {
          RenderErrorPage(*deps, 503, request, response);
          return;
        }
        grpc::ClientContext context;
        PrepareContext(*deps, request, &context);
        cadre::v1::GetInvolvementMapRequest ask;
        ask.set_region(region);
        cadre::v1::InvolvementMap map;
        const grpc::Status status =
            deps->upstream->registry()->GetInvolvementMap(&context, ask, &map);
        if (!status.ok()) {
          RenderUpstreamError(*deps, status, request, response);
          return;
        }
        const PageFrame frame = {.title = RegionTitle(region),
                                 .section = "map",
                                 .breadcrumbs = nlohmann::json::array(
                                     {Crumb("Home", "/"), Crumb("Involvement map", "/map")})};
        RenderPage(*deps, request, frame, "map_region", RegionView(region, kind, map), response);
      });
}

}  // namespace cadre::gateway
