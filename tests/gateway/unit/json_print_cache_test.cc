// The cache of printed JSON: the same text as printing, one entry an answer, new bytes a
// new entry, bounded in size, large answers never kept.

#include "services/gateway/connect/json_print_cache.h"

#include <gtest/gtest.h>

#include "cadre/v1/registry.pb.h"
#include "services/gateway/connect/connect_json.h"

namespace cadre::gateway {
namespace {

std::string RoleBytes(const std::string& title) {
  cadre::v1::Role role;
  role.set_name("roles/7");
  role.set_title(title);
  return role.SerializeAsString();
}

TEST(JsonPrintCache, PrintsWhatPrintingPrintsAndKeepsIt) {
  JsonPrintCache cache;
  const cadre::v1::Role& prototype = cadre::v1::Role::default_instance();
  const std::string bytes = RoleBytes("Patient panel member");
  const auto first = cache.Print(prototype, bytes);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(*first, *MessageBytesToJson(prototype, bytes));
  EXPECT_EQ(cache.entries_for_test(), 1u);
  EXPECT_EQ(*cache.Print(prototype, bytes), *first);
  EXPECT_EQ(cache.entries_for_test(), 1u);
  // A new version of the role is new bytes: a new entry, never the old text.
  const auto changed = cache.Print(prototype, RoleBytes("Lay member"));
  ASSERT_TRUE(changed.ok());
  EXPECT_NE(changed->find("Lay member"), std::string::npos);
  EXPECT_EQ(cache.entries_for_test(), 2u);
}

TEST(JsonPrintCache, TheSameBytesAsAnotherTypeAreAnotherEntry) {
  JsonPrintCache cache;
  const std::string bytes = RoleBytes("x");  // field 1 is a string in both types
  ASSERT_TRUE(cache.Print(cadre::v1::Role::default_instance(), bytes).ok());
  ASSERT_TRUE(cache.Print(cadre::v1::GetRoleRequest::default_instance(), bytes).ok());
  EXPECT_EQ(cache.entries_for_test(), 2u);
}

TEST(JsonPrintCache, StartsAgainWhenFullAndNeverKeepsLargeAnswers) {
  JsonPrintCache cache(/*max_bytes=*/300, /*max_entry_bytes=*/100);
  const cadre::v1::Role& prototype = cadre::v1::Role::default_instance();
  ASSERT_TRUE(cache.Print(prototype, RoleBytes("one")).ok());
  ASSERT_TRUE(cache.Print(prototype, RoleBytes("two")).ok());
  ASSERT_TRUE(cache.Print(prototype, RoleBytes("three")).ok());
  EXPECT_LE(cache.entries_for_test(), 3u);
  for (int i = 0; i < 20; ++i)
    ASSERT_TRUE(cache.Print(prototype, RoleBytes(std::to_string(i))).ok());
  EXPECT_LT(cache.entries_for_test(), 10u);  // bounded by bytes, not by calls
  const std::string large = RoleBytes(std::string(200, 'a'));
  const auto printed = cache.Print(prototype, large);
  ASSERT_TRUE(printed.ok());
  EXPECT_NE(printed->find(std::string(200, 'a')), std::string::npos);
}

TEST(JsonPrintCache, BytesThatDoNotParseAreAnErrorAndNotKept) {
  JsonPrintCache cache;
  EXPECT_FALSE(cache.Print(cadre::v1::Role::default_instance(), "\xff\xff\xff").ok());
  EXPECT_EQ(cache.entries_for_test(), 0u);
}

}  // namespace
}  // namespace cadre::gateway
