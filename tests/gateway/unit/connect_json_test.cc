// The Connect routes' lookup of methods in the generated descriptors, and Protobuf's JSON
// mapping by type at run time.

#include "services/gateway/connect/connect_json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cadre/v1/registry.pb.h"
#include "services/gateway/connect/connect_methods.h"
#include "tests/support/status_matchers.h"

namespace cadre::gateway {
namespace {

using ::cadre::testing::StatusIs;
using ::testing::HasSubstr;

TEST(ConnectMethods, FindsUnaryMethodsWithTheirTypes) {
  ConnectMethod method;
  ASSERT_TRUE(FindConnectMethod("cadre.v1.Registry", "GetRole", &method));
  EXPECT_EQ(method.grpc_path, "/cadre.v1.Registry/GetRole");
  EXPECT_EQ(method.request_prototype->GetDescriptor()->full_name(), "cadre.v1.GetRoleRequest");
  EXPECT_EQ(method.response_prototype->GetDescriptor()->full_name(), "cadre.v1.Role");
  EXPECT_TRUE(method.no_side_effects);

  ASSERT_TRUE(FindConnectMethod("cadre.v1.Registry", "CreateBody", &method));
  EXPECT_FALSE(method.no_side_effects);
  ASSERT_TRUE(FindConnectMethod("cadre.v1.Matching", "GetScoringPolicy", &method));
  EXPECT_TRUE(method.no_side_effects);
  EXPECT_EQ(method.grpc_path, "/cadre.v1.Matching/GetScoringPolicy");
}

TEST(ConnectMethods, UnknownOrOutsideThePackageIsNotFound) {
  ConnectMethod method;
  EXPECT_FALSE(FindConnectMethod("cadre.v1.Registry", "NoSuchMethod", &method));
  EXPECT_FALSE(FindConnectMethod("cadre.v1.Nothing", "GetRole", &method));
  EXPECT_FALSE(FindConnectMethod("cadre.v1", "GetRole", &method));
  EXPECT_FALSE(FindConnectMethod("cadre.v1.", "GetRole", &method));
  EXPECT_FALSE(FindConnectMethod("cadre.v1x.Registry", "GetRole", &method));
  EXPECT_FALSE(FindConnectMethod("grpc.health.v1.Health", "Check", &method));
  EXPECT_FALSE(FindConnectMethod("", "", &method));
}

TEST(ConnectJson, RequestJsonBecomesTheMessagesBytes) {
  auto bytes =
      JsonToMessageBytes(cadre::v1::GetRoleRequest::default_instance(), R"({"name": "roles/42"})");
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  cadre::v1::GetRoleRequest request;
  ASSERT_TRUE(request.ParseFromString(*bytes));
  EXPECT_EQ(request.name(), "roles/42");
}

TEST(ConnectJson, ProtoFieldNamesAreAcceptedToo) {
  auto bytes = JsonToMessageBytes(cadre::v1::ListRolesRequest::default_instance(),
                                  R"({"page_size": 5, "pageToken": "t"})");
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  cadre::v1::ListRolesRequest request;
  ASSERT_TRUE(request.ParseFromString(*bytes));
  EXPECT_EQ(request.page_size(), 5);
  EXPECT_EQ(request.page_token(), "t");
}

TEST(ConnectJson, UnknownFieldIsInvalidArgumentNamingIt) {
  EXPECT_THAT(
      JsonToMessageBytes(cadre::v1::GetRoleRequest::default_instance(), R"({"nmae": "roles/42"})"),
      StatusIs(absl::StatusCode::kInvalidArgument, "nmae"));
}

TEST(ConnectJson, BadJsonIsInvalidArgumentNamingTheType) {
  for (const char* bad : {"", "{", "[1]", R"({"name": 5})", "not json"}) {
    EXPECT_THAT(JsonToMessageBytes(cadre::v1::GetRoleRequest::default_instance(), bad),
                StatusIs(absl::StatusCode::kInvalidArgument, "cadre.v1.GetRoleRequest"))
        << bad;
  }
}

TEST(ConnectJson, AnswerBytesPrintAsLowerCamelCaseJson) {
  cadre::v1::Role role;
  role.set_name("roles/42");
  role.set_title("Patient panel member");
  role.set_state(cadre::v1::ROLE_STATE_OPEN);
  role.mutable_time_commitment()->set_hours_per_month(6);
  auto json = MessageBytesToJson(cadre::v1::Role::default_instance(), role.SerializeAsString());
  ASSERT_TRUE(json.ok()) << json.status();
  EXPECT_THAT(*json, HasSubstr(R"("name":"roles/42")"));
  EXPECT_THAT(*json, HasSubstr(R"("timeCommitment":{"hoursPerMonth":6})"));
  EXPECT_THAT(*json, HasSubstr(R"("state":"ROLE_STATE_OPEN")"));
  EXPECT_THAT(*json, ::testing::Not(HasSubstr("places")));  // defaults are left out
}

TEST(ConnectJson, EmptyAnswerIsAnEmptyObject) {
  auto json = MessageBytesToJson(cadre::v1::Role::default_instance(), "");
  ASSERT_TRUE(json.ok()) << json.status();
  EXPECT_EQ(*json, "{}");
}

TEST(ConnectJson, AnswerThatDoesNotParseIsInternal) {
  EXPECT_THAT(MessageBytesToJson(cadre::v1::Role::default_instance(), "\xff\xff\xff"),
              StatusIs(absl::StatusCode::kInternal));
}

}  // namespace
}  // namespace cadre::gateway
