// The Atom writer: escaping of everything XML cares about, no control characters, a
// well-formed document with the elements RFC 4287 asks for.

#include "services/gateway/domain/atom.h"

#include <gtest/gtest.h>

#include "tests/gateway/xml_check.h"

namespace cadre::gateway {
namespace {

using cadre::testing::ParseXml;
using cadre::testing::XmlElement;

const absl::Time kT = absl::FromUnixSeconds(1793613600);  // 2026-11-02T10:00:00Z

AtomFeed TwoEntries() {
  AtomFeed feed{.id = "https://cadre.example/search.atom?level=3",
                .title = "Open roles at level 3",
                .self_link = "https://cadre.example/search.atom?level=3&q=a%20b",
                .alternate_link = "https://cadre.example/search?level=3",
                .updated = kT};
  feed.entries.push_back({.id = "https://cadre.example/roles/2",
                          .title = "Chair & <co-chair> \"lay\" member's role",
                          .link = "https://cadre.example/roles/2",
                          .summary = "Line one\nline two & more",
                          .author = "Body O'Neil & Sons",
                          .updated = kT,
                          .published = kT - absl::Hours(24)});
  feed.entries.push_back({.id = "https://cadre.example/roles/1",
                          .title = "Reader",
                          .link = "https://cadre.example/roles/1",
                          .summary = "",
                          .author = "RXF",
                          .updated = kT - absl::Hours(48),
                          .published = kT - absl::Hours(48)});
  return feed;
}

TEST(XmlEscape, EscapesMarkupAndQuotes) {
  EXPECT_EQ(XmlEscape("a & b < c > d \" e ' f"), "a &amp; b &lt; c &gt; d &quot; e &apos; f");
  EXPECT_EQ(XmlEscape("&amp;"), "&amp;amp;");
  EXPECT_EQ(XmlEscape("plain caf\xC3\xA9 \xF0\x9F\x98\x80"), "plain caf\xC3\xA9 \xF0\x9F\x98\x80");
}

TEST(XmlEscape, DropsControlCharactersButKeepsWhitespace) {
  EXPECT_EQ(XmlEscape(std::string("a\0b\x01\x08\x0b\x0c\x1f\x7f"
                                  "c",
                                  10)),
            "abc");
  EXPECT_EQ(XmlEscape("tab\tnew\nline\rend"), "tab\tnew\nline\rend");
  EXPECT_EQ(XmlEscape("c1\xC2\x85"
                      "end"),
            "c1end");  // U+0085
  EXPECT_EQ(XmlEscape("no\xEF\xBF\xBE\xEF\xBF\xBF"
                      "n"),
            "non");  // U+FFFE, U+FFFF
}

TEST(XmlEscape, ReplacesInvalidUtf8) {
  EXPECT_EQ(XmlEscape("caf\xE9!"), "caf\xEF\xBF\xBD!");
  EXPECT_EQ(XmlEscape("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
}

TEST(WriteAtom, IsWellFormedWithTheFeedsElements) {
  const std::string xml = WriteAtom(TwoEntries());
  ASSERT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"utf-8\"?>", 0), 0u);
  absl::StatusOr<XmlElement> feed = ParseXml(xml);
  ASSERT_TRUE(feed.ok()) << feed.status() << "\n" << xml;
  EXPECT_EQ(feed->name, "feed");
  EXPECT_EQ(feed->Attribute("xmlns"), "http://www.w3.org/2005/Atom");
  EXPECT_EQ(feed->ChildText("id"), "https://cadre.example/search.atom?level=3");
  EXPECT_EQ(feed->ChildText("title"), "Open roles at level 3");
  EXPECT_EQ(feed->ChildText("updated"), "2026-11-02T10:00:00Z");
  const auto links = feed->Children("link");
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0]->Attribute("rel"), "self");
  EXPECT_EQ(links[0]->Attribute("href"), "https://cadre.example/search.atom?level=3&q=a%20b");
  EXPECT_EQ(links[1]->Attribute("rel"), "alternate");

  const auto entries = feed->Children("entry");
  ASSERT_EQ(entries.size(), 2u);
  const XmlElement& first = *entries[0];
  EXPECT_EQ(first.ChildText("id"), "https://cadre.example/roles/2");
  EXPECT_EQ(first.ChildText("title"), "Chair & <co-chair> \"lay\" member's role");
  EXPECT_EQ(first.Children("link")[0]->Attribute("href"), "https://cadre.example/roles/2");
  EXPECT_EQ(first.ChildText("updated"), "2026-11-02T10:00:00Z");
  EXPECT_EQ(first.ChildText("published"), "2026-11-01T10:00:00Z");
  EXPECT_EQ(first.ChildText("summary"), "Line one\nline two & more");
  ASSERT_EQ(first.Children("author").size(), 1u);
  EXPECT_EQ(first.Children("author")[0]->ChildText("name"), "Body O'Neil & Sons");
}

TEST(WriteAtom, HostileTextStaysText) {
  AtomFeed feed = TwoEntries();
  feed.title = "</title><script>alert(1)</script>";
  feed.entries[0].summary = "]]> <![CDATA[ x \x01\x02 &#0; &lt;";
  feed.entries[0].author = "\"/><evil a='";
  feed.self_link = "https://cadre.example/search.atom?q=\"><x";
  const std::string xml = WriteAtom(feed);
  absl::StatusOr<XmlElement> parsed = ParseXml(xml);
  ASSERT_TRUE(parsed.ok()) << parsed.status() << "\n" << xml;
  EXPECT_EQ(parsed->ChildText("title"), "</title><script>alert(1)</script>");
  EXPECT_EQ(parsed->Children("link")[0]->Attribute("href"),
            "https://cadre.example/search.atom?q=\"><x");
  EXPECT_EQ(parsed->Children("entry")[0]->Children("author")[0]->ChildText("name"),
            "\"/><evil a='");
  for (char c : xml) {
    const auto u = static_cast<unsigned char>(c);
    EXPECT_FALSE(u < 0x20 && c != '\n' && c != '\t' && c != '\r') << "control byte " << int(u);
  }
}

TEST(WriteAtom, AnEmptyFeedIsStillAFeed) {
  AtomFeed feed = TwoEntries();
  feed.entries.clear();
  absl::StatusOr<XmlElement> parsed = ParseXml(WriteAtom(feed));
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_TRUE(parsed->Children("entry").empty());
  EXPECT_EQ(parsed->ChildText("updated"), "2026-11-02T10:00:00Z");
}

TEST(XmlCheck, RefusesWhatIsNotWellFormed) {
  // The checker the feed tests lean on must itself refuse bad XML.
  for (const char* bad : {"<a>", "<a></b>", "<a><b></a></b>", "<a>&</a>", "<a>x < y</a>",
                          "<a b=c/>", "<a b='1' b='2'/>", "<a>&nbsp;</a>", "<a/><b/>",
                          "<a>\x01</a>", "<a>caf\xE9</a>", "<a b='<'/>"}) {
    EXPECT_FALSE(ParseXml(bad).ok()) << bad;
  }
  EXPECT_TRUE(ParseXml("<?xml version=\"1.0\"?>\n<a b=\"&amp;\">t &lt; <c/></a>\n").ok());
}

}  // namespace
}  // namespace cadre::gateway
