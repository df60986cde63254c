#pragma once

// What a body's staff pages for its placements (issue 10) share: a placement's view
// model, the id a path carries, the placement's own page (for its forms to render again
// when matching refuses one), and the end of each form's POST.

#include <grpcpp/support/status.h>

#include <string>

#include "cadre/v1/matching.pb.h"
#include "nlohmann/json.hpp"
#include "services/gateway/http/front_door.h"
#include "services/gateway/http/http_types.h"
#include "services/gateway/pages/page_kit.h"
#include "services/gateway/pages/staff_kit.h"

namespace cadre::gateway {

// "/staff/placements/{id}" of "placements/{id}".
std::string StaffPlacementPath(const std::string& placement_name);

// The id of /staff/placements/{id}/... (its first path parameter) when it is one (16
// characters of a-z and 2-7: an application's), else "".
std::string StaffPlacementIdOf(const HttpRequest& request);

// {has_done, done_text, done_success} from the request's "done" word (StaffDoneBannerFor):
// the staff placements' and credentials' pages alike.
nlohmann::json StaffDoneView(const HttpRequest& request);

// One placement as the list and its page show it: {title, href, applicant_id,
// credentials_href, state, tag_class, active, started, has_ended, ended, payment_offered,
// payment, has_end_reason, end_reason, ended_by, etag}.
nlohmann::json StaffPlacementView(const cadre::v1::Placement& placement);

// GET /staff/placements/{id} for `staff`, with `errors` ({href, text}: an error summary
// above it; the status is the caller's to set first). NOT_FOUND → 404, another body's
// (PERMISSION_DENIED) → 403: never its data.
void RenderStaffPlacementPage(const PageDeps& deps, const HttpRequest& request,
                              const StaffAccount& staff, const std::string& id,
                              const nlohmann::json& errors, HttpResponse* response);

// The end of a form's POST on placement `id` (complete, end early): OK → 303 to its page
// with "?done=<done>"; ABORTED (it changed since the page the form was on: the etag) →
// 303 to it with ?done=changed; INVALID_ARGUMENT and FAILED_PRECONDITION (no longer
// active) → its page again, status 400, with matching's reason; anything else (a
// viewer's PERMISSION_DENIED: 403) as RenderStaffUpstreamError.
void FinishStaffPlacementAction(const PageDeps& deps, const HttpRequest& request,
                                const StaffAccount& staff, const std::string& id,
                                const grpc::Status& status, const std::string& done,
                                HttpResponse* response);

// GET /staff/placements/{id}, POST .../complete, GET and POST .../end-early
// (staff_placement_page.cc); AddStaffPlacementsPages (pages.h) adds them with the list.
void AddStaffPlacementRoutes(FrontDoor* door, const PageDeps* deps);

}  // namespace cadre::gateway
