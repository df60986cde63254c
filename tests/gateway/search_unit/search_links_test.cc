// The links of a search: the filters kept, in a fixed order, percent-encoded, the page
// token and start added; the feed's address; roles' and bodies' paths; the search in words.

#include <gtest/gtest.h>

#include "services/gateway/domain/search_query.h"

namespace cadre::gateway {
namespace {

TEST(PercentEncode, KeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(PercentEncode("abcXYZ019-._~"), "abcXYZ019-._~");
  EXPECT_EQ(PercentEncode("a b&c=d+e/f?g#h%"), "a%20b%26c%3Dd%2Be%2Ff%3Fg%23h%25");
  EXPECT_EQ(PercentEncode("\"<>'"), "%22%3C%3E%27");
  EXPECT_EQ(PercentEncode("caf\xC3\xA9"), "caf%C3%A9");
  EXPECT_EQ(PercentEncode(std::string("a\0b", 3)), "a%00b");
}

TEST(SearchPageUrl, WithoutFiltersIsTheBareSearch) {
  EXPECT_EQ(SearchPageUrl({}), "/search");
  EXPECT_EQ(SearchFeedUrl({}), "/search.atom");
  EXPECT_EQ(FilterQueryString({}), "");
}

TEST(SearchPageUrl, KeepsEveryFilterInTheFormsOrder) {
  SearchFilters f{.q = "board & chair",
                  .level = "3",
                  .region = "london",
                  .remote = "no",
                  .hours = "8",
                  .topic = "mental-health",
                  .kind = "icb"};
  const std::string query =
      "q=board%20%26%20chair&level=3&region=london&remote=no&hours=8&topic=mental-health&kind=icb";
  EXPECT_EQ(FilterQueryString(f), query);
  EXPECT_EQ(SearchPageUrl(f), "/search?" + query);
  EXPECT_EQ(SearchFeedUrl(f), "/search.atom?" + query);
}

TEST(SearchPageUrl, LeavesOutFiltersThatAreNotSet) {
  EXPECT_EQ(SearchPageUrl({.region = "south-west", .hours = "0"}),
            "/search?region=south-west&hours=0");
}

TEST(SearchPageUrl, AddsThePageTokenEncodedAndTheStart) {
  const SearchFilters f{.level = "2"};
  EXPECT_EQ(SearchPageUrl(f, "djF8MTIz=", 21), "/search?level=2&page=djF8MTIz%3D&start=21");
  // The first page needs no start.
  EXPECT_EQ(SearchPageUrl(f, "abc", 1), "/search?level=2&page=abc");
  EXPECT_EQ(SearchPageUrl({}, "abc", 41), "/search?page=abc&start=41");
  // No token: no page, and no start either.
  EXPECT_EQ(SearchPageUrl(f, "", 41), "/search?level=2");
}

TEST(SearchPageUrl, ParsingALinkGivesTheSameSearch) {
  const SearchFilters f{.q = "caf\xC3\xA9 & co", .remote = "yes", .topic = "diabetes"};
  const std::string url = SearchPageUrl(f, "tok-en_1=", 21);
  // Decode the query string as a server would, then parse it again.
  QueryParams params;
  const std::string query = url.substr(url.find('?') + 1);
  size_t at = 0;
  while (at <= query.size()) {
    size_t amp = query.find('&', at);
    if (amp == std::string::npos) amp = query.size();
    const std::string pair = query.substr(at, amp - at);
    const size_t eq = pair.find('=');
    std::string value;
    for (size_t i = eq + 1; i < pair.size(); ++i) {
      if (pair[i] == '%') {
        value.push_back(static_cast<char>(std::stoi(pair.substr(i + 1, 2), nullptr, 16)));
        i += 2;
      } else {
        value.push_back(pair[i]);
      }
    }
    params.emplace(pair.substr(0, eq), value);
    at = amp + 1;
  }
  const ParsedSearch parsed = ParseSearch(params);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.filters.q, f.q);
  EXPECT_EQ(parsed.filters.remote, "yes");
  EXPECT_EQ(parsed.filters.topic, "diabetes");
  EXPECT_EQ(parsed.page_token, "tok-en_1=");
  EXPECT_EQ(parsed.start, 21);
}

TEST(RolePath, IsTheRolesPageFromItsName) {
  EXPECT_EQ(RolePath("roles/42"), "/roles/42");
  EXPECT_EQ(RolePath("roles/"), "");
  EXPECT_EQ(RolePath("roles/4x"), "");
  EXPECT_EQ(RolePath("bodies/RXF"), "");
  EXPECT_EQ(BodyPath("bodies/RXF"), "/bodies/RXF");
  EXPECT_EQ(BodyPath("bodies/"), "");
  EXPECT_EQ(BodyPath("roles/1"), "");
  EXPECT_EQ(BodyPath("bodies/rxf"), "") << "not a body code";
  EXPECT_EQ(BodyCode("bodies/RXF"), "RXF");
}

TEST(DescribeSearch, NamesTheFiltersInWords) {
  EXPECT_EQ(DescribeSearch({}), "Open roles");
  cadre::v1::ListRolesRequest r;
  r.set_query("board");
  r.set_level(cadre::v1::INVOLVEMENT_LEVEL_3);
  r.set_region(cadre::v1::REGION_LONDON);
  r.set_remote(true);
  r.set_max_hours_per_month(1);
  r.set_topic("mental-health");
  r.set_body_kind(cadre::v1::BODY_KIND_TRUST);
  EXPECT_EQ(DescribeSearch(r),
            "Open roles matching \xE2\x80\x9C"
            "board\xE2\x80\x9D, at level 3, in London, remote or "
            "hybrid, up to 1 hour a month, about mental health, at NHS trusts");
  cadre::v1::ListRolesRequest national;
  national.set_region(cadre::v1::REGION_NATIONAL);
  national.set_remote(false);
  national.set_max_hours_per_month(4);
  EXPECT_EQ(DescribeSearch(national),
            "Open roles across England, in person only, up to 4 hours a month");
}

}  // namespace
}  // namespace cadre::gateway
