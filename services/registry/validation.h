#pragma once

// Field-by-field validation of what callers send. Pure: no I/O. Every function returns
// OK or INVALID_ARGUMENT whose message starts with the field's path ("role.title: ...").
// Output-only fields (name, state, times, etag) are ignored, as AIP-203 asks.

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "cadre/v1/registry.pb.h"

namespace cadre::registry {

// Limits, shared with the proto comments.
inline constexpr int kMaxTitle = 120;
inline constexpr int kMinTitle = 3;
inline constexpr int kMaxSummary = 2000;
inline constexpr int kMaxLivedExperience = 500;
inline constexpr int kMaxHoursPerMonth = 200;
inline constexpr int kMaxDurationMonths = 60;
inline constexpr int kMaxPattern = 200;
inline constexpr int kMaxTags = 20;
inline constexpr int kMaxTagLength = 40;
inline constexpr int kMaxCredentials = 10;
inline constexpr int kMaxPlaces = 100;
inline constexpr int kMaxRatePence = 100000;
inline constexpr int kMaxPlace = 120;
inline constexpr int kMaxReason = 300;
inline constexpr int kMaxUrl = 300;
inline constexpr int kMaxBodyName = 160;
inline constexpr int kMaxQuery = 200;
inline constexpr int kMaxQueryWords = 8;
inline constexpr int kMaxLabel = 120;

// Each checks every field a client may set. `prefix` is the field path of the message,
// e.g. "role" or "role_type".
absl::Status ValidateBody(const cadre::v1::Body& body, absl::string_view prefix);
absl::Status ValidateRole(const cadre::v1::Role& role, absl::string_view prefix);
absl::Status ValidateAvenue(const cadre::v1::Avenue& avenue, absl::string_view prefix);
absl::Status ValidateRoleType(const cadre::v1::RoleType& role_type, absl::string_view prefix);

absl::Status ValidateRequestId(absl::string_view request_id, absl::string_view field);
// The filters of a ListRoles request (not paging).
absl::Status ValidateListRoles(const cadre::v1::ListRolesRequest& request);
// page_size: negative is INVALID_ARGUMENT; 0 gives `default_size`; above `max_size` is
// lowered to it (AIP-158).
absl::StatusOr<int> EffectivePageSize(int page_size, int default_size, int max_size);

// Number of Unicode code points in valid UTF-8 (protobuf has already rejected invalid
// UTF-8 in string fields).
int Utf8Length(absl::string_view s);

}  // namespace cadre::registry
