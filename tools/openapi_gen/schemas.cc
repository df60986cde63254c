#include "tools/openapi_gen/schemas.h"

#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "google/protobuf/descriptor.pb.h"
#include "services/common/base/status_macros.h"
#include "tools/openapi_gen/comments.h"
#include "tools/openapi_gen/well_known.h"

namespace cadre::openapi {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;
using Json = nlohmann::ordered_json;

Json Ref(absl::string_view name) {
  return Json{{"$ref", absl::StrCat("#/components/schemas/", name)}};
}

// Scalars as the JSON mapping writes them: 64-bit integers as decimal strings (a double
// cannot hold them exactly), bytes as base64.
Json ScalarSchema(FieldDescriptor::Type type) {
  switch (type) {
    case FieldDescriptor::TYPE_INT32:
    case FieldDescriptor::TYPE_SINT32:
    case FieldDescriptor::TYPE_SFIXED32:
      return Json{{"type", "integer"}, {"format", "int32"}};
    case FieldDescriptor::TYPE_UINT32:
    case FieldDescriptor::TYPE_FIXED32:
      // Past int32's range, so not "int32"; OpenAPI tools take an unknown format as a hint.
      return Json{{"type", "integer"}, {"format", "uint32"}, {"minimum", 0}};
    case FieldDescriptor::TYPE_INT64:
    case FieldDescriptor::TYPE_SINT64:
    case FieldDescriptor::TYPE_SFIXED64:
      return Json{{"type", "string"}, {"format", "int64"}};
    case FieldDescriptor::TYPE_UINT64:
    case FieldDescriptor::TYPE_FIXED64:
      return Json{{"type", "string"}, {"format", "uint64"}};
    case FieldDescriptor::TYPE_DOUBLE:
      return Json{{"type", "number"}, {"format", "double"}};
    case FieldDescriptor::TYPE_FLOAT:
      return Json{{"type", "number"}, {"format", "float"}};
    case FieldDescriptor::TYPE_BOOL:
      return Json{{"type", "boolean"}};
    case FieldDescriptor::TYPE_BYTES:
      return Json{{"type", "string"}, {"format", "byte"}};
    default:  // TYPE_STRING; messages and enums never reach here
      return Json{{"type", "string"}};
  }
}

// An enum as the JSON mapping writes it: its value names. The description lists the
// values that have comments.
Json EnumSchema(const EnumDescriptor& e) {
  std::vector<std::string> names;
  std::vector<std::string> notes;
  for (int i = 0; i < e.value_count(); ++i) {
    const auto& value = *e.value(i);
    names.push_back(value.name());
    std::string comment = CommentOf(value);
    if (comment.empty()) continue;
    // One list item each: paragraph breaks inside a value's comment would end the list.
    absl::StrReplaceAll({{"\n\n", " "}, {"\n", " "}}, &comment);
    notes.push_back(absl::StrCat("- `", value.name(), "`: ", comment));
  }
  Json schema = {{"type", "string"}};
  std::string description = JoinParagraphs(CommentOf(e), absl::StrJoin(notes, "\n"));
  if (!description.empty()) schema["description"] = description;
  schema["enum"] = names;
  return schema;
}

// What a client must know about a member of a (real, not proto3 `optional`) oneof.
std::string OneofNote(const FieldDescriptor& f) {
  const auto& oneof = *f.real_containing_oneof();
  std::vector<std::string> members;
  members.reserve(oneof.field_count());
  for (int i = 0; i < oneof.field_count(); ++i) {
    members.push_back(absl::StrCat("`", oneof.field(i)->json_name(), "`"));
  }
  return absl::StrCat("Member of the oneof `", oneof.name(), "`: at most one of ",
                      absl::StrJoin(members, ", "), " is set.");
}

// JSON object keys are strings; a map with other keys writes them as strings.
std::string MapKeyNote(const FieldDescriptor& key) {
  switch (key.type()) {
    case FieldDescriptor::TYPE_STRING:
      return "";
    case FieldDescriptor::TYPE_BOOL:
      return "Keys: \"true\" or \"false\".";
    default:
      return absl::StrCat("Keys: ", key.type_name(), " values as decimal strings.");
  }
}

}  // namespace

std::string SchemaName(absl::string_view full_name, absl::string_view package) {
  if (!package.empty() && absl::StartsWith(full_name, absl::StrCat(package, "."))) {
    full_name.remove_prefix(package.size() + 1);
  }
  return absl::StrReplaceAll(full_name, {{".", "_"}});
}

absl::StatusOr<bool> SchemaBuilder::Claim(const std::string& name, absl::string_view full_name) {
  auto [it, inserted] = owners_.emplace(name, std::string(full_name));
  if (!inserted && it->second != full_name) {
    return absl::InvalidArgumentError(
        absl::StrCat("both ", it->second, " and ", full_name, " would be the schema ", name));
  }
  return inserted;
}

absl::StatusOr<Json> SchemaBuilder::RefTo(const Descriptor& message) {
  std::optional<Json> well_known = WellKnownMessageSchema(message.full_name());
  if (!well_known.has_value()) return MessageRef(message);
  const std::string name = SchemaName(message.full_name(), package_);
  CADRE_ASSIGN_OR_RETURN(bool is_new, Claim(name, message.full_name()));
  if (is_new) schemas_[name] = std::move(*well_known);
  return Ref(name);
}

absl::StatusOr<Json> SchemaBuilder::MessageRef(const Descriptor& message) {
  const std::string name = SchemaName(message.full_name(), package_);
  CADRE_ASSIGN_OR_RETURN(bool is_new, Claim(name, message.full_name()));
  if (is_new) {
    // Claimed before its fields are walked, so a recursive message ends the walk.
    CADRE_ASSIGN_OR_RETURN(Json schema, MessageSchema(message));
    schemas_[name] = std::move(schema);
  }
  return Ref(name);
}

absl::StatusOr<Json> SchemaBuilder::EnumRef(const EnumDescriptor& e) {
  const std::string name = SchemaName(e.full_name(), package_);
  CADRE_ASSIGN_OR_RETURN(bool is_new, Claim(name, e.full_name()));
  if (is_new) schemas_[name] = EnumSchema(e);
  return Ref(name);
}

absl::StatusOr<Json> SchemaBuilder::MessageSchema(const Descriptor& message) {
  Json schema = {{"type", "object"}};
  std::string description = CommentOf(message);
  if (!description.empty()) schema["description"] = description;
  Json properties = Json::object();
  for (int i = 0; i < message.field_count(); ++i) {
    const FieldDescriptor& field = *message.field(i);
    CADRE_ASSIGN_OR_RETURN(properties[field.json_name()], FieldSchema(field));
  }
  if (!properties.empty()) schema["properties"] = std::move(properties);
  return schema;
}

absl::StatusOr<Json> SchemaBuilder::ValueSchema(const FieldDescriptor& field) {
  if (field.type() == FieldDescriptor::TYPE_ENUM) {
    std::optional<Json> well_known = WellKnownEnumSchema(field.enum_type()->full_name());
    if (well_known.has_value()) return *well_known;
    return EnumRef(*field.enum_type());
  }
  if (field.type() == FieldDescriptor::TYPE_MESSAGE ||
      field.type() == FieldDescriptor::TYPE_GROUP) {
    std::optional<Json> well_known = WellKnownMessageSchema(field.message_type()->full_name());
    if (well_known.has_value()) return *well_known;
    return MessageRef(*field.message_type());
  }
  return ScalarSchema(field.type());
}

absl::StatusOr<Json> SchemaBuilder::FieldSchema(const FieldDescriptor& field) {
  Json schema;
  std::string notes;
  if (field.is_map()) {
    CADRE_ASSIGN_OR_RETURN(Json value, ValueSchema(*field.message_type()->map_value()));
    schema = Json{{"type", "object"}, {"additionalProperties", std::move(value)}};
    notes = MapKeyNote(*field.message_type()->map_key());
  } else if (field.is_repeated()) {
    CADRE_ASSIGN_OR_RETURN(Json item, ValueSchema(field));
    schema = Json{{"type", "array"}, {"items", std::move(item)}};
  } else {
    CADRE_ASSIGN_OR_RETURN(schema, ValueSchema(field));
  }
  if (field.real_containing_oneof() != nullptr) {
    notes = JoinParagraphs(notes, OneofNote(field));
  }

  // The field's own comment first; a well-known type's inline description after it.
  std::string description = JoinParagraphs(CommentOf(field), notes);
  if (schema.contains("description")) {
    description = JoinParagraphs(description, schema["description"].get<std::string>());
    schema.erase("description");
  }
  const bool nullable = field.has_optional_keyword();
  const bool deprecated = field.options().deprecated();
  // OpenAPI 3.0 ignores the siblings of a $ref: wrap it to keep them.
  if (schema.contains("$ref") && (nullable || deprecated || !description.empty())) {
    schema = Json{{"allOf", Json::array({std::move(schema)})}};
  }
  if (nullable) schema["nullable"] = true;
  if (deprecated) schema["deprecated"] = true;
  if (!description.empty()) schema["description"] = description;
  return schema;
}

}  // namespace cadre::openapi
