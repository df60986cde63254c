// roles create | get | update | publish | close | list | search.

#include "cadre/v1/registry.pb.h"
#include "services/common/base/status_macros.h"
#include "tools/cadrectl/command.h"
#include "tools/cadrectl/enums.h"
#include "tools/cadrectl/errors.h"
#include "tools/cadrectl/paging.h"
#include "tools/cadrectl/resource_flags.h"
#include "tools/cadrectl/views.h"

namespace cadre::cadrectl {
namespace {

namespace v1 = cadre::v1;

absl::StatusOr<std::string> RoleOperand(const Invocation& inv) {
  return ResourceName("roles", inv.args.positionals[0], "ROLE");
}

absl::StatusOr<v1::Role> FetchRole(Invocation& inv, const std::string& name) {
  v1::GetRoleRequest request;
  request.set_name(name);
  v1::Role role;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&Stub::GetRole, request, &role));
  return role;
}

absl::Status CreateRole(Invocation& inv) {
  // The fields the registry requires, named here so that the error names the flag.
  CADRE_RETURN_IF_ERROR(
      RequireFlags(inv.args, {"body", "title", "level", "rung", "region", "places"}));
  v1::CreateRoleRequest request;
  v1::Role* role = request.mutable_role();
  CADRE_ASSIGN_OR_RETURN(*role->mutable_body(),
                         ResourceName("bodies", inv.args.Get("body"), "--body"));
  std::set<std::string> ignored;
  CADRE_RETURN_IF_ERROR(ApplyRoleFlags(inv.args, role, &ignored));
  request.set_request_id(inv.client.request_id());
  v1::Role created;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&Stub::CreateRole, request, &created));
  return Show(inv, created, PrintRole);
}

absl::Status GetRole(Invocation& inv) {
  CADRE_ASSIGN_OR_RETURN(std::string name, RoleOperand(inv));
  CADRE_ASSIGN_OR_RETURN(v1::Role role, FetchRole(inv, name));
  return Show(inv, role, PrintRole);
}

absl::Status UpdateRole(Invocation& inv) {
  CADRE_ASSIGN_OR_RETURN(std::string name, RoleOperand(inv));
  v1::UpdateRoleRequest request;
  v1::Role* role = request.mutable_role();
  std::set<std::string> paths;
  CADRE_RETURN_IF_ERROR(ApplyRoleFlags(inv.args, role, &paths));
  if (paths.empty()) return UsageError("roles update: give at least one field to change");
  if (NeedsCurrentRole(paths)) {
    // --hours alone must not clear the duration and pattern: start from the stored
    // time commitment (and location, support), and send its etag so that a change
    // made meanwhile fails with ABORTED instead of being overwritten.
    CADRE_ASSIGN_OR_RETURN(*role, FetchRole(inv, name));
    paths.clear();
    CADRE_RETURN_IF_ERROR(ApplyRoleFlags(inv.args, role, &paths));
  } else {
    role->clear_etag();
  }
  role->set_name(name);
  if (inv.args.Has("etag")) role->set_etag(inv.args.Get("etag"));
  for (const std::string& path : paths) request.mutable_update_mask()->add_paths(path);
  v1::Role updated;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&Stub::UpdateRole, request, &updated));
  return Show(inv, updated, PrintRole);
}

absl::Status PublishRole(Invocation& inv) {
  v1::PublishRoleRequest request;
  CADRE_ASSIGN_OR_RETURN(*request.mutable_name(), RoleOperand(inv));
  request.set_etag(inv.args.Get("etag"));
  v1::Role role;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&Stub::PublishRole, request, &role));
  return Show(inv, role, PrintRole);
}

absl::Status CloseRole(Invocation& inv) {
  if (!inv.args.Has("as")) return UsageError("--as: required (closed, filled or cancelled)");
  v1::CloseRoleRequest request;
  CADRE_ASSIGN_OR_RETURN(*request.mutable_name(), RoleOperand(inv));
  CADRE_ASSIGN_OR_RETURN(v1::RoleState state, EnumFlag<v1::RoleState>(inv.args, "as"));
  if (state != v1::ROLE_STATE_CLOSED && state != v1::ROLE_STATE_FILLED &&
      state != v1::ROLE_STATE_CANCELLED) {
    return UsageError("--as: must be closed, filled or cancelled");
  }
  request.set_state(state);
  request.set_reason(inv.args.Get("reason"));
  request.set_etag(inv.args.Get("etag"));
  v1::Role role;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&Stub::CloseRole, request, &role));
  return Show(inv, role, PrintRole);
}

absl::Status ListRoles(Invocation& inv) {
  v1::ListRolesRequest request;
  CADRE_RETURN_IF_ERROR(ApplyListRolesFlags(inv.args, &request));
  return ListPages(inv, request, &Stub::ListRoles, &v1::ListRolesResponse::mutable_roles,
                   PrintRoles);
}

}  // namespace

std::vector<Command> RoleCommands() {
  const FlagSpec etag = {"etag", "ETAG", "fail with ABORTED unless the role still has this etag"};
  return {
      {"roles", "create", "", 0, 0, "create a role (in state draft)",
       WithFlags({{"body", "BODY", "the body offering it, bodies/CODE (required)"}},
                 RoleFieldFlags()),
       CreateRole,
       "Required: --body --title --level --rung --region --places. Give --closes before "
       "publishing."},
      {"roles", "get", "ROLE", 1, 1, "show a role (roles/ID or ID)", {}, GetRole},
      {"roles", "update", "ROLE", 1, 1, "change the fields given (a draft or open role)",
       WithFlags(RoleFieldFlags(), {etag}), UpdateRole,
       "Only the fields given change (the update mask is built from the flags). --hours,\n"
       "--mode, --payment... change part of a group: the role is read first and its etag sent."},
      {"roles", "publish", "ROLE", 1, 1, "open a draft role to applications", {etag}, PublishRole},
      {"roles",
       "close",
       "ROLE",
       1,
       1,
       "close, fill or cancel a role",
       {{"as", "STATE", "closed, filled or cancelled (required)"},
        {"reason", "TEXT", "why, up to 300 characters"},
        etag},
       CloseRole},
      {"roles", "list", "", 0, 0, "list roles (open ones unless --state)", ListRolesFlags(),
       ListRoles},
      {"roles", "search", "[WORDS...]", 0, -1,
       "list roles whose title or summary has all the words", ListRolesFlags(), ListRoles},
  };
}

}  // namespace cadre::cadrectl
