// RegistryWriter: roles and standing avenues.

#include "absl/strings/str_cat.h"
#include "services/common/base/status_macros.h"
#include "services/registry/domain/errors.h"
#include "services/registry/domain/names.h"
#include "services/registry/domain/role_lifecycle.h"
#include "services/registry/domain/update_mask.h"
#include "services/registry/domain/validation.h"
#include "services/registry/registry_writer.h"

namespace cadre::registry {

using cadre::v1::Avenue;
using cadre::v1::RegistryEvent;
using cadre::v1::Role;

absl::StatusOr<Role> RegistryWriter::CreateRole(const Principal& p, Role role,
                                                const std::string& request_id) {
  CADRE_RETURN_IF_ERROR(RequireAuthenticated(p));
  role.DiscardUnknownFields();  // nothing unvalidated reaches the store
  CADRE_ASSIGN_OR_RETURN(std::string code, ParseBodyName(role.body(), "role.body"));
  CADRE_RETURN_IF_ERROR(RequireAdminOrBody(p, code));
  CADRE_RETURN_IF_ERROR(ValidateRole(role, "role"));
  CADRE_RETURN_IF_ERROR(ValidateRequestId(request_id, "request_id"));
  CADRE_RETURN_IF_ERROR(CheckReferences(role.body(), role.role_type(), "role"));
  auto load = [this](const std::string& name) { return store_->GetRole(NumericId(name)); };
  CADRE_ASSIGN_OR_RETURN(auto earlier, EarlierCreate(p, "role", request_id));
  if (earlier) return LoadCreated<Role>(*earlier, load);
  CADRE_ASSIGN_OR_RETURN(int64_t id, store_->NextRoleId());
  const std::string name = RoleName(id);
  role.set_name(name);
  role.set_state(cadre::v1::ROLE_STATE_DRAFT);
  role.clear_state_reason();
  role.clear_publish_time();
  role.clear_etag();
  *role.mutable_create_time() = Now();
  *role.mutable_update_time() = role.create_time();

  Write write{0, &role, NewEvent(RegistryEvent::ROLE_CREATED, name, 1, p), request_id,
              RateLimitFor(p)};
  *write.event.mutable_role() = role;
  CADRE_ASSIGN_OR_RETURN(WriteResult result, store_->WriteRole(id, write));
  if (result.outcome == WriteOutcome::kDuplicate) {
    return LoadCreated<Role>(result.prior_resource, load);
  }
  CADRE_RETURN_IF_ERROR(OutcomeError(result, name));
  catalog_->PutRole(role, 1);
  role.set_etag("1");
  return role;
}

absl::StatusOr<Stored<Role>> RegistryWriter::LoadOwnedRole(const Principal& p,
                                                           const std::string& name,
                                                           const std::string& etag) {
  CADRE_RETURN_IF_ERROR(RequireAuthenticated(p));
  CADRE_ASSIGN_OR_RETURN(int64_t id, ParseRoleName(name, "name"));
  CADRE_ASSIGN_OR_RETURN(auto stored, store_->GetRole(id));
  if (!stored) return NotFound(name);
  CADRE_RETURN_IF_ERROR(RequireAdminOrBody(p, BodyCodeOf(stored->value.body())));
  if (!etag.empty() && etag != absl::StrCat(stored->version)) return EtagMismatch(name);
  return *std::move(stored);
}

absl::StatusOr<Role> RegistryWriter::CommitRole(const Principal& p, Role role, int64_t from_version,
                                                RegistryEvent::Type type) {
  *role.mutable_update_time() = Now();
  role.clear_etag();
  const int64_t version = from_version + 1;
  Write write{from_version, &role, NewEvent(type, role.name(), version, p), "", RateLimitFor(p)};
  *write.event.mutable_role() = role;
  CADRE_ASSIGN_OR_RETURN(WriteResult result, store_->WriteRole(NumericId(role.name()), write));
  CADRE_RETURN_IF_ERROR(OutcomeError(result, role.name()));
  catalog_->PutRole(role, version);
  role.set_etag(absl::StrCat(version));
  return role;
}

absl::StatusOr<Role> RegistryWriter::UpdateRole(const Principal& p, const Role& patch,
                                                const google::protobuf::FieldMask& mask) {
  CADRE_ASSIGN_OR_RETURN(auto stored, LoadOwnedRole(p, patch.name(), patch.etag()));
  Role role = std::move(stored.value);
  if (!IsEditable(role.state())) {
    return WrongState(role.name(), StateName(role.state()), "updated");
  }
  CADRE_RETURN_IF_ERROR(ApplyRoleMask(patch, mask, role));
  CADRE_RETURN_IF_ERROR(ValidateRole(role, "role"));
  CADRE_RETURN_IF_ERROR(CheckReferences(role.body(), role.role_type(), "role"));
  return CommitRole(p, std::move(role), stored.version, RegistryEvent::ROLE_UPDATED);
}

absl::StatusOr<Role> RegistryWriter::PublishRole(const Principal& p, const std::string& name,
                                                 const std::string& etag) {
  CADRE_ASSIGN_OR_RETURN(auto stored, LoadOwnedRole(p, name, etag));
  Role role = std::move(stored.value);
  CADRE_RETURN_IF_ERROR(Publish(role, clock_->Now()));
  return CommitRole(p, std::move(role), stored.version, RegistryEvent::ROLE_PUBLISHED);
}

absl::StatusOr<Role> RegistryWriter::EndRole(const Principal& p, const std::string& name,
                                             cadre::v1::RoleState to, const std::string& reason,
                                             const std::string& etag) {
  CADRE_ASSIGN_OR_RETURN(auto stored, LoadOwnedRole(p, name, etag));
  Role role = std::move(stored.value);
  CADRE_RETURN_IF_ERROR(End(role, to, reason));
  return CommitRole(p, std::move(role), stored.version, EventFor(to));
}

absl::StatusOr<Avenue> RegistryWriter::CreateAvenue(const Principal& p, Avenue avenue,
                                                    const std::string& request_id) {
  CADRE_RETURN_IF_ERROR(RequireAuthenticated(p));
  avenue.DiscardUnknownFields();  // nothing unvalidated reaches the store
  CADRE_ASSIGN_OR_RETURN(std::string code, ParseBodyName(avenue.body(), "avenue.body"));
  CADRE_RETURN_IF_ERROR(RequireAdminOrBody(p, code));
  CADRE_RETURN_IF_ERROR(ValidateAvenue(avenue, "avenue"));
  CADRE_RETURN_IF_ERROR(ValidateRequestId(request_id, "request_id"));
  CADRE_RETURN_IF_ERROR(CheckReferences(avenue.body(), "", "avenue"));
  auto load = [this](const std::string& name) { return store_->GetAvenue(NumericId(name)); };
  CADRE_ASSIGN_OR_RETURN(auto earlier, EarlierCreate(p, "avenue", request_id));
  if (earlier) return LoadCreated<Avenue>(*earlier, load);
  CADRE_ASSIGN_OR_RETURN(int64_t id, store_->NextAvenueId());
  const std::string name = AvenueName(id);
  avenue.set_name(name);
  avenue.clear_etag();
  *avenue.mutable_create_time() = Now();
  *avenue.mutable_update_time() = avenue.create_time();
  Write write{0, &avenue, NewEvent(RegistryEvent::AVENUE_CREATED, name, 1, p), request_id,
              RateLimitFor(p)};
  *write.event.mutable_avenue() = avenue;
  CADRE_ASSIGN_OR_RETURN(WriteResult result, store_->WriteAvenue(id, write));
  if (result.outcome == WriteOutcome::kDuplicate) {
    return LoadCreated<Avenue>(result.prior_resource, load);
  }
  CADRE_RETURN_IF_ERROR(OutcomeError(result, name));
  catalog_->PutAvenue(avenue, 1);
  avenue.set_etag("1");
  return avenue;
}

absl::StatusOr<Stored<Avenue>> RegistryWriter::LoadOwnedAvenue(const Principal& p,
                                                               const std::string& name,
                                                               const std::string& etag) {
  CADRE_RETURN_IF_ERROR(RequireAuthenticated(p));
  CADRE_ASSIGN_OR_RETURN(int64_t id, ParseAvenueName(name, "name"));
  CADRE_ASSIGN_OR_RETURN(auto stored, store_->GetAvenue(id));
  if (!stored) return NotFound(name);
  CADRE_RETURN_IF_ERROR(RequireAdminOrBody(p, BodyCodeOf(stored->value.body())));
  if (!etag.empty() && etag != absl::StrCat(stored->version)) return EtagMismatch(name);
  return *std::move(stored);
}

absl::StatusOr<Avenue> RegistryWriter::UpdateAvenue(const Principal& p, const Avenue& patch,
                                                    const google::protobuf::FieldMask& mask) {
  CADRE_ASSIGN_OR_RETURN(auto stored, LoadOwnedAvenue(p, patch.name(), patch.etag()));
  Avenue avenue = std::move(stored.value);
  CADRE_RETURN_IF_ERROR(ApplyAvenueMask(patch, mask, avenue));
  CADRE_RETURN_IF_ERROR(ValidateAvenue(avenue, "avenue"));
  *avenue.mutable_update_time() = Now();
  const int64_t version = stored.version + 1;
  Write write{stored.version, &avenue,
              NewEvent(RegistryEvent::AVENUE_UPDATED, avenue.name(), version, p), "",
              RateLimitFor(p)};
  *write.event.mutable_avenue() = avenue;
  CADRE_ASSIGN_OR_RETURN(WriteResult result, store_->WriteAvenue(NumericId(avenue.name()), write));
  CADRE_RETURN_IF_ERROR(OutcomeError(result, avenue.name()));
  catalog_->PutAvenue(avenue, version);
  avenue.set_etag(absl::StrCat(version));
  return avenue;
}

absl::Status RegistryWriter::DeleteAvenue(const Principal& p, const std::string& name,
                                          const std::string& etag) {
  CADRE_ASSIGN_OR_RETURN(auto stored, LoadOwnedAvenue(p, name, etag));
  const int64_t version = stored.version + 1;
  Write write{stored.version, nullptr, NewEvent(RegistryEvent::AVENUE_DELETED, name, version, p),
              "", RateLimitFor(p)};
  *write.event.mutable_avenue() = stored.value;
  CADRE_ASSIGN_OR_RETURN(WriteResult result, store_->WriteAvenue(NumericId(name), write));
  CADRE_RETURN_IF_ERROR(OutcomeError(result, name));
  catalog_->RemoveAvenue(NumericId(name), version);
  return absl::OkStatus();
}

}  // namespace cadre::registry
