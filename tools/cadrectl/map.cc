// map: the involvement map.

#include "cadre/v1/registry.pb.h"
#include "services/common/base/status_macros.h"
#include "tools/cadrectl/command.h"
#include "tools/cadrectl/enums.h"
#include "tools/cadrectl/output.h"
#include "tools/cadrectl/views.h"

namespace cadre::cadrectl {
namespace {

namespace v1 = cadre::v1;

absl::Status ShowMap(Invocation& inv) {
  using v1::GetInvolvementMapRequest;
  GetInvolvementMapRequest request;
  CADRE_RETURN_IF_ERROR(
      OptionalEnum(inv.args, "body-kind", &request, &GetInvolvementMapRequest::set_body_kind));
  CADRE_RETURN_IF_ERROR(
      OptionalEnum(inv.args, "region", &request, &GetInvolvementMapRequest::set_region));
  CADRE_RETURN_IF_ERROR(
      OptionalEnum(inv.args, "level", &request, &GetInvolvementMapRequest::set_level));
  v1::InvolvementMap map;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&Stub::GetInvolvementMap, request, &map));
  return Show(inv, map, PrintInvolvementMap);
}

}  // namespace

std::vector<Command> MapCommands() {
  return {
      {"map",
       "",
       "",
       0,
       0,
       "every way into every body: avenues and open roles",
       {{"body-kind", "KIND", "only bodies of this kind"},
        {"region", "REGION", "only this region"},
        {"level", "1-4", "only this involvement level"}},
       ShowMap},
  };
}

}  // namespace cadre::cadrectl
