#include "services/gateway/domain/equality_form.h"

#include <iterator>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "google/protobuf/descriptor.h"

namespace cadre::gateway {
namespace {

using cadre::v1::EqualityMonitoring;
using google::protobuf::EnumValueDescriptor;
using google::protobuf::FieldDescriptor;

struct QuestionText {
  const char* field;
  const char* legend;
  const char* hint;
};

constexpr QuestionText kQuestions[] = {
    {"age_band", "What is your age?", ""},
    {"sex", "What is your sex?", "A question about gender identity follows"},
    {"gender_identity", "Is the gender you identify with the same as your sex registered at birth?",
     ""},
    {"ethnicity", "What is your ethnic group?", ""},
    {"disability",
     "Do you have any physical or mental health conditions or illnesses lasting or expected to "
     "last 12 months or more? If so, do they reduce your ability to carry out day-to-day "
     "activities?",
     ""},
    {"sexual_orientation", "Which of the following best describes your sexual orientation?", ""},
    {"religion", "What is your religion?", ""},
    {"carer_status",
     "Do you look after, or give any help or support to, anyone because they have long-term "
     "physical or mental health conditions or illnesses, or problems related to old age?",
     "Do not count anything you do as part of your paid work"},
};

// The words for each answer, by the enum value's name.
const std::map<std::string, std::string>& AnswerLabels() {
  static const std::map<std::string, std::string> kLabels = {
      {"AGE_BAND_16_24", "16 to 24"},
      {"AGE_BAND_25_34", "25 to 34"},
      {"AGE_BAND_35_44", "35 to 44"},
      {"AGE_BAND_45_54", "45 to 54"},
      {"AGE_BAND_55_64", "55 to 64"},
      {"AGE_BAND_65_74", "65 to 74"},
      {"AGE_BAND_75_PLUS", "75 or over"},
      {"SEX_FEMALE", "Female"},
      {"SEX_MALE", "Male"},
      {"GENDER_IDENTITY_SAME_AS_AT_BIRTH", "Yes"},
      {"GENDER_IDENTITY_DIFFERENT_FROM_AT_BIRTH", "No"},
      {"ETHNICITY_ASIAN", "Asian, Asian British or Asian Welsh"},
      {"ETHNICITY_BLACK", "Black, Black British, Black Welsh, Caribbean or African"},
      {"ETHNICITY_MIXED", "Mixed or multiple ethnic groups"},
      {"ETHNICITY_WHITE", "White"},
      {"ETHNICITY_OTHER", "Other ethnic group"},
      {"DISABILITY_YES_LIMITED_A_LOT", "Yes, they reduce my ability a lot"},
      {"DISABILITY_YES_LIMITED_A_LITTLE", "Yes, they reduce my ability a little"},
      {"DISABILITY_NO", "No"},
      {"SEXUAL_ORIENTATION_STRAIGHT", "Straight or heterosexual"},
      {"SEXUAL_ORIENTATION_GAY_OR_LESBIAN", "Gay or lesbian"},
      {"SEXUAL_ORIENTATION_BISEXUAL", "Bisexual"},
      {"SEXUAL_ORIENTATION_OTHER", "Other sexual orientation"},
      {"RELIGION_NONE", "No religion"},
      {"RELIGION_CHRISTIAN", "Christian"},
      {"RELIGION_BUDDHIST", "Buddhist"},
      {"RELIGION_HINDU", "Hindu"},
      {"RELIGION_JEWISH", "Jewish"},
      {"RELIGION_MUSLIM", "Muslim"},
      {"RELIGION_SIKH", "Sikh"},
      {"RELIGION_OTHER", "Any other religion"},
      {"CARER_STATUS_NO", "No"},
      {"CARER_STATUS_YES_UNDER_20_HOURS", "Yes, 19 hours a week or less"},
      {"CARER_STATUS_YES_20_TO_49_HOURS", "Yes, 20 to 49 hours a week"},
      {"CARER_STATUS_YES_50_HOURS_PLUS", "Yes, 50 or more hours a week"},
  };
  return kLabels;
}

const FieldDescriptor& FieldOf(const char* name) {
  return *EqualityMonitoring::descriptor()->FindFieldByName(name);
}

// "AGE_BAND_16_24" → "16-24": the name without the enum's prefix ("AGE_BAND_", what its
// UNSPECIFIED value has before "UNSPECIFIED").
std::string AnswerValue(const EnumValueDescriptor& value) {
  absl::string_view name = value.name();
  absl::ConsumePrefix(&name, absl::StripSuffix(value.type()->value(0)->name(), "UNSPECIFIED"));
  return absl::StrReplaceAll(absl::AsciiStrToLower(name), {{"_", "-"}});
}

bool IsPreferNotToSay(const EnumValueDescriptor& value) {
  return absl::EndsWith(value.name(), "_PREFER_NOT_TO_SAY");
}

}  // namespace

std::vector<EqualityQuestionForm> EqualityQuestionForms(const EqualityMonitoring& current) {
  std::vector<EqualityQuestionForm> forms;
  const auto* reflection = EqualityMonitoring::GetReflection();
  for (const QuestionText& q : kQuestions) {
    const FieldDescriptor& field = FieldOf(q.field);
    const int chosen = reflection->GetEnumValue(current, &field);
    EqualityQuestionForm form{.field = q.field, .legend = q.legend, .hint = q.hint};
    const auto add = [&](std::string value, std::string label, bool checked, bool divider) {
      const size_t n = form.answers.size() + 1;
      form.answers.push_back({.id = n == 1 ? form.field : absl::StrCat(form.field, "-", n),
                              .value = std::move(value),
                              .label = std::move(label),
                              .checked = checked,
                              .divider_before = divider});
    };
    const auto* type = field.enum_type();
    const EnumValueDescriptor* prefer_not = nullptr;
    for (int i = 1; i < type->value_count(); ++i) {
      const EnumValueDescriptor* value = type->value(i);
      if (IsPreferNotToSay(*value)) {
        prefer_not = value;
        continue;
      }
      const auto label = AnswerLabels().find(value->name());
      add(AnswerValue(*value), label == AnswerLabels().end() ? AnswerValue(*value) : label->second,
          chosen == value->number(), false);
    }
    if (prefer_not != nullptr) {
      add(AnswerValue(*prefer_not), "Prefer not to say", chosen == prefer_not->number(), true);
    }
    add("", "No answer (leave this question unanswered)", chosen == 0, false);
    forms.push_back(std::move(form));
  }
  return forms;
}

ParsedEquality ParseEqualityForm(const std::multimap<std::string, std::string>& form) {
  ParsedEquality parsed;
  const auto* reflection = EqualityMonitoring::GetReflection();
  for (const QuestionText& q : kQuestions) {
    const auto it = form.find(q.field);
    if (it == form.end() || it->second.empty()) continue;
    const FieldDescriptor& field = FieldOf(q.field);
    const auto* type = field.enum_type();
    bool found = false;
    for (int i = 1; i < type->value_count() && !found; ++i) {
      if (AnswerValue(*type->value(i)) == it->second) {
        reflection->SetEnumValue(&parsed.monitoring, &field, type->value(i)->number());
        found = true;
      }
    }
    if (!found) parsed.errors.push_back({q.field, "Select one of the answers, or No answer"});
  }
  return parsed;
}

int EqualityAnswered(const EqualityMonitoring& monitoring) {
  const auto* reflection = EqualityMonitoring::GetReflection();
  int answered = 0;
  for (const QuestionText& q : kQuestions) {
    if (reflection->GetEnumValue(monitoring, &FieldOf(q.field)) != 0) ++answered;
  }
  return answered;
}

int EqualityQuestionCount() { return static_cast<int>(std::size(kQuestions)); }

}  // namespace cadre::gateway
