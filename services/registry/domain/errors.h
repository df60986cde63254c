#pragma once

// The registry's catalogue of errors: every message a caller of the registry can see is
// made here or by the shared constructors in services/common/base/errors.h.

#include "absl/status/status.h"
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

// The replica's view of the store cannot be vouched fresh (Redis unreachable or the
// view still loading).
inline absl::Status ViewUnavailable() {
  return absl::UnavailableError("the registry's store is unreachable");
}

}  // namespace cadre::registry
