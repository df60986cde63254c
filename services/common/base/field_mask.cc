#include "services/common/base/field_mask.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/util/field_mask_util.h"
#include "services/common/base/errors.h"

namespace cadre {

absl::Status ApplyFieldMask(const google::protobuf::Message& patch,
                            const google::protobuf::FieldMask& mask,
                            const std::set<std::string>& allowed,
                            google::protobuf::Message& target) {
  if (mask.paths_size() == 0) {
    return InvalidField("update_mask", "is required: name the fields to change");
  }
  for (const std::string& path : mask.paths()) {
    if (!allowed.contains(path)) {
      return InvalidField("update_mask",
                          absl::StrCat("'", Echo(path), "' cannot be updated; updatable fields: ",
                                       absl::StrJoin(allowed, ", ")));
    }
  }
  using google::protobuf::util::FieldMaskUtil;
  FieldMaskUtil::MergeOptions options;
  options.set_replace_message_fields(true);
  options.set_replace_repeated_fields(true);
  FieldMaskUtil::MergeMessageTo(patch, mask, options, &target);
  // Fields this service does not know (sent by a newer or hostile client) are never kept:
  // nothing unvalidated and unbounded reaches the store.
  target.DiscardUnknownFields();
  return absl::OkStatus();
}

}  // namespace cadre
