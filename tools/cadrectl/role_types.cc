// role-types create | list: the menu of options.

#include "cadre/v1/registry.pb.h"
#include "services/common/base/status_macros.h"
#include "tools/cadrectl/command.h"
#include "tools/cadrectl/enums.h"
#include "tools/cadrectl/output.h"
#include "tools/cadrectl/resource_flags.h"
#include "tools/cadrectl/views.h"

namespace cadre::cadrectl {
namespace {

namespace v1 = cadre::v1;

absl::Status CreateRoleType(Invocation& inv) {
  CADRE_RETURN_IF_ERROR(RequireFlags(inv.args, {"title", "level", "rung"}));
  v1::CreateRoleTypeRequest request;
  // The operand is the id part; "roleTypes/x" is accepted too.
  CADRE_ASSIGN_OR_RETURN(std::string name,
                         ResourceName("roleTypes", inv.args.positionals[0], "ID"));
  request.set_role_type_id(name.substr(sizeof("roleTypes/") - 1));
  v1::RoleType* type = request.mutable_role_type();
  type->set_title(inv.args.Get("title"));
  type->set_description(inv.args.Get("description"));
  CADRE_ASSIGN_OR_RETURN(auto level, EnumFlag<v1::InvolvementLevel>(inv.args, "level"));
  type->set_level(level);
  CADRE_ASSIGN_OR_RETURN(auto rung, EnumFlag<v1::EngagementRung>(inv.args, "rung"));
  type->set_rung(rung);
  CADRE_RETURN_IF_ERROR(ApplyTimeFlags(inv.args, type->mutable_typical_time()));
  for (const std::string& tag : ListFlag(inv.args, "expertise")) type->add_typical_expertise(tag);
  v1::RoleType created;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&Stub::CreateRoleType, request, &created));
  return Show(inv, created, PrintRoleType);
}

absl::Status ListRoleTypes(Invocation& inv) {
  v1::ListRoleTypesRequest request;
  CADRE_RETURN_IF_ERROR(
      OptionalEnum(inv.args, "level", &request, &v1::ListRoleTypesRequest::set_level));
  v1::ListRoleTypesResponse response;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&Stub::ListRoleTypes, request, &response));
  if (inv.options.json) return PrintJson(response, inv.out);
  PrintRoleTypes(response.role_types(), inv.out);
  return absl::OkStatus();
}

}  // namespace

std::vector<Command> RoleTypeCommands() {
  const std::vector<FlagSpec> create_flags = WithFlags(
      {
          {"title", "TEXT", "3-120 characters (required)"},
          {"description", "TEXT", "up to 2000 characters"},
          {"level", "1-4", "involvement level (required)"},
          {"rung", "RUNG", "inform, consult, involve, collaborate or devolve (required)"},
          {"expertise", "TAGS", "typical expertise, comma-separated tags"},
      },
      TimeFlags());
  return {
      {"role-types", "create", "ID", 1, 1,
       "add an entry to the menu of options (admin); ID: 3-60 of a-z, 0-9, '-'", create_flags,
       CreateRoleType, "Required: --title --level --rung."},
      {"role-types",
       "list",
       "",
       0,
       0,
       "the menu of options, by level then title",
       {{"level", "1-4", "only this involvement level"}},
       ListRoleTypes},
  };
}

}  // namespace cadre::cadrectl
