#include "services/registry/domain/update_mask.h"

#include <set>
#include <string>

#include "services/common/base/field_mask.h"

namespace cadre::registry {

absl::Status ApplyBodyMask(const cadre::v1::Body& patch, const google::protobuf::FieldMask& mask,
                           cadre::v1::Body& target) {
  static const std::set<std::string> kAllowed = {"display_name", "region", "website", "description",
                                                 "contact_email"};
  return ApplyFieldMask(patch, mask, kAllowed, target);
}

absl::Status ApplyRoleMask(const cadre::v1::Role& patch, const google::protobuf::FieldMask& mask,
                           cadre::v1::Role& target) {
  static const std::set<std::string> kAllowed = {"title",
                                                 "summary",
                                                 "level",
                                                 "rung",
                                                 "time_commitment",
                                                 "expertise_sought",
                                                 "topics",
                                                 "lived_experience_sought",
                                                 "location",
                                                 "support",
                                                 "required_credentials",
                                                 "places",
                                                 "closing_time",
                                                 "role_type",
                                                 "minimum_age"};
  return ApplyFieldMask(patch, mask, kAllowed, target);
}

absl::Status ApplyAvenueMask(const cadre::v1::Avenue& patch,
                             const google::protobuf::FieldMask& mask, cadre::v1::Avenue& target) {
  static const std::set<std::string> kAllowed = {
      "kind",  "title",           "description",      "how_to_join",
      "level", "time_commitment", "expertise_sought", "location"};
  return ApplyFieldMask(patch, mask, kAllowed, target);
}

}  // namespace cadre::registry
