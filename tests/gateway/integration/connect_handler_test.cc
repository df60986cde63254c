// ConnectHandler called directly (no socket) against the registry in process on a real
// redis-server: the protocol's edges that the socket test does not go through again.

#include "services/gateway/connect/connect_handler.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "tests/registry/integration/registry_harness.h"

namespace cadre::testing {
namespace {

using ::cadre::gateway::ConnectHandler;
using ::cadre::gateway::HttpRequest;
using ::cadre::gateway::HttpResponse;
using ::cadre::gateway::Upstream;
using ::cadre::gateway::UpstreamOptions;
using ::testing::HasSubstr;

class ConnectHandlerTest : public RegistryTest {
 protected:
  void SetUp() override {
    RegistryTest::SetUp();
    UpstreamOptions options;
    options.targets["cadre.v1.Registry"] = absl::StrCat("127.0.0.1:", harness_->port());
    auto upstream = Upstream::Create(options);
    ASSERT_TRUE(upstream.ok()) << upstream.status();
    upstream_ = *std::move(upstream);
    handler_ = std::make_unique<ConnectHandler>(upstream_.get());

    cadre::v1::CreateRoleRequest create;
    *create.mutable_role() = ValidRole("RJ1", harness_->clock().Now());
    cadre::v1::Role draft;
    const std::string trust_key = harness_->BodyKey("RJ1");
    ASSERT_TRUE(harness_->stub()
                    .CreateRole(RegistryHarness::Context(trust_key).get(), create, &draft)
                    .ok());
    cadre::v1::PublishRoleRequest publish;
    publish.set_name(draft.name());
    ASSERT_TRUE(harness_->stub()
                    .PublishRole(RegistryHarness::Context(trust_key).get(), publish, &role_)
                    .ok());
  }

  static HttpRequest Post(const std::string& method, std::string body,
                          const std::string& content_type = "application/json") {
    HttpRequest request;
    request.method = "POST";
    request.path = absl::StrCat("/cadre.v1.Registry/", method);
    request.path_params = {"cadre.v1.Registry", method};
    request.headers.emplace("content-type", content_type);
    request.body = std::move(body);
    request.client_address = "192.0.2.1";
    request.request_id = "test-request";
    return request;
  }

  static HttpRequest Get(const std::string& method, std::multimap<std::string, std::string> query) {
    HttpRequest request;
    request.method = "GET";
    request.path = absl::StrCat("/cadre.v1.Registry/", method);
    request.query = std::move(query);
    request.client_address = "192.0.2.1";
    return request;
  }

  HttpResponse Handle(const HttpRequest& request) {
    HttpResponse response;
    handler_->Handle(request, &response);
    return response;
  }

  std::unique_ptr<Upstream> upstream_;
  std::unique_ptr<ConnectHandler> handler_;
  cadre::v1::Role role_;
};

TEST_F(ConnectHandlerTest, PostJsonReadsARoleWithoutCaching) {
  const HttpResponse response =
      Handle(Post("GetRole", absl::StrCat(R"({"name":")", role_.name(), R"("})")));
  EXPECT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_THAT(response.body, HasSubstr(absl::StrCat(R"("title":")", role_.title())));
  EXPECT_THAT(response.body, HasSubstr(R"("timeCommitment":)"));
  EXPECT_EQ(response.HeaderValue("Cache-Control"), "no-store");
}

TEST_F(ConnectHandlerTest, AnonymousGetIsPublicAndAGetWithAKeyIsPrivate) {
  const std::multimap<std::string, std::string> query = {
      {"connect", "v1"}, {"encoding", "json"}, {"message", R"({"pageSize":5})"}};
  HttpResponse response = Handle(Get("ListRoles", query));
  EXPECT_EQ(response.status, 200) << response.body;
  EXPECT_THAT(response.body, HasSubstr(role_.name()));
  EXPECT_EQ(response.HeaderValue("Cache-Control"), "public, max-age=30");
  EXPECT_EQ(response.HeaderValue("Vary"), "Authorization");

  HttpRequest with_key = Get("ListRoles", query);
  with_key.headers.emplace("authorization", absl::StrCat("Bearer ", kAdminKey));
  response = Handle(with_key);
  EXPECT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.HeaderValue("Cache-Control"), "private, no-store");
}

TEST_F(ConnectHandlerTest, ProtoPassesThroughBothWays) {
  cadre::v1::GetRoleRequest get;
  get.set_name(role_.name());
  HttpResponse response = Handle(Post("GetRole", get.SerializeAsString(), "application/proto"));
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.content_type, "application/proto");
  cadre::v1::Role role;
  ASSERT_TRUE(role.ParseFromString(response.body));
  EXPECT_EQ(role.name(), role_.name());

  // Bytes that are not a GetRoleRequest: the registry itself refuses them.
  response = Handle(Post("GetRole", "\xff\xff\xff", "application/proto"));
  EXPECT_EQ(response.status, 400) << response.body;
  EXPECT_THAT(response.body, HasSubstr(R"("code":"invalid_argument")"));
  EXPECT_EQ(response.content_type, "application/json");  // errors are always JSON

  // And by GET, base64 with no padding.
  response =
      Handle(Get("GetRole", {{"encoding", "proto"},
                             {"base64", "1"},
                             {"message", absl::WebSafeBase64Escape(get.SerializeAsString())}}));
  ASSERT_EQ(response.status, 200) << response.body;
  ASSERT_TRUE(role.ParseFromString(response.body));
  EXPECT_EQ(role.name(), role_.name());
}

TEST_F(ConnectHandlerTest, OnlyBearerKeysAndNeverCookies) {
  HttpRequest basic = Post("ListBodies", "{}");
  basic.headers.emplace("authorization", "Basic YWRtaW46YWRtaW4=");
  HttpResponse response = Handle(basic);
  EXPECT_EQ(response.status, 401);
  EXPECT_THAT(response.body, HasSubstr(R"("code":"unauthenticated")"));

  // A cookie carries no credential: a write with only a cookie is an anonymous write.
  HttpRequest cookie = Post("CreateBody", R"({"body":{"odsCode":"RX1","displayName":"X"}})");
  cookie.headers.emplace("cookie", absl::StrCat("session=", kAdminKey));
  response = Handle(cookie);
  EXPECT_THAT(response.status, ::testing::AnyOf(401, 403)) << response.body;
}

TEST_F(ConnectHandlerTest, ProtocolHeadersAreChecked) {
  HttpRequest version = Post("ListBodies", "{}");
  version.headers.emplace("connect-protocol-version", "2");
  EXPECT_EQ(Handle(version).status, 400);

  HttpRequest timeout = Post("ListBodies", "{}");
  timeout.headers.emplace("connect-timeout-ms", "soon");
  HttpResponse response = Handle(timeout);
  EXPECT_EQ(response.status, 400);
  EXPECT_THAT(response.body, HasSubstr("connect-timeout-ms"));

  HttpRequest gzip = Post("ListBodies", "{}");
  gzip.headers.emplace("content-encoding", "gzip");
  response = Handle(gzip);
  EXPECT_EQ(response.status, 501);
  EXPECT_THAT(response.body, HasSubstr(R"("code":"unimplemented")"));

  HttpRequest ok = Post("ListBodies", "{}", "application/json; charset=utf-8");
  ok.headers.emplace("connect-protocol-version", "1");
  ok.headers.emplace("connect-timeout-ms", "1500");
  response = Handle(ok);
  EXPECT_EQ(response.status, 200) << response.body;
  EXPECT_THAT(response.body, HasSubstr("bodies/RJ1"));
}

TEST_F(ConnectHandlerTest, ServicesWithNoChannelAreUnknown) {
  HttpRequest request = Post("GetScoringPolicy", "{}");
  request.path = "/cadre.v1.Matching/GetScoringPolicy";
  request.path_params = {"cadre.v1.Matching", "GetScoringPolicy"};
  const HttpResponse response = Handle(request);
  EXPECT_EQ(response.status, 404);
  EXPECT_THAT(response.body, HasSubstr(R"("code":"unimplemented")"));
}

TEST_F(ConnectHandlerTest, ServiceErrorsKeepTheirCodeAndMessage) {
  HttpResponse response = Handle(Post("GetRole", R"({"name":"roles/999999"})"));
  EXPECT_EQ(response.status, 404);
  EXPECT_THAT(response.body, HasSubstr(R"("code":"not_found")"));
  EXPECT_THAT(response.body, HasSubstr("roles/999999"));
}

}  // namespace
}  // namespace cadre::testing
