// GET /bodies/{code}: one organisation: who it is, its standing ways in, its open roles,
// how quickly it answers applications (matching's public figures), and the snippet that
// shows its open roles on its own website (/bodies/{code}/embed).
//
// A path that carries no body code is the 404 page without a call. The registry gives
// the body, its avenues and roles: when it is down, the 503 page. The figures are the
// matching service's: when it is down the page still renders and says they are
// unavailable, since a service that is down takes down only what needs it.

#include <grpcpp/client_context.h>

#include "absl/strings/str_cat.h"
#include "services/gateway/domain/labels.h"
#include "services/gateway/domain/map_links.h"
#include "services/gateway/pages/map_views.h"
#include "services/gateway/pages/pages.h"

namespace cadre::gateway {
namespace {

constexpr int kRolesShown = 100;    // ListRoles' largest page
constexpr int kAvenuesShown = 200;  // ListAvenues' largest page; a body has a handful

// One row of the figures: a published figure in words, or why it is withheld.
// `median` and `p90` are the same kind of figure over the same applications (both are
// published or both withheld); `p90` may be null.
nlohmann::json FigureRow(const std::string& key, const cadre::v1::Figure& median,
                         const cadre::v1::Figure* p90, absl::string_view one,
                         absl::string_view many, const std::string& median_suffix) {
  nlohmann::json row = {{"key", key}, {"published", !median.withheld()}};
  if (median.withheld()) {
    row["withheld_text"] = WithheldFigureLabel(median.shown(), many);
    return row;
  }
  row["value"] = absl::StrCat(median.shown(), median_suffix);
  row["has_detail"] = p90 != nullptr && !p90->withheld();
  if (p90 != nullptr && !p90->withheld()) {
    row["detail"] = absl::StrCat("9 in 10 within ", p90->shown());
  }
  row["based_on_text"] = absl::StrCat("Based on ", CountLabel(median.based_on(), one, many));
  return row;
}

nlohmann::json FiguresView(const cadre::v1::BodyFigures& f) {
  return {
      {"window_days", f.window_days()},
      {"rows", nlohmann::json::array({
                   FigureRow("Time to acknowledge an application", f.acknowledge_median_days(),
                             &f.acknowledge_p90_days(), "application", "applications", " (median)"),
                   FigureRow("Time to a decision on an application", f.decide_median_days(),
                             &f.decide_p90_days(), "application", "applications", " (median)"),
                   FigureRow("Time to fill a role, from its first application",
                             f.fill_median_days(), nullptr, "placement", "placements", " (median)"),
                   FigureRow("Applications per role", f.applications_per_role(), nullptr,
                             "application", "applications", ""),
                   FigureRow("Places that went to someone in their first role",
                             f.first_time_share(), nullptr, "placement", "placements", ""),
               })},
  };
}

nlohmann::json BodyView(const PageDeps& deps, const std::string& code, const cadre::v1::Body& body,
                        const cadre::v1::ListAvenuesResponse& avenues,
                        const cadre::v1::ListRolesResponse& roles) {
  nlohmann::json avenue_views = nlohmann::json::array();
  for (const auto& avenue : avenues.avenues()) avenue_views.push_back(AvenueView(avenue));
  nlohmann::json role_views = nlohmann::json::array();
  for (const auto& role : roles.roles()) role_views.push_back(RoleView(role));
  const bool more_roles = !roles.next_page_token().empty();
  return {
      {"name", body.display_name()},
      {"code", code},
      {"kind", BodyKindLabel(body.kind())},
      {"region", RegionLabel(body.region())},
      {"region_href", absl::StrCat("/map/", RegionSlug(body.region()))},
      {"has_ods_code", !body.cadre_issued_code()},
      {"has_description", !body.description().empty()},
      {"description", body.description()},
      {"has_website", IsHttpsUrl(body.website())},
      {"website", body.website()},
      {"has_contact", JoinLinkOf(body.contact_email()).has_value()},
      {"contact_email", body.contact_email()},
      {"has_roles", !role_views.empty()},
      {"roles", role_views},
      {"roles_text", more_roles ? absl::StrCat("The ", kRolesShown, " newest open roles")
                                : OpenRolesLabel(roles.roles_size())},
      {"more_roles", more_roles},
      {"more_roles_href", absl::StrCat("/search?body=", code)},
      {"has_avenues", !avenue_views.empty()},
      {"avenues", avenue_views},
      {"avenues_text", WaysInLabel(avenues.avenues_size())},
      {"embed_href", absl::StrCat("/bodies/", code, "/embed")},
      {"snippet", EmbedSnippet(deps.public_url, code, body.display_name())},
  };
}

// The body's figures into `view` ("figures"), or has_figures false when matching cannot
// give them.
void AddFigures(const PageDeps& deps, const HttpRequest& request, const std::string& name,
                nlohmann::json* view) {
  (*view)["has_figures"] = false;
  cadre::v1::Matching::Stub* matching = deps.upstream->matching();
  if (matching == nullptr) return;
  cadre::v1::GetBodyFiguresRequest ask;
  ask.set_body(name);
  cadre::v1::BodyFigures figures;
  if (!CallUpstream(deps, request, [&](grpc::ClientContext* c) {
         return matching->GetBodyFigures(c, ask, &figures);
       }).ok()) {
    return;
  }
  (*view)["has_figures"] = true;
  (*view)["figures"] = FiguresView(figures);
}

struct BodyRecords {
  cadre::v1::Body body;
  cadre::v1::ListAvenuesResponse avenues;
  cadre::v1::ListRolesResponse roles;
};

// The body, its avenues and its open roles from the registry; the first call's error.
grpc::Status LoadBody(const PageDeps& deps, const HttpRequest& request, const std::string& name,
                      BodyRecords* out) {
  cadre::v1::Registry::Stub* registry = deps.upstream->registry();
  cadre::v1::GetBodyRequest get;
  get.set_name(name);
  grpc::Status status = CallUpstream(
      deps, request, [&](grpc::ClientContext* c) { return registry->GetBody(c, get, &out->body); });
  if (!status.ok()) return status;
  cadre::v1::ListAvenuesRequest avenues;
  avenues.set_body(name);
  avenues.set_page_size(kAvenuesShown);
  status = CallUpstream(deps, request, [&](grpc::ClientContext* c) {
    return registry->ListAvenues(c, avenues, &out->avenues);
  });
  if (!status.ok()) return status;
  cadre::v1::ListRolesRequest roles;
  roles.set_body(name);
  roles.set_page_size(kRolesShown);
  return CallUpstream(deps, request, [&](grpc::ClientContext* c) {
    return registry->ListRoles(c, roles, &out->roles);
  });
}

}  // namespace

void AddBodyPage(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/bodies/([^/]+)", {.name = "body"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                const std::string& code = request.path_params[0];
                if (!IsBodyCode(code)) {
                  RenderErrorPage(*deps, 404, request, response);
                  return;
                }
                if (deps->upstream->registry() == nullptr) {
                  RenderErrorPage(*deps, 503, request, response);
                  return;
                }
                const std::string name = absl::StrCat("bodies/", code);
                BodyRecords records;
                if (grpc::Status s = LoadBody(*deps, request, name, &records); !s.ok()) {
                  RenderUpstreamError(*deps, s, request, response);
                  return;
                }
                nlohmann::json view =
                    BodyView(*deps, code, records.body, records.avenues, records.roles);
                AddFigures(*deps, request, name, &view);
                const cadre::v1::Region region = records.body.region();
                const PageFrame frame = {
                    .title = records.body.display_name(),
                    .section = "map",
                    .breadcrumbs = nlohmann::json::array(
                        {Crumb("Home", "/"), Crumb("Involvement map", "/map"),
                         Crumb(RegionLabel(region), absl::StrCat("/map/", RegionSlug(region)))})};
                RenderPage(*deps, request, frame, "body", view, response);
              });
}

}  // namespace cadre::gateway
