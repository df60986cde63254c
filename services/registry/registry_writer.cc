#include "services/registry/registry_writer.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "services/common/base/status_macros.h"
#include "services/registry/domain/errors.h"
#include "services/registry/domain/names.h"
#include "services/registry/domain/update_mask.h"
#include "services/registry/domain/validation.h"
#include "services/registry/registry_writer_skeleton.h"

namespace cadre::registry {

using cadre::v1::Body;
using cadre::v1::RegistryEvent;
using cadre::v1::RoleType;

absl::Status OutcomeError(const WriteResult& result, const std::string& resource) {
  switch (result.outcome) {
    case WriteOutcome::kWritten:
    case WriteOutcome::kDuplicate:
      return absl::OkStatus();
    case WriteOutcome::kExists:
      return AlreadyExists("name", resource);
    case WriteOutcome::kNotFound:
      return NotFound(resource);
    case WriteOutcome::kStale:
    case WriteOutcome::kUnwatched:
      return EtagMismatch(resource);
    case WriteOutcome::kRateLimited:
      return RateLimited();
  }
  return absl::InternalError("unknown write outcome");
}

google::protobuf::Timestamp RegistryWriter::Now() const {
  return google::protobuf::util::TimeUtil::NanosecondsToTimestamp(absl::ToUnixNanos(clock_->Now()));
}

absl::StatusOr<absl::optional<std::string>> RegistryWriter::EarlierCreate(
    const Principal& p, absl::string_view kind, const std::string& request_id) {
  if (request_id.empty()) return absl::optional<std::string>();
  return store_->FindRequest(p.Actor(), kind, request_id);
}

RegistryEvent RegistryWriter::NewEvent(RegistryEvent::Type type, const std::string& resource,
                                       int64_t version, const std::string& actor) const {
  RegistryEvent event;
  event.set_type(type);
  event.set_resource(resource);
  event.set_version(version);
  *event.mutable_time() = Now();
  event.set_actor(actor);
  return event;
}

absl::Status RegistryWriter::CheckReferences(const std::string& body_name,
                                             const std::string& role_type,
                                             absl::string_view prefix) const {
  CADRE_ASSIGN_OR_RETURN(std::string code, ParseBodyName(body_name, absl::StrCat(prefix, ".body")));
  if (catalog_->FindBody(code) == nullptr) {
    return InvalidField(absl::StrCat(prefix, ".body"), absl::StrCat("no body ", body_name));
  }
  if (!role_type.empty()) {
    CADRE_ASSIGN_OR_RETURN(std::string id,
                           ParseRoleTypeName(role_type, absl::StrCat(prefix, ".role_type")));
    if (catalog_->FindRoleType(id) == nullptr) {
      return InvalidField(absl::StrCat(prefix, ".role_type"),
                          absl::StrCat("no role type ", role_type));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<Body> RegistryWriter::CreateBody(const Principal& p, Body body,
                                                const std::string& request_id) {
  CADRE_RETURN_IF_ERROR(RequireAdmin(p));
  body.DiscardUnknownFields();  // nothing unvalidated reaches the store
  CADRE_RETURN_IF_ERROR(ValidateBody(body, "body"));
  CADRE_RETURN_IF_ERROR(ValidateRequestId(request_id, "request_id"));
  return Create(p, std::move(body), request_id, RegistryEvent::BODY_CREATED,
                [this](Body& b) -> absl::StatusOr<std::string> {
                  // A body without an ODS code gets a Cadre-issued one.
                  std::string code = b.ods_code();
                  b.set_cadre_issued_code(code.empty());
                  if (code.empty()) {
                    CADRE_ASSIGN_OR_RETURN(int64_t seq, store_->NextBodySequence());
                    code = CadreIssuedCode(seq);
                    b.set_ods_code(code);
                  }
                  return BodyName(code);
                });
}

absl::StatusOr<Body> RegistryWriter::UpdateBody(const Principal& p, const Body& patch,
                                                const google::protobuf::FieldMask& mask) {
  CADRE_RETURN_IF_ERROR(RequireAuthenticated(p));
  CADRE_ASSIGN_OR_RETURN(std::string code, ParseBodyName(patch.name(), "body.name"));
  // The body's details are the body's to manage: its key, or a manager of its staff.
  CADRE_RETURN_IF_ERROR(RequireAdminOrBodyManager(p, code));
  CADRE_ASSIGN_OR_RETURN(auto stored, store_->GetBody(code));
  if (!stored) return NotFound(patch.name());
  if (!patch.etag().empty() && patch.etag() != absl::StrCat(stored->version)) {
    return EtagMismatch(patch.name());
  }
  Body body = std::move(stored->value);
  CADRE_RETURN_IF_ERROR(ApplyBodyMask(patch, mask, body));
  CADRE_RETURN_IF_ERROR(ValidateBody(body, "body"));
  return Commit<Body>(By(p), nullptr, std::move(body), stored->version,
                      RegistryEvent::BODY_UPDATED);
}

absl::StatusOr<RoleType> RegistryWriter::CreateRoleType(const Principal& p, RoleType role_type,
                                                        const std::string& id) {
  CADRE_RETURN_IF_ERROR(RequireAdmin(p));
  role_type.DiscardUnknownFields();
  if (!IsSlug(id, kMinRoleTypeId, kMaxRoleTypeId)) {
    return InvalidField("role_type_id", "must be 3 to 60 characters of a-z, 0-9 and '-'");
  }
  CADRE_RETURN_IF_ERROR(ValidateRoleType(role_type, "role_type"));
  // No request id: the caller names the role type, so a repeat answers ALREADY_EXISTS.
  return Create(p, std::move(role_type), "", RegistryEvent::ROLE_TYPE_CREATED,
                [&id](RoleType&) -> absl::StatusOr<std::string> { return RoleTypeName(id); });
}

}  // namespace cadre::registry
