// The map pages' links: which body codes a path may carry, paths from resource names, how
// to join an avenue, and the embed snippet.

#include "services/gateway/domain/map_links.h"

#include <gtest/gtest.h>

namespace cadre::gateway {
namespace {

TEST(IsBodyCode, OdsCodesAndCadreIssuedCodes) {
  for (const char* code : {"RXF", "QOP", "R0A", "X24", "RJ1", "ABCDEF", "123", "CDR1", "CDR000042",
                           "CDR123456789012"}) {
    EXPECT_TRUE(IsBodyCode(code)) << code;
  }
}

TEST(IsBodyCode, AnythingElseIsNotABody) {
  for (const char* code : {"", "RX", "ABCDEFG", "rxf", "RxF", "RX-F", "RX F", "CDR1234567890123",
                           "../A", "RXF/", "%52XF", "ÀBC"}) {
    EXPECT_FALSE(IsBodyCode(code)) << code;
  }
}

TEST(BodyCodeOf, TheCodeOfABodysName) {
  EXPECT_EQ(BodyCodeOf("bodies/RXF"), "RXF");
  EXPECT_EQ(BodyCodeOf("bodies/CDR17"), "CDR17");
  EXPECT_EQ(BodyCodeOf("bodies/"), "");
  EXPECT_EQ(BodyCodeOf("bodies/rxf"), "");
  EXPECT_EQ(BodyCodeOf("roles/RXF"), "");
  EXPECT_EQ(BodyCodeOf("RXF"), "");
}

TEST(RoleIdOf, TheNumberOfARolesName) {
  EXPECT_EQ(RoleIdOf("roles/42"), "42");
  EXPECT_EQ(RoleIdOf("roles/"), "");
  EXPECT_EQ(RoleIdOf("roles/4a"), "");
  EXPECT_EQ(RoleIdOf("roles/-1"), "");
  EXPECT_EQ(RoleIdOf("bodies/42"), "");
}

TEST(JoinLinkOf, AWebsiteIsLinkedAsItIs) {
  auto link = JoinLinkOf("https://www.ouh.nhs.uk/get-involved");
  ASSERT_TRUE(link.has_value());
  EXPECT_EQ(link->href, "https://www.ouh.nhs.uk/get-involved");
  EXPECT_FALSE(link->email);
}

TEST(JoinLinkOf, AnEmailAddressBecomesMailto) {
  auto link = JoinLinkOf(" patient.information@ouh.nhs.uk ");
  ASSERT_TRUE(link.has_value());
  EXPECT_EQ(link->href, "mailto:patient.information@ouh.nhs.uk");
  EXPECT_EQ(link->address, "patient.information@ouh.nhs.uk");
  EXPECT_TRUE(link->email);
}

TEST(JoinLinkOf, NoOtherSchemeReachesAnHref) {
  for (const char* how :
       {"javascript:alert(1)", "http://example.org", "ftp://x.org", "data:text/html,hi", "https://",
        "https:///path", "Ask at reception", "a@b", "@nhs.uk", "a@@nhs.uk", "a@nhs.uk?subject=x",
        "a b@nhs.uk", "javascript:a@b.uk", "https://x.org/\"onmouseover=\"x", ""}) {
    EXPECT_FALSE(JoinLinkOf(how).has_value()) << how;
  }
}

TEST(IsHttpsUrl, OnlyHttpsWithAHost) {
  EXPECT_TRUE(IsHttpsUrl("https://gmintegratedcare.org.uk"));
  EXPECT_FALSE(IsHttpsUrl("http://gmintegratedcare.org.uk"));
  EXPECT_FALSE(IsHttpsUrl("HTTPS://x.org <b>"));
  EXPECT_FALSE(IsHttpsUrl(""));
}

TEST(EscapeHtmlAttribute, EscapesWhatCouldEndTheAttribute) {
  EXPECT_EQ(EscapeHtmlAttribute(R"(Guy's & St Thomas' "<x>")"),
            "Guy&#39;s &amp; St Thomas&#39; &quot;&lt;x&gt;&quot;");
  EXPECT_EQ(EscapeHtmlAttribute("plain"), "plain");
}

TEST(EmbedSnippet, AnIframeOfTheEmbedPageWithItsTitle) {
  EXPECT_EQ(
      EmbedSnippet("https://cadre.nhs.uk", "RJ1", "Guy's and St Thomas' NHS Foundation Trust"),
      "<iframe src=\"https://cadre.nhs.uk/bodies/RJ1/embed\" title=\"Patient leader roles at "
      "Guy&#39;s and St Thomas&#39; NHS Foundation Trust\" width=\"100%\" height=\"480\" "
      "loading=\"lazy\"></iframe>");
  EXPECT_EQ(EmbedSnippet("https://cadre.nhs.uk", "RXF", "A \"quoted\" <b>").find("<b>"),
            std::string::npos);
  EXPECT_EQ(EmbedSnippet("https://cadre.nhs.uk", "RXF", "x").find("style"), std::string::npos);
}

}  // namespace
}  // namespace cadre::gateway
