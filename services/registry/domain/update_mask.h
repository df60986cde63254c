#pragma once

// FieldMask updates (AIP-134): copies the named top-level fields of `patch` onto
// `target`. Only the fields listed as updatable for each resource may be named;
// anything else is INVALID_ARGUMENT naming update_mask. An empty mask is
// INVALID_ARGUMENT too (we never guess which fields a caller meant).

#include "absl/status/status.h"
#include "cadre/v1/registry.pb.h"
#include "google/protobuf/field_mask.pb.h"

namespace cadre::registry {

absl::Status ApplyBodyMask(const cadre::v1::Body& patch, const google::protobuf::FieldMask& mask,
                           cadre::v1::Body& target);
absl::Status ApplyRoleMask(const cadre::v1::Role& patch, const google::protobuf::FieldMask& mask,
                           cadre::v1::Role& target);
absl::Status ApplyAvenueMask(const cadre::v1::Avenue& patch,
                             const google::protobuf::FieldMask& mask, cadre::v1::Avenue& target);

}  // namespace cadre::registry
