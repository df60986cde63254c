#pragma once

// Answers written from bytes the view already holds: a ListRolesResponse is its roles'
// serialised bytes, each behind the repeated field's tag and length, then the next page's
// token, the view's position and the previous page's token.
// Byte for byte what ListRolesResponse::SerializeAsString gives for the same roles and
// token (protobuf writes fields in number order, and none of these messages has a map).
// Pure C++ over protobuf's wire format; no gRPC.

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace cadre::registry {

// A record's serialised bytes, shared by the view and the answers that send them.
using WirePtr = std::shared_ptr<const std::string>;

// Role.accepting_applications (field 24, the highest of Role) set to true, as protobuf
// writes it: tag 24 varint (0xC0 0x01), then 1. Appended to the bytes of a Role that has
// it false, it makes the bytes SerializeAsString gives for the role with it true, since
// protobuf writes fields in number order (tests/registry/unit/wire_test.cc checks both).
inline constexpr absl::string_view kAcceptingApplicationsTrue("\xC0\x01\x01", 3);

// `role` (a serialised Role with accepting_applications false) with it true.
std::string WithAcceptingApplications(absl::string_view role);

// The serialised cadre.v1.ListRolesResponse with `roles` (each a serialised Role) in
// field 1 and, when not empty, `next_page_token` in field 2, `view_position` in field 3
// and `previous_page_token` in field 4. Every pointer must be set. `accepting`: empty
// (every role as it is), or one flag per role, true to write that role with
// accepting_applications true (its bytes must have it false). The string is reserved at
// its exact size once, then written.
std::string EncodeListRolesPage(const std::vector<WirePtr>& roles,
                                absl::string_view next_page_token,
                                absl::string_view view_position = {},
                                const std::vector<bool>& accepting = {},
                                absl::string_view previous_page_token = {});

}  // namespace cadre::registry
