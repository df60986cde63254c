#pragma once

// Protobuf's JSON mapping for the Connect routes, by message type at run time: a request's
// JSON into the bytes the service reads, and the service's bytes into the answer's JSON.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace cadre::gateway {

// Longest parser message quoted back in an error, in bytes (it may echo the caller's
// JSON).
inline constexpr size_t kMaxJsonErrorBytes = 300;

// `json` parsed as a message of `prototype`'s type and serialised. Unknown fields are not
// ignored. INVALID_ARGUMENT "the request is not valid JSON for cadre.v1.GetRoleRequest:
// <what the parser found>" when it does not parse.
absl::StatusOr<std::string> JsonToMessageBytes(const google::protobuf::Message& prototype,
                                               absl::string_view json);

// `bytes` parsed as a message of `prototype`'s type and printed as JSON: lowerCamelCase
// names, fields at their default values left out. INTERNAL when the bytes do not parse
// (a service answered with another type: a deployment of mismatched protos).
absl::StatusOr<std::string> MessageBytesToJson(const google::protobuf::Message& prototype,
                                               const std::string& bytes);

}  // namespace cadre::gateway
