#pragma once

// components.schemas for the messages and enums an API reaches, in the canonical JSON
// mapping of Protobuf (https://protobuf.dev/programming-guides/proto3/#json).

#include <map>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "nlohmann/json.hpp"

namespace cadre::openapi {

// The component name of a message or enum: its full name without `package` and the dot
// after it when it is in that package, with every other dot replaced by '_'
// ("cadre.v1.Role.Thing" → "Role_Thing", "google.type.Date" → "google_type_Date").
std::string SchemaName(absl::string_view full_name, absl::string_view package);

// Collects the schemas of the types reachable from the messages passed to RefTo: each
// message and enum once, under SchemaName; fields as their JSON names. Map entries have
// no schema of their own (a map is an object with additionalProperties). Well-known
// types are written inline where a field uses them, and as a component only when an
// RPC takes or returns one.
// Not thread-safe: one builder per document.
class SchemaBuilder {
 public:
  explicit SchemaBuilder(std::string package) : package_(std::move(package)) {}

  // {"$ref": "#/components/schemas/<name>"} for the message, adding its schema and
  // those of every type it reaches. INVALID_ARGUMENT if two types share a component name.
  absl::StatusOr<nlohmann::ordered_json> RefTo(const google::protobuf::Descriptor& message);

  // Every schema added so far, by name (sorted, so the output is deterministic).
  const std::map<std::string, nlohmann::ordered_json>& schemas() const { return schemas_; }

 private:
  absl::StatusOr<nlohmann::ordered_json> MessageRef(const google::protobuf::Descriptor& message);
  absl::StatusOr<nlohmann::ordered_json> EnumRef(const google::protobuf::EnumDescriptor& e);
  // Claims `name` for `full_name`; false if it is already taken (by it or another type),
  // INVALID_ARGUMENT if by another type.
  absl::StatusOr<bool> Claim(const std::string& name, absl::string_view full_name);
  absl::StatusOr<nlohmann::ordered_json> MessageSchema(const google::protobuf::Descriptor& m);
  absl::StatusOr<nlohmann::ordered_json> FieldSchema(const google::protobuf::FieldDescriptor& f);
  // The schema of one value of the field: its element for repeated fields.
  absl::StatusOr<nlohmann::ordered_json> ValueSchema(const google::protobuf::FieldDescriptor& f);

  std::string package_;
  std::map<std::string, nlohmann::ordered_json> schemas_;
  std::map<std::string, std::string> owners_;  // component name → full name of its type
};

}  // namespace cadre::openapi
