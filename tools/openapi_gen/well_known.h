#pragma once

// The google.protobuf well-known types whose JSON form is not an object of their fields
// (https://protobuf.dev/programming-guides/proto3/#json): a Timestamp is an RFC 3339
// string, a wrapper is its scalar or null, a Struct any JSON object, and so on.

#include <optional>

#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"

namespace cadre::openapi {

// The schema of the JSON form of the message named `full_name` (e.g.
// "google.protobuf.Timestamp"), or nullopt if the message is not a well-known type with
// a special JSON form (its fields are then its JSON form, as for any message).
std::optional<nlohmann::ordered_json> WellKnownMessageSchema(absl::string_view full_name);

// The same for enums: google.protobuf.NullValue is JSON null, not a string.
std::optional<nlohmann::ordered_json> WellKnownEnumSchema(absl::string_view full_name);

}  // namespace cadre::openapi
