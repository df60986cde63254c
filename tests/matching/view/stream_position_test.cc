// The rule that tells a reader whether entries it has not read were trimmed away.

#include "services/matching/view/stream_position.h"

#include <gtest/gtest.h>

namespace cadre::matching {
namespace {

TEST(StreamIdTest, OrdersByMillisecondsThenSequence) {
  EXPECT_TRUE(StreamIdBefore("0-0", "1-0"));
  EXPECT_TRUE(StreamIdBefore("1700000000000-5", "1700000000000-10"));
  EXPECT_TRUE(StreamIdBefore("999-9", "1000-0"));  // numbers, not text
  EXPECT_FALSE(StreamIdBefore("5-1", "5-1"));
  using Id = std::pair<uint64_t, uint64_t>;
  EXPECT_EQ(ParseStreamId("1700000000000"), Id(1700000000000, 0));
  EXPECT_EQ(ParseStreamId("junk"), Id(0, 0));
  EXPECT_EQ(OlderStreamId("5-2", "5-1"), "5-1");
  EXPECT_EQ(OlderStreamId("4-9", "5-1"), "4-9");
}

StreamBounds Bounds(std::string first, std::string last, int64_t length, int64_t added) {
  return StreamBounds{.first_id = std::move(first),
                      .last_generated_id = std::move(last),
                      .length = length,
                      .entries_added = added};
}

TEST(EntriesLostAfterTest, NothingRemovedMeansNothingLost) {
  EXPECT_FALSE(EntriesLostAfter(Bounds("10-0", "20-0", 5, 5), "0-0"));
  EXPECT_FALSE(EntriesLostAfter(Bounds("0-0", "0-0", 0, 0), "0-0"));  // no stream
}

TEST(EntriesLostAfterTest, TrimmedBeforeThePositionIsHarmless) {
  EXPECT_FALSE(EntriesLostAfter(Bounds("10-0", "20-0", 5, 9), "10-0"));
  EXPECT_FALSE(EntriesLostAfter(Bounds("10-0", "20-0", 5, 9), "15-0"));
  EXPECT_FALSE(EntriesLostAfter(Bounds("10-0", "20-0", 5, 9), "20-0"));
}

TEST(EntriesLostAfterTest, StreamThatBeginsAfterThePositionLostEntries) {
  EXPECT_TRUE(EntriesLostAfter(Bounds("10-0", "20-0", 5, 9), "9-0"));
  EXPECT_TRUE(EntriesLostAfter(Bounds("10-0", "20-0", 5, 9), "0-0"));
}

TEST(EntriesLostAfterTest, EmptiedStreamLostWhatCameAfterThePosition) {
  // XTRIM MAXLEN 0: nothing held, the last id generated remains.
  EXPECT_TRUE(EntriesLostAfter(Bounds("0-0", "20-0", 0, 9), "15-0"));
  EXPECT_FALSE(EntriesLostAfter(Bounds("0-0", "20-0", 0, 9), "20-0"));
}

}  // namespace
}  // namespace cadre::matching
