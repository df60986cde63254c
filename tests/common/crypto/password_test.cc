#include "services/common/password.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "tests/support/status_matchers.h"

namespace cadre {
namespace {

using ::cadre::testing::IsOkAndHolds;
using ::cadre::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

// Cheap parameters, so that most tests run in microseconds.
constexpr ScryptParams kFast{16, 1, 1};

std::string FastHash(absl::string_view password) {
  absl::StatusOr<std::string> stored = HashPasswordWithParams(password, kFast);
  EXPECT_TRUE(stored.ok()) << stored.status();
  return stored.value_or("");
}

TEST(PasswordTest, RoundTripAtFullStrength) {
  absl::StatusOr<std::string> stored = HashPassword("correct horse battery staple");
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_THAT(*stored, StartsWith("scrypt$N=32768,r=8,p=1$"));
  EXPECT_THAT(*stored, Not(HasSubstr("horse")));
  EXPECT_THAT(VerifyPassword("correct horse battery staple", *stored), IsOkAndHolds(true));
  EXPECT_THAT(VerifyPassword("correct horse battery stapler", *stored), IsOkAndHolds(false));
  EXPECT_FALSE(NeedsRehash(*stored));
}

TEST(PasswordTest, StoredStringHasTheDocumentedShape) {
  const std::string stored = FastHash("hunter2hunter2");
  // scrypt$N=16,r=1,p=1$<16 bytes, base64>$<32 bytes, base64>
  const std::vector<std::string> parts = absl::StrSplit(stored, '$');
  ASSERT_EQ(parts.size(), 4u) << stored;
  EXPECT_EQ(parts[0], "scrypt");
  EXPECT_EQ(parts[1], "N=16,r=1,p=1");
  std::string salt;
  std::string key;
  ASSERT_TRUE(absl::Base64Unescape(parts[2], &salt));
  ASSERT_TRUE(absl::Base64Unescape(parts[3], &key));
  EXPECT_EQ(salt.size(), kSaltBytes);
  EXPECT_EQ(key.size(), kKeyBytes);
}

TEST(PasswordTest, WrongPasswordIsFalse) {
  const std::string stored = FastHash("open sesame");
  EXPECT_THAT(VerifyPassword("open sesame", stored), IsOkAndHolds(true));
  for (absl::string_view wrong : {"open sesamE", "open sesame ", "", "open"}) {
    EXPECT_THAT(VerifyPassword(wrong, stored), IsOkAndHolds(false)) << wrong;
  }
  // Longer than any password that can be set: false, without running scrypt.
  EXPECT_THAT(VerifyPassword(std::string(kMaxPasswordBytes + 1, 'a'), stored), IsOkAndHolds(false));
}

TEST(PasswordTest, TwoHashesOfOnePasswordDiffer) {
  const std::string first = FastHash("same password");
  const std::string second = FastHash("same password");
  EXPECT_NE(first, second);
  EXPECT_THAT(VerifyPassword("same password", first), IsOkAndHolds(true));
  EXPECT_THAT(VerifyPassword("same password", second), IsOkAndHolds(true));
}

TEST(PasswordTest, ParametersAreReadFromTheStoredString) {
  // Made by hand with other parameters than the defaults: verification must use these.
  const std::string salt = "0123456789abcdef";
  const ScryptParams params{1024, 8, 16};
  absl::StatusOr<std::string> key = ScryptKey("a long passphrase", salt, params, 32);
  ASSERT_TRUE(key.ok()) << key.status();
  const std::string stored = absl::StrCat("scrypt$N=1024,r=8,p=16$", absl::Base64Escape(salt), "$",
                                          absl::Base64Escape(*key));
  EXPECT_THAT(VerifyPassword("a long passphrase", stored), IsOkAndHolds(true));
  EXPECT_THAT(VerifyPassword("a long passphrasf", stored), IsOkAndHolds(false));
  // The same key under other parameters does not verify.
  const std::string relabelled = absl::StrReplaceAll(stored, {{"p=16", "p=1"}});
  EXPECT_THAT(VerifyPassword("a long passphrase", relabelled), IsOkAndHolds(false));
  EXPECT_TRUE(NeedsRehash(stored));
  EXPECT_TRUE(NeedsRehash(FastHash("made with kFast")));
}

TEST(PasswordTest, TamperedKeyOrSaltDoesNotVerify) {
  const std::string stored = FastHash("tamper proof");
  const std::vector<std::string> parts = absl::StrSplit(stored, '$');
  ASSERT_EQ(parts.size(), 4u);
  for (int part : {2, 3}) {
    std::string bytes;
    ASSERT_TRUE(absl::Base64Unescape(parts[part], &bytes));
    bytes[0] = static_cast<char>(bytes[0] ^ 0x01);
    std::vector<std::string> changed = parts;
    changed[part] = absl::Base64Escape(bytes);
    EXPECT_THAT(VerifyPassword("tamper proof", absl::StrJoin(changed, "$")), IsOkAndHolds(false))
        << part;
  }
}

TEST(PasswordTest, GarbledStoredStringsAreRefused) {
  const std::string good = FastHash("garble me please");
  const std::vector<std::string> parts = absl::StrSplit(good, '$');
  ASSERT_EQ(parts.size(), 4u);
  const std::string& salt = parts[2];
  const std::string& key = parts[3];
  const std::string short_b64 = absl::Base64Escape("fifteen bytes!!");
  const std::string bad[] = {
      "",
      "scrypt",
      "plain text password",
      absl::StrCat("bcrypt$N=16,r=1,p=1$", salt, "$", key),
      absl::StrCat("scrypt$N=16,r=1,p=1$", salt),
      absl::StrCat("scrypt$N=16,r=1,p=1$", salt, "$", key, "$"),
      absl::StrCat("scrypt$N=16,r=1$", salt, "$", key),
      absl::StrCat("scrypt$r=1,N=16,p=1$", salt, "$", key),
      absl::StrCat("scrypt$N=016,r=1,p=1$", salt, "$", key),
      absl::StrCat("scrypt$N=+16,r=1,p=1$", salt, "$", key),
      absl::StrCat("scrypt$N= 16,r=1,p=1$", salt, "$", key),
      absl::StrCat("scrypt$N=-16,r=1,p=1$", salt, "$", key),
      absl::StrCat("scrypt$N=99999999999999999999,r=1,p=1$", salt, "$", key),
      // Out of bounds: these would take minutes or gigabytes if believed.
      absl::StrCat("scrypt$N=1073741824,r=8,p=1$", salt, "$", key),
      absl::StrCat("scrypt$N=1048576,r=8,p=1$", salt, "$", key),
      absl::StrCat("scrypt$N=32768,r=8,p=16$", salt, "$", key),
      absl::StrCat("scrypt$N=16,r=1000,p=1$", salt, "$", key),
      absl::StrCat("scrypt$N=16,r=1,p=1000$", salt, "$", key),
      // Not valid scrypt parameters.
      absl::StrCat("scrypt$N=24,r=1,p=1$", salt, "$", key),
      absl::StrCat("scrypt$N=1,r=1,p=1$", salt, "$", key),
      absl::StrCat("scrypt$N=16,r=0,p=1$", salt, "$", key),
      absl::StrCat("scrypt$N=16,r=1,p=0$", salt, "$", key),
      // Salt or key not canonical base64, or too short.
      absl::StrCat("scrypt$N=16,r=1,p=1$", salt, "$", key, "\n"),
      absl::StrCat("scrypt$N=16,r=1,p=1$ ", salt, "$", key),
      absl::StrCat("scrypt$N=16,r=1,p=1$", salt, "$", absl::StripSuffix(key, "=")),
      absl::StrCat("scrypt$N=16,r=1,p=1$", salt, "$", "!!!!", key.substr(4)),
      absl::StrCat("scrypt$N=16,r=1,p=1$", short_b64, "$", key),
      absl::StrCat("scrypt$N=16,r=1,p=1$", salt, "$", short_b64),
      absl::StrCat("scrypt$N=16,r=1,p=1$$", key),
  };
  for (const std::string& stored : bad) {
    EXPECT_THAT(VerifyPassword("garble me please", stored),
                StatusIs(absl::StatusCode::kInvalidArgument))
        << stored;
    EXPECT_TRUE(NeedsRehash(stored)) << stored;
  }
  EXPECT_THAT(VerifyPassword("garble me please", good), IsOkAndHolds(true));
}

TEST(PasswordTest, NewPasswordLengthPolicy) {
  EXPECT_THAT(HashPasswordWithParams("seven c", kFast),
              StatusIs(absl::StatusCode::kInvalidArgument, "8 to 128 characters"));
  EXPECT_TRUE(HashPasswordWithParams("eight ch", kFast).ok());
  // Characters, not bytes: 128 two-byte characters are fine, 129 are not.
  std::string e_acute;
  for (int i = 0; i < 128; ++i) e_acute += "\xc3\xa9";
  EXPECT_TRUE(HashPasswordWithParams(e_acute, kFast).ok());
  EXPECT_THAT(HashPasswordWithParams(e_acute + "\xc3\xa9", kFast),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(HashPasswordWithParams(std::string(kMaxPasswordBytes + 1, 'a'), kFast),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(HashPasswordWithParams("not utf-8 \xff\xfe here", kFast),
              StatusIs(absl::StatusCode::kInvalidArgument, "UTF-8"));
  // The message never carries the password.
  absl::StatusOr<std::string> refused = HashPasswordWithParams("short", kFast);
  EXPECT_THAT(std::string(refused.status().message()), Not(HasSubstr("short")));
}

TEST(PasswordTest, HashingParametersAreBounded) {
  EXPECT_THAT(HashPasswordWithParams("a fine password", {24, 1, 1}),
              StatusIs(absl::StatusCode::kInvalidArgument, "power of two"));
  EXPECT_THAT(HashPasswordWithParams("a fine password", {uint64_t{1} << 21, 8, 1}),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ScryptKey("pw", "salt", kFast, 0), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ScryptKey("pw", "salt", kFast, kMaxStoredBytes + 1),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

// RFC 7914, section 12: scrypt("password", "NaCl", N=1024, r=8, p=16, dkLen=64).
TEST(PasswordTest, ScryptKnownAnswerRfc7914) {
  absl::StatusOr<std::string> key = ScryptKey("password", "NaCl", {1024, 8, 16}, 64);
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_EQ(absl::BytesToHexString(*key),
            "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
            "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640");
  // And the first vector: empty password and salt, N=16, r=1, p=1.
  absl::StatusOr<std::string> empty = ScryptKey("", "", {16, 1, 1}, 64);
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_EQ(absl::BytesToHexString(*empty),
            "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
            "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906");
}

}  // namespace
}  // namespace cadre
