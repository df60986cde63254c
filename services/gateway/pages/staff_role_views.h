#pragma once

// What the staff pages of a body's roles (issue 10) share: the role's id in the path,
// the frame they sit in, the role read for a member of its body's staff, and the role's
// page (staff_role_page.cc), for its actions (staff_role_actions.cc) to render again
// when the registry refuses one.

#include <grpcpp/support/status.h>

#include <string>

#include "absl/strings/string_view.h"
#include "cadre/v1/registry.pb.h"
#include "nlohmann/json.hpp"
#include "services/gateway/http/http_types.h"
#include "services/gateway/pages/page_kit.h"
#include "services/gateway/pages/staff_kit.h"

namespace cadre::gateway {

// The id of /staff/roles/{id}/... (its first path parameter) when it is one (1–19
// digits), else "".
std::string StaffRoleIdOf(const HttpRequest& request);
// "/staff/roles/7" for id "7" or name "roles/7".
std::string StaffRolePath(absl::string_view id_or_name);

// A page of the staff's roles: section kStaffSectionRoles, signed in as `staff`,
// breadcrumbs Your organisation > Roles (and `role_title` > when the page is under a
// role's, linking to `role_path`). A title starts "Error: " when `errors`.
PageFrame StaffRolesFrame(const std::string& title, const StaffAccount& staff, bool errors,
                          const std::string& role_title = "", const std::string& role_path = "");

// The registry, or false after rendering the 503 page when the gateway has none.
bool StaffRegistryConfigured(const PageDeps& deps, const HttpRequest& request,
                             HttpResponse* response);

// GetRole roles/{id} with `staff`'s key. A role the registry shows (a published one is
// public) that belongs to another body is PERMISSION_DENIED: its staff pages are its own
// body's alone.
grpc::Status GetBodyRole(const PageDeps& deps, const HttpRequest& request,
                         const StaffAccount& staff, const std::string& id, cadre::v1::Role* role);

// What the role's page shows again after a refused action: an error summary and what
// was typed in the close form.
struct StaffRoleFormState {
  nlohmann::json errors = nlohmann::json::array();  // [{href, text}]
  std::string close_reason = "";
};

// GET /staff/roles/{id} for `staff` (the status is the caller's to set first).
void RenderStaffRolePage(const PageDeps& deps, const HttpRequest& request,
                         const StaffAccount& staff, const std::string& id,
                         const StaffRoleFormState& state, HttpResponse* response);

}  // namespace cadre::gateway
