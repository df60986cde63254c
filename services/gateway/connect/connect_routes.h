#pragma once

// The Connect routes of the gateway: POST and GET /cadre.v1.<Service>/<Method> for every
// unary RPC of every service the upstream has a channel to (connect_handler.h). Called
// by the gateway's composition root before the front door starts.

#include "services/gateway/http/front_door.h"
#include "services/gateway/upstream/upstream.h"

namespace cadre::gateway {

// The path pattern of the Connect routes; its two groups are the service's full name and
// the method's name.
inline constexpr char kConnectRoutePattern[] = "/(cadre\\.v1\\.[A-Za-z]+)/([A-Za-z]+)";

// Adds the routes to `door` (before door->Start()). `upstream` outlives `door`'s serving.
// Requests without Authorization count against the anonymous rate limit; errors the front
// door makes itself on these routes (413, 429) are Connect JSON too.
void AddConnectRoutes(FrontDoor* door, const Upstream* upstream);

}  // namespace cadre::gateway
