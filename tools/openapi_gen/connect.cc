#include "tools/openapi_gen/connect.h"

#include "absl/strings/str_cat.h"

namespace cadre::openapi {
namespace {

using Json = nlohmann::ordered_json;

constexpr absl::string_view kCodes[] = {
    "canceled",
    "unknown",
    "invalid_argument",
    "deadline_exceeded",
    "not_found",
    "already_exists",
    "permission_denied",
    "resource_exhausted",
    "failed_precondition",
    "aborted",
    "out_of_range",
    "unimplemented",
    "internal",
    "unavailable",
    "data_loss",
    "unauthenticated",
};

Json SchemaRef(absl::string_view name) {
  return Json{{"$ref", absl::StrCat("#/components/schemas/", name)}};
}

}  // namespace

absl::Span<const absl::string_view> ConnectCodes() { return kCodes; }

Json ConnectErrorSchema() {
  Json codes = Json::array();
  for (absl::string_view code : kCodes) codes.push_back(code);
  return Json{
      {"type", "object"},
      {"description",
       "The body of every answer that is not 200 (Content-Type application/json). The HTTP "
       "status follows the code as the Connect protocol maps it (invalid_argument 400, "
       "unauthenticated 401, permission_denied 403, not_found 404, ...); read `code`, "
       "which is exact, rather than the status."},
      {"required", Json::array({"code"})},
      {"properties",
       {{"code",
         {{"type", "string"},
          {"enum", codes},
          {"description", "The gRPC status code in snake case."}}},
        {"message",
         {{"type", "string"}, {"description", "For a person to read; safe to show a caller."}}},
        {"details",
         {{"type", "array"},
          {"items", SchemaRef(kConnectErrorDetailSchema)},
          {"description", "Error details (google.rpc-style messages), if any."}}}}},
  };
}

Json ConnectErrorDetailSchema() {
  return Json{
      {"type", "object"},
      {"required", Json::array({"type", "value"})},
      {"properties",
       {{"type",
         {{"type", "string"},
          {"description",
           "The detail's message type, fully qualified without a prefix, e.g. "
           "\"google.rpc.BadRequest\"."}}},
        {"value",
         {{"type", "string"},
          {"format", "byte"},
          {"description", "The detail in the Protobuf binary form, base64 (unpadded)."}}},
        {"debug",
         {{"type", "object"},
          {"additionalProperties", true},
          {"description", "The detail as JSON, for debugging only; may be absent."}}}}},
  };
}

Json SharedGetParameters() {
  Json parameters = Json::object();
  parameters[std::string(kEncodingParameter)] = {
      {"name", "encoding"},
      {"in", "query"},
      {"required", true},
      {"description", "The codec of `message`: always json here."},
      {"schema", {{"type", "string"}, {"enum", Json::array({"json"})}}},
  };
  parameters[std::string(kBase64Parameter)] = {
      {"name", "base64"},
      {"in", "query"},
      {"required", false},
      {"description", "1 when `message` is the request base64url-encoded (padding optional)."},
      {"schema", {{"type", "string"}, {"enum", Json::array({"1"})}}},
  };
  parameters[std::string(kConnectParameter)] = {
      {"name", "connect"},
      {"in", "query"},
      {"required", false},
      {"description", "The Connect protocol version: v1."},
      {"schema", {{"type", "string"}, {"enum", Json::array({"v1"})}}},
  };
  return parameters;
}

Json MessageParameter(absl::string_view request_schema) {
  return Json{
      {"name", "message"},
      {"in", "query"},
      {"required", true},
      {"description",
       absl::StrCat("The request, a ", request_schema, " (#/components/schemas/", request_schema,
                    ") as JSON, URL-encoded; base64url of that JSON when base64=1.")},
      {"schema", {{"type", "string"}}},
      {"example", "{}"},
  };
}

Json UnaryResponses(const Json& response_ref) {
  return Json{
      {"200",
       {{"description", "The response message."},
        {"content", {{"application/json", {{"schema", response_ref}}}}}}},
      {"default",
       {{"description", "An error: any status but 200."},
        {"content", {{"application/json", {{"schema", SchemaRef(kConnectErrorSchema)}}}}}}},
  };
}

}  // namespace cadre::openapi
