#pragma once

// Field-by-field validation of what callers send. Pure: no I/O. Every function returns
// OK or INVALID_ARGUMENT whose message starts with the field's path ("role.title: ...").
// Output-only fields (name, state, times, etag) are ignored, as AIP-203 asks.

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "cadre/v1/registry.pb.h"
#include "services/common/base/principal.h"
#include "services/common/base/validation.h"
#include "services/registry/domain/catalog.h"
#include "services/registry/domain/limits.h"

namespace cadre::registry {

// Each checks every field a client may set. `prefix` is the field path of the message,
// e.g. "role" or "role_type".
absl::Status ValidateBody(const cadre::v1::Body& body, absl::string_view prefix);
absl::Status ValidateRole(const cadre::v1::Role& role, absl::string_view prefix);
absl::Status ValidateAvenue(const cadre::v1::Avenue& avenue, absl::string_view prefix);
absl::Status ValidateRoleType(const cadre::v1::RoleType& role_type, absl::string_view prefix);

// The filters of a ListRoles request (not paging).
absl::Status ValidateListRoles(const cadre::v1::ListRolesRequest& request);

// The filters of the other list calls and of the map (not paging): each enum is 0 (no
// filter) or a known value; ListAvenues' body, when set, is a body name.
absl::Status ValidateListBodies(const cadre::v1::ListBodiesRequest& request);
absl::Status ValidateListAvenues(const cadre::v1::ListAvenuesRequest& request);
absl::Status ValidateListRoleTypes(const cadre::v1::ListRoleTypesRequest& request);
absl::Status ValidateGetInvolvementMap(const cadre::v1::GetInvolvementMapRequest& request);

// A CreateApiKey request: its label (at most kMaxLabel characters), kind, and subject
// (empty for an admin key; "bodies/{code}" of a body in `catalog` for a body key; a
// request-id-like id for an applicant or service key). Returns whom the key will stand
// for (kind and subject, the body's code for a body key; no key id). Who may issue it is
// CheckKeyIssue's question.
absl::StatusOr<Principal> ValidateCreateApiKey(const cadre::v1::CreateApiKeyRequest& request,
                                               const Catalog& catalog);
// A RevokeApiKey request: key_id looks like a key id.
absl::Status ValidateRevokeApiKey(const cadre::v1::RevokeApiKeyRequest& request);

// Whom a key stands for, from a kind and subject as CreateApiKeyRequest has them (a
// body's code for a body key; whether the body exists is not asked). INVALID_ARGUMENT
// naming "kind" or "subject".
absl::StatusOr<Principal> ParseKeyHolder(cadre::v1::PrincipalKind kind, const std::string& subject);

// A key's expiry (`has`: whether the request set it): after `now` and at most
// kMaxKeyLifetimeDays after it. nullopt when unset and not `required`. INVALID_ARGUMENT
// naming `field`.
absl::StatusOr<absl::optional<absl::Time>> ValidateKeyExpiry(bool has,
                                                             const google::protobuf::Timestamp& t,
                                                             absl::Time now, bool required,
                                                             absl::string_view field);

// Lower-case hex SHA-256: 64 characters of 0-9 and a-f.
bool IsSha256Hex(absl::string_view s);

// A valid RegisterApplicantKeyRequest.
struct ApplicantKeyRegistration {
  std::string applicant;  // the applicant id
  std::string key_sha256;
  std::string label;
  absl::Time expire_time;
};
// applicant (a request-id-like id), key_sha256, expire_time (required, as
// ValidateKeyExpiry), label (at most kMaxLabel characters). INVALID_ARGUMENT naming the
// field.
absl::StatusOr<ApplicantKeyRegistration> ValidateRegisterApplicantKey(
    const cadre::v1::RegisterApplicantKeyRequest& request, absl::Time now);
// key_sha256 is a SHA-256.
absl::Status ValidateRevokeApplicantKey(const cadre::v1::RevokeApplicantKeyRequest& request);
// The kind and subject of RevokeSubjectKeys and ListSubjectKeys, as ParseKeyHolder.
absl::StatusOr<Principal> ValidateSubjectKeys(cadre::v1::PrincipalKind kind,
                                              const std::string& subject);

}  // namespace cadre::registry
