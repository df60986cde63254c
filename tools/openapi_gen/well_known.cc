#include "tools/openapi_gen/well_known.h"

#include <string>

namespace cadre::openapi {
namespace {

using Json = nlohmann::ordered_json;

Json Wrapper(const char* type, const char* format, const char* description) {
  Json schema = {{"type", type}};
  if (format != nullptr) schema["format"] = format;
  schema["nullable"] = true;
  schema["description"] = description;
  return schema;
}

}  // namespace

std::optional<Json> WellKnownMessageSchema(absl::string_view full_name) {
  if (full_name == "google.protobuf.Timestamp") {
    return Json{{"type", "string"},
                {"format", "date-time"},
                {"description",
                 "RFC 3339 date-time in UTC with a Z suffix, e.g. \"2026-05-01T17:00:00Z\"; 0, "
                 "3, 6 or 9 fractional digits."}};
  }
  if (full_name == "google.protobuf.Duration") {
    return Json{{"type", "string"},
                {"pattern", "^-?[0-9]+(\\.[0-9]{1,9})?s$"},
                {"description", "Seconds with an \"s\" suffix, e.g. \"3600s\" or \"1.5s\"."}};
  }
  if (full_name == "google.protobuf.FieldMask") {
    return Json{{"type", "string"},
                {"description",
                 "Field paths separated by commas, in lowerCamelCase, e.g. "
                 "\"title,timeCommitment.hoursPerMonth\"."}};
  }
  if (full_name == "google.protobuf.Empty") {
    return Json{{"type", "object"}, {"description", "Always {}."}};
  }
  if (full_name == "google.protobuf.Struct") {
    return Json{
        {"type", "object"}, {"additionalProperties", true}, {"description", "Any JSON object."}};
  }
  if (full_name == "google.protobuf.Value") {
    // No type: any JSON value, null included.
    return Json{{"description", "Any JSON value."}};
  }
  if (full_name == "google.protobuf.ListValue") {
    return Json{{"type", "array"}, {"items", Json::object()}, {"description", "Any JSON array."}};
  }
  if (full_name == "google.protobuf.Any") {
    return Json{{"type", "object"},
                {"required", Json::array({"@type"})},
                {"properties",
                 {{"@type",
                   {{"type", "string"},
                    {"description", "\"type.googleapis.com/\" and the message's full name."}}}}},
                {"additionalProperties", true},
                {"description",
                 "A message of any type: its JSON fields beside \"@type\" (a well-known type's "
                 "JSON form is under \"value\")."}};
  }
  if (full_name == "google.protobuf.DoubleValue") {
    return Wrapper("number", "double", "A double, or null when unset.");
  }
  if (full_name == "google.protobuf.FloatValue") {
    return Wrapper("number", "float", "A float, or null when unset.");
  }
  if (full_name == "google.protobuf.Int64Value") {
    return Wrapper("string", "int64", "A 64-bit integer as a decimal string, or null when unset.");
  }
  if (full_name == "google.protobuf.UInt64Value") {
    return Wrapper("string", "uint64",
                   "An unsigned 64-bit integer as a decimal string, or null when unset.");
  }
  if (full_name == "google.protobuf.Int32Value") {
    return Wrapper("integer", "int32", "A 32-bit integer, or null when unset.");
  }
  if (full_name == "google.protobuf.UInt32Value") {
    Json schema = Wrapper("integer", "uint32", "An unsigned 32-bit integer, or null when unset.");
    schema["minimum"] = 0;
    return schema;
  }
  if (full_name == "google.protobuf.BoolValue") {
    return Wrapper("boolean", nullptr, "A boolean, or null when unset.");
  }
  if (full_name == "google.protobuf.StringValue") {
    return Wrapper("string", nullptr, "A string, or null when unset.");
  }
  if (full_name == "google.protobuf.BytesValue") {
    return Wrapper("string", "byte", "Bytes in base64, or null when unset.");
  }
  return std::nullopt;
}

std::optional<Json> WellKnownEnumSchema(absl::string_view full_name) {
  if (full_name == "google.protobuf.NullValue") {
    return Json{{"nullable", true}, {"description", "Always JSON null."}};
  }
  return std::nullopt;
}

}  // namespace cadre::openapi
