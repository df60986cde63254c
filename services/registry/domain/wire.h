#pragma once

// Answers written from bytes the view already holds: a ListRolesResponse is its roles'
// serialised bytes, each behind the repeated field's tag and length, then the token and
// the view's position.
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

// The serialised cadre.v1.ListRolesResponse with `roles` (each a serialised Role) in
// field 1 and, when not empty, `next_page_token` in field 2 and `view_position` in
// field 3. Every pointer must be set. The string is reserved at its exact size once,
// then written.
std::string EncodeListRolesPage(const std::vector<WirePtr>& roles,
                                absl::string_view next_page_token,
                                absl::string_view view_position = {});

}  // namespace cadre::registry
