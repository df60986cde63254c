#pragma once

// Friendly, lower-case spellings of the protos' enums on the command line and in
// human output: BODY_KIND_LOCAL_HEALTHWATCH is "local-healthwatch", REGION_SOUTH_EAST is
// "south-east", INVOLVEMENT_LEVEL_3 is "3" (also "level-3" or "level 3"),
// ATTENDANCE_MODE_IN_PERSON is "in-person". Derived from the descriptors, so a value
// added to a proto is accepted without a change here. The full proto name
// (e.g. "REGION_LONDON") is accepted too. The UNSPECIFIED value is never accepted.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/generated_enum_reflection.h"
#include "services/common/base/status_macros.h"
#include "tools/cadrectl/args.h"

namespace cadre::cadrectl {

// The number of the value `text` names. Usage error naming `what` (e.g. "--region")
// and listing the accepted spellings otherwise.
absl::StatusOr<int> ParseEnumValue(const google::protobuf::EnumDescriptor* descriptor,
                                   absl::string_view what, absl::string_view text);

// "south-east" for REGION_SOUTH_EAST; "" for the UNSPECIFIED value; the number for a
// value this build does not know.
std::string EnumLabel(const google::protobuf::EnumDescriptor* descriptor, int value);

// Every accepted label, in proto order, without UNSPECIFIED.
std::vector<std::string> EnumLabels(const google::protobuf::EnumDescriptor* descriptor);

// The value of flag `name` (present: call Has first) as enum E.
template <typename E>
absl::StatusOr<E> EnumFlag(const ParsedArgs& args, absl::string_view name) {
  CADRE_ASSIGN_OR_RETURN(
      int value, ParseEnumValue(google::protobuf::GetEnumDescriptor<E>(),
                                absl::StrCat("--", CanonicalFlagName(name)), args.Get(name)));
  return static_cast<E>(value);
}

// If flag `name` was given, reads it as the enum `set` takes and passes it to `set` on
// `message`, e.g. `OptionalEnum(args, "region", &request, &ListBodiesRequest::set_region)`.
template <typename Message, typename E>
absl::Status OptionalEnum(const ParsedArgs& args, absl::string_view name, Message* message,
                          void (Message::*set)(E)) {
  if (!args.Has(name)) return absl::OkStatus();
  CADRE_ASSIGN_OR_RETURN(E value, EnumFlag<E>(args, name));
  (message->*set)(value);
  return absl::OkStatus();
}

template <typename E>
std::string Label(E value) {
  return EnumLabel(google::protobuf::GetEnumDescriptor<E>(), static_cast<int>(value));
}

template <typename E>
std::vector<std::string> Labels() {
  return EnumLabels(google::protobuf::GetEnumDescriptor<E>());
}

}  // namespace cadre::cadrectl
