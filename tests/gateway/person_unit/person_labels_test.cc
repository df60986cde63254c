#include "services/gateway/domain/person_labels.h"

#include <gtest/gtest.h>

namespace cadre::gateway {
namespace {

TEST(SentenceOfTest, CapitalisesAndEndsWithAFullStop) {
  EXPECT_EQ(SentenceOf("matches your lived experience of diabetes; you have the time it asks"),
            "Matches your lived experience of diabetes; you have the time it asks.");
  EXPECT_EQ(SentenceOf("you meet all 6 requirements."), "You meet all 6 requirements.");
  EXPECT_EQ(SentenceOf("  "), "");
}

TEST(ScoreOutOfLabelTest, SumsThePartsWeights) {
  cadre::v1::MatchScore score;
  score.set_total(62.5);
  for (double weight : {30.0, 20.0, 10.0, 15.0, 10.0, 15.0}) score.add_parts()->set_weight(weight);
  EXPECT_EQ(ScoreOutOfLabel(score), "62.5 out of 100");
  score.set_total(70);
  EXPECT_EQ(ScoreOutOfLabel(score), "70 out of 100");
}

TEST(ScorePartLabelTest, NamesThePartInWords) {
  cadre::v1::ScorePart part;
  part.set_part("lived_experience");
  part.set_weight(30);
  part.set_points(22.5);
  EXPECT_EQ(ScorePartLabel(part), "Lived experience: 22.5 of 30 points");
}

TEST(CivilDateLabelTest, WritesTheDateInWords) {
  cadre::v1::Date date;
  EXPECT_EQ(CivilDateLabel(date), "");
  date.set_year(2027);
  date.set_month(12);
  date.set_day(1);
  EXPECT_EQ(CivilDateLabel(date), "1 December 2027");
}

TEST(CredentialLabelsTest, WhatAndStatus) {
  EXPECT_EQ(CredentialWhatLabel("dbs-enhanced"), "An enhanced DBS check");
  EXPECT_EQ(CredentialWhatLabel("modules/ppv-induction"), "The training module ppv induction");
  EXPECT_TRUE(IsDbsCredential("dbs-basic"));
  EXPECT_FALSE(IsDbsCredential("modules/dbs-awareness"));
  EXPECT_EQ(CredentialStatusTag(cadre::v1::CREDENTIAL_STATUS_REVOKED).text, "Revoked");
  EXPECT_EQ(CredentialStatusTag(cadre::v1::CREDENTIAL_STATUS_VALID).colour, "green");
}

TEST(ForYouUrlTest, CarriesOnlyTheToggleAndTheToken) {
  EXPECT_EQ(ForYouUrl(false), "/for-you");
  EXPECT_EQ(ForYouUrl(true), "/for-you?all=1");
  EXPECT_EQ(ForYouUrl(false, "ab+c/="), "/for-you?page=ab%2Bc%2F%3D");
  EXPECT_EQ(ForYouUrl(true, "x"), "/for-you?all=1&page=x");
}

}  // namespace
}  // namespace cadre::gateway
