// Email addresses: trimmed, lower-cased, and of the shape of an address.

#include "services/matching/domain/email.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "tests/matching/unit/test_data.h"
#include "tests/support/status_matchers.h"

namespace cadre::matching {
namespace {

using ::cadre::testing::InvalidAt;
using ::cadre::testing::IsOkAndHolds;
using testdata::Repeat;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(NormaliseEmail, TrimsAndLowerCases) {
  EXPECT_THAT(NormaliseEmail("  Ada.Example@Example.ORG ", "email"),
              IsOkAndHolds(std::string("ada.example@example.org")));
  EXPECT_THAT(NormaliseEmail("\tx@y.uk\n", "email"), IsOkAndHolds(std::string("x@y.uk")));
  EXPECT_THAT(NormaliseEmail("first+tag@sub.nhs.net", "email"),
              IsOkAndHolds(std::string("first+tag@sub.nhs.net")));
}

TEST(NormaliseEmail, LengthIsThreeToTwoHundredFiftyFour) {
  EXPECT_THAT(NormaliseEmail("", "email"), InvalidAt("email"));
  EXPECT_THAT(NormaliseEmail("   ", "email"), InvalidAt("email"));
  EXPECT_THAT(NormaliseEmail("a@", "email"), InvalidAt("email"));
  // 64 + 1 + 189 = 254 characters: the longest allowed.
  const std::string domain = Repeat("d", 185) + ".org";
  const std::string longest = Repeat("l", 64) + "@" + domain;
  ASSERT_EQ(longest.size(), 254u);
  EXPECT_THAT(NormaliseEmail(longest, "email"), IsOkAndHolds(longest));
  EXPECT_THAT(NormaliseEmail(longest + "g", "email"), InvalidAt("email"));
}

TEST(NormaliseEmail, NeedsExactlyOneAt) {
  EXPECT_THAT(NormaliseEmail("ada.example.org", "email"), InvalidAt("email"));
  EXPECT_THAT(NormaliseEmail("ada@home@example.org", "email"), InvalidAt("email"));
}

TEST(NormaliseEmail, LocalPartIsOneToSixtyFour) {
  EXPECT_THAT(NormaliseEmail("@example.org", "email"), InvalidAt("email"));
  EXPECT_TRUE(NormaliseEmail(Repeat("a", 64) + "@example.org", "email").ok());
  EXPECT_THAT(NormaliseEmail(Repeat("a", 65) + "@example.org", "email"), InvalidAt("email"));
}

TEST(NormaliseEmail, DomainHasADotInside) {
  CADRE_EXPECT_OK(NormaliseEmail("a@b.c", "email").status());
  for (const char* bad :
       {"a@localhost", "a@.example.org", "a@example.org.", "a@example..org", "a@."}) {
    EXPECT_THAT(NormaliseEmail(bad, "email"), InvalidAt("email")) << bad;
  }
}

TEST(NormaliseEmail, RefusesSpacesControlsAndNonAscii) {
  for (const char* bad :
       {"ada example@example.org", "ada@exa mple.org", "ada\r\n@example.org",
        "ada@example.org\r\nBcc: x@y.z", "adé@example.org", "ada\x7f@example.org"}) {
    EXPECT_THAT(NormaliseEmail(bad, "new_email"), InvalidAt("new_email")) << bad;
  }
}

TEST(NormaliseEmail, NeverQuotesTheAddress) {
  const absl::StatusOr<std::string> s = NormaliseEmail("secret.person@localhost", "email");
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(std::string(s.status().message()), Not(HasSubstr("secret.person")));
}

}  // namespace
}  // namespace cadre::matching
