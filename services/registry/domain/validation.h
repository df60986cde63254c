#pragma once

// Field-by-field validation of what callers send. Pure: no I/O. Every function returns
// OK or INVALID_ARGUMENT whose message starts with the field's path ("role.title: ...").
// Output-only fields (name, state, times, etag) are ignored, as AIP-203 asks.

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "cadre/v1/registry.pb.h"
#include "services/common/base/validation.h"
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
}  // namespace cadre::registry
