// map: the involvement map.

#include "cadre/v1/registry.pb.h"
#include "services/common/status_macros.h"
#include "tools/cadrectl/command.h"
#include "tools/cadrectl/enums.h"
#include "tools/cadrectl/output.h"
#include "tools/cadrectl/views.h"

namespace cadre::cadrectl {
namespace {

namespace v1 = cadre::v1;

absl::Status ShowMap(Invocation& inv) {
  v1::GetInvolvementMapRequest request;
  if (inv.args.Has("body-kind")) {
    CADRE_ASSIGN_OR_RETURN(auto kind, EnumFlag<v1::BodyKind>(inv.args, "body-kind"));
    request.set_body_kind(kind);
  }
  if (inv.args.Has("region")) {
    CADRE_ASSIGN_OR_RETURN(auto region, EnumFlag<v1::Region>(inv.args, "region"));
    request.set_region(region);
  }
  if (inv.args.Has("level")) {
    CADRE_ASSIGN_OR_RETURN(auto level, EnumFlag<v1::InvolvementLevel>(inv.args, "level"));
    request.set_level(level);
  }
  v1::InvolvementMap map;
  CADRE_RETURN_IF_ERROR(inv.client.Run(
      [&](auto& stub, auto* context) { return stub.GetInvolvementMap(context, request, &map); }));
  if (inv.options.json) return PrintJson(map, inv.out);
  PrintInvolvementMap(map, inv.out);
  return absl::OkStatus();
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
