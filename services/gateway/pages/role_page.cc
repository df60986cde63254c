// GET /roles/{id}: everything a person needs to decide whether to apply: what the role
// is and asks, where, the support and payment, the requirements, whether it still takes
// applications, what happens after applying, and how quickly this body acknowledges
// applications (matching's public figures). An id that is not one (not 1–19 digits) is
// not found without asking the registry; a registry failure is the upstream error page;
// matching being down only takes the figure away.

#include <grpcpp/client_context.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/common/base/time_proto.h"
#include "services/gateway/domain/labels.h"
#include "services/gateway/domain/search_query.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/role_facts.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

constexpr int kDefaultFiguresWindowDays = 90;  // matching's window when it says none

// How quickly the body acknowledges, or why that cannot be said.
json FiguresView(const PageDeps& deps, const HttpRequest& request, const std::string& body) {
  json view = {{"has_figures", false}};
  if (deps.upstream->matching() == nullptr) return view;
  grpc::ClientContext context;
  PrepareContext(deps, request, &context);
  cadre::v1::GetBodyFiguresRequest get;
  get.set_body(body);
  cadre::v1::BodyFigures figures;
  if (!deps.upstream->matching()->GetBodyFigures(&context, get, &figures).ok()) return view;
  const int window = figures.window_days() > 0 ? figures.window_days() : kDefaultFiguresWindowDays;
  return {{"has_figures", true},
          {"acknowledgement", AcknowledgementLabel(figures.acknowledge_median_days(), window)}};
}

std::string BodyDisplayName(const PageDeps& deps, const HttpRequest& request,
                            const std::string& body) {
  grpc::ClientContext context;
  PrepareContext(deps, request, &context);
  cadre::v1::GetBodyRequest get;
  get.set_name(body);
  cadre::v1::Body found;
  if (deps.upstream->registry()->GetBody(&context, get, &found).ok()) return found.display_name();
  return BodyCode(body);
}

void ServeRole(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const absl::optional<int64_t> id =
      request.path_params.empty() ? absl::nullopt : RoleIdFromPath(request.path_params[0]);
  if (!id.has_value()) {
    RenderErrorPage(deps, 404, request, response);
    return;
  }
  if (deps.upstream->registry() == nullptr) {
    RenderUpstreamError(deps, grpc::Status(grpc::StatusCode::UNAVAILABLE, "no registry"), request,
                        response);
    return;
  }
  grpc::ClientContext context;
  PrepareContext(deps, request, &context);
  cadre::v1::GetRoleRequest get;
  get.set_name(absl::StrCat("roles/", *id));
  cadre::v1::Role role;
  const grpc::Status status = deps.upstream->registry()->GetRole(&context, get, &role);
  if (!status.ok()) {
    RenderUpstreamError(deps, status, request, response);
    return;
  }
  const std::string body_name = BodyDisplayName(deps, request, role.body());
  json view = {
      {"title", role.title()},
      {"summary", ParagraphsView(role.summary())},
      {"body_name", body_name},
      {"body_href", BodyPath(role.body())},
      {"has_body_href", !BodyPath(role.body()).empty()},
      {"facts", RoleFactsView(role)},
      {"accepting", role.accepting_applications()},
      {"not_accepting", NotAcceptingLabel(role)},
      {"has_reason", !role.accepting_applications() && !role.state_reason().empty()},
      {"reason", role.state_reason()},
      {"apply_href", absl::StrCat(RolePath(role.name()), "/apply")},
      {"closes", DateTimeLabel(FromTimestamp(role.closing_time()))},
  };
  view.update(FiguresView(deps, request, role.body()));
  const PageFrame frame{
      .title = role.title(),
      .section = "search",
      .breadcrumbs = json::array(
          {{{"text", "Home"}, {"href", "/"}}, {{"text", "Find a role"}, {"href", "/search"}}}),
  };
  RenderPage(deps, request, frame, "role", view, response);
}

}  // namespace

void AddRolePage(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/roles/([^/]*)", {.name = "role"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ServeRole(*deps, request, response);
              });
}

}  // namespace cadre::gateway
