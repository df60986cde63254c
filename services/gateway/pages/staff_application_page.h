#pragma once

// One application to a body's role as its staff see it (issue 10): the page
// (staff_application_page.cc) and what its move forms (staff_application_actions.cc)
// show again when a move is refused or the application changed.

#include <string>

#include "nlohmann/json.hpp"
#include "services/gateway/http/front_door.h"
#include "services/gateway/http/http_types.h"
#include "services/gateway/pages/page_kit.h"
#include "services/gateway/pages/staff_kit.h"

namespace cadre::gateway {

// What the page shows again after a refused move: an error summary ([{href, text}]), the
// "This application changed" banner, and what was typed in the offer and turn-down forms.
struct StaffMoveFormState {
  nlohmann::json errors = nlohmann::json::array();
  bool changed = false;
  std::string reply_by_day, reply_by_month, reply_by_year;  // "" for the default
  std::string reason;                                       // the reason select's value
};

// The id of /staff/applications/{id}... when it is one (IsApplicationId), else "".
std::string StaffApplicationIdOf(const HttpRequest& request);

// GET /staff/applications/{id} for `staff` (the caller sets the status first when it is
// not 200).
void RenderStaffApplicationPage(const PageDeps& deps, const HttpRequest& request,
                                const StaffAccount& staff, const std::string& id,
                                const StaffMoveFormState& state, HttpResponse* response);

// POST /staff/applications/{id}/move (staff_application_actions.cc); added by
// AddStaffApplicationPages.
void AddStaffApplicationActions(FrontDoor* door, const PageDeps* deps);

}  // namespace cadre::gateway
