// The search, feed, role and menu pages over real HTTP, in front of a real registry and
// matching service: 45 published roles with a mix of bodies, levels, regions, attendance,
// hours and topics; filters that narrow, paging that visits every role once, bad input
// answered on the form, the Atom feed read as XML, the role page's facts and figures
// (with matching down too), and the menu of options.

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
#include "tests/gateway/xml_check.h"
#include "tests/support/stderr_capture.h"

namespace cadre::testing {
namespace {

constexpr char kPublicUrl[] = "https://cadre.example.nhs.uk";
constexpr int kRoles = 45;

// ---------------------------------------------------------------- reading the pages

int Count(const std::string& text, const std::string& needle) {
  int n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

std::string Unescape(const std::string& html) {
  return absl::StrReplaceAll(
      html, {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}});
}

// The roles a results page lists, in order ("/roles/12").
std::vector<std::string> RoleLinks(const std::string& html) {
  static const std::regex link("class=\"nhsuk-card__link\" href=\"(/roles/[0-9]+)\"");
  std::vector<std::string> links;
  for (std::sregex_iterator it(html.begin(), html.end(), link), end; it != end; ++it) {
    links.push_back((*it)[1]);
  }
  return links;
}

// The href of the link with rel="next" or rel="prev", unescaped; "" when there is none.
std::string RelLink(const std::string& html, const std::string& rel) {
  const std::regex link("href=\"([^\"]*)\" rel=\"" + rel + "\"");
  std::smatch m;
  return std::regex_search(html, m, link) ? Unescape(m[1]) : "";
}

// What every page must be for WCAG 2.2 AA and the Content-Security-Policy: one h1, a
// title, no inline style or script, every field labelled, every error link aimed at a
// field that is there.
void ExpectSoundPage(const std::string& html) {
  EXPECT_EQ(Count(html, "<h1"), 1) << html;
  std::smatch title;
  ASSERT_TRUE(std::regex_search(html, title, std::regex("<title>([^<]*)</title>")));
  EXPECT_FALSE(absl::StartsWith(std::string(title[1]), " ")) << title[1];
  EXPECT_GT(title[1].length(), 10u);
  EXPECT_FALSE(absl::StrContains(html, "style=")) << "inline style";
  // No empty links (a page without a feed once got <link rel="alternate" href="">).
  EXPECT_FALSE(absl::StrContains(html, "href=\"\"")) << "an empty href";
  EXPECT_FALSE(absl::StrContains(html, "<style"));
  static const std::regex script("<script[^>]*>");
  for (std::sregex_iterator it(html.begin(), html.end(), script), end; it != end; ++it) {
    EXPECT_TRUE(absl::StrContains(it->str(), " src=")) << "inline script: " << it->str();
  }
  static const std::regex field("<(input|select|textarea) [^>]*id=\"([^\"]+)\"");
  for (std::sregex_iterator it(html.begin(), html.end(), field), end; it != end; ++it) {
    EXPECT_TRUE(absl::StrContains(html, absl::StrCat("for=\"", (*it)[2].str(), "\"")))
        << "no label for " << (*it)[2];
  }
  static const std::regex error_link("<li><a href=\"#([^\"]+)\">");
  for (std::sregex_iterator it(html.begin(), html.end(), error_link), end; it != end; ++it) {
    EXPECT_TRUE(absl::StrContains(html, absl::StrCat("id=\"", (*it)[1].str(), "\"")))
        << "the error summary links to a missing field " << (*it)[1];
  }
}

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

// Registers a body as the admin and returns a key for it.
std::string BodyKey(MatchingHarness& services, const SeedBody& seed) {
  cadre::v1::CreateBodyRequest create;
  create.mutable_body()->set_ods_code(seed.ods);
  create.mutable_body()->set_display_name(seed.name);
  create.mutable_body()->set_kind(seed.kind);
  create.mutable_body()->set_region(cadre::v1::REGION_LONDON);
  cadre::v1::Body body;
  EXPECT_TRUE(services.registry().CreateBody(CallContext(kAdminKey).get(), create, &body).ok());
  cadre::v1::CreateApiKeyRequest key_request;
  key_request.set_kind(cadre::v1::PRINCIPAL_KIND_BODY);
  key_request.set_subject(body.name());
  key_request.set_label("test");
  cadre::v1::CreateApiKeyResponse key;
  EXPECT_TRUE(
      services.registry().CreateApiKey(CallContext(kAdminKey).get(), key_request, &key).ok());
  return key.secret();
}

class SearchPagesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    redis_ = RedisServer::Start().release();
    harness_ = new GatewayHarness(redis_->options(),
                                  [](gateway::GatewayOptions& o) { o.public_url = kPublicUrl; });
    MatchingHarness& services = harness_->services();
    std::vector<std::string> keys;
    for (const SeedBody& body : kBodies) keys.push_back(BodyKey(services, body));
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

// ---------------------------------------------------------------- role and menu pages

// One body with one role, a harness of their own (the tests change them).
class GatewayRolePageTest : public GatewayTest {
 protected:
  void SetUp() override {
    GatewayTest::SetUp();
    key_ = BodyKey(harness_->services(),
                   {"RXF", "Royal Example Hospitals NHS Trust", cadre::v1::BODY_KIND_TRUST});
    cadre::v1::Role role = MatchingHarness::RoleFor("RXF", 1);
    role.set_title("Lay member, maternity & neonatal <safety> board");
    role.set_summary("Help the board hear from families.\n\nMeetings are monthly.");
    role.set_lived_experience_sought("Recent experience of maternity care");
    role.add_expertise_sought("lived-experience-of-maternity");
    role.mutable_location()->set_place("Exampleton");
    role.mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_HYBRID);
    role.mutable_support()->add_access_support("bsl-interpreter");
    role.mutable_support()->set_expenses_paid(true);
    role.mutable_time_commitment()->set_duration_months(12);
    role.add_required_credentials("dbs-enhanced");
    role.set_minimum_age(18);
    role_ = harness_->services().OpenRole(key_, role);
  }

  std::string Page() const { return absl::StrCat("/", role_); }

  std::string key_;
  std::string role_;  // "roles/N"
};

TEST_F(GatewayRolePageTest, ShowsWhatAPersonNeedsToDecide) {
  auto res = harness_->Client()->Get(Page());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  const std::string& html = res->body;
  ExpectSoundPage(html);
  EXPECT_TRUE(absl::StrContains(
      html, "<h1>Lay member, maternity &amp; neonatal &lt;safety&gt; board</h1>"));
  EXPECT_TRUE(absl::StrContains(html, "<title>Lay member, maternity &amp; neonatal"));
  EXPECT_TRUE(
      absl::StrContains(html, "<a href=\"/bodies/RXF\">Royal Example Hospitals NHS Trust</a>"));
  EXPECT_TRUE(absl::StrContains(html, "<p>Help the board hear from families.</p>"));
  EXPECT_TRUE(absl::StrContains(html, "<p>Meetings are monthly.</p>"));
  for (const char* fact :
       {"nhsuk-summary-list", "Level 3: working group", "4 hours a month for 12 months",
        "finance, lived experience of maternity", "diabetes", "Recent experience of maternity care",
        "London", "Hybrid: in person and remote", "Exampleton", "bsl interpreter",
        "Involvement payment of £20.00 an hour, and expenses paid", "1 place",
        "2 December 2026, 10:00am", "An enhanced DBS check", "You must be 18 or older",
        "Taking applications", "Involve"}) {
    EXPECT_TRUE(absl::StrContains(html, fact)) << fact;
  }
  EXPECT_TRUE(absl::StrContains(html, "nhsuk-list--number")) << "what happens after applying";
  EXPECT_TRUE(absl::StrContains(html, absl::StrCat("href=\"/", role_, "/apply\"")));
  EXPECT_TRUE(absl::StrContains(html, "Not enough applications yet to say how quickly"));
  EXPECT_TRUE(absl::StrContains(html, "href=\"/search\" aria-current=\"page\""));
  EXPECT_TRUE(absl::StrContains(html, "nhsuk-breadcrumb"));
}

TEST_F(GatewayRolePageTest, ShowsHowQuicklyTheBodyAcknowledges) {
  MatchingHarness& services = harness_->services();
  // Five acknowledged applications, each a day and a half after it was made: enough for
  // the median to be published.
  std::vector<std::string> applications;
  for (int i = 0; i < 5; ++i) {
    cadre::v1::SignUpResponse person = services.SignUp(absl::StrCat("person", i, "@example.org"));
    applications.push_back(services.Apply(person.key(), role_).name());
  }
  services.clock().Advance(absl::Hours(36));
  for (const std::string& application : applications) {
    cadre::v1::Application moved;
    ASSERT_TRUE(
        services.Move(key_, application, cadre::v1::APPLICATION_STATE_ACKNOWLEDGED, &moved).ok());
  }
  auto res = harness_->Client()->Get(Page());
  ASSERT_TRUE(res);
  EXPECT_TRUE(absl::StrContains(
      res->body, "Half of applications in the last 90 days were acknowledged within 1.5 days"))
      << res->body;
}

TEST_F(GatewayRolePageTest, StillRendersWhileMatchingIsDown) {
  harness_->StopMatching();
  auto res = harness_->Client()->Get(Page());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  ExpectSoundPage(res->body);
  EXPECT_TRUE(absl::StrContains(res->body,
                                "Figures on how quickly this organisation replies are "
                                "unavailable just now."));
  EXPECT_TRUE(absl::StrContains(res->body, "Royal Example Hospitals NHS Trust"));
}

TEST_F(GatewayRolePageTest, AClosedRoleSaysItIsNoLongerTakingApplications) {
  cadre::v1::CloseRoleRequest close;
  close.set_name(role_);
  close.set_state(cadre::v1::ROLE_STATE_CLOSED);
  close.set_reason("The board has paused recruitment.");
  cadre::v1::Role closed;
  ASSERT_TRUE(
      harness_->services().registry().CloseRole(CallContext(key_).get(), close, &closed).ok());
  auto res = harness_->Client()->Get(Page());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  ExpectSoundPage(res->body);
  EXPECT_TRUE(
      absl::StrContains(res->body, "This role has closed. It is no longer taking applications."));
  EXPECT_TRUE(absl::StrContains(res->body, "The board has paused recruitment."));
  EXPECT_FALSE(absl::StrContains(res->body, "/apply\""));
  EXPECT_FALSE(absl::StrContains(res->body, "Taking applications"));
  // Nor does search list it any more.
  EXPECT_TRUE(RoleLinks(harness_->Client()->Get("/search")->body).empty());
}

TEST_F(GatewayRolePageTest, AnUnknownRoleIsNotFound) {
  auto client = harness_->Client();
  auto res = client->Get("/roles/999999");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_TRUE(absl::StrContains(res->body, "<h1>Page not found</h1>"));
  EXPECT_FALSE(absl::StrContains(res->body, "There is a problem")) << "no empty error summary";
  ExpectSoundPage(res->body);
  // Ids that are not ids are not found without asking the registry: with it stopped,
  // they are still 404, not 503.
  harness_->services().StopRegistry();
  for (const char* path : {"/roles/abc", "/roles/0", "/roles/007", "/roles/",
                           "/roles/12345678901234567890", "/roles/9223372036854775808"}) {
    auto bad = client->Get(path);
    ASSERT_TRUE(bad) << path;
    EXPECT_EQ(bad->status, 404) << path;
  }
  auto down = client->Get(Page());
  ASSERT_TRUE(down);
  EXPECT_EQ(down->status, 503) << "a registry failure is the upstream error page";
}

TEST_F(GatewayRolePageTest, SearchAndTheFeedAreUnavailableWhileTheRegistryIsDown) {
  harness_->services().StopRegistry();
  auto client = harness_->Client();
  EXPECT_EQ(client->Get("/search")->status, 503);
  EXPECT_EQ(client->Get("/search.atom")->status, 503);
  EXPECT_EQ(client->Get("/menu")->status, 503);
}

TEST_F(GatewayTest, TheMenuListsRoleTypesByLevel) {
  struct Type {
    const char* id;
    const char* title;
    cadre::v1::InvolvementLevel level;
    int hours;
  };
  const Type types[] = {
      {"survey-respondent", "Survey respondent", cadre::v1::INVOLVEMENT_LEVEL_1, 1},
      {"reader-panel", "Reader panel member", cadre::v1::INVOLVEMENT_LEVEL_1, 2},
      {"programme-board", "Programme board member", cadre::v1::INVOLVEMENT_LEVEL_3, 6},
      {"lay-director", "Lay director", cadre::v1::INVOLVEMENT_LEVEL_4, 12},
  };
  for (const Type& t : types) {
    cadre::v1::CreateRoleTypeRequest create;
    create.set_role_type_id(t.id);
    create.mutable_role_type()->set_title(t.title);
    create.mutable_role_type()->set_description(absl::StrCat("What a ", t.title, " does."));
    create.mutable_role_type()->set_level(t.level);
    create.mutable_role_type()->set_rung(cadre::v1::ENGAGEMENT_RUNG_CONSULT);
    create.mutable_role_type()->mutable_typical_time()->set_hours_per_month(t.hours);
    create.mutable_role_type()->add_typical_expertise("chairing");
    cadre::v1::RoleType made;
    ASSERT_TRUE(harness_->services()
                    .registry()
                    .CreateRoleType(CallContext(kAdminKey).get(), create, &made)
                    .ok());
  }
  auto res = harness_->Client()->Get("/menu");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  const std::string& html = res->body;
  ExpectSoundPage(html);
  EXPECT_TRUE(absl::StrContains(html, "<h1>The menu of options</h1>"));
  EXPECT_TRUE(absl::StrContains(html, "href=\"/menu\" aria-current=\"page\""));
  // Each level's heading, in order, with its role types under it.
  const size_t l1 = html.find("<h2 id=\"level-1\">Level 1: open engagement</h2>");
  const size_t l2 = html.find("<h2 id=\"level-2\">Level 2: workshop or focus group</h2>");
  const size_t l3 = html.find("<h2 id=\"level-3\">Level 3: working group</h2>");
  const size_t l4 = html.find("<h2 id=\"level-4\">Level 4: senior strategic role</h2>");
  ASSERT_NE(l1, std::string::npos);
  ASSERT_TRUE(l1 < l2 && l2 < l3 && l3 < l4) << html;
  const auto under = [&](const char* text, size_t from, size_t to) {
    const size_t at = html.find(text);
    return at != std::string::npos && at > from && at < to;
  };
  EXPECT_TRUE(under("Survey respondent", l1, l2));
  EXPECT_TRUE(under("Reader panel member", l1, l2));
  EXPECT_TRUE(under("No role types are listed at this level yet.", l2, l3));
  EXPECT_TRUE(under("Programme board member", l3, l4));
  EXPECT_TRUE(under("6 hours a month", l3, l4));
  EXPECT_TRUE(under("Lay director", l4, html.size()));
  EXPECT_TRUE(absl::StrContains(html, "chairing"));
  EXPECT_TRUE(
      absl::StrContains(html, "A member of a group that meets regularly to shape a service."));
  for (int n = 1; n <= 4; ++n) {
    EXPECT_TRUE(absl::StrContains(html, absl::StrCat("href=\"/search?level=", n, "\""))) << n;
  }
}

TEST(SearchAccessLog, NeverHoldsWhatSomeoneSearchedFor) {
  auto redis = RedisServer::Start();
  StderrCapture capture;
  GatewayHarness harness(redis->options(),
                         [](gateway::GatewayOptions& o) { o.http.log_every_request = true; });
  auto res = harness.Client()->Get("/search?q=incontinence&topic=zq-secret-topic");
  ASSERT_TRUE(res);
  const std::string line = capture.WaitForLineWith("\"path\":\"/search\"");
  capture.Restore();
  ASSERT_FALSE(line.empty()) << "no access log line for /search";
  for (const std::string& l : capture.Lines()) {
    EXPECT_FALSE(absl::StrContains(l, "incontinence")) << l;
    EXPECT_FALSE(absl::StrContains(l, "zq-secret-topic")) << l;
  }
}

}  // namespace
}  // namespace cadre::testing
