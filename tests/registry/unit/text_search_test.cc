// Words for search: the same rules index a role and read a query.

#include "services/registry/domain/text_search.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace cadre::registry {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(TextSearchTest, SplitsOnAnythingButLettersAndDigits) {
  EXPECT_THAT(IndexWords("dementia-care board, 2024/25!"),
              ElementsAre("dementia", "care", "board", "2024", "25"));
  EXPECT_THAT(IndexWords("  tabs\tand\nnew lines  "), ElementsAre("tabs", "new", "lines"));
}

TEST(TextSearchTest, LowerCases) {
  EXPECT_THAT(IndexWords("Dementia NHS ICB"), ElementsAre("dementia", "nhs", "icb"));
}

TEST(TextSearchTest, LeavesOutStopWordsAndSingleCharacters) {
  EXPECT_THAT(IndexWords("The voice of a patient in the NHS"),
              ElementsAre("voice", "patient", "nhs"));
  EXPECT_THAT(IndexWords("x y z the and OF"), IsEmpty());
  EXPECT_THAT(IndexWords(""), IsEmpty());
}

TEST(TextSearchTest, KeepsEachWordOnceInOrderOfFirstAppearance) {
  EXPECT_THAT(IndexWords("Care, care and CARE: cancer care"), ElementsAre("care", "cancer"));
}

TEST(TextSearchTest, NonAsciiBytesSplitWords) {
  // UTF-8 letters are separators: "café" gives "caf", "naïve" gives "na" and "ve".
  EXPECT_THAT(IndexWords("café naïve"), ElementsAre("caf", "na", "ve"));
}

TEST(TextSearchTest, LeavesOutWordsLongerThanForty) {
  EXPECT_THAT(IndexWords(std::string(40, 'a') + " " + std::string(41, 'b') + " ok"),
              ElementsAre(std::string(40, 'a'), "ok"));
}

TEST(TextSearchTest, QueryUsesTheSameRulesAsTheIndex) {
  const std::string text = "Lay member for the Dementia Board (North West)";
  EXPECT_EQ(QueryWords(text), IndexWords(text));
  EXPECT_THAT(QueryWords("DEMENTIA the board"), ElementsAre("dementia", "board"));
}

}  // namespace
}  // namespace cadre::registry
