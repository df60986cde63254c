// The search, feed, role and menu pages over real HTTP, in front of a real registry and
// matching service: 45 published roles with a mix of bodies, levels, regions, attendance,
// hours and topics; filters that narrow, paging that visits every role once, bad input
// answered on the form, the Atom feed read as XML. The role and menu pages:
// role_pages_test.cc.

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "tests/gateway/integration/gateway_harness.h"
#include "tests/gateway/integration/page_checks.h"
#include "tests/gateway/xml_check.h"
#include "tests/support/stderr_capture.h"

namespace cadre::testing {
namespace {

constexpr char kPublicUrl[] = "https://cadre.example.nhs.uk";
constexpr int kRoles = 45;

// ---------------------------------------------------------------- the seeded roles

struct Seeded {
  std::string link;  // "/roles/12"
  std::string body;  // "bodies/RXF"
  int level;
  cadre::v1::Region region;
  bool remote;
  int hours;
  std::string topic;
  cadre::v1::BodyKind kind;
  bool board;  // "board" in the title
};

struct SeedBody {
  const char* ods;
  const char* name;
  cadre::v1::BodyKind kind;
};

constexpr SeedBody kBodies[] = {
    {"RXF", "Royal Example Hospitals NHS Trust", cadre::v1::BODY_KIND_TRUST},
    {"QWE", "Example Integrated Care Board", cadre::v1::BODY_KIND_ICB},
    {"HWX01", "Healthwatch Exampleshire", cadre::v1::BODY_KIND_LOCAL_HEALTHWATCH},
};

constexpr cadre::v1::Region kRegions[] = {cadre::v1::REGION_LONDON, cadre::v1::REGION_NORTH_WEST,
                                          cadre::v1::REGION_SOUTH_WEST};

class SearchPagesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    redis_ = RedisServer::Start().release();
    harness_ = new GatewayHarness(redis_->options(),
                                  [](gateway::GatewayOptions& o) { o.public_url = kPublicUrl; });
    MatchingHarness& services = harness_->services();
    std::vector<std::string> keys;
    for (const SeedBody& body : kBodies)
      keys.push_back(services.BodyWithKey(body.ods, body.name, body.kind));
    seeded_ = new std::vector<Seeded>;
    for (int i = 0; i < kRoles; ++i) {
      const SeedBody& body = kBodies[i % 3];
      Seeded s{.link = "",
               .body = absl::StrCat("bodies/", body.ods),
               .level = i % 4 + 1,
               .region = kRegions[(i / 3) % 3],
               .remote = i % 5 != 0,
               .hours = i % 2 == 0 ? 4 : 16,
               .topic = i % 6 == 0 ? "diabetes" : "maternity",
               .kind = body.kind,
               .board = i % 7 == 0};
      cadre::v1::Role role = MatchingHarness::RoleFor(body.ods, i % 3 + 1);
      role.set_title(s.board ? absl::StrCat("Patient board member ", i)
                             : absl::StrCat("Focus group participant ", i));
      role.set_level(static_cast<cadre::v1::InvolvementLevel>(s.level));
      role.mutable_location()->set_region(s.region);
      role.mutable_location()->set_mode(s.remote ? cadre::v1::ATTENDANCE_MODE_REMOTE
                                                 : cadre::v1::ATTENDANCE_MODE_IN_PERSON);
      role.mutable_time_commitment()->set_hours_per_month(s.hours);
      role.clear_topics();
      role.add_topics(s.topic);
      s.link = absl::StrCat("/", services.OpenRole(keys[i % 3], role));
      seeded_->push_back(s);
    }
  }

  static void TearDownTestSuite() {
    delete harness_;
    delete redis_;
    delete seeded_;
  }

  // The seeded roles that `keep` keeps, newest first (as the registry lists them).
  static std::set<std::string> Expected(const std::function<bool(const Seeded&)>& keep) {
    std::set<std::string> links;
    for (const Seeded& s : *seeded_) {
      if (keep(s)) links.insert(s.link);
    }
    return links;
  }

  // Follows Next from `url` to the last page; every role listed, in order. Fails the test
  // when a page is not 200 or a role comes twice.
  static std::vector<std::string> AllPages(const std::string& url, int* pages = nullptr) {
    auto client = harness_->Client();
    std::vector<std::string> all;
    std::set<std::string> seen;
    std::string next = url;
    int n = 0;
    while (!next.empty() && n < 20) {
      auto res = client->Get(next);
      EXPECT_TRUE(res);
      if (!res) break;
      EXPECT_EQ(res->status, 200) << next;
      ExpectSoundPage(res->body);
      for (const std::string& link : RoleLinks(res->body)) {
        EXPECT_TRUE(seen.insert(link).second) << link << " listed twice, on " << next;
        all.push_back(link);
      }
      next = RelLink(res->body, "next");
      ++n;
    }
    if (pages != nullptr) *pages = n;
    return all;
  }

  static std::set<std::string> AsSet(const std::vector<std::string>& links) {
    return {links.begin(), links.end()};
  }

  static RedisServer* redis_;
  static GatewayHarness* harness_;
  static std::vector<Seeded>* seeded_;
};

RedisServer* SearchPagesTest::redis_ = nullptr;
GatewayHarness* SearchPagesTest::harness_ = nullptr;
std::vector<Seeded>* SearchPagesTest::seeded_ = nullptr;

TEST_F(SearchPagesTest, TheFirstPageShowsTwentyRolesWithTheirFacts) {
  auto res = harness_->Client()->Get("/search");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  ExpectSoundPage(res->body);
  EXPECT_EQ(RoleLinks(res->body).size(), 20u);
  EXPECT_TRUE(absl::StrContains(res->body, "Showing roles 1 to 20")) << res->body;
  EXPECT_TRUE(absl::StrContains(res->body, "<title>Find a role – Cadre"));
  EXPECT_TRUE(absl::StrContains(res->body, "Royal Example Hospitals NHS Trust"));
  EXPECT_TRUE(absl::StrContains(res->body, "Level 3: working group"));
  EXPECT_TRUE(absl::StrContains(res->body, "4 hours a month"));
  EXPECT_TRUE(absl::StrContains(res->body, "Involvement payment of £20.00 an hour"));
  EXPECT_TRUE(absl::StrContains(res->body, "<time datetime=\"2026-12-02T10:00:00Z\">"));
  // The newest role first.
  EXPECT_EQ(RoleLinks(res->body).front(), seeded_->back().link);
  // The feed is linked from the page's head, and the header marks search as current.
  EXPECT_TRUE(absl::StrContains(
      res->body,
      "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Roles matching "
      "this search\" href=\"/search.atom\">"));
  EXPECT_TRUE(absl::StrContains(res->body, "href=\"/search\" aria-current=\"page\""));
  EXPECT_EQ(RelLink(res->body, "prev"), "");
  EXPECT_EQ(RelLink(res->body, "next").rfind("/search?page=", 0), 0u) << RelLink(res->body, "next");
}

TEST_F(SearchPagesTest, PagingVisitsEveryOpenRoleExactlyOnce) {
  int pages = 0;
  const std::vector<std::string> all = AllPages("/search", &pages);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(all.size(), static_cast<size_t>(kRoles));
  EXPECT_EQ(AsSet(all), Expected([](const Seeded&) { return true; }));
  auto client = harness_->Client();
  auto first = client->Get("/search");
  auto second = client->Get(RelLink(first->body, "next"));
  EXPECT_TRUE(absl::StrContains(second->body, "Showing roles 21 to 40")) << second->body;
  auto third = client->Get(RelLink(second->body, "next"));
  EXPECT_TRUE(absl::StrContains(third->body, "Showing roles 41 to 45"));
  EXPECT_EQ(RelLink(third->body, "next"), "");
}

TEST_F(SearchPagesTest, EachFilterNarrowsTheRoles) {
  struct Case {
    std::string query;
    std::function<bool(const Seeded&)> keep;
  };
  const std::vector<Case> cases = {
      {"level=2", [](const Seeded& s) { return s.level == 2; }},
      {"region=north-west",
       [](const Seeded& s) { return s.region == cadre::v1::REGION_NORTH_WEST; }},
      {"remote=no", [](const Seeded& s) { return !s.remote; }},
      {"remote=yes", [](const Seeded& s) { return s.remote; }},
      {"hours=4", [](const Seeded& s) { return s.hours <= 4; }},
      {"topic=diabetes", [](const Seeded& s) { return s.topic == "diabetes"; }},
      {"kind=icb", [](const Seeded& s) { return s.kind == cadre::v1::BODY_KIND_ICB; }},
      {"q=board", [](const Seeded& s) { return s.board; }},
      {"level=1&remote=yes&hours=4",
       [](const Seeded& s) { return s.level == 1 && s.remote && s.hours <= 4; }},
  };
  for (const Case& c : cases) {
    const std::set<std::string> expected = Expected(c.keep);
    ASSERT_FALSE(expected.empty()) << c.query;
    ASSERT_LT(expected.size(), static_cast<size_t>(kRoles)) << c.query;
    const std::vector<std::string> found = AllPages("/search?" + c.query);
    EXPECT_EQ(found.size(), expected.size()) << c.query;
    EXPECT_EQ(AsSet(found), expected) << c.query;
  }
}

TEST_F(SearchPagesTest, NextLinksKeepTheFiltersAcrossPages) {
  // 31 remote roles have "participant" in their title ("or" is a word the registry
  // ignores): two pages, and the link to the second keeps both filters.
  auto client = harness_->Client();
  auto first = client->Get("/search?remote=yes&q=participant%20OR");
  ASSERT_TRUE(first);
  const std::string next = RelLink(first->body, "next");
  ASSERT_FALSE(next.empty());
  EXPECT_TRUE(absl::StrContains(next, "q=participant%20OR&remote=yes&page=")) << next;
  EXPECT_TRUE(absl::StrContains(next, "&start=21")) << next;
  // The form shows the filters again, selected.
  EXPECT_TRUE(absl::StrContains(first->body, "value=\"participant OR\""));
  EXPECT_TRUE(absl::StrContains(first->body,
                                "id=\"remote-2\" name=\"remote\" type=\"radio\" "
                                "value=\"yes\" checked"));
}

TEST_F(SearchPagesTest, PreviousLinksComeBackToTheSameRoles) {
  auto client = harness_->Client();
  auto first = client->Get("/search?remote=yes");
  auto second = client->Get(RelLink(first->body, "next"));
  ASSERT_TRUE(first && second);
  // The registry's ListRolesResponse.previous_page_token (merged from branch prevpage).
  const std::string previous = RelLink(second->body, "prev");
  ASSERT_FALSE(previous.empty()) << second->body;
  EXPECT_TRUE(absl::StrContains(previous, "remote=yes&page=")) << previous;
  auto back = client->Get(previous);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->status, 200);
  EXPECT_EQ(RoleLinks(back->body), RoleLinks(first->body));
  EXPECT_TRUE(absl::StrContains(back->body, "Showing roles 1 to 20"));
  EXPECT_EQ(RelLink(back->body, "prev"), "") << "the first page has no Previous";
}

TEST_F(SearchPagesTest, WalkingBackFromTheLastPageVisitsEveryRoleOnce) {
  auto client = harness_->Client();
  std::vector<std::vector<std::string>> forward;
  std::string url = "/search";
  std::string last_body;
  while (!url.empty()) {
    auto res = client->Get(url);
    ASSERT_TRUE(res);
    forward.push_back(RoleLinks(res->body));
    last_body = res->body;
    url = RelLink(res->body, "next");
  }
  ASSERT_EQ(forward.size(), 3u);
  std::vector<std::vector<std::string>> backward = {forward.back()};
  const char* showing[] = {"Showing roles 21 to 40", "Showing roles 1 to 20"};
  for (url = RelLink(last_body, "prev"); !url.empty();) {
    auto res = client->Get(url);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << url;
    ExpectSoundPage(res->body);
    ASSERT_LT(backward.size(), 3u) << "more pages backwards than forwards";
    EXPECT_TRUE(absl::StrContains(res->body, showing[backward.size() - 1])) << url;
    backward.push_back(RoleLinks(res->body));
    url = RelLink(res->body, "prev");
  }
  std::reverse(backward.begin(), backward.end());
  EXPECT_EQ(backward, forward) << "the same pages, the same roles in the same order";
}

TEST_F(SearchPagesTest, AnEmptyResultSaysSoAndSuggestsWidening) {
  auto res = harness_->Client()->Get("/search?q=astrophysics");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  ExpectSoundPage(res->body);
  EXPECT_TRUE(RoleLinks(res->body).empty());
  EXPECT_TRUE(absl::StrContains(res->body, "No open roles match your search."));
  EXPECT_TRUE(absl::StrContains(res->body, "clear all filters"));
  EXPECT_FALSE(absl::StrContains(res->body, "Showing roles"));
}

TEST_F(SearchPagesTest, BadInputIsAnsweredOnTheFormWithTheFieldNamed) {
  struct Case {
    std::string query;
    std::string field;
    std::string message;
    std::string kept;  // what the form must still show, "" for a select
  };
  const std::vector<Case> cases = {
      {"hours=abc&level=2", "hours", "Enter hours a month as a whole number from 0 to 200",
       "value=\"abc\""},
      {"level=9&q=board", "level", "Select an involvement level from the list", "value=\"board\""},
      {"region=atlantis", "region", "Select a region from the list", ""},
      {"q=" + std::string(201, 'x'), "q", "Search words must be 200 characters or fewer",
       "value=\"" + std::string(201, 'x') + "\""},
      {"topic=a%2Fb", "topic", "Enter a topic using only letters, numbers and hyphens",
       "value=\"a/b\""},
      {"kind=pharmacy", "kind", "Select a kind of organisation from the list", ""},
      {"remote=sometimes", "remote", "Select whether the role can be done from home", ""},
  };
  auto client = harness_->Client();
  for (const Case& c : cases) {
    auto res = client->Get("/search?" + c.query);
    ASSERT_TRUE(res) << c.query;
    EXPECT_EQ(res->status, 400) << c.query;
    ExpectSoundPage(res->body);
    EXPECT_TRUE(absl::StrContains(res->body, "<title>Error: Find a role")) << c.query;
    EXPECT_TRUE(absl::StrContains(res->body, "nhsuk-error-summary")) << c.query;
    // The summary links to the field, whose own message says the same.
    EXPECT_TRUE(
        absl::StrContains(res->body, absl::StrCat("<li><a href=\"#", c.field, "\">", c.message)))
        << c.query << "\n"
        << res->body;
    EXPECT_TRUE(absl::StrContains(res->body, absl::StrCat("id=\"", c.field, "-error\"")))
        << c.query;
    EXPECT_TRUE(absl::StrContains(res->body, "nhsuk-form-group--error")) << c.query;
    if (!c.kept.empty()) {
      EXPECT_TRUE(absl::StrContains(res->body, c.kept)) << c.query;
    }
    EXPECT_TRUE(RoleLinks(res->body).empty()) << c.query;
  }
}

TEST_F(SearchPagesTest, APageTokenTheRegistryRefusesIsABadRequest) {
  auto client = harness_->Client();
  auto level2 = client->Get("/search?remote=yes");
  const std::string next = RelLink(level2->body, "next");
  ASSERT_FALSE(next.empty());
  const std::string token =
      next.substr(next.find("page=") + 5, next.find("&start") - next.find("page=") - 5);
  // A token made for other filters, and one that is no token at all.
  for (const std::string& url :
       {absl::StrCat("/search?remote=no&page=", token), std::string("/search?page=djF8MXxhYmM")}) {
    auto res = client->Get(url);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << url;
    ExpectSoundPage(res->body);
    EXPECT_TRUE(absl::StrContains(res->body, "This page of results is no longer available"))
        << res->body;
    EXPECT_TRUE(RoleLinks(res->body).empty());
  }
  // The summary's link starts the same search again.
  auto res = client->Get(absl::StrCat("/search?remote=no&page=", token));
  EXPECT_TRUE(absl::StrContains(res->body, "<li><a href=\"/search?remote=no\">"));
}

TEST_F(SearchPagesTest, TheFeedListsTheSameRolesWithAbsoluteLinks) {
  auto client = harness_->Client();
  const std::vector<std::string> searched = AllPages("/search?level=2");
  // The Host header is the client's to choose: the feed's links must not follow it.
  auto res = client->Get("/search.atom?level=2", {{"Host", "evil.example"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/atom+xml; charset=utf-8");
  EXPECT_EQ(res->get_header_value("Cache-Control"), "public, max-age=300");
  absl::StatusOr<XmlElement> feed = ParseXml(res->body);
  ASSERT_TRUE(feed.ok()) << feed.status() << "\n" << res->body;
  EXPECT_EQ(feed->name, "feed");
  EXPECT_EQ(feed->ChildText("id"), absl::StrCat(kPublicUrl, "/search.atom?level=2"));
  EXPECT_EQ(feed->ChildText("title"), "Open roles at level 2 – Cadre");
  EXPECT_EQ(feed->Children("link")[0]->Attribute("href"),
            absl::StrCat(kPublicUrl, "/search.atom?level=2"));
  EXPECT_EQ(feed->Children("link")[1]->Attribute("href"),
            absl::StrCat(kPublicUrl, "/search?level=2"));
  EXPECT_FALSE(absl::StrContains(res->body, "evil.example"));
  std::vector<std::string> listed;
  std::string newest;
  for (const XmlElement* entry : feed->Children("entry")) {
    const std::string link = entry->Children("link")[0]->Attribute("href");
    ASSERT_EQ(link.rfind(kPublicUrl, 0), 0u) << link;
    EXPECT_EQ(entry->ChildText("id"), link);
    listed.push_back(link.substr(strlen(kPublicUrl)));
    EXPECT_FALSE(entry->ChildText("title").empty());
    EXPECT_FALSE(entry->ChildText("summary").empty());
    EXPECT_FALSE(entry->ChildText("published").empty());
    newest = std::max(newest, entry->ChildText("updated"));
    const std::string author = entry->Children("author")[0]->ChildText("name");
    EXPECT_TRUE(author == "Royal Example Hospitals NHS Trust" ||
                author == "Example Integrated Care Board" || author == "Healthwatch Exampleshire")
        << author;
  }
  EXPECT_EQ(listed, searched) << "the feed lists the search's roles, newest first";
  EXPECT_EQ(feed->ChildText("updated"), newest);
}

TEST_F(SearchPagesTest, TheFeedOfEverythingIsItsNewestThirty) {
  const std::vector<std::string> searched = AllPages("/search");
  auto res = harness_->Client()->Get("/search.atom");
  ASSERT_TRUE(res);
  absl::StatusOr<XmlElement> feed = ParseXml(res->body);
  ASSERT_TRUE(feed.ok()) << feed.status();
  const auto entries = feed->Children("entry");
  ASSERT_EQ(entries.size(), 30u);
  for (size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ(entries[i]->ChildText("id"), absl::StrCat(kPublicUrl, searched[i]));
  }
  EXPECT_EQ(Count(res->body, "<feed "), 1);
  EXPECT_EQ(feed->ChildText("title"), "Open roles – Cadre");
}

TEST_F(SearchPagesTest, AFeedWithBadFiltersIsABadRequest) {
  auto res = harness_->Client()->Get("/search.atom?hours=abc&region=atlantis");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_TRUE(absl::StrContains(res->body, "hours: Enter hours a month")) << res->body;
  EXPECT_TRUE(absl::StrContains(res->body, "region: Select a region")) << res->body;
}

}  // namespace
}  // namespace cadre::testing
