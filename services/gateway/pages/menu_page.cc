// GET /menu: the menu of options: every role type (ListRoleTypes) under its involvement
// level, from 1 (open engagement) to 4 (senior strategic roles), with the time and
// expertise it usually asks and a way to the open roles at that level. A level with no
// role types yet still says what it means and links to its roles.

#include <grpcpp/client_context.h>

#include "absl/strings/str_cat.h"
#include "services/gateway/domain/labels.h"
#include "services/gateway/pages/pages.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

constexpr int kLevels = 4;

json TypeView(const cadre::v1::RoleType& type) {
  const std::string time = TimeLabel(type.typical_time());
  return {{"title", type.title()},
          {"description", type.description()},
          {"has_description", !type.description().empty()},
          {"time", time.empty() ? "Varies" : time},
          {"expertise", TagListLabel(type.typical_expertise(), "None in particular")}};
}

void ServeMenu(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  if (deps.upstream->registry() == nullptr) {
    RenderUpstreamError(deps, grpc::Status(grpc::StatusCode::UNAVAILABLE, "no registry"), request,
                        response);
    return;
  }
  grpc::ClientContext context;
  PrepareContext(deps, request, &context);
  cadre::v1::ListRoleTypesResponse menu;
  const grpc::Status status =
      deps.upstream->registry()->ListRoleTypes(&context, cadre::v1::ListRoleTypesRequest(), &menu);
  if (!status.ok()) {
    RenderUpstreamError(deps, status, request, response);
    return;
  }
  json levels = json::array();
  for (int n = 1; n <= kLevels; ++n) {
    const auto level = static_cast<cadre::v1::InvolvementLevel>(n);
    json types = json::array();
    for (const cadre::v1::RoleType& type : menu.role_types()) {
      if (type.level() == level) types.push_back(TypeView(type));
    }
    levels.push_back({{"id", absl::StrCat("level-", n)},
                      {"label", LevelLabel(level)},
                      {"description", LevelDescription(level)},
                      {"types", types},
                      {"has_types", !types.empty()},
                      {"search_href", absl::StrCat("/search?level=", n)},
                      {"search_text", absl::StrCat("Find open level ", n, " roles")}});
  }
  RenderPage(deps, request, {.title = "The menu of options", .section = "menu"}, "menu",
             {{"levels", levels}}, response);
}

}  // namespace

void AddMenuPage(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/menu", {.name = "menu"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ServeMenu(*deps, request, response);
              });
}

}  // namespace cadre::gateway
