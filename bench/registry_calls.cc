#include "bench/registry_calls.h"

#include "bench/role_fixture.h"

namespace cadre::bench {
namespace {

using cadre::v1::GetRoleRequest;
using cadre::v1::ListRolesRequest;
using cadre::v1::ListRolesResponse;
using cadre::v1::Role;
using Stub = cadre::v1::Registry::Stub;

}  // namespace

SlotFactory GetRoleSlots(const std::vector<std::string>* names, bool parse,
                         absl::Duration deadline) {
  auto fill = [names](std::mt19937_64& rng, GetRoleRequest* request) {
    request->set_name((*names)[rng() % names->size()]);
  };
  return [fill, parse,
          deadline](const std::shared_ptr<grpc::Channel>& channel) -> std::unique_ptr<CallSlot> {
    if (parse) {
      return std::make_unique<TypedCallSlot<GetRoleRequest, Role>>(
          channel, &Stub::PrepareAsyncGetRole, fill, deadline);
    }
    return std::make_unique<RawCallSlot<GetRoleRequest>>(channel, "/cadre.v1.Registry/GetRole",
                                                         fill, deadline);
  };
}

SlotFactory ListRolesSlots(int page_size, bool parse, absl::Duration deadline) {
  auto fill = [page_size](std::mt19937_64& rng, ListRolesRequest* request) {
    request->set_region(static_cast<cadre::v1::Region>(1 + rng() % kRegionCount));
    request->set_level(static_cast<cadre::v1::InvolvementLevel>(1 + rng() % kLevelCount));
    request->set_page_size(page_size);
  };
  return [fill, parse,
          deadline](const std::shared_ptr<grpc::Channel>& channel) -> std::unique_ptr<CallSlot> {
    if (parse) {
      return std::make_unique<TypedCallSlot<ListRolesRequest, ListRolesResponse>>(
          channel, &Stub::PrepareAsyncListRoles, fill, deadline);
    }
    return std::make_unique<RawCallSlot<ListRolesRequest>>(channel, "/cadre.v1.Registry/ListRoles",
                                                           fill, deadline);
  };
}

}  // namespace cadre::bench
