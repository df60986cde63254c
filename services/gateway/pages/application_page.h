#pragma once

// An application's page (application_page.cc), for its actions (application_actions.cc,
// application_confirm_page.cc) to render again when matching refuses one.

#include <grpcpp/support/status.h>

#include <string>

#include "nlohmann/json.hpp"
#include "services/gateway/http/http_types.h"
#include "services/gateway/pages/account_kit.h"
#include "services/gateway/pages/page_kit.h"

namespace cadre::gateway {

// The id of /applications/{id}/... (its first path parameter) when it is one
// (IsApplicationId), else "".
std::string ApplicationIdOf(const HttpRequest& request);

// GET /applications/{id} for `account`, with `errors` ({href, text}: an error summary
// above it; the status is the caller's to set first). NOT_FOUND → 404,
// PERMISSION_DENIED (another person's) → 403: never their data.
void RenderApplicationPage(const PageDeps& deps, const HttpRequest& request, const Account& account,
                           const std::string& id, const nlohmann::json& errors,
                           HttpResponse* response);

// The end of an action's POST on application `id` (the moves, the payment choice,
// stepping down): OK → 303 to its page with `?done=<done>`; ABORTED (it changed since
// the person's page: the etag) → 303 to it with ?done=changed; INVALID_ARGUMENT and
// FAILED_PRECONDITION (no longer possible: the offer lapsed, it moved on) → its page
// again, status 400, with matching's reason in the error summary; anything else as
// RenderAccountUpstreamError.
void FinishApplicationAction(const PageDeps& deps, const HttpRequest& request,
                             const Account& account, const std::string& id,
                             const grpc::Status& status, const std::string& done,
                             HttpResponse* response);

}  // namespace cadre::gateway
