#pragma once

// Reading an OpenAPI document the way a client author would: following $refs.

#include <string>
#include <vector>

#include "nlohmann/json.hpp"

namespace cadre::openapi::test_util {

using Json = nlohmann::ordered_json;

// The $ref of a property schema, whether bare or wrapped in a one-element allOf (as it
// is when the property has a description); "" if it has neither.
inline std::string RefOf(const Json& schema) {
  if (schema.contains("$ref")) return schema["$ref"].get<std::string>();
  if (schema.contains("allOf") && schema["allOf"].size() == 1 &&
      schema["allOf"][0].contains("$ref")) {
    return schema["allOf"][0]["$ref"].get<std::string>();
  }
  return "";
}

// What a local $ref ("#/components/schemas/Role") points at, or null if nothing.
inline Json Resolve(const Json& document, const std::string& ref) {
  if (ref.rfind("#/", 0) != 0) return nullptr;
  const Json::json_pointer pointer(ref.substr(1));
  if (!document.contains(pointer)) return nullptr;
  return document.at(pointer);
}

// Every $ref anywhere in `value`.
inline void CollectRefs(const Json& value, std::vector<std::string>* refs) {
  if (value.is_object()) {
    for (const auto& [key, child] : value.items()) {
      if (key == "$ref" && child.is_string()) {
        refs->push_back(child.get<std::string>());
      } else {
        CollectRefs(child, refs);
      }
    }
  } else if (value.is_array()) {
    for (const auto& child : value) CollectRefs(child, refs);
  }
}

}  // namespace cadre::openapi::test_util
