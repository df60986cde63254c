#pragma once

// FieldMask updates (AIP-134): copies the named top-level fields of `patch` onto
// `target`, replacing (not merging) messages and repeated fields. Only the fields in
// `allowed` may be named; anything else is INVALID_ARGUMENT naming update_mask. An empty
// mask is INVALID_ARGUMENT too (we never guess which fields a caller meant). Fields the
// service does not know are dropped from `target`, so nothing unvalidated is kept.

#include <set>
#include <string>

#include "absl/status/status.h"
#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/message.h"

namespace cadre {

// `patch` and `target` are of one message type; `allowed` names its updatable fields.
absl::Status ApplyFieldMask(const google::protobuf::Message& patch,
                            const google::protobuf::FieldMask& mask,
                            const std::set<std::string>& allowed,
                            google::protobuf::Message& target);

}  // namespace cadre
