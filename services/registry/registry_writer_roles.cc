// RegistryWriter: roles and standing avenues.

#include "absl/strings/str_cat.h"
#include "services/common/base/status_macros.h"
#include "services/registry/domain/errors.h"
#include "services/registry/domain/names.h"
#include "services/registry/domain/policy.h"
#include "services/registry/domain/role_lifecycle.h"
#include "services/registry/domain/update_mask.h"
#include "services/registry/domain/validation.h"
#include "services/registry/registry_writer.h"
#include "services/registry/registry_writer_skeleton.h"

namespace cadre::registry {

using cadre::v1::Avenue;
using cadre::v1::RegistryEvent;
using cadre::v1::Role;

absl::StatusOr<Role> RegistryWriter::CreateRole(const Principal& p, Role role,
                                                const std::string& request_id) {
  CADRE_RETURN_IF_ERROR(
      CheckNewOwned(p, role, "role", &ValidateRole, request_id, role.role_type()));
  return Create(p, std::move(role), request_id, RegistryEvent::ROLE_CREATED,
                [this](Role& r) -> absl::StatusOr<std::string> {
                  CADRE_ASSIGN_OR_RETURN(int64_t id, store_->NextRoleId());
                  // Every role starts as a draft, whatever the caller sent.
                  r.set_state(cadre::v1::ROLE_STATE_DRAFT);
                  r.clear_state_reason();
                  r.clear_publish_time();
                  r.clear_accepting_applications();  // output only, computed on reads
                  return RoleName(id);
                });
}

absl::StatusOr<Role> RegistryWriter::UpdateRole(const Principal& p, const Role& patch,
                                                const google::protobuf::FieldMask& mask) {
  CADRE_ASSIGN_OR_RETURN(auto stored, LoadOwned<Role>(p, patch.name(), patch.etag()));
  Role role = stored.value;
  if (!IsEditable(role.state())) {
    return WrongState(role.name(), StateName(role.state()), "updated");
  }
  CADRE_RETURN_IF_ERROR(ApplyRoleMask(patch, mask, role));
  CADRE_RETURN_IF_ERROR(ValidateRole(role, "role"));
  CADRE_RETURN_IF_ERROR(CheckReferences(role.body(), role.role_type(), "role"));
  // A later closing time makes an open role accept again (and its new closing is
  // announced in its turn); an earlier one, already past, ends its applications now.
  return Commit(By(p), &stored.value, std::move(role), stored.version, RegistryEvent::ROLE_UPDATED);
}

absl::StatusOr<Role> RegistryWriter::PublishRole(const Principal& p, const std::string& name,
                                                 const std::string& etag) {
  CADRE_ASSIGN_OR_RETURN(auto stored, LoadOwned<Role>(p, name, etag));
  Role role = stored.value;
  CADRE_RETURN_IF_ERROR(Publish(role, clock_->Now()));
  return Commit(By(p), &stored.value, std::move(role), stored.version,
                RegistryEvent::ROLE_PUBLISHED);
}

absl::StatusOr<Role> RegistryWriter::EndRole(const Principal& p, const std::string& name,
                                             cadre::v1::RoleState to, const std::string& reason,
                                             const std::string& etag) {
  // The matching service may mark any body's open role filled, and nothing else.
  CADRE_RETURN_IF_ERROR(CheckEndRoleRequest(p, to));
  CADRE_ASSIGN_OR_RETURN(auto stored, LoadChecked<Role>(p, name, etag, [&](absl::string_view code) {
                           return CheckEndRole(p, code, to);
                         }));
  Role role = stored.value;
  CADRE_RETURN_IF_ERROR(End(role, to, reason));
  return Commit(By(p), &stored.value, std::move(role), stored.version, EventFor(to));
}

absl::StatusOr<Avenue> RegistryWriter::CreateAvenue(const Principal& p, Avenue avenue,
                                                    const std::string& request_id) {
  CADRE_RETURN_IF_ERROR(CheckNewOwned(p, avenue, "avenue", &ValidateAvenue, request_id, ""));
  return Create(p, std::move(avenue), request_id, RegistryEvent::AVENUE_CREATED,
                [this](Avenue&) -> absl::StatusOr<std::string> {
                  CADRE_ASSIGN_OR_RETURN(int64_t id, store_->NextAvenueId());
                  return AvenueName(id);
                });
}

absl::StatusOr<Avenue> RegistryWriter::UpdateAvenue(const Principal& p, const Avenue& patch,
                                                    const google::protobuf::FieldMask& mask) {
  CADRE_ASSIGN_OR_RETURN(auto stored, LoadOwned<Avenue>(p, patch.name(), patch.etag()));
  Avenue avenue = std::move(stored.value);
  CADRE_RETURN_IF_ERROR(ApplyAvenueMask(patch, mask, avenue));
  CADRE_RETURN_IF_ERROR(ValidateAvenue(avenue, "avenue"));
  return Commit<Avenue>(By(p), nullptr, std::move(avenue), stored.version,
                        RegistryEvent::AVENUE_UPDATED);
}

absl::Status RegistryWriter::DeleteAvenue(const Principal& p, const std::string& name,
                                          const std::string& etag) {
  CADRE_ASSIGN_OR_RETURN(auto stored, LoadOwned<Avenue>(p, name, etag));
  // Nothing is written in its place; the event carries the avenue as it was.
  CADRE_ASSIGN_OR_RETURN(WriteResult result,
                         WriteChange<Avenue>(By(p), nullptr, stored.value, stored.version,
                                             RegistryEvent::AVENUE_DELETED, ""));
  CADRE_RETURN_IF_ERROR(OutcomeError(result, name));
  catalog_->RemoveAvenue(NumericId(name), stored.version + 1);
  return absl::OkStatus();
}

}  // namespace cadre::registry
