// The involvement map's pages through real HTTP, in front of a real registry and matching
// service: the map's tiles and tables, a region's page, a body's page with its figures
// (and without them while matching is down), the embed page and its framing headers,
// the 404 pages, and the markup rules every page keeps (one h1, a title, no inline
// style or script).

#include <gtest/gtest.h>

#include <regex>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "tests/gateway/integration/gateway_harness.h"

namespace cadre::testing {
namespace {

// What every page keeps to: one h1, a title with words in it, no style attribute and no
// inline script (the CSP forbids both), only the one module script the layout loads, a
// main landmark, no empty link.
void ExpectWellFormed(const std::string& path, const std::string& html) {
  SCOPED_TRACE(path);
  size_t h1 = 0;
  for (size_t at = html.find("<h1"); at != std::string::npos; at = html.find("<h1", at + 1)) ++h1;
  EXPECT_EQ(h1, 1u);
  std::smatch title;
  ASSERT_TRUE(std::regex_search(html, title, std::regex("<title>([^<]*)</title>")));
  EXPECT_FALSE(absl::StripAsciiWhitespace(title[1].str()).empty());
  EXPECT_FALSE(absl::StrContains(html, "style=")) << "a style attribute";
  EXPECT_FALSE(absl::StrContains(html, "<style")) << "a style element";
  for (size_t at = html.find("<script"); at != std::string::npos;
       at = html.find("<script", at + 1)) {
    EXPECT_TRUE(
        absl::StartsWith(absl::string_view(html).substr(at), "<script type=\"module\" src="))
        << "an inline script at " << at;
  }
  EXPECT_TRUE(absl::StrContains(html, "<main")) << "no main landmark";
  EXPECT_FALSE(absl::StrContains(html, "href=\"\"")) << "a link to nowhere";
}

// The cells (<td>) of the first table row whose header cell holds `header`.
std::vector<std::string> RowCells(const std::string& html, const std::string& header) {
  const size_t at = html.find(absl::StrCat(">", header, "<"));
  if (at == std::string::npos) return {};
  const size_t start = html.rfind("<tr", at);
  const size_t end = html.find("</tr>", at);
  const std::string row = html.substr(start, end - start);
  std::vector<std::string> cells;
  const std::regex cell("<td[^>]*>([^<]*)</td>");
  for (auto it = std::sregex_iterator(row.begin(), row.end(), cell); it != std::sregex_iterator();
       ++it) {
    cells.push_back((*it)[1].str());
  }
  return cells;
}

std::string PathOf(const std::string& role_name) {
  return absl::StrCat("/", role_name);  // "roles/7" → "/roles/7"
}

class MapPagesTest : public GatewayTest {
 protected:
  void SetUp() override {
    GatewayTest::SetUp();
    // A London trust with two roles and a reader panel; a North West ICB with one role
    // and two avenues; a national body with nothing open.
    gstt_key_ = Body("RJ1", "Guy's and St Thomas' NHS Foundation Trust", v1::BODY_KIND_TRUST,
                     v1::REGION_LONDON);
    qop_key_ = Body("QOP", "NHS Greater Manchester Integrated Care Board", v1::BODY_KIND_ICB,
                    v1::REGION_NORTH_WEST);
    Body("NICE1", "National Institute for Health and Care Excellence", v1::BODY_KIND_NICE,
         v1::REGION_NATIONAL);
    maternity_ = Role(gstt_key_, "RJ1", "Patient partner, maternity voices", v1::REGION_LONDON);
    cardiology_ = Role(gstt_key_, "RJ1", "Patient reader: cardiology", v1::REGION_LONDON);
    panel_ = Role(qop_key_, "QOP", "People's panel member", v1::REGION_NORTH_WEST);
    Avenue(gstt_key_, "RJ1", v1::AVENUE_KIND_READER_PANEL, "Reader panel",
           "patientinformation@gstt.example.org", v1::REGION_LONDON, v1::INVOLVEMENT_LEVEL_2);
    Avenue(qop_key_, "QOP", v1::AVENUE_KIND_PATIENT_PANEL, "Greater Manchester people's panel",
           "https://gm.example.org/panel", v1::REGION_NORTH_WEST, v1::INVOLVEMENT_LEVEL_3);
    Avenue(qop_key_, "QOP", v1::AVENUE_KIND_LAY_MEMBER_COMMITTEE, "Lay members of committees",
           "https://gm.example.org/lay", v1::REGION_NORTH_WEST, v1::INVOLVEMENT_LEVEL_4);
  }

  // Admin registers a body; returns a key for it.
  std::string Body(const std::string& ods, const std::string& name, v1::BodyKind kind,
                   v1::Region region) {
    v1::CreateBodyRequest create;
    v1::Body& body = *create.mutable_body();
    body.set_ods_code(ods);
    body.set_display_name(name);
    body.set_kind(kind);
    body.set_region(region);
    body.set_website(absl::StrCat("https://", absl::AsciiStrToLower(ods), ".example.org"));
    body.set_description("Involves patients and carers in how its services are run.");
    body.set_contact_email(
        absl::StrCat("involvement@", absl::AsciiStrToLower(ods), ".example.org"));
    v1::Body created;
    grpc::Status status = registry().CreateBody(CallContext(kAdminKey).get(), create, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    v1::CreateApiKeyRequest key;
    key.set_kind(v1::PRINCIPAL_KIND_BODY);
    key.set_subject(created.name());
    key.set_label("test");
    v1::CreateApiKeyResponse secret;
    status = registry().CreateApiKey(CallContext(kAdminKey).get(), key, &secret);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return secret.secret();
  }

  // A published role that the harness's applicants meet (remote, no credentials).
  std::string Role(const std::string& key, const std::string& ods, const std::string& title,
                   v1::Region region) {
    v1::Role role = MatchingHarness::RoleFor(ods, 2);
    role.set_title(title);
    role.mutable_location()->set_region(region);
    return harness_->services().OpenRole(key, role);
  }

  void Avenue(const std::string& key, const std::string& ods, v1::AvenueKind kind,
              const std::string& title, const std::string& how, v1::Region region,
              v1::InvolvementLevel level) {
    v1::CreateAvenueRequest create;
    v1::Avenue& avenue = *create.mutable_avenue();
    avenue.set_body(absl::StrCat("bodies/", ods));
    avenue.set_kind(kind);
    avenue.set_title(title);
    avenue.set_description("Meets through the year.");
    avenue.set_how_to_join(how);
    avenue.set_level(level);
    avenue.mutable_time_commitment()->set_hours_per_month(2);
    avenue.mutable_location()->set_region(region);
    avenue.mutable_location()->set_mode(v1::ATTENDANCE_MODE_HYBRID);
    v1::Avenue created;
    grpc::Status status = registry().CreateAvenue(CallContext(key).get(), create, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }

  // `n` new applicants apply to `role`; returns the applications' names.
  std::vector<std::string> Applications(const std::string& role, int n) {
    std::vector<std::string> names;
    for (int i = 0; i < n; ++i) {
      const v1::SignUpResponse person =
          harness_->services().SignUp(absl::StrCat("person", next_person_++, "@example.org"));
      names.push_back(harness_->services().Apply(person.key(), role).name());
    }
    return names;
  }

  v1::Registry::Stub& registry() { return harness_->services().registry(); }

  httplib::Result Get(const std::string& path) {
    if (client_ == nullptr) client_ = harness_->Client();
    httplib::Result res = client_->Get(path);
    EXPECT_TRUE(res) << path;
    return res;
  }

  std::string gstt_key_;
  std::string qop_key_;
  std::string maternity_;
  std::string cardiology_;
  std::string panel_;
  int next_person_ = 0;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(MapPagesTest, TheMapShowsEachRegionsCountsOnItsTileInTheListAndInTheTables) {
  auto res = Get("/map");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const std::string& html = res->body;
  ExpectWellFormed("/map", html);
  EXPECT_TRUE(absl::StrContains(html, "<h1>The involvement map</h1>"));
  // The tiles: links with an accessible name and a title, the counts in text, shaded.
  EXPECT_TRUE(absl::StrContains(html,
                                "<a class=\"cadre-tile-link\" href=\"/map/london\" "
                                "aria-label=\"London: 2 open roles, 1 way in\">"))
      << html;
  EXPECT_TRUE(absl::StrContains(html, "<title>London: 2 open roles, 1 way in</title>"));
  EXPECT_TRUE(absl::StrContains(
      html, "href=\"/map/north-west\" aria-label=\"North West: 1 open role, 2 ways in\""));
  EXPECT_TRUE(absl::StrContains(
      html, "href=\"/map/south-west\" aria-label=\"South West: 0 open roles, 0 ways in\""));
  EXPECT_TRUE(absl::StrContains(html, "href=\"/map/national\" aria-label=\"National:"));
  EXPECT_TRUE(absl::StrContains(html, ">2 open roles</text>"));
  EXPECT_TRUE(absl::StrContains(html, ">2 ways in</text>"));
  // London and the North West are the busiest (3 each): the darkest; the South West empty.
  const size_t london = html.find("href=\"/map/london\"");
  EXPECT_TRUE(absl::StrContains(html.substr(london, 300), "cadre-tile--4"));
  const size_t south_west = html.find("href=\"/map/south-west\"");
  EXPECT_TRUE(absl::StrContains(html.substr(south_west, 300), "cadre-tile--0"));
  // The same counts without the picture.
  EXPECT_TRUE(
      absl::StrContains(html, "<a href=\"/map/london\">London</a>: 2 open roles and 1 way in"));
  EXPECT_TRUE(absl::StrContains(
      html, "<a href=\"/map/east-of-england\">East of England</a>: nothing open just now"));
  // By kind: organisations, open roles, standing ways in; each kind leads to its bodies.
  EXPECT_EQ(RowCells(html, "<a href=\"#kind-trust\">NHS trust</a>"),
            (std::vector<std::string>{"1", "2", "1"}));
  EXPECT_EQ(RowCells(html, "<a href=\"#kind-icb\">Integrated care board</a>"),
            (std::vector<std::string>{"1", "1", "2"}));
  EXPECT_EQ(RowCells(html, "All kinds"), (std::vector<std::string>{"3", "3", "3"}));
  EXPECT_TRUE(absl::StrContains(html, "<h3 id=\"kind-trust\">"));
  EXPECT_TRUE(absl::StrContains(
      html, "<a href=\"/bodies/RJ1\">Guy&apos;s and St Thomas&apos; NHS Foundation Trust</a>"));
  EXPECT_TRUE(absl::StrContains(html, "<a href=\"/bodies/NICE1\">"));
  // By level: the three roles are level 3; the avenues levels 2, 3 and 4.
  const std::string level3 = "Level 3: working group";
  const size_t at = html.find(absl::StrCat(">", level3, "<span"));
  ASSERT_NE(at, std::string::npos);
  const std::string row = html.substr(at, html.find("</tr>", at) - at);
  EXPECT_TRUE(absl::StrContains(row, "numeric\">3</td>")) << row;
  EXPECT_TRUE(absl::StrContains(row, "numeric\">1</td>")) << row;
  // Table headers carry their scope.
  EXPECT_TRUE(absl::StrContains(html, "scope=\"col\">Open roles</th>"));
  EXPECT_TRUE(absl::StrContains(html, "<th class=\"nhsuk-table__header\" scope=\"row\">"));
  EXPECT_TRUE(absl::StrContains(html, "aria-current=\"page\">Involvement map</a>"));
}

TEST_F(MapPagesTest, ARegionPageListsItsBodiesWithTheirRolesAndWaysIn) {
  auto res = Get("/map/london");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const std::string& html = res->body;
  ExpectWellFormed("/map/london", html);
  EXPECT_TRUE(absl::StrContains(html, "Ways to get involved in London</h1>"));
  EXPECT_TRUE(absl::StrContains(html, "2 open roles and 1 way in across 1 organisation"));
  EXPECT_TRUE(absl::StrContains(html, "<a href=\"/bodies/RJ1\">Guy&apos;s and St Thomas&apos;"));
  EXPECT_TRUE(absl::StrContains(html, absl::StrCat("<a href=\"", PathOf(maternity_),
                                                   "\">Patient partner, maternity voices</a>")));
  EXPECT_TRUE(absl::StrContains(html, absl::StrCat("<a href=\"", PathOf(cardiology_), "\">")));
  EXPECT_TRUE(absl::StrContains(html, "Reader panel"));
  EXPECT_TRUE(absl::StrContains(html,
                                "<a href=\"mailto:patientinformation@gstt.example.org\">Email "
                                "patientinformation@gstt.example.org"));
  EXPECT_TRUE(absl::StrContains(html, "<a href=\"/search?region=london\">"));
  // Only London's: the North West's body and role are not here.
  EXPECT_FALSE(absl::StrContains(html, "/bodies/QOP"));
  EXPECT_FALSE(absl::StrContains(html, PathOf(panel_) + "\""));
  // Breadcrumbs: Home, then the map.
  EXPECT_TRUE(absl::StrContains(
      html, "class=\"nhsuk-breadcrumb__link\" href=\"/map\">Involvement map</a>"));

  auto north_west = Get("/map/north-west");
  ASSERT_TRUE(north_west);
  EXPECT_TRUE(
      absl::StrContains(north_west->body, "<a href=\"https://gm.example.org/panel\">How to join"));
  EXPECT_TRUE(absl::StrContains(north_west->body, "1 open role and 2 ways in"));
}

TEST_F(MapPagesTest, AKindNarrowsARegionAndAnUnknownKindIsABadRequest) {
  auto trusts = Get("/map/london?kind=trust");
  ASSERT_TRUE(trusts);
  EXPECT_EQ(trusts->status, 200);
  EXPECT_TRUE(absl::StrContains(trusts->body, "/bodies/RJ1"));
  EXPECT_TRUE(
      absl::StrContains(trusts->body, "href=\"/map/london?kind=trust\" aria-current=\"page\""));
  auto icbs = Get("/map/london?kind=icb");
  ASSERT_TRUE(icbs);
  EXPECT_EQ(icbs->status, 200);
  EXPECT_FALSE(absl::StrContains(icbs->body, "/bodies/RJ1"));
  EXPECT_TRUE(absl::StrContains(icbs->body, "No organisation of this kind"));
  ExpectWellFormed("/map/london?kind=icb", icbs->body);
  auto bogus = Get("/map/london?kind=castle");
  ASSERT_TRUE(bogus);
  EXPECT_EQ(bogus->status, 400);
  ExpectWellFormed("/map/london?kind=castle", bogus->body);
}

TEST_F(MapPagesTest, AnUnknownRegionOrBodyIsTheNotFoundPage) {
  for (const char* path : {"/map/atlantis", "/map/London", "/bodies/ZZZ9", "/bodies/rj1",
                           "/bodies/RJ1-X", "/bodies/ZZZ9/embed", "/bodies/CDR", "/map/london/x"}) {
    auto res = Get(path);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 404) << path;
    EXPECT_TRUE(absl::StrContains(res->body, "<h1>Page not found</h1>")) << path;
    ExpectWellFormed(path, res->body);
  }
}

TEST_F(MapPagesTest, ABadBodyCodeIsNotFoundWithoutAskingTheRegistry) {
  harness_->services().StopRegistry();
  // A code that cannot be a body: 404 (the registry is never asked, so it being down does
  // not matter); a real-looking one needs the registry: 503.
  EXPECT_EQ(Get("/bodies/not-a-code")->status, 404);
  EXPECT_EQ(Get("/bodies/toolong1")->status, 404);
  EXPECT_EQ(Get("/bodies/RJ1")->status, 503);
  EXPECT_EQ(Get("/bodies/RJ1/embed")->status, 503);
  EXPECT_EQ(Get("/map")->status, 503);
  EXPECT_EQ(Get("/map/london")->status, 503);
  EXPECT_EQ(Get("/map/atlantis")->status, 404);
}

TEST_F(MapPagesTest, ABodyPageShowsItsWaysInRolesFiguresAndEmbedSnippet) {
  // Five applications to the maternity role, acknowledged a day later: enough for the
  // acknowledgement figures; nothing decided yet.
  const std::vector<std::string> applications = Applications(maternity_, 5);
  harness_->services().clock().Advance(absl::Hours(24));
  for (const std::string& name : applications) {
    v1::Application moved;
    ASSERT_TRUE(harness_->services()
                    .Move(gstt_key_, name, v1::APPLICATION_STATE_ACKNOWLEDGED, &moved)
                    .ok());
  }
  auto res = Get("/bodies/RJ1");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const std::string& html = res->body;
  ExpectWellFormed("/bodies/RJ1", html);
  EXPECT_TRUE(absl::StrContains(html, "Guy&apos;s and St Thomas&apos; NHS Foundation Trust</h1>"));
  EXPECT_TRUE(absl::StrContains(html, "<a href=\"https://rj1.example.org\">"));
  EXPECT_TRUE(absl::StrContains(html, "<a href=\"mailto:involvement@rj1.example.org\">"));
  EXPECT_TRUE(absl::StrContains(html, "<a href=\"/map/london\">London</a>"));
  // Its roles and ways in.
  EXPECT_TRUE(absl::StrContains(html, absl::StrCat("<a href=\"", PathOf(maternity_), "\">")));
  EXPECT_TRUE(absl::StrContains(html, absl::StrCat("<a href=\"", PathOf(cardiology_), "\">")));
  EXPECT_TRUE(absl::StrContains(html, "2 open roles"));
  EXPECT_TRUE(absl::StrContains(html, "Reader panel"));
  EXPECT_TRUE(absl::StrContains(html, "1 way in"));
  // The figures: acknowledged in a day, by five; the rest withheld or not yet there.
  EXPECT_TRUE(absl::StrContains(html, "1.0 days (median)")) << html;
  EXPECT_TRUE(absl::StrContains(html, "9 in 10 within 1.0 days"));
  EXPECT_TRUE(absl::StrContains(html, "Based on 5 applications"));
  EXPECT_TRUE(absl::StrContains(html, "Not enough placements yet"));
  EXPECT_TRUE(absl::StrContains(html, "last 90 days"));
  // The embed snippet, escaped, and the way to the embed page.
  EXPECT_TRUE(absl::StrContains(
      html,
      absl::StrCat("&lt;iframe src=&quot;", harness_->options().public_url,
                   "/bodies/RJ1/embed&quot; title=&quot;Patient leader roles at Guy&amp;#39;s")));
  EXPECT_TRUE(absl::StrContains(html, "<a href=\"/bodies/RJ1/embed\">"));
  // Breadcrumbs down to the body's region.
  EXPECT_TRUE(
      absl::StrContains(html, "class=\"nhsuk-breadcrumb__link\" href=\"/map/london\">London</a>"));
  // Not frameable.
  EXPECT_TRUE(absl::StrContains(res->get_header_value("Content-Security-Policy"),
                                "frame-ancestors 'none'"));
  EXPECT_EQ(res->get_header_value("X-Frame-Options"), "DENY");
}

TEST_F(MapPagesTest, FiguresWithFewerThanFiveBehindThemAreWithheld) {
  Applications(panel_, 2);
  auto res = Get("/bodies/QOP");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_TRUE(absl::StrContains(res->body, "&lt;5 applications so far")) << res->body;
  EXPECT_TRUE(absl::StrContains(res->body, "Not enough applications yet"));  // none acknowledged
  EXPECT_FALSE(absl::StrContains(res->body, "Based on 2"));
  // A body with nothing at all.
  auto nice = Get("/bodies/NICE1");
  ASSERT_TRUE(nice);
  EXPECT_EQ(nice->status, 200);
  EXPECT_TRUE(absl::StrContains(nice->body, "has no open roles just now"));
  EXPECT_TRUE(absl::StrContains(nice->body, "has not listed any standing ways in"));
  ExpectWellFormed("/bodies/NICE1", nice->body);
}

TEST_F(MapPagesTest, ABodyPageStillWorksWithoutItsFiguresWhileMatchingIsDown) {
  harness_->StopMatching();
  auto res = Get("/bodies/RJ1");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_TRUE(absl::StrContains(res->body, "are unavailable just now"));
  EXPECT_TRUE(absl::StrContains(res->body, absl::StrCat("<a href=\"", PathOf(maternity_), "\">")));
  EXPECT_FALSE(absl::StrContains(res->body, "days (median)"));
  ExpectWellFormed("/bodies/RJ1", res->body);
  // The map needs only the registry.
  EXPECT_EQ(Get("/map")->status, 200);
}

TEST_F(MapPagesTest, TheEmbedPageIsFrameableAndLinksOutOfTheFrame) {
  auto res = Get("/bodies/RJ1/embed");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const std::string& html = res->body;
  ExpectWellFormed("/bodies/RJ1/embed", html);
  const std::string csp = res->get_header_value("Content-Security-Policy");
  EXPECT_TRUE(absl::StrContains(csp, "frame-ancestors *")) << csp;
  EXPECT_FALSE(absl::StrContains(csp, "frame-ancestors 'none'"));
  EXPECT_FALSE(res->has_header("X-Frame-Options"));
  EXPECT_TRUE(absl::StrContains(html, "Patient leader roles at Guy&apos;s and St Thomas&apos;"));
  EXPECT_TRUE(absl::StrContains(
      html, absl::StrCat("<a href=\"", harness_->options().public_url, PathOf(maternity_),
                         "\" target=\"_top\">Patient partner, maternity voices</a>")));
  EXPECT_TRUE(absl::StrContains(html, "Closes <time datetime="));
  EXPECT_TRUE(absl::StrContains(html, "4 hours a month"));
  // The bare layout: no header, footer or breadcrumbs.
  EXPECT_FALSE(absl::StrContains(html, "nhsuk-header"));
  EXPECT_FALSE(absl::StrContains(html, "nhsuk-footer"));
  EXPECT_FALSE(absl::StrContains(html, "nhsuk-breadcrumb"));
  EXPECT_TRUE(absl::StrContains(html, "cadre-embed"));
}

}  // namespace
}  // namespace cadre::testing
