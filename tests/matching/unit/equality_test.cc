// Equality monitoring: known answers only, and counts with 1-4 shown as "<5".

#include "services/matching/domain/equality.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/status_matchers.h"

namespace cadre::matching {
namespace {

using ::cadre::testing::InvalidAt;
using cadre::v1::EqualityCount;
using cadre::v1::EqualityCounts;
using cadre::v1::EqualityMonitoring;
using ::testing::ElementsAre;

TEST(ValidateEqualityMonitoring, AcceptsUnansweredAndKnownAnswers) {
  CADRE_EXPECT_OK(ValidateEqualityMonitoring(EqualityMonitoring(), "monitoring"));
  EqualityMonitoring m;
  m.set_age_band(EqualityMonitoring::AGE_BAND_75_PLUS);
  m.set_sex(EqualityMonitoring::SEX_PREFER_NOT_TO_SAY);
  m.set_ethnicity(EqualityMonitoring::ETHNICITY_MIXED);
  m.set_carer_status(EqualityMonitoring::CARER_STATUS_YES_50_HOURS_PLUS);
  CADRE_EXPECT_OK(ValidateEqualityMonitoring(m, "monitoring"));
}

TEST(ValidateEqualityMonitoring, RefusesUnknownValuesNamingTheQuestion) {
  EqualityMonitoring m;
  m.set_ethnicity(static_cast<EqualityMonitoring::Ethnicity>(42));
  EXPECT_THAT(ValidateEqualityMonitoring(m, "monitoring"), InvalidAt("monitoring.ethnicity"));
  m.Clear();
  m.set_religion(static_cast<EqualityMonitoring::Religion>(-1));
  EXPECT_THAT(ValidateEqualityMonitoring(m, "monitoring"), InvalidAt("monitoring.religion"));
  m.Clear();
  m.set_carer_status(static_cast<EqualityMonitoring::CarerStatus>(6));
  EXPECT_THAT(ValidateEqualityMonitoring(m, "m"), InvalidAt("m.carer_status"));
}

TEST(ShownCount, SuppressesOneToFour) {
  const auto shown = [](int64_t n) {
    const EqualityCount c = ShownCount("X", n);
    return std::make_tuple(c.count(), c.suppressed(), c.shown());
  };
  EXPECT_EQ(shown(0), std::make_tuple(0, false, std::string("0")));
  EXPECT_EQ(shown(1), std::make_tuple(0, true, std::string("<5")));
  EXPECT_EQ(shown(4), std::make_tuple(0, true, std::string("<5")));
  EXPECT_EQ(shown(5), std::make_tuple(5, false, std::string("5")));
  EXPECT_EQ(shown(1234), std::make_tuple(1234, false, std::string("1234")));
  EXPECT_EQ(ShownCount("SEX_MALE", 3).answer(), "SEX_MALE");
}

// The count of `answer` to `question` in `counts`; fails the test if absent.
EqualityCount Find(const EqualityCounts& counts, const std::string& question,
                   const std::string& answer) {
  for (const auto& q : counts.questions()) {
    if (q.question() != question) continue;
    for (const auto& c : q.counts()) {
      if (c.answer() == answer) return c;
    }
  }
  ADD_FAILURE() << question << " / " << answer << " not found";
  return EqualityCount();
}

TEST(EqualityTally, ListsEveryQuestionAndEveryAnswerInOrder) {
  const EqualityCounts counts = EqualityTally().Counts();
  std::vector<std::string> questions;
  for (const auto& q : counts.questions()) questions.push_back(q.question());
  EXPECT_THAT(questions,
              ElementsAre("age_band", "sex", "gender_identity", "ethnicity", "disability",
                          "sexual_orientation", "religion", "carer_status"));
  std::vector<std::string> sexes;
  for (const auto& c : counts.questions(1).counts()) sexes.push_back(c.answer());
  EXPECT_THAT(sexes,
              ElementsAre("SEX_UNSPECIFIED", "SEX_PREFER_NOT_TO_SAY", "SEX_FEMALE", "SEX_MALE"));
  EXPECT_EQ(counts.questions(0).counts_size(), 9);  // UNSPECIFIED, PREFER_NOT_TO_SAY, 7 bands
  EXPECT_EQ(counts.questions(6).counts_size(), 10);
  EXPECT_EQ(counts.people(), 0);
  EXPECT_EQ(counts.people_shown(), "0");
  for (const auto& q : counts.questions()) {
    for (const auto& c : q.counts()) EXPECT_EQ(c.shown(), "0") << c.answer();
  }
}

TEST(EqualityTally, EveryAnswerOfEveryEnumIsCountedFromTheDescriptors) {
  // Each question's answer list is exactly its enum's values, so a new value in the
  // proto is counted without a code change.
  const EqualityCounts counts = EqualityTally().Counts();
  const auto* descriptor = EqualityMonitoring::descriptor();
  ASSERT_EQ(counts.questions_size(), descriptor->field_count());
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const auto* values = descriptor->field(i)->enum_type();
    ASSERT_EQ(counts.questions(i).counts_size(), values->value_count());
    for (int v = 0; v < values->value_count(); ++v) {
      EXPECT_EQ(counts.questions(i).counts(v).answer(), values->value(v)->name());
    }
  }
}

TEST(EqualityTally, SuppressesCountsUnderFiveButNotZero) {
  EqualityTally tally;
  EqualityMonitoring asian;
  asian.set_ethnicity(EqualityMonitoring::ETHNICITY_ASIAN);
  EqualityMonitoring black;
  black.set_ethnicity(EqualityMonitoring::ETHNICITY_BLACK);
  for (int i = 0; i < 4; ++i) tally.Add(asian);
  for (int i = 0; i < 5; ++i) tally.Add(black);
  const EqualityCounts counts = tally.Counts();

  EXPECT_EQ(counts.people(), 9);
  EXPECT_EQ(counts.people_shown(), "9");
  const EqualityCount four = Find(counts, "ethnicity", "ETHNICITY_ASIAN");
  EXPECT_EQ(four.count(), 0);
  EXPECT_TRUE(four.suppressed());
  EXPECT_EQ(four.shown(), "<5");
  const EqualityCount five = Find(counts, "ethnicity", "ETHNICITY_BLACK");
  EXPECT_EQ(five.count(), 5);
  EXPECT_FALSE(five.suppressed());
  EXPECT_EQ(five.shown(), "5");
  const EqualityCount none = Find(counts, "ethnicity", "ETHNICITY_WHITE");
  EXPECT_EQ(none.count(), 0);
  EXPECT_FALSE(none.suppressed());
  EXPECT_EQ(none.shown(), "0");
  // Nobody answered the other questions: all nine are UNSPECIFIED there.
  EXPECT_EQ(Find(counts, "sex", "SEX_UNSPECIFIED").shown(), "9");
  EXPECT_EQ(Find(counts, "ethnicity", "ETHNICITY_UNSPECIFIED").shown(), "0");
}

TEST(EqualityTally, PeopleWhoNeverAnsweredCountAsUnspecified) {
  EqualityTally tally;
  for (int i = 0; i < 6; ++i) tally.AddUnanswered();
  EqualityMonitoring m;
  m.set_disability(EqualityMonitoring::DISABILITY_NO);
  tally.Add(m);
  const EqualityCounts counts = tally.Counts();
  EXPECT_EQ(counts.people(), 7);
  EXPECT_EQ(Find(counts, "disability", "DISABILITY_UNSPECIFIED").count(), 6);
  EXPECT_EQ(Find(counts, "disability", "DISABILITY_NO").shown(), "<5");
  EXPECT_EQ(Find(counts, "age_band", "AGE_BAND_UNSPECIFIED").count(), 7);
}

TEST(EqualityTally, AnUnknownStoredValueCountsAsUnspecified) {
  EqualityTally tally;
  EqualityMonitoring m;
  m.set_sex(static_cast<EqualityMonitoring::Sex>(77));
  for (int i = 0; i < 5; ++i) tally.Add(m);
  EXPECT_EQ(Find(tally.Counts(), "sex", "SEX_UNSPECIFIED").count(), 5);
}

TEST(EqualityTally, SuppressesThePeopleTotalToo) {
  EqualityTally tally;
  for (int i = 0; i < 4; ++i) tally.AddUnanswered();
  EqualityCounts counts = tally.Counts();
  EXPECT_EQ(counts.people(), 0);
  EXPECT_EQ(counts.people_shown(), "<5");
  tally.AddUnanswered();
  counts = tally.Counts();
  EXPECT_EQ(counts.people(), 5);
  EXPECT_EQ(counts.people_shown(), "5");
  tally.AddUnanswered();
  EXPECT_EQ(tally.Counts().people_shown(), "6");
}

}  // namespace
}  // namespace cadre::matching
