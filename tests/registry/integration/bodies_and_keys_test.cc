// Bodies, API keys, avenues, the menu of role types and the involvement map, through
// real stubs against a real redis-server.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "tests/registry/integration/registry_harness.h"
#include "tests/support/status_matchers.h"

namespace cadre::testing {
namespace {

using ::testing::StartsWith;

class BodiesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_ = RedisServer::Start();
    harness_ = std::make_unique<RegistryHarness>(redis_->options());
  }
  cadre::v1::Registry::Stub& stub() { return harness_->stub(); }

  std::unique_ptr<RedisServer> redis_;
  std::unique_ptr<RegistryHarness> harness_;
};

TEST_F(BodiesTest, OdsCodesAreCheckedAndUnique) {
  harness_->MakeBody("RTH", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_SOUTH_EAST);
  cadre::v1::CreateBodyRequest request;
  request.mutable_body()->set_ods_code("RTH");
  request.mutable_body()->set_display_name("Somebody else");
  request.mutable_body()->set_kind(cadre::v1::BODY_KIND_TRUST);
  request.mutable_body()->set_region(cadre::v1::REGION_LONDON);
  cadre::v1::Body out;
  EXPECT_THAT(stub().CreateBody(RegistryHarness::Context(kAdminKey).get(), request, &out),
              StatusIs(grpc::StatusCode::ALREADY_EXISTS, "body.ods_code"));
  request.mutable_body()->set_ods_code("rth");
  EXPECT_THAT(stub().CreateBody(RegistryHarness::Context(kAdminKey).get(), request, &out),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT, "body.ods_code"));
  request.mutable_body()->set_ods_code("ABCDEFG");
  EXPECT_THAT(stub().CreateBody(RegistryHarness::Context(kAdminKey).get(), request, &out),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT, "body.ods_code"));

  // Without an ODS code Cadre issues one of its own, which can never clash with ODS.
  request.mutable_body()->clear_ods_code();
  request.mutable_body()->set_kind(cadre::v1::BODY_KIND_LOCAL_HEALTHWATCH);
  CADRE_ASSERT_OK(stub().CreateBody(RegistryHarness::Context(kAdminKey).get(), request, &out));
  EXPECT_THAT(out.name(), StartsWith("bodies/CDR"));
  EXPECT_TRUE(out.cadre_issued_code());
  cadre::v1::GetBodyRequest get;
  get.set_name(out.name());
  cadre::v1::Body fetched;
  CADRE_EXPECT_OK(stub().GetBody(RegistryHarness::Context().get(), get, &fetched));
  EXPECT_EQ(fetched.display_name(), "Somebody else");
}

TEST_F(BodiesTest, OnlyAdminRegistersAndOnlyTheBodyUpdatesItself) {
  harness_->MakeBody("X24", cadre::v1::BODY_KIND_NHS_ENGLAND, cadre::v1::REGION_NATIONAL);
  harness_->MakeBody("RR8", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_NORTH_EAST_AND_YORKSHIRE);
  const std::string key = harness_->BodyKey("X24");
  cadre::v1::CreateBodyRequest create;
  create.mutable_body()->set_ods_code("RXF");
  create.mutable_body()->set_display_name("Mid Yorkshire Teaching");
  create.mutable_body()->set_kind(cadre::v1::BODY_KIND_TRUST);
  create.mutable_body()->set_region(cadre::v1::REGION_NORTH_EAST_AND_YORKSHIRE);
  cadre::v1::Body out;
  EXPECT_THAT(stub().CreateBody(RegistryHarness::Context(key).get(), create, &out),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(stub().CreateBody(RegistryHarness::Context().get(), create, &out),
              StatusIs(grpc::StatusCode::UNAUTHENTICATED));

  cadre::v1::UpdateBodyRequest update;
  update.mutable_body()->set_name("bodies/X24");
  update.mutable_body()->set_website("https://www.england.nhs.uk/get-involved/");
  update.mutable_update_mask()->add_paths("website");
  CADRE_EXPECT_OK(stub().UpdateBody(RegistryHarness::Context(key).get(), update, &out));
  EXPECT_EQ(out.website(), "https://www.england.nhs.uk/get-involved/");
  update.mutable_body()->set_name("bodies/RR8");
  EXPECT_THAT(stub().UpdateBody(RegistryHarness::Context(key).get(), update, &out),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED));
  update.mutable_body()->set_name("bodies/X24");
  update.mutable_update_mask()->add_paths("kind");
  EXPECT_THAT(stub().UpdateBody(RegistryHarness::Context(key).get(), update, &out),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT, "update_mask"));
}

TEST_F(BodiesTest, KeysAreStoredHashedAndRevocationTakesEffect) {
  harness_->MakeBody("RJ1", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON);
  const std::string key = harness_->BodyKey("RJ1");
  EXPECT_THAT(key, StartsWith("cadre_"));
  // The secret itself is nowhere in Redis.
  auto keys = harness_->redis().Command({"KEYS", "auth:key*"});
  ASSERT_TRUE(keys.ok());
  ASSERT_EQ(keys->elements.size(), 2u);  // auth:key:{hash} and auth:key_id:{id}
  for (const auto& k : keys->elements) {
    EXPECT_FALSE(absl::StrContains(k.str, key));
    auto type = harness_->redis().Command({"TYPE", k.str});
    ASSERT_TRUE(type.ok());
    if (type->str != "hash") continue;
    auto values = harness_->redis().Command({"HGETALL", k.str});
    ASSERT_TRUE(values.ok());
    for (const auto& v : values->elements) EXPECT_NE(v.str, key);
  }

  // A body issues a second key for itself, then revokes it.
  cadre::v1::CreateApiKeyRequest issue;
  issue.set_kind(cadre::v1::PRINCIPAL_KIND_BODY);
  issue.set_subject("bodies/RJ1");
  issue.set_label("rotation");
  cadre::v1::CreateApiKeyResponse second;
  CADRE_ASSERT_OK(stub().CreateApiKey(RegistryHarness::Context(key).get(), issue, &second));
  issue.set_kind(cadre::v1::PRINCIPAL_KIND_ADMIN);
  issue.clear_subject();
  cadre::v1::CreateApiKeyResponse denied;
  EXPECT_THAT(stub().CreateApiKey(RegistryHarness::Context(key).get(), issue, &denied),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED));

  cadre::v1::GetBodyRequest get;
  get.set_name("bodies/RJ1");
  cadre::v1::Body body;
  CADRE_ASSERT_OK(stub().GetBody(RegistryHarness::Context(second.secret()).get(), get, &body));
  cadre::v1::RevokeApiKeyRequest revoke;
  revoke.set_key_id(second.key_id());
  cadre::v1::RevokeApiKeyResponse revoked;
  CADRE_ASSERT_OK(stub().RevokeApiKey(RegistryHarness::Context(key).get(), revoke, &revoked));
  EXPECT_THAT(stub().GetBody(RegistryHarness::Context(second.secret()).get(), get, &body),
              StatusIs(grpc::StatusCode::UNAUTHENTICATED));
  EXPECT_THAT(stub().RevokeApiKey(RegistryHarness::Context(key).get(), revoke, &revoked),
              StatusIs(grpc::StatusCode::NOT_FOUND));
}

TEST_F(BodiesTest, AvenuesMenuAndMapShowEveryWayIn) {
  harness_->MakeBody("RJ1", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON);
  harness_->MakeBody("QOP", cadre::v1::BODY_KIND_ICB, cadre::v1::REGION_NORTH_WEST);
  const std::string key = harness_->BodyKey("RJ1");

  cadre::v1::CreateRoleTypeRequest type;
  type.set_role_type_id("patient-panel-member");
  type.mutable_role_type()->set_title("Patient panel member");
  type.mutable_role_type()->set_level(cadre::v1::INVOLVEMENT_LEVEL_3);
  type.mutable_role_type()->mutable_typical_time()->set_hours_per_month(4);
  cadre::v1::RoleType created_type;
  EXPECT_THAT(stub().CreateRoleType(RegistryHarness::Context(key).get(), type, &created_type),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED));
  CADRE_ASSERT_OK(
      stub().CreateRoleType(RegistryHarness::Context(kAdminKey).get(), type, &created_type));
  EXPECT_EQ(created_type.name(), "roleTypes/patient-panel-member");

  cadre::v1::CreateAvenueRequest avenue;
  avenue.mutable_avenue()->set_body("bodies/RJ1");
  avenue.mutable_avenue()->set_kind(cadre::v1::AVENUE_KIND_PATIENT_PANEL);
  avenue.mutable_avenue()->set_title("Guy's and St Thomas' patient panel");
  avenue.mutable_avenue()->set_how_to_join("involvement@example.nhs.uk");
  avenue.mutable_avenue()->set_level(cadre::v1::INVOLVEMENT_LEVEL_2);
  avenue.mutable_avenue()->mutable_location()->set_region(cadre::v1::REGION_LONDON);
  avenue.mutable_avenue()->mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_REMOTE);
  cadre::v1::Avenue created_avenue;
  CADRE_ASSERT_OK(
      stub().CreateAvenue(RegistryHarness::Context(key).get(), avenue, &created_avenue));
  avenue.mutable_avenue()->set_how_to_join("call us");
  cadre::v1::Avenue bad;
  EXPECT_THAT(stub().CreateAvenue(RegistryHarness::Context(key).get(), avenue, &bad),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT, "avenue.how_to_join"));

  cadre::v1::CreateRoleRequest role;
  *role.mutable_role() = ValidRole("RJ1", harness_->clock().Now());
  role.mutable_role()->set_role_type("roleTypes/patient-panel-member");
  cadre::v1::Role created_role;
  CADRE_ASSERT_OK(stub().CreateRole(RegistryHarness::Context(key).get(), role, &created_role));
  cadre::v1::PublishRoleRequest publish;
  publish.set_name(created_role.name());
  CADRE_ASSERT_OK(stub().PublishRole(RegistryHarness::Context(key).get(), publish, &created_role));

  cadre::v1::GetInvolvementMapRequest map_request;
  cadre::v1::InvolvementMap map;
  CADRE_ASSERT_OK(stub().GetInvolvementMap(RegistryHarness::Context().get(), map_request, &map));
  EXPECT_EQ(map.open_roles(), 1);
  EXPECT_EQ(map.avenues(), 1);
  ASSERT_EQ(map.sections_size(), 2);  // the ICB has nothing open but is still on the map
  map_request.set_region(cadre::v1::REGION_LONDON);
  CADRE_ASSERT_OK(stub().GetInvolvementMap(RegistryHarness::Context().get(), map_request, &map));
  ASSERT_EQ(map.sections_size(), 1);
  EXPECT_EQ(map.sections(0).kind(), cadre::v1::BODY_KIND_TRUST);
  ASSERT_EQ(map.sections(0).bodies_size(), 1);
  EXPECT_EQ(map.sections(0).bodies(0).open_roles(0).name(), created_role.name());
  EXPECT_EQ(map.sections(0).bodies(0).avenues(0).name(), created_avenue.name());

  cadre::v1::DeleteAvenueRequest remove;
  remove.set_name(created_avenue.name());
  cadre::v1::DeleteAvenueResponse removed;
  CADRE_ASSERT_OK(stub().DeleteAvenue(RegistryHarness::Context(key).get(), remove, &removed));
  CADRE_ASSERT_OK(stub().GetInvolvementMap(RegistryHarness::Context().get(), map_request, &map));
  EXPECT_EQ(map.avenues(), 0);

  cadre::v1::ListRoleTypesResponse menu;
  CADRE_ASSERT_OK(stub().ListRoleTypes(RegistryHarness::Context().get(), {}, &menu));
  ASSERT_EQ(menu.role_types_size(), 1);
}

TEST_F(BodiesTest, ARestartedServiceFindsEverythingInRedis) {
  harness_->MakeBody("RJ1", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON);
  harness_.reset();
  redis_->Stop();
  redis_->Restart();
  harness_ = std::make_unique<RegistryHarness>(redis_->options());
  cadre::v1::GetBodyRequest get;
  get.set_name("bodies/RJ1");
  cadre::v1::Body body;
  CADRE_EXPECT_OK(stub().GetBody(RegistryHarness::Context().get(), get, &body));
}

}  // namespace
}  // namespace cadre::testing
