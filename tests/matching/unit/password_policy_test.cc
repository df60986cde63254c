// Passwords: long enough, not common, not the email; messages never quote them.

#include "services/matching/domain/password_policy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "absl/strings/ascii.h"
#include "services/common/base/validation.h"
#include "services/matching/domain/common_passwords.h"
#include "services/matching/domain/limits.h"
#include "tests/matching/unit/test_data.h"
#include "tests/support/status_matchers.h"

namespace cadre::matching {
namespace {

using ::cadre::testing::InvalidAt;
using testdata::Repeat;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kEmail[] = "ada.lovelace@example.org";

absl::Status Check(absl::string_view password) {
  return CheckPassword(password, kEmail, "password");
}

TEST(CheckPassword, AcceptsLongUncommonPasswords) {
  CADRE_EXPECT_OK(Check("correct horse battery"));
  CADRE_EXPECT_OK(Check("tea-kettle-orbit"));
  CADRE_EXPECT_OK(Check("Ünïcødé pässwörd"));
}

TEST(CheckPassword, LengthIsTenToOneHundredTwentyEightCharacters) {
  EXPECT_THAT(Check(""), InvalidAt("password"));
  EXPECT_THAT(Check("abcxyz789"), InvalidAt("password"));
  CADRE_EXPECT_OK(Check("abcxyz7890"));
  CADRE_EXPECT_OK(Check(Repeat("ab", 64)));
  EXPECT_THAT(Check(Repeat("ab", 64) + "c"), InvalidAt("password"));
}

TEST(CheckPassword, CountsCharactersNotBytes) {
  // Five two-byte characters are ten bytes but only five characters.
  EXPECT_THAT(Check("éüöäñ"), InvalidAt("password"));
  CADRE_EXPECT_OK(Check("éüöäñéüöäx"));
  CADRE_EXPECT_OK(Check(Repeat("éü", 64)));  // 128 characters, 256 bytes
  EXPECT_THAT(Check(Repeat("éü", 64) + "x"), InvalidAt("password"));
}

TEST(CheckPassword, RefusesInvalidUtf8) {
  EXPECT_THAT(Check("abcdefghij\xff"), InvalidAt("password"));
}

TEST(CheckPassword, RefusesCommonPasswordsWhateverTheirCase) {
  for (const char* common : {"password123", "1234567890", "qwertyuiop", "iloveyou12", "PASSWORD123",
                             "QwertyUiop", "Welcome123"}) {
    EXPECT_THAT(Check(common), InvalidAt("password")) << common;
  }
}

TEST(CheckPassword, RefusesOneCharacterRepeated) {
  EXPECT_THAT(Check("zzzzzzzzzzzz"), InvalidAt("password"));
  EXPECT_THAT(Check(Repeat("é", 12)), InvalidAt("password"));
  CADRE_EXPECT_OK(Check("zzzzzzzzzzzy"));
}

TEST(CheckPassword, RefusesTheEmailOrItsLocalPart) {
  EXPECT_THAT(Check("ada.lovelace@example.org"), InvalidAt("password"));
  EXPECT_THAT(Check("ADA.LOVELACE"), InvalidAt("password"));
  EXPECT_THAT(CheckPassword("ada.lovelace", "  Ada.Lovelace@Example.org ", "new_password"),
              InvalidAt("new_password"));
  CADRE_EXPECT_OK(Check("ada.lovelace1"));
  // Without an email only the other rules apply.
  CADRE_EXPECT_OK(CheckPassword("ada.lovelace", "", "password"));
}

TEST(CheckPassword, MessagesSayWhatIsNeededAndNeverQuoteThePassword) {
  for (const std::string& bad : {std::string("short1"), std::string("password123"),
                                 std::string("ada.lovelace"), Repeat("q", 11), Repeat("x", 200)}) {
    const absl::Status s = Check(bad);
    ASSERT_THAT(s, InvalidAt("password")) << bad;
    EXPECT_THAT(std::string(s.message()), Not(HasSubstr(bad))) << bad;
  }
  EXPECT_THAT(std::string(Check("short1").message()), HasSubstr("10 to 128 characters"));
}

TEST(CommonPasswords, AreLowerCaseLongSortedAndDistinct) {
  const absl::Span<const absl::string_view> list = CommonPasswords();
  EXPECT_GE(list.size(), 200u);
  EXPECT_TRUE(std::is_sorted(list.begin(), list.end()));
  EXPECT_EQ(std::set<absl::string_view>(list.begin(), list.end()).size(), list.size());
  for (absl::string_view p : list) {
    EXPECT_GE(Utf8Length(p), kMinPasswordLength) << p;
    EXPECT_EQ(absl::AsciiStrToLower(p), p) << p;
    EXPECT_TRUE(IsCommonPassword(p)) << p;
  }
  EXPECT_FALSE(IsCommonPassword("correct horse battery"));
}

}  // namespace
}  // namespace cadre::matching
