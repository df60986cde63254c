#include "tools/cadrectl/equality_flags.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "google/protobuf/descriptor.h"
#include "services/common/base/status_macros.h"
#include "tools/cadrectl/enums.h"

namespace cadre::cadrectl {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

const Descriptor& Questions() { return *cadre::v1::EqualityMonitoring::descriptor(); }

// Each question is a singular enum field.
std::vector<const FieldDescriptor*> QuestionFields() {
  std::vector<const FieldDescriptor*> fields;
  for (int i = 0; i < Questions().field_count(); ++i) {
    const FieldDescriptor* field = Questions().field(i);
    if (field->type() == FieldDescriptor::TYPE_ENUM && !field->is_repeated()) {
      fields.push_back(field);
    }
  }
  return fields;
}

// FlagSpec holds views: the names and help texts live as long as the program.
struct QuestionFlag {
  std::string name;  // "age-band"
  std::string help;  // "16-24, 25-34, ... or unanswered"
};

const std::vector<QuestionFlag>& QuestionFlags() {
  static const std::vector<QuestionFlag>* const flags = [] {
    auto* all = new std::vector<QuestionFlag>();
    for (const FieldDescriptor* field : QuestionFields()) {
      all->push_back(
          {absl::StrReplaceAll(field->name(), {{"_", "-"}}),
           absl::StrCat(absl::StrJoin(EnumLabels(field->enum_type()), ", "), " or ", kUnanswered)});
    }
    return all;
  }();
  return *flags;
}

}  // namespace

std::vector<FlagSpec> EqualityFlags() {
  std::vector<FlagSpec> specs;
  for (const QuestionFlag& flag : QuestionFlags()) {
    specs.push_back({flag.name, "ANSWER", flag.help});
  }
  return specs;
}

absl::Status ApplyEqualityFlags(const ParsedArgs& args, cadre::v1::EqualityMonitoring* monitoring) {
  const google::protobuf::Reflection& reflection = *monitoring->GetReflection();
  for (const FieldDescriptor* field : QuestionFields()) {
    const std::string flag = CanonicalFlagName(field->name());
    if (!args.Has(flag)) continue;
    const std::string text = absl::AsciiStrToLower(absl::StripAsciiWhitespace(args.Get(flag)));
    int value = 0;
    if (text != kUnanswered) {
      CADRE_ASSIGN_OR_RETURN(
          value, ParseEnumValue(field->enum_type(), absl::StrCat("--", flag), args.Get(flag)));
    }
    reflection.SetEnumValue(monitoring, field, value);
  }
  return absl::OkStatus();
}

std::vector<std::string> EqualityQuestions() {
  std::vector<std::string> questions;
  for (const FieldDescriptor* field : QuestionFields()) questions.push_back(field->name());
  return questions;
}

std::string QuestionText(absl::string_view question) {
  return absl::StrReplaceAll(question, {{"_", " "}});
}

std::string AnswerOf(const cadre::v1::EqualityMonitoring& monitoring, absl::string_view question) {
  const FieldDescriptor* field = Questions().FindFieldByName(std::string(question));
  if (field == nullptr || field->type() != FieldDescriptor::TYPE_ENUM) return "";
  const int value = monitoring.GetReflection()->GetEnumValue(monitoring, field);
  const std::string label = EnumLabel(field->enum_type(), value);
  return label.empty() ? std::string(kUnanswered) : label;
}

std::string AnswerLabel(absl::string_view question, absl::string_view answer) {
  const FieldDescriptor* field = Questions().FindFieldByName(std::string(question));
  if (answer.empty()) return std::string(kUnanswered);
  if (field == nullptr || field->type() != FieldDescriptor::TYPE_ENUM) return std::string(answer);
  const auto* value = field->enum_type()->FindValueByName(std::string(answer));
  if (value == nullptr) return std::string(answer);
  const std::string label = EnumLabel(field->enum_type(), value->number());
  return label.empty() ? std::string(kUnanswered) : label;
}

}  // namespace cadre::cadrectl
