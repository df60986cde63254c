#include "services/gateway/connect/connect_json.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "services/common/base/errors.h"

namespace cadre::gateway {

absl::StatusOr<std::string> JsonToMessageBytes(const google::protobuf::Message& prototype,
                                               absl::string_view json) {
  std::unique_ptr<google::protobuf::Message> message(prototype.New());
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;  // a misspelt field is the caller's mistake to see
  const auto parsed = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), message.get(), options);
  if (!parsed.ok()) {
    const std::string detail(parsed.message());
    return absl::InvalidArgumentError(absl::StrCat("the request is not valid JSON for ",
                                                   prototype.GetDescriptor()->full_name(), ": ",
                                                   Shorten(detail, kMaxJsonErrorBytes)));
  }
  std::string bytes;
  if (!message->SerializeToString(&bytes)) {
    return absl::InvalidArgumentError("the request could not be encoded");
  }
  return bytes;
}

absl::StatusOr<std::string> MessageBytesToJson(const google::protobuf::Message& prototype,
                                               const std::string& bytes) {
  std::unique_ptr<google::protobuf::Message> message(prototype.New());
  if (!message->ParseFromString(bytes)) {
    return absl::InternalError("the service's answer could not be read");
  }
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = false;     // lowerCamelCase, as Connect clients expect
  options.always_print_primitive_fields = false;  // proto3: defaults are left out
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(*message, &json, options).ok()) {
    return absl::InternalError("the service's answer could not be written as JSON");
  }
  return json;
}

}  // namespace cadre::gateway
