#pragma once

// The registry's catalogue of errors: every message a caller of the registry can see is
// made here or by the shared constructors in services/common/base/errors.h.

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "services/common/base/errors.h"

namespace cadre::registry {

// Roles not open are listed only for their own body or an admin.
inline absl::Status NonOpenListingDenied() {
  return absl::PermissionDeniedError(
      "roles that are not open can be listed only by their own body (set body to yours) or an "
      "admin");
}

inline absl::Status KeyIssueDenied() {
  return absl::PermissionDeniedError("only an admin may issue this key");
}

inline absl::Status KeyRevokeDenied() {
  return absl::PermissionDeniedError("only an admin or the key's body may revoke it");
}

// RegisterApplicantKey and RevokeApplicantKey.
inline absl::Status MatchingServiceOnly() {
  return absl::PermissionDeniedError("only the matching service may call this");
}

// CloseRole by the matching service with a state other than FILLED.
inline absl::Status MatchingMayOnlyFill() {
  return absl::PermissionDeniedError("the matching service may only mark an open role filled");
}

// RevokeSubjectKeys and ListSubjectKeys.
inline absl::Status SubjectKeysDenied() {
  return absl::PermissionDeniedError(
      "only an admin, or the matching service for an applicant's keys, may do this");
}

// A body name, well formed, of no body the registry knows: "subject: no body bodies/XYZ".
inline absl::Status NoSuchBody(absl::string_view field, absl::string_view body_name) {
  return InvalidField(field, absl::StrCat("no body ", Echo(body_name)));
}

// No API key has this id: "key k_123 not found".
inline absl::Status KeyNotFound(absl::string_view key_id) {
  return NotFound(absl::StrCat("key ", key_id));
}

// The replica's view of the store cannot be vouched fresh (Redis unreachable or the
// view still loading).
inline absl::Status ViewUnavailable() {
  return absl::UnavailableError("the registry's store is unreachable");
}

}  // namespace cadre::registry
