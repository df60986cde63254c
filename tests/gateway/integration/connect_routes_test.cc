// The Connect routes through the real gateway on a real socket (cpp-httplib's client), in
// front of the registry and matching service in process on a real redis-server: what a
// JSON client of the API sees.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tests/gateway/integration/gateway_harness.h"

namespace cadre::testing {
namespace {

using ::testing::AnyOf;
using ::testing::HasSubstr;

constexpr char kJson[] = "application/json";

// Every byte but the unreserved ones (RFC 3986) as %XX.
std::string PercentEncode(absl::string_view text) {
  std::string out;
  for (const char c : text) {
    if (absl::ascii_isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      absl::StrAppendFormat(&out, "%%%02X", static_cast<unsigned char>(c));
    }
  }
  return out;
}

httplib::Headers Bearer(const std::string& key) {
  return {{"Authorization", absl::StrCat("Bearer ", key)}};
}

class ConnectRoutesTest : public GatewayTest {
 protected:
  void SetUp() override {
    GatewayTest::SetUp();
    role_ = harness_->PublishedRole("RJ1", "Patient panel member");
    client_ = harness_->Client();
  }

  httplib::Result Post(const std::string& method, const std::string& body,
                       const httplib::Headers& headers = {}, const char* type = kJson) {
    return client_->Post(absl::StrCat("/cadre.v1.Registry/", method), headers, body, type);
  }

  std::string role_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(ConnectRoutesTest, JsonReadsByPost) {
  auto res = Post("GetRole", absl::StrCat(R"({"name":")", role_, R"("})"));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), kJson);
  EXPECT_THAT(res->body, HasSubstr(R"("title":"Patient panel member")"));
  EXPECT_THAT(res->body, HasSubstr(R"("acceptingApplications":true)"));
  EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store");

  res = Post("ListRoles", R"({"pageSize":10})");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_THAT(res->body, HasSubstr(role_));

  res = Post("GetInvolvementMap", "{}");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_THAT(res->body, HasSubstr(R"("body":"bodies/RJ1")"));
  EXPECT_THAT(res->body, HasSubstr(role_));
}

TEST_F(ConnectRoutesTest, JsonReadsByGetAreCacheableWhenPublic) {
  const std::string message = absl::StrCat(R"({"name":")", role_, R"("})");
  for (const std::string& query :
       {absl::StrCat("connect=v1&encoding=json&message=", PercentEncode(message)),
        absl::StrCat("connect=v1&encoding=json&base64=1&message=",
                     absl::WebSafeBase64Escape(message))}) {
    auto res = client_->Get(absl::StrCat("/cadre.v1.Registry/GetRole?", query));
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << query << ": " << res->body;
    EXPECT_THAT(res->body, HasSubstr(R"("title":"Patient panel member")"));
    EXPECT_EQ(res->get_header_value("Cache-Control"), "public, max-age=30");
  }
  auto res = client_->Get(
      absl::StrCat("/cadre.v1.Registry/ListRoles?encoding=json&message=", PercentEncode("{}")));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_THAT(res->body, HasSubstr(role_));
  res = client_->Get(absl::StrCat("/cadre.v1.Registry/GetInvolvementMap?encoding=json&message=",
                                  PercentEncode("{}")));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_THAT(res->body, HasSubstr(role_));

  // The same read with a key is the caller's own.
  res = client_->Get(
      absl::StrCat("/cadre.v1.Registry/ListRoles?encoding=json&message=", PercentEncode("{}")),
      Bearer(kAdminKey));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Cache-Control"), "private, no-store");
}

TEST_F(ConnectRoutesTest, WriteCarriesTheCallersKey) {
  const std::string body =
      R"({"body":{"odsCode":"RX9","displayName":"A test trust","kind":"BODY_KIND_TRUST",)"
      R"("region":"REGION_LONDON"}})";
  auto res = Post("CreateBody", body);
  ASSERT_TRUE(res);
  EXPECT_THAT(res->status, AnyOf(401, 403)) << res->body;
  EXPECT_THAT(res->body, AnyOf(HasSubstr(R"("code":"unauthenticated")"),
                               HasSubstr(R"("code":"permission_denied")")));

  res = Post("CreateBody", body, Bearer(kAdminKey));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_THAT(res->body, HasSubstr(R"("name":"bodies/RX9")"));
  EXPECT_EQ(res->get_header_value("Cache-Control"), "private, no-store");
}

TEST_F(ConnectRoutesTest, InvalidArgumentNamesTheField) {
  auto res = Post("CreateBody",
                  R"({"body":{"odsCode":"RX8","kind":"BODY_KIND_TRUST","region":"REGION_LONDON"}})",
                  Bearer(kAdminKey));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), kJson);
  EXPECT_THAT(res->body, HasSubstr(R"("code":"invalid_argument")"));
  EXPECT_THAT(res->body, HasSubstr("display_name"));
}

TEST_F(ConnectRoutesTest, BadJsonAndUnknownFieldsAreInvalidArgument) {
  for (const char* bad : {"{\"name\":", "not json", R"({"nmae":"roles/1"})"}) {
    auto res = Post("GetRole", bad);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << bad << ": " << res->body;
    EXPECT_THAT(res->body, HasSubstr(R"("code":"invalid_argument")"));
    EXPECT_THAT(res->body, HasSubstr("cadre.v1.GetRoleRequest"));
  }
  auto res = Post("GetRole", R"({"nmae":"roles/1"})");
  ASSERT_TRUE(res);
  EXPECT_THAT(res->body, HasSubstr("nmae"));
}

TEST_F(ConnectRoutesTest, UnknownMethodsAndServicesAre404Unimplemented) {
  for (const char* path : {"/cadre.v1.Registry/NoSuchMethod", "/cadre.v1.Nothing/GetRole"}) {
    auto res = client_->Post(path, "{}", kJson);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 404) << path;
    EXPECT_THAT(res->body, HasSubstr(R"("code":"unimplemented")")) << path;
  }
}

TEST_F(ConnectRoutesTest, GetOfAWriteIs405) {
  auto res = client_->Get(
      absl::StrCat("/cadre.v1.Registry/CreateBody?encoding=json&message=", PercentEncode("{}")));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 405) << res->body;
  EXPECT_EQ(res->get_header_value("Allow"), "POST");
}

TEST_F(ConnectRoutesTest, OtherContentTypesAre415) {
  auto res = Post("GetRole", "name=roles/1", {}, "application/x-www-form-urlencoded");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 415) << res->body;
  EXPECT_THAT(res->get_header_value("Accept-Post"), HasSubstr("application/proto"));
}

TEST_F(ConnectRoutesTest, BodyOverTheLimitIs413) {
  const std::string big = absl::StrCat(
      R"({"name":")", std::string(harness_->options().http.max_body_bytes, 'x'), R"("})");
  auto res = Post("GetRole", big);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  EXPECT_THAT(res->body, HasSubstr(R"("code":"resource_exhausted")"));
}

TEST_F(ConnectRoutesTest, ProtoRoundTrip) {
  cadre::v1::GetRoleRequest request;
  request.set_name(role_);
  auto res = Post("GetRole", request.SerializeAsString(), {}, "application/proto");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/proto");
  cadre::v1::Role role;
  ASSERT_TRUE(role.ParseFromString(res->body));
  EXPECT_EQ(role.name(), role_);
  EXPECT_EQ(role.title(), "Patient panel member");
}

TEST_F(ConnectRoutesTest, RegistryStoppedIsUnavailableQuickly) {
  harness_->services().StopRegistry();
  const auto start = std::chrono::steady_clock::now();
  auto res = Post("GetRole", absl::StrCat(R"({"name":")", role_, R"("})"));
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 503) << res->body;
  EXPECT_THAT(res->body, HasSubstr(R"("code":"unavailable")"));
  EXPECT_THAT(res->body, ::testing::Not(HasSubstr("127.0.0.1")));  // no internal address
  EXPECT_LT(took, std::chrono::seconds(5));  // bounded by the upstream deadline, not a hang
  harness_->services().StartRegistry();
}

// The anonymous limit: a burst of 2, then 429 in Connect's JSON; a caller with a key is
// not counted.
class ConnectRateLimitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_ = RedisServer::Start();
    harness_ = std::make_unique<GatewayHarness>(redis_->options(), [](auto& options) {
      options.http.anonymous_limit = gateway::RateLimit{.per_minute = 1, .burst = 2};
    });
  }

  std::unique_ptr<RedisServer> redis_;
  std::unique_ptr<GatewayHarness> harness_;
};

TEST_F(ConnectRateLimitTest, AnonymousPastTheLimitIs429ResourceExhausted) {
  auto client = harness_->Client();
  int last = 0;
  for (int i = 0; i < 3; ++i) {
    auto res = client->Post("/cadre.v1.Registry/ListRoles", "{}", kJson);
    ASSERT_TRUE(res);
    last = res->status;
    if (last == 429) {
      EXPECT_THAT(res->body, HasSubstr(R"("code":"resource_exhausted")"));
      EXPECT_EQ(res->get_header_value("Content-Type"), kJson);
    }
  }
  EXPECT_EQ(last, 429);
  auto res = client->Post("/cadre.v1.Registry/ListRoles", Bearer(kAdminKey), "{}", kJson);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
}

}  // namespace
}  // namespace cadre::testing

namespace cadre::testing {
namespace {

// The gateway's own service key never authorises anything a visitor does: as a bearer
// key it is refused every write, and a visitor's own x-cadre-forwarder header is not
// passed on (the gateway sends its key there itself, and only there).
TEST_F(ConnectRoutesTest, TheGatewaysOwnKeyGrantsNoRights) {
  const std::string body =
      R"({"body":{"odsCode":"RX8","displayName":"A test trust","kind":"BODY_KIND_TRUST",)"
      R"("region":"REGION_LONDON"}})";
  auto res = Post("CreateBody", body, Bearer(kGatewayServiceKey));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403) << res->body;
  // Drafts are listed for admins and a body's own listing only.
  res = Post("ListRoles", R"({"state":"ROLE_STATE_DRAFT"})", Bearer(kGatewayServiceKey));
  ASSERT_TRUE(res);
  EXPECT_THAT(res->status, AnyOf(400, 403)) << res->body;
  httplib::Headers forged = {{"x-cadre-forwarder", kAdminKey},
                             {"Authorization", absl::StrCat("Bearer ", kGatewayServiceKey)}};
  res = Post("CreateBody", body, forged);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403) << res->body;
}

}  // namespace
}  // namespace cadre::testing
