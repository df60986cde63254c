// The role page and the menu of options over real HTTP, in front of a real registry and
// matching service: the role's facts and how quickly its body acknowledges (with
// matching down too), a closed role, an unknown one, the menu by level, and an access
// log that never holds what someone searched for.

#include <gtest/gtest.h>

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/gateway/integration/gateway_harness.h"
#include "tests/gateway/integration/page_checks.h"
#include "tests/support/stderr_capture.h"

namespace cadre::testing {
namespace {

// One body with one role, a harness of their own (the tests change them).
class GatewayRolePageTest : public GatewayTest {
 protected:
  void SetUp() override {
    GatewayTest::SetUp();
    key_ = harness_->services().BodyWithKey("RXF", "Royal Example Hospitals NHS Trust",
                                            cadre::v1::BODY_KIND_TRUST);
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
