#pragma once

// Whether the gateway was started with the upstream service a page calls: a gateway run
// without one (a registry-only deployment, a test) answers such pages with the 503 page.

#include "services/gateway/http/http_types.h"
#include "services/gateway/pages/page_kit.h"

namespace cadre::gateway {

// Matching, or false after rendering the 503 page when the gateway has none.
bool MatchingConfigured(const PageDeps& deps, const HttpRequest& request, HttpResponse* response);

}  // namespace cadre::gateway
