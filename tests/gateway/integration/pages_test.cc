// The front door and the home page through real HTTP: security headers, gzip, static
// files and their caching, the error pages, the anonymous rate limit, and a page that
// still works while the registry is down.

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "tests/gateway/integration/gateway_harness.h"

namespace cadre::testing {
namespace {

TEST_F(GatewayTest, TheHomePageCarriesTheSecurityHeadersAndTheCounts) {
  harness_->PublishedRole("RXF", "Maternity voices partnership member");
  auto client = harness_->Client();
  auto res = client->Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("<h1>Help shape NHS services as a patient leader</h1>"),
            std::string::npos);
  EXPECT_NE(res->body.find("Today: 1 open role."), std::string::npos) << res->body;
  EXPECT_NE(res->body.find("<html lang=\"en\""), std::string::npos);
  const std::string csp = res->get_header_value("Content-Security-Policy");
  EXPECT_TRUE(absl::StrContains(csp, "script-src 'self'"));
  EXPECT_TRUE(absl::StrContains(csp, "frame-ancestors 'none'"));
  EXPECT_FALSE(absl::StrContains(csp, "unsafe-inline"));
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(res->get_header_value("X-Frame-Options"), "DENY");
  EXPECT_FALSE(res->get_header_value("Referrer-Policy").empty());
  EXPECT_FALSE(res->has_header("Strict-Transport-Security"));  // plain HTTP
  EXPECT_EQ(res->body.find("<script>"), std::string::npos);    // no inline script
}

TEST_F(GatewayTest, TextIsGzippedForClientsThatAcceptIt) {
  auto client = harness_->Client();
  auto plain = client->Get("/");
  httplib::Headers gzip = {{"Accept-Encoding", "gzip"}};
  client->set_decompress(false);
  auto zipped = client->Get("/", gzip);
  ASSERT_TRUE(plain && zipped);
  EXPECT_EQ(zipped->get_header_value("Content-Encoding"), "gzip");
  EXPECT_LT(zipped->body.size(), plain->body.size() / 2);
  // Brotli is not offered by us even when asked for (cpp-httplib's is slow).
  auto br = client->Get("/", {{"Accept-Encoding", "br"}});
  ASSERT_TRUE(br);
  EXPECT_EQ(br->get_header_value("Content-Encoding"), "");
}

TEST_F(GatewayTest, StaticFilesAreCachedForAYearUnderTheirVersion) {
  auto client = harness_->Client();
  auto home = client->Get("/");
  ASSERT_TRUE(home);
  const size_t at = home->body.find("/static/");
  ASSERT_NE(at, std::string::npos);
  const std::string url = home->body.substr(at, home->body.find('"', at) - at);
  ASSERT_TRUE(absl::EndsWith(url, "nhsuk-frontend.min.css")) << url;
  auto css = client->Get(url);
  ASSERT_TRUE(css);
  EXPECT_EQ(css->status, 200);
  EXPECT_EQ(css->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_TRUE(absl::StartsWith(css->get_header_value("Content-Type"), "text/css"));
  auto again = client->Get(url, {{"If-None-Match", css->get_header_value("ETag")}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  auto icon = client->Get("/assets/images/nhsuk-icon-cross.svg");
  ASSERT_TRUE(icon);
  EXPECT_EQ(icon->status, 200);
  EXPECT_EQ(client->Get("/static/0123456789/../../etc/passwd")->status, 404);
}

TEST_F(GatewayTest, AnUnknownPathIsTheNotFoundPage) {
  auto res = harness_->Client()->Get("/no/such/page");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_NE(res->body.find("<h1>Page not found</h1>"), std::string::npos) << res->body;
  EXPECT_FALSE(res->get_header_value("Content-Security-Policy").empty());
}

TEST_F(GatewayTest, TheHomePageStillWorksWhileTheRegistryIsDown) {
  harness_->services().StopRegistry();
  auto res = harness_->Client()->Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("Counts of open roles are unavailable"), std::string::npos);
}

TEST(GatewayLimits, AnAddressPastTheAnonymousLimitGetsTheTooManyRequestsPage) {
  auto redis = RedisServer::Start();
  GatewayHarness harness(redis->options(), [](gateway::GatewayOptions& o) {
    o.http.anonymous_limit = {.per_minute = 1, .burst = 3};
  });
  auto client = harness.Client();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(client->Get("/")->status, 200);
  auto refused = client->Get("/");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 429);
  EXPECT_NE(refused->body.find("Too many requests"), std::string::npos);
  EXPECT_FALSE(refused->get_header_value("Retry-After").empty());
  // Health probes are never limited.
  EXPECT_EQ(client->Get("/readyz")->status, 200);
}

}  // namespace
}  // namespace cadre::testing
