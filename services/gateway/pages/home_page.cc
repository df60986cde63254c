// GET /: what Cadre is, how to get involved, and the ways to the map, the menu and search.
// The counts come from the registry's map; when the registry is down the page still
// works, without them.

#include <grpcpp/client_context.h>

#include "services/gateway/domain/labels.h"
#include "services/gateway/pages/pages.h"

namespace cadre::gateway {

void AddHomePage(FrontDoor* door, const PageDeps* deps) {
  door->Route(
      "GET", "/", {.name = "home"}, [deps](const HttpRequest& request, HttpResponse* response) {
        nlohmann::json view = {{"has_totals", false}};
        if (deps->upstream->registry() != nullptr) {
          grpc::ClientContext context;
          PrepareContext(*deps, request, &context);
          cadre::v1::InvolvementMap map;
          if (deps->upstream->registry()
                  ->GetInvolvementMap(&context, cadre::v1::GetInvolvementMapRequest(), &map)
                  .ok()) {
            view = {{"has_totals", true},
                    {"totals_text", OpenRolesAndWaysInLabel(map.open_roles(), map.avenues())}};
          }
        }
        RenderPage(*deps, request, {.title = "Help shape NHS services", .section = "home"}, "home",
                   view, response);
      });
}

}  // namespace cadre::gateway
