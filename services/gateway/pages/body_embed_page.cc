// GET /bodies/{code}/embed: a body's open roles, made to be framed on the body's own
// website (the snippet on /bodies/{code}). The bare layout (no header or footer), and a
// frameable route, so the front door sends frame-ancestors * and no X-Frame-Options.
// Every link is absolute (PageDeps.public_url) and opens in the top window, since a link
// that opened inside the frame would leave the visitor on Cadre inside someone else's page.

#include <grpcpp/client_context.h>

#include "absl/strings/str_cat.h"
#include "services/gateway/domain/labels.h"
#include "services/gateway/domain/map_links.h"
#include "services/gateway/pages/map_views.h"
#include "services/gateway/pages/pages.h"

namespace cadre::gateway {
namespace {

// Enough for a panel on someone's page; the rest are a link away.
constexpr int kEmbedRoles = 10;

nlohmann::json EmbedView(const PageDeps& deps, const std::string& code, const cadre::v1::Body& body,
                         const cadre::v1::ListRolesResponse& roles) {
  nlohmann::json role_views = nlohmann::json::array();
  for (const auto& role : roles.roles()) role_views.push_back(RoleView(role, deps.public_url));
  return {{"heading", absl::StrCat("Patient leader roles at ", body.display_name())},
          {"name", body.display_name()},
          {"has_roles", !role_views.empty()},
          {"roles", role_views},
          {"more_roles", !roles.next_page_token().empty()},
          {"body_href", absl::StrCat(deps.public_url, "/bodies/", code)}};
}

}  // namespace

void AddBodyEmbedPage(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/bodies/([^/]+)/embed", {.name = "body_embed", .frameable = true},
              [deps](const HttpRequest& request, HttpResponse* response) {
                const std::string& code = request.path_params[0];
                if (!IsBodyCode(code)) {
                  RenderErrorPage(*deps, 404, request, response);
                  return;
                }
                cadre::v1::Registry::Stub* registry = deps->upstream->registry();
                if (registry == nullptr) {
                  RenderErrorPage(*deps, 503, request, response);
                  return;
                }
                const std::string name = absl::StrCat("bodies/", code);
                cadre::v1::GetBodyRequest get;
                get.set_name(name);
                cadre::v1::Body body;
                grpc::Status status = CallUpstream(*deps, request, [&](grpc::ClientContext* c) {
                  return registry->GetBody(c, get, &body);
                });
                cadre::v1::ListRolesRequest list;
                list.set_body(name);
                list.set_page_size(kEmbedRoles);
                cadre::v1::ListRolesResponse roles;
                if (status.ok()) {
                  status = CallUpstream(*deps, request, [&](grpc::ClientContext* c) {
                    return registry->ListRoles(c, list, &roles);
                  });
                }
                if (!status.ok()) {
                  RenderUpstreamError(*deps, status, request, response);
                  return;
                }
                const nlohmann::json view = EmbedView(*deps, code, body, roles);
                RenderPage(
                    *deps, request,
                    {.title = view["heading"].get<std::string>(), .section = "map", .embed = true},
                    "body_embed", view, response);
              });
}

}  // namespace cadre::gateway
