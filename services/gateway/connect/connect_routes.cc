#include "services/gateway/connect/connect_routes.h"

#include <memory>

#include "services/gateway/connect/connect_handler.h"

namespace cadre::gateway {

void AddConnectRoutes(FrontDoor* door, const Upstream* upstream) {
  // Shared by both routes' handlers, which the front door keeps as long as it lives.
  auto handler = std::make_shared<const ConnectHandler>(upstream);
  for (const char* method : {"POST", "GET"}) {
    door->Route(method, kConnectRoutePattern,
                RouteOptions{.name = "connect",
                             .rate_limited = true,
                             .keyed_calls_exempt = true,
                             .json_errors = true},
                [handler](const HttpRequest& request, HttpResponse* response) {
                  handler->Handle(request, response);
                });
  }
}

}  // namespace cadre::gateway
