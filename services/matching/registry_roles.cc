#include "services/matching/registry_roles.h"

namespace cadre::matching {

absl::StatusOr<cadre::v1::Role> RegistryRoles::Get(const std::string& role_name) const {
  cadre::v1::GetRoleRequest request;
  request.set_name(role_name);
  cadre::v1::Role role;
  if (absl::Status s = registry_.Call(&cadre::v1::Registry::Stub::GetRole, request, &role);
      !s.ok()) {
    return s;
  }
  return role;
}

absl::StatusOr<cadre::v1::Role> RegistryRoles::MarkFilled(const std::string& role_name,
                                                          const std::string& reason) const {
  cadre::v1::CloseRoleRequest request;
  request.set_name(role_name);
  request.set_state(cadre::v1::ROLE_STATE_FILLED);
  request.set_reason(reason);
  cadre::v1::Role role;
  if (absl::Status s = registry_.Call(&cadre::v1::Registry::Stub::CloseRole, request, &role);
      !s.ok()) {
    return s;
  }
  return role;
}

}  // namespace cadre::matching
