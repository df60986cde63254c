// The /profile/equality form: every question with its answers, "Prefer not to say" and
// "No answer", and the radios back into an EqualityMonitoring.

#include "services/gateway/domain/equality_form.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace cadre::gateway {
namespace {

using cadre::v1::EqualityMonitoring;

TEST(EqualityQuestionForms, EveryQuestionWithPreferNotToSayAndNoAnswer) {
  EqualityMonitoring current;
  current.set_age_band(EqualityMonitoring::AGE_BAND_35_44);
  current.set_religion(EqualityMonitoring::RELIGION_PREFER_NOT_TO_SAY);
  const std::vector<EqualityQuestionForm> forms = EqualityQuestionForms(current);
  ASSERT_EQ(static_cast<int>(forms.size()), EqualityQuestionCount());
  EXPECT_EQ(forms.size(), 8u);
  const EqualityQuestionForm& age = forms[0];
  EXPECT_EQ(age.field, "age_band");
  EXPECT_EQ(age.answers[0].id, "age_band");
  EXPECT_EQ(age.answers[0].value, "16-24");
  EXPECT_EQ(age.answers[0].label, "16 to 24");
  EXPECT_EQ(age.answers[1].id, "age_band-2");
  EXPECT_TRUE(age.answers[2].checked);  // 35 to 44
  for (const EqualityQuestionForm& q : forms) {
    ASSERT_GE(q.answers.size(), 3u) << q.field;
    const EqualityAnswer& prefer = q.answers[q.answers.size() - 2];
    EXPECT_EQ(prefer.label, "Prefer not to say") << q.field;
    EXPECT_EQ(prefer.value, "prefer-not-to-say");
    EXPECT_TRUE(prefer.divider_before);
    EXPECT_EQ(q.answers.back().value, "") << q.field;
    for (const EqualityAnswer& a : q.answers)
      EXPECT_NE(a.label, a.value) << "no words for " << a.value;
  }
  EXPECT_TRUE(forms[1].answers.back().checked);                        // sex: unanswered
  EXPECT_TRUE(forms[6].answers[forms[6].answers.size() - 2].checked);  // religion: prefer not
}

TEST(ParseEqualityForm, AnswersAndBlanks) {
  const std::multimap<std::string, std::string> form = {{"age_band", "75-plus"},
                                                        {"sex", ""},
                                                        {"ethnicity", "prefer-not-to-say"},
                                                        {"carer_status", "yes-20-to-49-hours"},
                                                        {"csrf", "x"}};
  const ParsedEquality parsed = ParseEqualityForm(form);
  EXPECT_TRUE(parsed.errors.empty());
  EXPECT_EQ(parsed.monitoring.age_band(), EqualityMonitoring::AGE_BAND_75_PLUS);
  EXPECT_EQ(parsed.monitoring.sex(), EqualityMonitoring::SEX_UNSPECIFIED);
  EXPECT_EQ(parsed.monitoring.ethnicity(), EqualityMonitoring::ETHNICITY_PREFER_NOT_TO_SAY);
  EXPECT_EQ(parsed.monitoring.carer_status(), EqualityMonitoring::CARER_STATUS_YES_20_TO_49_HOURS);
  EXPECT_EQ(EqualityAnswered(parsed.monitoring), 3);
}

TEST(ParseEqualityForm, AnAnswerTheQuestionDoesNotHave) {
  const ParsedEquality parsed = ParseEqualityForm({{"sex", "female"}, {"religion", "jedi"}});
  ASSERT_EQ(parsed.errors.size(), 1u);
  EXPECT_EQ(parsed.errors[0].field, "religion");
  EXPECT_EQ(parsed.monitoring.sex(), EqualityMonitoring::SEX_FEMALE);
}

}  // namespace
}  // namespace cadre::gateway
