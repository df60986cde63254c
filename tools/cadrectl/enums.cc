#include "tools/cadrectl/enums.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "google/protobuf/descriptor.h"
#include "tools/cadrectl/errors.h"

namespace cadre::cadrectl {
namespace {

// "REGION_" for Region: the name of the zero value without "UNSPECIFIED".
std::string Prefix(const google::protobuf::EnumDescriptor* descriptor) {
  const google::protobuf::EnumValueDescriptor* zero = descriptor->FindValueByNumber(0);
  if (zero == nullptr) return "";
  absl::string_view name = zero->name();
  absl::ConsumeSuffix(&name, "UNSPECIFIED");
  return std::string(name);
}

// Lower case, with '_' and spaces as '-': "In Person" → "in-person".
std::string Normalise(absl::string_view text) {
  std::string result = absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
  return absl::StrReplaceAll(result, {{"_", "-"}, {" ", "-"}});
}

// The prefix's last word and a dash ("level-" for "INVOLVEMENT_LEVEL_"), which users may
// write before the label ("level 3").
std::string LastWord(absl::string_view prefix) {
  absl::ConsumeSuffix(&prefix, "_");
  size_t underscore = prefix.rfind('_');
  absl::string_view word =
      underscore == absl::string_view::npos ? prefix : prefix.substr(underscore + 1);
  return word.empty() ? "" : absl::StrCat(Normalise(word), "-");
}

}  // namespace

std::string EnumLabel(const google::protobuf::EnumDescriptor* descriptor, int value) {
  if (value == 0) return "";
  const google::protobuf::EnumValueDescriptor* v = descriptor->FindValueByNumber(value);
  if (v == nullptr) return absl::StrCat(value);
  absl::string_view name = v->name();
  const std::string prefix = Prefix(descriptor);
  absl::ConsumePrefix(&name, prefix);
  return Normalise(name);
}

std::vector<std::string> EnumLabels(const google::protobuf::EnumDescriptor* descriptor) {
  std::vector<std::string> labels;
  for (int i = 0; i < descriptor->value_count(); ++i) {
    const int number = descriptor->value(i)->number();
    if (number != 0) labels.push_back(EnumLabel(descriptor, number));
  }
  return labels;
}

absl::StatusOr<int> ParseEnumValue(const google::protobuf::EnumDescriptor* descriptor,
                                   absl::string_view what, absl::string_view text) {
  std::string wanted = Normalise(text);
  const std::string prefix = Prefix(descriptor);
  const std::string word = LastWord(prefix);
  for (int i = 0; i < descriptor->value_count(); ++i) {
    const google::protobuf::EnumValueDescriptor* v = descriptor->value(i);
    if (v->number() == 0) continue;
    const std::string label = EnumLabel(descriptor, v->number());
    if (wanted == label || wanted == Normalise(v->name()) ||
        (!word.empty() && wanted == absl::StrCat(word, label))) {
      return v->number();
    }
  }
  return UsageError(absl::StrCat(what, ": '", text, "' is not one of ",
                                 absl::StrJoin(EnumLabels(descriptor), ", ")));
}

}  // namespace cadre::cadrectl
