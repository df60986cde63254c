// GET /staff/roles: the body's roles in every state, for its staff, with a filter by state
// (links, so that it works without JavaScript):
//   state  "draft", "open", "closed", "filled", "cancelled" (RoleStateSlug); anything else
//          or nothing: every state
//   page   with a state, the registry's page token (next or previous page)
// Every state at once is one ListRoles a state (the registry lists one state a call),
// the newest kAllStatesPerState of each, newest first; one state is paged by the
// registry. Each role shows its state, closing time and places; the count of
// applications needs one call to matching a role, so it is on the role's own page. Staff
// who may change roles (not viewers) get the "Create a role" button.

#include <grpcpp/client_context.h>

#include <algorithm>
#include <optional>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/common/base/time_proto.h"
#include "services/gateway/domain/labels.h"
#include "services/gateway/domain/role_form.h"
#include "services/gateway/domain/search_query.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/staff_role_views.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

constexpr int kStatePageSize = 20;       // roles a page of one state
constexpr int kAllStatesPerState = 100;  // roles of each state on the every-state list

std::string ListUrl(const std::string& state, const std::string& page_token = "") {
  std::string url = "/staff/roles";
  if (!state.empty()) absl::StrAppend(&url, "?state=", state);
  if (!page_token.empty()) absl::StrAppend(&url, "&page=", PercentEncode(page_token));
  return url;
}

json FilterView(const std::string& current) {
  json links = json::array();
  links.push_back({{"text", "All"}, {"href", ListUrl("")}, {"current", current.empty()}});
  for (cadre::v1::RoleState state : RoleStates()) {
    const std::string slug = RoleStateSlug(state);
    links.push_back(
        {{"text", RoleStateLabel(state)}, {"href", ListUrl(slug)}, {"current", slug == current}});
  }
  return links;
}

json RowView(const cadre::v1::Role& role) {
  const bool past_closing =
      role.state() == cadre::v1::ROLE_STATE_OPEN && !role.accepting_applications();
  return {
      {"title", role.title()},
      {"href", StaffRolePath(role.name())},
      {"state", RoleStateLabel(role.state())},
      {"state_class", RoleStateTagClass(role.state())},
      {"past_closing", past_closing},
      {"closes",
       role.has_closing_time() ? DateTimeLabel(FromTimestamp(role.closing_time())) : "Not set"},
      {"places", CountLabel(role.places(), "place", "places")},
  };
}

grpc::Status List(const PageDeps& deps, const HttpRequest& request, const StaffAccount& staff,
                  cadre::v1::RoleState state, int page_size, const std::string& page_token,
                  cadre::v1::ListRolesResponse* found) {
  grpc::ClientContext context;
  PrepareStaffContext(deps, request, staff, &context);
  cadre::v1::ListRolesRequest list;
  list.set_body(staff.body);
  list.set_state(state);
  list.set_page_size(page_size);
  list.set_page_token(page_token);
  return deps.upstream->registry()->ListRoles(&context, list, found);
}

void ServeRoles(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<StaffAccount> staff = RequireStaff(deps, request, response);
  if (!staff.has_value() || !StaffRegistryConfigured(deps, request, response)) return;
  const cadre::v1::RoleState state = RoleStateFromSlug(request.Query("state"));
  const std::string slug = RoleStateSlug(state);
  std::vector<cadre::v1::Role> roles;
  json view = {{"staff", StaffView(*staff)}};
  bool more = false;
  if (state == cadre::v1::ROLE_STATE_UNSPECIFIED) {
    for (cadre::v1::RoleState each : RoleStates()) {
      cadre::v1::ListRolesResponse found;
      const grpc::Status status = List(deps, request, *staff, each, kAllStatesPerState, "", &found);
      if (!status.ok()) {
        RenderStaffUpstreamError(deps, status, request, *staff, response);
        return;
      }
      more = more || !found.next_page_token().empty();
      for (cadre::v1::Role& role : *found.mutable_roles()) roles.push_back(std::move(role));
    }
    // Newest first, as each state's listing is.
    std::stable_sort(roles.begin(), roles.end(), [](const auto& a, const auto& b) {
      return FromTimestamp(a.create_time()) > FromTimestamp(b.create_time());
    });
  } else {
    std::string token = request.Query("page");
    if (token.size() > kMaxPageTokenBytes) token.clear();
    cadre::v1::ListRolesResponse found;
    const grpc::Status status = List(deps, request, *staff, state, kStatePageSize, token, &found);
    if (!status.ok()) {
      RenderStaffUpstreamError(deps, status, request, *staff, response);
      return;
    }
    view["has_next"] = !found.next_page_token().empty();
    view["next_href"] = ListUrl(slug, found.next_page_token());
    view["has_previous"] = !found.previous_page_token().empty();
    view["previous_href"] = ListUrl(slug, found.previous_page_token());
    for (cadre::v1::Role& role : *found.mutable_roles()) roles.push_back(std::move(role));
  }
  json rows = json::array();
  for (const cadre::v1::Role& role : roles) rows.push_back(RowView(role));
  view["roles"] = rows;
  view["has_roles"] = !rows.empty();
  view["filters"] = FilterView(slug);
  view["state_label"] = slug.empty() ? "" : absl::AsciiStrToLower(RoleStateLabel(state));
  view["filtered"] = !slug.empty();
  view["more"] = more;
  view["per_state"] = kAllStatesPerState;
  view["may_change"] = staff->may_change();
  view["count"] = CountLabel(static_cast<int>(rows.size()), "role", "roles");
  PageFrame frame = StaffRolesFrame("Your organisation's roles", *staff, false);
  frame.breadcrumbs.erase(frame.breadcrumbs.size() - 1);  // this is "Roles"
  RenderPage(deps, request, frame, "staff_roles", view, response);
}

}  // namespace

void AddStaffRolesPage(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/staff/roles", {.name = "staff-roles"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ServeRoles(*deps, request, response);
              });
}

}  // namespace cadre::gateway
