#pragma once

// Bodies' staff accounts, the pure parts: their names ("bodies/{code}/staff/{id}"), the
// checks of what callers send, the proto's role and the principal's, and the order and
// paging of ListStaff. Pure: no gRPC, no Redis. Every INVALID_ARGUMENT names its field
// and never quotes an email.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "cadre/v1/registry.pb.h"
#include "google/protobuf/field_mask.pb.h"
#include "services/common/base/principal.h"

namespace cadre::registry {

// "bodies/RXF/staff/0123456789abcdef".
std::string StaffName(absl::string_view body_code, absl::string_view id);

struct StaffNameParts {
  std::string body_code;
  std::string id;
};
// The body code and id of a staff name in its one canonical form; INVALID_ARGUMENT
// naming `field` otherwise.
absl::StatusOr<StaffNameParts> ParseStaffName(absl::string_view name, absl::string_view field);

// kStaffIdLength lower-case hex digits.
bool IsStaffId(absl::string_view id);

// `email` trimmed of ASCII whitespace and lower-cased, when it has the shape of an
// address: at most kMaxStaffEmail printable ASCII characters without spaces, exactly one
// '@', 1 to kMaxStaffEmailLocal characters before it, and a domain with a dot neither
// first nor last nor doubled. INVALID_ARGUMENT naming `field` otherwise ("is required"
// when empty).
absl::StatusOr<std::string> NormaliseStaffEmail(absl::string_view email, absl::string_view field);

// The display name (kMinStaffName to kMaxStaffName characters, trimmed, no control
// characters) of `field`.
absl::Status CheckStaffDisplayName(absl::string_view display_name, absl::string_view field);

// A new account as CreateStaff takes it (`prefix` "staff"): display_name, email and a
// role, all required. Returns the account with its email normalised and every field
// the registry sets cleared.
absl::StatusOr<cadre::v1::Staff> ValidateNewStaff(const cadre::v1::Staff& staff,
                                                  absl::string_view prefix);

// UpdateStaff: the mask names display_name and/or role (nothing else, and not empty), the
// etag is given, and the fields it names are valid; copies them onto `target`.
absl::Status ApplyStaffUpdate(const cadre::v1::Staff& patch,
                              const google::protobuf::FieldMask& mask, absl::string_view etag,
                              cadre::v1::Staff& target);

// The principal's role for the proto's, and back; kNone for UNSPECIFIED (and unknowns).
StaffRole RoleFromProto(cadre::v1::StaffRole role);
cadre::v1::StaffRole RoleToProto(StaffRole role);

// A set-up token's shape: kSetupTokenLength characters of base64url (A-Z a-z 0-9 - _).
bool IsSetupTokenShape(absl::string_view token);

// One page of ListStaff from every account of a body: by display name (case folded),
// then id; deactivated ones only when asked. `cursor` is "" or what an earlier page
// answered as `next_cursor` (opaque to callers: it goes inside the page token).
struct StaffPage {
  std::vector<cadre::v1::Staff> staff;
  std::string next_cursor;  // "" when this is the last page
};
StaffPage PageStaff(std::vector<cadre::v1::Staff> all, bool include_deactivated,
                    absl::string_view cursor, int page_size);

}  // namespace cadre::registry
