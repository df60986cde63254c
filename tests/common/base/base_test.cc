// cadre_base: echoing caller input, the generic field checks, field-mask updates.

#include <gtest/gtest.h>

#include <string>

#include "cadre/v1/registry.pb.h"
#include "services/common/base/errors.h"
#include "services/common/base/field_mask.h"
#include "services/common/base/validation.h"
#include "tests/support/status_matchers.h"

namespace cadre {
namespace {

using ::cadre::testing::InvalidAt;
using ::cadre::testing::StatusIs;

TEST(EchoTest, ShortTextIsKeptLongTextIsCutAtACharacter) {
  EXPECT_EQ(Echo("roles/42"), "roles/42");
  const std::string long_ascii(500, 'a');
  EXPECT_EQ(Echo(long_ascii), std::string(kMaxEchoBytes, 'a') + "...");
  // 'é' is two bytes: a cut inside it backs up to the character before.
  std::string accented(kMaxEchoBytes - 1, 'a');
  accented += "\xC3\xA9tail";
  EXPECT_EQ(Echo(accented), std::string(kMaxEchoBytes - 1, 'a') + "...");
  EXPECT_TRUE(IsValidUtf8(Echo(accented)));
}

TEST(EchoTest, MessagesThatQuoteCallersAreBounded) {
  const std::string huge = "roles/" + std::string(100000, '9');
  EXPECT_LT(NotFound(huge).message().size(), 200u);
  EXPECT_LT(EtagMismatch(huge).message().size(), 200u);
}

TEST(Utf8Test, LengthsAndValidity) {
  EXPECT_EQ(Utf8Length("café"), 4);
  EXPECT_TRUE(IsValidUtf8("日本 😀"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));      // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // a surrogate
  EXPECT_FALSE(IsValidUtf8("abc\xFF"));
  EXPECT_THAT(CheckLength("\xFF", 0, 10, "role.title"), InvalidAt("role.title"));
}

TEST(CheckTest, RangesEnumsTagsAndTimes) {
  CADRE_EXPECT_OK(CheckRange(5, 0, 10, "n"));
  EXPECT_THAT(CheckRange(11, 0, 10, "n"), StatusIs(absl::StatusCode::kInvalidArgument, "(got 11)"));
  EXPECT_THAT(CheckEnum(0, cadre::v1::Region_IsValid, "region", true), InvalidAt("region"));
  CADRE_EXPECT_OK(CheckEnum(0, cadre::v1::Region_IsValid, "region", false));
  EXPECT_THAT(CheckEnum(999, cadre::v1::Region_IsValid, "region", false), InvalidAt("region"));
  google::protobuf::RepeatedPtrField<std::string> tags;
  tags.Add("diabetes");
  tags.Add("diabetes");
  EXPECT_THAT(CheckTags(tags, 5, 40, "role.topics"), InvalidAt("role.topics[1]"));
  google::protobuf::Timestamp t;
  t.set_seconds(1);
  EXPECT_THAT(CheckTimestamp(t, "closing_time"), InvalidAt("closing_time"));
}

TEST(FieldMaskTest, ReplacesNamedFieldsOnlyAndDropsUnknownOnes) {
  cadre::v1::Role target;
  target.set_title("Old title");
  target.set_summary("Kept");
  target.add_topics("old");
  target.mutable_time_commitment()->set_hours_per_month(4);
  target.mutable_time_commitment()->set_pattern("monthly");
  cadre::v1::Role patch;
  patch.set_title("New title");
  patch.add_topics("new");
  patch.mutable_time_commitment()->set_hours_per_month(8);
  google::protobuf::FieldMask mask;
  mask.add_paths("title");
  mask.add_paths("topics");
  mask.add_paths("time_commitment");
  const std::set<std::string> allowed = {"title", "topics", "time_commitment", "summary"};
  CADRE_ASSERT_OK(ApplyFieldMask(patch, mask, allowed, target));
  EXPECT_EQ(target.title(), "New title");
  EXPECT_EQ(target.summary(), "Kept");
  ASSERT_EQ(target.topics_size(), 1);
  EXPECT_EQ(target.topics(0), "new");
  // Messages are replaced whole, not merged: the old pattern is gone.
  EXPECT_EQ(target.time_commitment().hours_per_month(), 8);
  EXPECT_EQ(target.time_commitment().pattern(), "");
}

TEST(FieldMaskTest, RefusesEmptyAndUnlistedPaths) {
  cadre::v1::Role target;
  google::protobuf::FieldMask mask;
  EXPECT_THAT(ApplyFieldMask(cadre::v1::Role(), mask, {"title"}, target), InvalidAt("update_mask"));
  mask.add_paths(std::string(1000, 'x'));
  const absl::Status s = ApplyFieldMask(cadre::v1::Role(), mask, {"title"}, target);
  EXPECT_THAT(s, InvalidAt("update_mask"));
  EXPECT_LT(s.message().size(), 300u);  // the caller's path is quoted, cut short
}

TEST(PageSizeTest, NegativeRefusedZeroDefaultsAboveMaxLowered) {
  EXPECT_THAT(EffectivePageSize(-1, 20, 100), InvalidAt("page_size"));
  EXPECT_EQ(*EffectivePageSize(0, 20, 100), 20);
  EXPECT_EQ(*EffectivePageSize(500, 20, 100), 100);
}

}  // namespace
}  // namespace cadre
