#include "services/gateway/pages/staff_role_views.h"

#include <grpcpp/client_context.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/gateway/domain/search_query.h"

namespace cadre::gateway {

using nlohmann::json;

std::string StaffRoleIdOf(const HttpRequest& request) {
  if (request.path_params.empty()) return "";
  const absl::optional<int64_t> id = RoleIdFromPath(request.path_params[0]);
  return id.has_value() ? absl::StrCat(*id) : "";
}

std::string StaffRolePath(absl::string_view id_or_name) {
  absl::ConsumePrefix(&id_or_name, "roles/");
  return absl::StrCat("/staff/roles/", id_or_name);
}

PageFrame StaffRolesFrame(const std::string& title, const StaffAccount& staff, bool errors,
                          const std::string& role_title, const std::string& role_path) {
  PageFrame frame{.title = errors ? absl::StrCat("Error: ", title) : title,
                  .section = kStaffSectionRoles,
                  .staff = &staff};
  frame.breadcrumbs.push_back({{"text", "Your organisation"}, {"href", "/staff"}});
  frame.breadcrumbs.push_back({{"text", "Roles"}, {"href", "/staff/roles"}});
  if (!role_title.empty()) frame.breadcrumbs.push_back({{"text", role_title}, {"href", role_path}});
  return frame;
}

bool StaffRegistryConfigured(const PageDeps& deps, const HttpRequest& request,
                             HttpResponse* response) {
  if (deps.upstream->registry() != nullptr) return true;
  RenderUpstreamError(deps, grpc::Status(grpc::StatusCode::UNAVAILABLE, "no registry"), request,
                      response);
  return false;
}

grpc::Status GetBodyRole(const PageDeps& deps, const HttpRequest& request,
                         const StaffAccount& staff, const std::string& id, cadre::v1::Role* role) {
  grpc::ClientContext context;
  PrepareStaffContext(deps, request, staff, &context);
  cadre::v1::GetRoleRequest get;
  get.set_name(absl::StrCat("roles/", id));
  const grpc::Status status = deps.upstream->registry()->GetRole(&context, get, role);
  if (status.ok() && role->body() != staff.body) {
    return grpc::Status(grpc::StatusCode::PERMISSION_DENIED,
                        "this role belongs to another organisation");
  }
  return status;
}

}  // namespace cadre::gateway
