#include "services/matching/domain/equality.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "services/common/base/errors.h"
#include "services/common/base/validation.h"

namespace cadre::matching {
namespace {

using google::protobuf::EnumValueDescriptor;
using google::protobuf::FieldDescriptor;

const google::protobuf::Descriptor& Questions() {
  return *cadre::v1::EqualityMonitoring::descriptor();
}

// Each question is an enum field; any other field (none today) is not a question.
bool IsQuestion(const FieldDescriptor& field) {
  return field.type() == FieldDescriptor::TYPE_ENUM && !field.is_repeated();
}

}  // namespace

absl::Status ValidateEqualityMonitoring(const cadre::v1::EqualityMonitoring& m,
                                        absl::string_view prefix) {
  const google::protobuf::Reflection& reflection = *m.GetReflection();
  for (int i = 0; i < Questions().field_count(); ++i) {
    const FieldDescriptor& field = *Questions().field(i);
    if (!IsQuestion(field)) continue;
    const int value = reflection.GetEnumValue(m, &field);
    if (field.enum_type()->FindValueByNumber(value) == nullptr) {
      return InvalidField(FieldPath(prefix, field.name()), absl::StrCat("unknown value ", value));
    }
  }
  return absl::OkStatus();
}

cadre::v1::EqualityCount ShownCount(absl::string_view answer, int64_t count) {
  cadre::v1::EqualityCount shown;
  shown.set_answer(std::string(answer));
  if (count > 0 && count < kSuppressBelow) {
    shown.set_suppressed(true);
    shown.set_shown(absl::StrCat("<", kSuppressBelow));
  } else {
    shown.set_count(static_cast<int32_t>(count));
    shown.set_shown(absl::StrCat(count));
  }
  return shown;
}

EqualityTally::EqualityTally() : counts_(Questions().field_count()) {
  for (int i = 0; i < Questions().field_count(); ++i) {
    const FieldDescriptor& field = *Questions().field(i);
    if (IsQuestion(field)) counts_[i].assign(field.enum_type()->value_count(), 0);
  }
}

void EqualityTally::Add(const cadre::v1::EqualityMonitoring& m) {
  ++people_;
  const google::protobuf::Reflection& reflection = *m.GetReflection();
  for (int i = 0; i < Questions().field_count(); ++i) {
    const FieldDescriptor& field = *Questions().field(i);
    if (!IsQuestion(field)) continue;
    const EnumValueDescriptor* answer =
        field.enum_type()->FindValueByNumber(reflection.GetEnumValue(m, &field));
    // Proto3 enums are open: a number this build does not know is as good as no answer.
    if (answer == nullptr) answer = field.enum_type()->FindValueByNumber(0);
    ++counts_[i][answer->index()];
  }
}

cadre::v1::EqualityCounts EqualityTally::Counts() const {
  cadre::v1::EqualityCounts out;
  const cadre::v1::EqualityCount people = ShownCount("", people_);
  out.set_people(people.count());
  out.set_people_shown(people.shown());
  for (int i = 0; i < Questions().field_count(); ++i) {
    const FieldDescriptor& field = *Questions().field(i);
    if (!IsQuestion(field)) continue;
    cadre::v1::EqualityQuestion* question = out.add_questions();
    question->set_question(field.name());
    for (int v = 0; v < field.enum_type()->value_count(); ++v) {
      *question->add_counts() = ShownCount(field.enum_type()->value(v)->name(), counts_[i][v]);
    }
  }
  return out;
}

}  // namespace cadre::matching
