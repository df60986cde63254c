#include "services/registry/update_mask.h"

#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/reflection.h"
#include "services/registry/errors.h"

namespace cadre::registry {
namespace {

// Copies each named field by reflection after checking it is in `allowed`.
absl::Status ApplyMask(const google::protobuf::Message& patch,
                       const google::protobuf::FieldMask& mask,
                       const std::set<std::string>& allowed, google::protobuf::Message& target) {
  if (mask.paths_size() == 0) {
    return InvalidField("update_mask", "is required: name the fields to change");
  }
  const auto* descriptor = target.GetDescriptor();
  const auto* reflection = target.GetReflection();
  for (const std::string& path : mask.paths()) {
    if (!allowed.contains(path)) {
      return InvalidField("update_mask",
                          absl::StrCat("'", path, "' cannot be updated; updatable fields: ",
                                       absl::StrJoin(allowed, ", ")));
    }
  }
  for (const std::string& path : mask.paths()) {
    const auto* field = descriptor->FindFieldByName(path);
    reflection->ClearField(&target, field);
    if (field->is_repeated()) {
      const int n = patch.GetReflection()->FieldSize(patch, field);
      for (int i = 0; i < n; ++i) {
        if (field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_STRING) {
          reflection->AddString(&target, field,
                                patch.GetReflection()->GetRepeatedString(patch, field, i));
        }
      }
    } else if (field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) {
      if (patch.GetReflection()->HasField(patch, field)) {
        reflection->MutableMessage(&target, field)
            ->CopyFrom(patch.GetReflection()->GetMessage(patch, field));
      }
    } else if (field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_STRING) {
      reflection->SetString(&target, field, patch.GetReflection()->GetString(patch, field));
    } else if (field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_ENUM) {
      reflection->SetEnumValue(&target, field, patch.GetReflection()->GetEnumValue(patch, field));
    } else if (field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_INT32) {
      reflection->SetInt32(&target, field, patch.GetReflection()->GetInt32(patch, field));
    } else if (field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_BOOL) {
      reflection->SetBool(&target, field, patch.GetReflection()->GetBool(patch, field));
    } else {
      return absl::InternalError(absl::StrCat("no mask support for field ", path));
    }
  }
  // Fields this service does not know (sent by a newer or hostile client) are never kept:
  // nothing unvalidated and unbounded reaches the store.
  target.DiscardUnknownFields();
  return absl::OkStatus();
}

}  // namespace

absl::Status ApplyBodyMask(const cadre::v1::Body& patch, const google::protobuf::FieldMask& mask,
                           cadre::v1::Body& target) {
  static const std::set<std::string> kAllowed = {"display_name", "region", "website",
                                                 "description"};
  return ApplyMask(patch, mask, kAllowed, target);
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
                                                 "role_type"};
  return ApplyMask(patch, mask, kAllowed, target);
}

absl::Status ApplyAvenueMask(const cadre::v1::Avenue& patch,
                             const google::protobuf::FieldMask& mask, cadre::v1::Avenue& target) {
  static const std::set<std::string> kAllowed = {
      "kind",  "title",           "description",      "how_to_join",
      "level", "time_commitment", "expertise_sought", "location"};
  return ApplyMask(patch, mask, kAllowed, target);
}

}  // namespace cadre::registry
