// Signing up, in and out in the browser (issue 9): sessions in Redis sealed at rest, the
// cookie, CSRF on every form, the return address, a refused key ending its session.

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "services/common/redis_client.h"
#include "tests/gateway/integration/gateway_harness.h"
#include "tests/gateway/integration/test_browser.h"

namespace cadre::testing {
namespace {

using SignInPagesTest = GatewayTest;

std::string SetCookieOf(const httplib::Result& result, const std::string& name) {
  auto [begin, end] = result->headers.equal_range("Set-Cookie");
  for (auto it = begin; it != end; ++it) {
    if (absl::StartsWith(it->second, name + "=")) return it->second;
  }
  return "";
}

TEST_F(SignInPagesTest, SignUpSignsInAndGoesWhereThePersonWasGoing) {
  TestBrowser browser(*harness_);
  auto form = browser.Get("/sign-up?return=/applications");
  ASSERT_EQ(form->status, 200);
  EXPECT_TRUE(absl::StrContains(form->body, "/privacy"));
  EXPECT_FALSE(browser.csrf().empty());
  auto done = browser.Post("/sign-up", {{"email", "ada@example.org"},
                                        {"password", kTestPassword},
                                        {"display_name", "Ada Example"},
                                        {"date_of_birth-day", "1"},
                                        {"date_of_birth-month", "2"},
                                        {"date_of_birth-year", "1970"},
                                        {"region", "london"},
                                        {"attendance", "remote"},
                                        {"availability_hours_per_month", "6"},
                                        {"processing", "yes"},
                                        {"return", "/applications"}});
  ASSERT_EQ(done->status, 303) << done->body;
  EXPECT_EQ(done->get_header_value("Location"), "/applications");
  const std::string cookie = SetCookieOf(done, "cadre_session");
  EXPECT_TRUE(absl::StrContains(cookie, "HttpOnly"));
  EXPECT_TRUE(absl::StrContains(cookie, "SameSite=Lax"));
  EXPECT_TRUE(absl::StrContains(cookie, "Expires="));
  EXPECT_FALSE(absl::StrContains(cookie, "Secure"));  // plain HTTP here
  // Signed in: the header offers signing out (a form with the session's token).
  auto home = browser.Get("/");
  EXPECT_TRUE(absl::StrContains(home->body, "action=\"/sign-out\""));
  EXPECT_EQ(home->get_header_value("Cache-Control"), "private, no-store");
}

TEST(SecureSignInPagesTest, BehindHttpsTheCookiesAreHostOnlyAndSecure) {
  // Behind a proxy that ends TLS (an https public address), the cookies take the __Host-
  // prefix: a sibling subdomain can neither plant nor overwrite them.
  auto redis = RedisServer::Start();
  GatewayHarness secure(redis->options(), [](gateway::GatewayOptions& o) {
    o.public_url = "https://cadre.example.nhs.uk";
  });
  TestBrowser browser(secure);
  auto form = browser.Get("/sign-in");
  EXPECT_TRUE(absl::StartsWith(SetCookieOf(form, "__Host-cadre_form"), "__Host-cadre_form="));
  EXPECT_TRUE(absl::StrContains(SetCookieOf(form, "__Host-cadre_form"), "; Secure"));
  browser.SignUp("ivy@example.org");
  EXPECT_FALSE(browser.cookie("__Host-cadre_session").empty());
  EXPECT_TRUE(browser.cookie("cadre_session").empty());
  auto home = browser.Get("/");
  EXPECT_TRUE(absl::StrContains(home->body, "action=\"/sign-out\"")) << "signed in";
  auto out = browser.Post("/sign-out", {});
  ASSERT_EQ(out->status, 303);
  EXPECT_TRUE(
      absl::StartsWith(SetCookieOf(out, "__Host-cadre_session"), "__Host-cadre_session=; Path=/"));
  EXPECT_TRUE(browser.cookie("__Host-cadre_session").empty());
}

TEST_F(SignInPagesTest, SignUpErrorsNameTheFieldAndKeepWhatWasTyped) {
  TestBrowser browser(*harness_);
  browser.Get("/sign-up");
  auto bad = browser.Post("/sign-up", {{"email", "bea@example.org"},
                                       {"password", kTestPassword},
                                       {"display_name", "B"},
                                       {"date_of_birth-day", "1"},
                                       {"date_of_birth-month", "2"},
                                       {"date_of_birth-year", "1970"},
                                       {"region", "london"},
                                       {"attendance", "remote"},
                                       {"processing", "yes"}});
  ASSERT_EQ(bad->status, 400);
  EXPECT_TRUE(absl::StrContains(bad->body, "href=\"#display_name\"")) << bad->body;
  EXPECT_TRUE(absl::StrContains(bad->body, "Your name"));
  EXPECT_TRUE(absl::StrContains(bad->body, "value=\"bea@example.org\""));
  EXPECT_FALSE(browser.HasSessionCookie());
  // Consent is required, said beside its box, before matching is asked.
  auto no_consent = browser.Post("/sign-up", {{"email", "bea@example.org"},
                                              {"password", kTestPassword},
                                              {"display_name", "Bea"},
                                              {"region", "london"},
                                              {"attendance", "remote"}});
  ASSERT_EQ(no_consent->status, 400);
  EXPECT_TRUE(absl::StrContains(no_consent->body, "href=\"#processing\""));
  // Nothing was made: the address is still free.
  EXPECT_FALSE(browser.SignIn("bea@example.org"));
}

TEST_F(SignInPagesTest, SignInAndOut) {
  TestBrowser first(*harness_);
  first.SignUp("cy@example.org");
  TestBrowser browser(*harness_);
  EXPECT_FALSE(browser.SignIn("cy@example.org", "not the password at all"));
  EXPECT_TRUE(absl::StrContains(browser.last_body(), "Enter a correct email address and password"));
  ASSERT_TRUE(browser.SignIn("cy@example.org"));
  const std::string before = browser.cookie("cadre_session");
  // A new session at each sign-in.
  ASSERT_TRUE(browser.SignIn("cy@example.org"));
  EXPECT_NE(browser.cookie("cadre_session"), before);
  browser.Get("/");
  auto out = browser.Post("/sign-out", {});
  ASSERT_EQ(out->status, 303);
  EXPECT_EQ(out->get_header_value("Location"), "/signed-out");
  EXPECT_FALSE(browser.HasSessionCookie());
  auto page = browser.Get("/signed-out");
  EXPECT_TRUE(absl::StrContains(page->body, "You have signed out"));
}

TEST_F(SignInPagesTest, SigningOutWorksWhileMatchingIsDown) {
  TestBrowser browser(*harness_);
  browser.SignUp("hal@example.org");
  browser.Get("/");
  harness_->StopMatching();
  auto out = browser.Post("/sign-out", {});
  ASSERT_EQ(out->status, 303);
  EXPECT_EQ(out->get_header_value("Location"), "/signed-out");
  EXPECT_FALSE(browser.HasSessionCookie());
  RedisClient redis(redis_->options());
  auto keys = redis.Command({"KEYS", "gateway:session:*"});
  ASSERT_TRUE(keys.ok());
  EXPECT_TRUE(keys->elements.empty());
}

TEST_F(SignInPagesTest, TheSignUpFormsOwnValuesAreAccepted) {
  // What the form renders is what it must accept: every radio value, every region.
  TestBrowser browser(*harness_);
  auto form = browser.Get("/sign-up");
  for (const char* value :
       {"value=\"in-person\"", "value=\"remote\"", "value=\"hybrid\"", "value=\"london\""}) {
    EXPECT_TRUE(absl::StrContains(form->body, value)) << value;
  }
}

TEST_F(SignInPagesTest, FormsWithoutTheirTokenAreRefused) {
  TestBrowser browser(*harness_);
  browser.SignUp("dee@example.org");
  TestBrowser other(*harness_);
  // Signed out: the sign-in form's token is the form cookie's.
  other.Get("/sign-in");
  auto forged = other.Post(
      "/sign-in", {{"email", "dee@example.org"}, {"password", kTestPassword}, {"csrf", "x"}});
  EXPECT_EQ(forged->status, 403);
  EXPECT_FALSE(other.HasSessionCookie());
  // Signed in: signing out without the session's token changes nothing.
  browser.Get("/");
  auto no_token = browser.Post("/sign-out", {{"csrf", ""}});
  EXPECT_EQ(no_token->status, 403);
  EXPECT_TRUE(absl::StrContains(no_token->body, "nothing was changed"));
  EXPECT_TRUE(browser.HasSessionCookie());
  auto home = browser.Get("/");
  EXPECT_TRUE(absl::StrContains(home->body, "action=\"/sign-out\""));
}

TEST_F(SignInPagesTest, ReturnAddressesAreLocalPathsOnly) {
  TestBrowser browser(*harness_);
  browser.SignUp("eve@example.org");
  TestBrowser fresh(*harness_);
  for (const char* wanted : {"https://evil.example/", "//evil.example/x", "/\\evil.example",
                             "javascript:alert(1)", "evil"}) {
    fresh.Get("/sign-in");
    auto done =
        fresh.Post("/sign-in",
                   {{"email", "eve@example.org"}, {"password", kTestPassword}, {"return", wanted}});
    ASSERT_EQ(done->status, 303) << wanted;
    EXPECT_EQ(done->get_header_value("Location"), "/") << wanted;
  }
  fresh.Get("/sign-in");
  auto local = fresh.Post("/sign-in", {{"email", "eve@example.org"},
                                       {"password", kTestPassword},
                                       {"return", "/search?q=diabetes"}});
  EXPECT_EQ(local->get_header_value("Location"), "/search?q=diabetes");
}

TEST_F(SignInPagesTest, SessionsAreSealedAtRestAndFoundOnlyByTheirCookie) {
  TestBrowser browser(*harness_);
  browser.SignUp("fay@example.org");
  const std::string cookie = browser.cookie("cadre_session");
  ASSERT_EQ(cookie.size(), 43u);
  RedisClient redis(redis_->options());
  auto keys = redis.Command({"KEYS", "gateway:session:*"});
  ASSERT_TRUE(keys.ok());
  ASSERT_EQ(keys->elements.size(), 1u);
  // Stored under the cookie's hash, never the cookie; the record holds no readable key.
  EXPECT_FALSE(absl::StrContains(keys->elements[0].str, cookie));
  auto box = redis.Command({"HGET", keys->elements[0].str, "box"});
  ASSERT_TRUE(box.ok());
  EXPECT_FALSE(absl::StrContains(box->str, "cadre_"));
  EXPECT_FALSE(absl::StrContains(box->str, "applicants/"));
}

TEST_F(SignInPagesTest, RedisDownIsAQuick503AndSessionsComeBackWithIt) {
  TestBrowser browser(*harness_);
  browser.SignUp("gus@example.org");
  browser.Get("/");
  redis_->Stop();
  // A signed-in person's page needs the session: the 503 page, quickly (the client's
  // read timeout is 10 s; the gateway's Redis timeouts are far shorter).
  const absl::Time start = absl::Now();
  auto down = browser.Post("/sign-out", {});
  ASSERT_TRUE(down);
  EXPECT_EQ(down->status, 503);
  EXPECT_LT(absl::Now() - start, absl::Seconds(8));
  // A page that needs no session still renders, showing the visitor as signed out.
  auto sign_in = browser.Get("/sign-in");
  EXPECT_EQ(sign_in->status, 200);
  redis_->Restart();
  // The session was kept (appendfsync always) and is found again once Redis is back.
  bool back = false;
  for (absl::Time deadline = absl::Now() + absl::Seconds(10); !back && absl::Now() < deadline;) {
    auto home = browser.Get("/");
    back = home && absl::StrContains(home->body, "action=\"/sign-out\"");
    if (!back) absl::SleepFor(absl::Milliseconds(100));
  }
  EXPECT_TRUE(back);
}

}  // namespace
}  // namespace cadre::testing
