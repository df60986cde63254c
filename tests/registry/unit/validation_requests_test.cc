// The checks of the list calls' filters, the map's filters, and the API key requests.

#include <gtest/gtest.h>

#include <string>

#include "services/registry/domain/catalog.h"
#include "services/registry/domain/validation.h"
#include "tests/registry/unit/test_data.h"
#include "tests/support/status_matchers.h"

namespace cadre::registry {
namespace {

using ::cadre::testing::InvalidAt;
using ::cadre::testing::StatusIs;

constexpr int kUnknownEnum = 99;

TEST(ValidateListsTest, NoFilterAndKnownValuesPass) {
  CADRE_EXPECT_OK(ValidateListBodies({}));
  CADRE_EXPECT_OK(ValidateListAvenues({}));
  CADRE_EXPECT_OK(ValidateListRoleTypes({}));
  CADRE_EXPECT_OK(ValidateGetInvolvementMap({}));

  cadre::v1::ListBodiesRequest bodies;
  bodies.set_kind(cadre::v1::BODY_KIND_CHARITY);
  bodies.set_region(cadre::v1::REGION_SOUTH_WEST);
  CADRE_EXPECT_OK(ValidateListBodies(bodies));

  cadre::v1::ListAvenuesRequest avenues;
  avenues.set_body("bodies/RXF");
  avenues.set_body_kind(cadre::v1::BODY_KIND_TRUST);
  avenues.set_region(cadre::v1::REGION_LONDON);
  CADRE_EXPECT_OK(ValidateListAvenues(avenues));

  cadre::v1::ListRoleTypesRequest types;
  types.set_level(cadre::v1::INVOLVEMENT_LEVEL_4);
  CADRE_EXPECT_OK(ValidateListRoleTypes(types));

  cadre::v1::GetInvolvementMapRequest map;
  map.set_body_kind(cadre::v1::BODY_KIND_ICB);
  map.set_region(cadre::v1::REGION_NORTH_WEST);
  map.set_level(cadre::v1::INVOLVEMENT_LEVEL_1);
  CADRE_EXPECT_OK(ValidateGetInvolvementMap(map));
}

TEST(ValidateListsTest, UnknownEnumValuesAreRefusedNamingTheField) {
  cadre::v1::ListBodiesRequest bodies;
  bodies.set_kind(static_cast<cadre::v1::BodyKind>(kUnknownEnum));
  EXPECT_THAT(ValidateListBodies(bodies), InvalidAt("kind"));
  EXPECT_THAT(ValidateListBodies(bodies),
              StatusIs(absl::StatusCode::kInvalidArgument, "kind: unknown value 99"));
  bodies.Clear();
  bodies.set_region(static_cast<cadre::v1::Region>(kUnknownEnum));
  EXPECT_THAT(ValidateListBodies(bodies), InvalidAt("region"));

  cadre::v1::ListAvenuesRequest avenues;
  avenues.set_body_kind(static_cast<cadre::v1::BodyKind>(kUnknownEnum));
  EXPECT_THAT(ValidateListAvenues(avenues), InvalidAt("body_kind"));
  avenues.Clear();
  avenues.set_region(static_cast<cadre::v1::Region>(-1));
  EXPECT_THAT(ValidateListAvenues(avenues), InvalidAt("region"));

  cadre::v1::ListRoleTypesRequest types;
  types.set_level(static_cast<cadre::v1::InvolvementLevel>(5));
  EXPECT_THAT(ValidateListRoleTypes(types), InvalidAt("level"));

  cadre::v1::GetInvolvementMapRequest map;
  map.set_body_kind(static_cast<cadre::v1::BodyKind>(kUnknownEnum));
  EXPECT_THAT(ValidateGetInvolvementMap(map), InvalidAt("body_kind"));
  map.Clear();
  map.set_region(static_cast<cadre::v1::Region>(kUnknownEnum));
  EXPECT_THAT(ValidateGetInvolvementMap(map), InvalidAt("region"));
  map.Clear();
  map.set_level(static_cast<cadre::v1::InvolvementLevel>(kUnknownEnum));
  EXPECT_THAT(ValidateGetInvolvementMap(map), InvalidAt("level"));
}

TEST(ValidateListsTest, ListAvenuesBodyMustBeABodyName) {
  for (const char* bad : {"RXF", "bodies/rxf", "bodies/", "roles/1"}) {
    SCOPED_TRACE(bad);
    cadre::v1::ListAvenuesRequest avenues;
    avenues.set_body(bad);
    EXPECT_THAT(ValidateListAvenues(avenues), InvalidAt("body"));
  }
}

class ValidateApiKeyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    catalog_.PutBody(
        testdata::MakeBody("RXF", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON), 1);
  }

  static cadre::v1::CreateApiKeyRequest Request(cadre::v1::PrincipalKind kind,
                                                const std::string& subject) {
    cadre::v1::CreateApiKeyRequest request;
    request.set_kind(kind);
    request.set_subject(subject);
    request.set_label("for the tests");
    return request;
  }

  Catalog catalog_;
};

TEST_F(ValidateApiKeyTest, ReturnsWhomTheKeyWillStandFor) {
  absl::StatusOr<Principal> admin =
      ValidateCreateApiKey(Request(cadre::v1::PRINCIPAL_KIND_ADMIN, ""), catalog_);
  ASSERT_TRUE(admin.ok()) << admin.status();
  EXPECT_EQ(admin->kind, PrincipalKind::kAdmin);
  EXPECT_EQ(admin->subject, "");

  absl::StatusOr<Principal> body =
      ValidateCreateApiKey(Request(cadre::v1::PRINCIPAL_KIND_BODY, "bodies/RXF"), catalog_);
  ASSERT_TRUE(body.ok()) << body.status();
  EXPECT_EQ(body->kind, PrincipalKind::kBody);
  EXPECT_EQ(body->subject, "RXF");  // the code, as principals hold it
  EXPECT_EQ(body->key_id, "");

  absl::StatusOr<Principal> applicant =
      ValidateCreateApiKey(Request(cadre::v1::PRINCIPAL_KIND_APPLICANT, "a_1-x"), catalog_);
  ASSERT_TRUE(applicant.ok()) << applicant.status();
  EXPECT_EQ(applicant->kind, PrincipalKind::kApplicant);
  EXPECT_EQ(applicant->subject, "a_1-x");

  absl::StatusOr<Principal> service =
      ValidateCreateApiKey(Request(cadre::v1::PRINCIPAL_KIND_SERVICE, "matching"), catalog_);
  ASSERT_TRUE(service.ok()) << service.status();
  EXPECT_EQ(service->kind, PrincipalKind::kService);
}

TEST_F(ValidateApiKeyTest, BadRequestsNameTheField) {
  EXPECT_THAT(ValidateCreateApiKey(Request(cadre::v1::PRINCIPAL_KIND_UNSPECIFIED, ""), catalog_),
              InvalidAt("kind"));
  EXPECT_THAT(ValidateCreateApiKey(Request(static_cast<cadre::v1::PrincipalKind>(kUnknownEnum), ""),
                                   catalog_),
              InvalidAt("kind"));
  EXPECT_THAT(ValidateCreateApiKey(Request(cadre::v1::PRINCIPAL_KIND_ADMIN, "x"), catalog_),
              InvalidAt("subject"));
  EXPECT_THAT(ValidateCreateApiKey(Request(cadre::v1::PRINCIPAL_KIND_BODY, "RXF"), catalog_),
              InvalidAt("subject"));
  EXPECT_THAT(ValidateCreateApiKey(Request(cadre::v1::PRINCIPAL_KIND_BODY, "bodies/RAJ"), catalog_),
              StatusIs(absl::StatusCode::kInvalidArgument, "subject: no body bodies/RAJ"));
  EXPECT_THAT(ValidateCreateApiKey(Request(cadre::v1::PRINCIPAL_KIND_APPLICANT, ""), catalog_),
              InvalidAt("subject"));
  EXPECT_THAT(ValidateCreateApiKey(Request(cadre::v1::PRINCIPAL_KIND_SERVICE, "a b"), catalog_),
              InvalidAt("subject"));

  cadre::v1::CreateApiKeyRequest long_label = Request(cadre::v1::PRINCIPAL_KIND_ADMIN, "");
  long_label.set_label(std::string(kMaxLabel, 'x'));
  CADRE_EXPECT_OK(ValidateCreateApiKey(long_label, catalog_).status());
  long_label.set_label(std::string(kMaxLabel + 1, 'x'));
  EXPECT_THAT(ValidateCreateApiKey(long_label, catalog_), InvalidAt("label"));
}

TEST(ValidateRevokeApiKeyTest, KeyIdMustLookLikeOne) {
  cadre::v1::RevokeApiKeyRequest request;
  request.set_key_id("k_0123abc");
  CADRE_EXPECT_OK(ValidateRevokeApiKey(request));
  for (const std::string& bad : {std::string(""), std::string("k 1"), std::string(65, 'k')}) {
    request.set_key_id(bad);
    EXPECT_THAT(ValidateRevokeApiKey(request), InvalidAt("key_id"));
  }
}

}  // namespace
}  // namespace cadre::registry
