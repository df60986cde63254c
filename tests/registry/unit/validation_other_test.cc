// ValidateBody, ValidateAvenue, ValidateRoleType, ValidateListRoles, ValidateRequestId and
// EffectivePageSize.

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "services/registry/domain/validation.h"
#include "tests/registry/unit/test_data.h"
#include "tests/support/status_matchers.h"

namespace cadre::registry {
namespace {

using ::cadre::testing::InvalidAt;
using ::cadre::testing::StatusIs;
using cadre::v1::Avenue;
using cadre::v1::Body;
using cadre::v1::ListRolesRequest;
using cadre::v1::RoleType;

template <typename T>
T With(T value, const std::function<void(T&)>& change) {
  change(value);
  return value;
}

absl::Status CheckBody(const std::function<void(Body&)>& change) {
  return ValidateBody(With<Body>(testdata::ValidBody(), change), "body");
}
absl::Status CheckAvenue(const std::function<void(Avenue&)>& change) {
  return ValidateAvenue(With<Avenue>(testdata::ValidAvenue(), change), "avenue");
}
absl::Status CheckType(const std::function<void(RoleType&)>& change) {
  return ValidateRoleType(With<RoleType>(testdata::ValidRoleType(), change), "role_type");
}
absl::Status CheckList(const std::function<void(ListRolesRequest&)>& change) {
  return ValidateListRoles(With<ListRolesRequest>(ListRolesRequest(), change));
}

// ---------------------------------------------------------------------------- Body

TEST(ValidateBodyTest, AcceptsAValidBodyWithOrWithoutOdsCode) {
  CADRE_EXPECT_OK(CheckBody([](Body&) {}));
  CADRE_EXPECT_OK(CheckBody([](Body& b) { b.clear_ods_code(); }));  // Cadre issues one
  CADRE_EXPECT_OK(CheckBody([](Body& b) { b.clear_website(); }));
}

TEST(ValidateBodyTest, OdsCodeIsThreeToSixUpperCaseLettersAndDigits) {
  for (const char* good : {"RXF", "ABC123", "X2Y", "R1A"}) {
    SCOPED_TRACE(good);
    CADRE_EXPECT_OK(CheckBody([good](Body& b) { b.set_ods_code(good); }));
  }
  for (const char* bad : {"rxf", "RX", "ABCDEFG", "RX-F", "RX F", "CDR0007", "RXé"}) {
    SCOPED_TRACE(bad);
    EXPECT_THAT(CheckBody([bad](Body& b) { b.set_ods_code(bad); }), InvalidAt("body.ods_code"));
  }
}

TEST(ValidateBodyTest, DisplayNameTwoToOneHundredSixty) {
  EXPECT_THAT(CheckBody([](Body& b) { b.set_display_name("A"); }), InvalidAt("body.display_name"));
  CADRE_EXPECT_OK(CheckBody([](Body& b) { b.set_display_name("AB"); }));
  CADRE_EXPECT_OK(CheckBody([](Body& b) { b.set_display_name(std::string(160, 'a')); }));
  EXPECT_THAT(CheckBody([](Body& b) { b.set_display_name(std::string(161, 'a')); }),
              InvalidAt("body.display_name"));
}

TEST(ValidateBodyTest, KindAndRegionAreRequiredKnownValues) {
  EXPECT_THAT(CheckBody([](Body& b) { b.clear_kind(); }), InvalidAt("body.kind"));
  EXPECT_THAT(CheckBody([](Body& b) { b.set_kind(static_cast<cadre::v1::BodyKind>(10)); }),
              InvalidAt("body.kind"));
  EXPECT_THAT(CheckBody([](Body& b) { b.clear_region(); }), InvalidAt("body.region"));
  EXPECT_THAT(CheckBody([](Body& b) { b.set_region(static_cast<cadre::v1::Region>(99)); }),
              InvalidAt("body.region"));
}

TEST(ValidateBodyTest, WebsiteIsHttpsOnly) {
  CADRE_EXPECT_OK(CheckBody([](Body& b) { b.set_website("https://nhs.uk"); }));
  for (const std::string& bad :
       {std::string("http://www.nhs.uk"), std::string("www.nhs.uk"), std::string("https://"),
        std::string("https://a b.nhs.uk"), std::string("ftp://files.nhs.uk"),
        "https://" + std::string(293, 'a')}) {
    SCOPED_TRACE(bad);
    EXPECT_THAT(CheckBody([&bad](Body& b) { b.set_website(bad); }), InvalidAt("body.website"));
  }
}

TEST(ValidateBodyTest, ContactEmailIsOptionalAndAnAddress) {
  CADRE_EXPECT_OK(CheckBody([](Body& b) { b.clear_contact_email(); }));
  CADRE_EXPECT_OK(CheckBody([](Body& b) { b.set_contact_email("involvement@trust.nhs.uk"); }));
  for (const std::string& bad :
       {std::string("involvement"), std::string("@trust.nhs.uk"), std::string("a@b"),
        std::string("a@.uk"), std::string("a@b."), std::string("a b@trust.nhs.uk"),
        std::string("a@b@c.uk"), std::string(250, 'a') + "@b.uk"}) {
    SCOPED_TRACE(bad);
    EXPECT_THAT(CheckBody([&bad](Body& b) { b.set_contact_email(bad); }),
                InvalidAt("body.contact_email"));
  }
}

TEST(ValidateBodyTest, DescriptionUpToTwoThousand) {
  CADRE_EXPECT_OK(CheckBody([](Body& b) { b.set_description(std::string(2000, 'a')); }));
  EXPECT_THAT(CheckBody([](Body& b) { b.set_description(std::string(2001, 'a')); }),
              InvalidAt("body.description"));
}

// ---------------------------------------------------------------------------- Avenue

TEST(ValidateAvenueTest, AcceptsAValidAvenue) {
  CADRE_EXPECT_OK(CheckAvenue([](Avenue&) {}));
}

TEST(ValidateAvenueTest, EachRequiredFieldIsNamed) {
  EXPECT_THAT(CheckAvenue([](Avenue& a) { a.clear_body(); }), InvalidAt("avenue.body"));
  EXPECT_THAT(CheckAvenue([](Avenue& a) { a.clear_kind(); }), InvalidAt("avenue.kind"));
  EXPECT_THAT(CheckAvenue([](Avenue& a) { a.set_kind(static_cast<cadre::v1::AvenueKind>(7)); }),
              InvalidAt("avenue.kind"));
  EXPECT_THAT(CheckAvenue([](Avenue& a) { a.set_title("ab"); }), InvalidAt("avenue.title"));
  EXPECT_THAT(CheckAvenue([](Avenue& a) { a.set_title(std::string(121, 'a')); }),
              InvalidAt("avenue.title"));
  EXPECT_THAT(CheckAvenue([](Avenue& a) { a.set_description(std::string(2001, 'a')); }),
              InvalidAt("avenue.description"));
  EXPECT_THAT(CheckAvenue([](Avenue& a) { a.clear_level(); }), InvalidAt("avenue.level"));
  EXPECT_THAT(CheckAvenue([](Avenue& a) { a.mutable_time_commitment()->set_hours_per_month(201); }),
              InvalidAt("avenue.time_commitment.hours_per_month"));
  EXPECT_THAT(CheckAvenue([](Avenue& a) { a.add_expertise_sought("Bad Tag"); }),
              InvalidAt("avenue.expertise_sought[1]"));
  EXPECT_THAT(CheckAvenue([](Avenue& a) { a.mutable_location()->clear_region(); }),
              InvalidAt("avenue.location.region"));
}

TEST(ValidateAvenueTest, HowToJoinIsAnHttpsAddressOrAnEmail) {
  for (const char* good : {"https://example.org/join", "panel@example.org"}) {
    SCOPED_TRACE(good);
    CADRE_EXPECT_OK(CheckAvenue([good](Avenue& a) { a.set_how_to_join(good); }));
  }
  EXPECT_THAT(CheckAvenue([](Avenue& a) { a.clear_how_to_join(); }),
              StatusIs(absl::StatusCode::kInvalidArgument, "avenue.how_to_join: is required"));
  for (const std::string& bad :
       {std::string("http://example.org"), std::string("call us"), std::string("@example.org"),
        std::string("panel@"), std::string("https://"), std::string("a b@example.org"),
        std::string(300, 'a') + "@x.org"}) {
    SCOPED_TRACE(bad);
    EXPECT_THAT(CheckAvenue([&bad](Avenue& a) { a.set_how_to_join(bad); }),
                InvalidAt("avenue.how_to_join"));
  }
}

// ---------------------------------------------------------------------------- RoleType

TEST(ValidateRoleTypeTest, AcceptsAValidRoleTypeAndNoRung) {
  CADRE_EXPECT_OK(CheckType([](RoleType&) {}));
  CADRE_EXPECT_OK(CheckType([](RoleType& t) { t.clear_rung(); }));  // rung is optional
}

TEST(ValidateRoleTypeTest, EachLimitIsNamed) {
  EXPECT_THAT(CheckType([](RoleType& t) { t.set_title("ab"); }), InvalidAt("role_type.title"));
  EXPECT_THAT(CheckType([](RoleType& t) { t.set_description(std::string(2001, 'a')); }),
              InvalidAt("role_type.description"));
  EXPECT_THAT(CheckType([](RoleType& t) { t.clear_level(); }), InvalidAt("role_type.level"));
  EXPECT_THAT(CheckType([](RoleType& t) { t.set_rung(static_cast<cadre::v1::EngagementRung>(8)); }),
              InvalidAt("role_type.rung"));
  EXPECT_THAT(CheckType([](RoleType& t) { t.mutable_typical_time()->set_duration_months(61); }),
              InvalidAt("role_type.typical_time.duration_months"));
  EXPECT_THAT(CheckType([](RoleType& t) { t.add_typical_expertise("governance"); }),
              InvalidAt("role_type.typical_expertise[1]"));
}

// ---------------------------------------------------------------------------- ListRoles

TEST(ValidateListRolesTest, NoFiltersIsValid) {
  CADRE_EXPECT_OK(CheckList([](ListRolesRequest&) {}));
}

TEST(ValidateListRolesTest, AcceptsEveryFilterSetWell) {
  CADRE_EXPECT_OK(CheckList([](ListRolesRequest& r) {
    r.set_body("bodies/RXF");
    r.set_body_kind(cadre::v1::BODY_KIND_TRUST);
    r.set_level(cadre::v1::INVOLVEMENT_LEVEL_3);
    r.set_rung(cadre::v1::ENGAGEMENT_RUNG_INVOLVE);
    r.set_region(cadre::v1::REGION_LONDON);
    r.set_remote(false);
    r.set_max_hours_per_month(0);
    r.set_topic("diabetes");
    r.set_expertise("finance");
    r.set_state(cadre::v1::ROLE_STATE_CLOSED);
    r.mutable_closing_after()->set_seconds(testdata::kYear2030);
    r.set_query("dementia board member finance");
  }));
}

TEST(ValidateListRolesTest, EachBadFilterIsNamed) {
  struct Case {
    const char* field;
    std::function<void(ListRolesRequest&)> change;
  };
  const Case cases[] = {
      {"body", [](ListRolesRequest& r) { r.set_body("RXF"); }},
      {"body_kind",
       [](ListRolesRequest& r) { r.set_body_kind(static_cast<cadre::v1::BodyKind>(10)); }},
      {"level",
       [](ListRolesRequest& r) { r.set_level(static_cast<cadre::v1::InvolvementLevel>(5)); }},
      {"rung", [](ListRolesRequest& r) { r.set_rung(static_cast<cadre::v1::EngagementRung>(6)); }},
      {"region", [](ListRolesRequest& r) { r.set_region(static_cast<cadre::v1::Region>(9)); }},
      {"max_hours_per_month", [](ListRolesRequest& r) { r.set_max_hours_per_month(201); }},
      {"max_hours_per_month", [](ListRolesRequest& r) { r.set_max_hours_per_month(-1); }},
      {"topic", [](ListRolesRequest& r) { r.set_topic("Diabetes"); }},
      {"topic", [](ListRolesRequest& r) { r.set_topic("two words"); }},
      {"expertise", [](ListRolesRequest& r) { r.set_expertise(std::string(41, 'a')); }},
      {"state", [](ListRolesRequest& r) { r.set_state(static_cast<cadre::v1::RoleState>(6)); }},
      {"closing_after", [](ListRolesRequest& r) { r.mutable_closing_after()->set_seconds(1); }},
      {"query", [](ListRolesRequest& r) { r.set_query(std::string(201, 'a')); }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.field);
    EXPECT_THAT(CheckList(c.change), InvalidAt(c.field));
  }
}

TEST(ValidateListRolesTest, QueryHasAtMostEightWordsNotCountingStopWords) {
  CADRE_EXPECT_OK(CheckList([](ListRolesRequest& r) { r.set_query("a b c d e f g h i j"); }));
  CADRE_EXPECT_OK(CheckList(
      [](ListRolesRequest& r) { r.set_query("one two three four five six seven eight"); }));
  CADRE_EXPECT_OK(CheckList([](ListRolesRequest& r) {
    r.set_query("the one two three four five six seven eight of the");
  }));
  EXPECT_THAT(CheckList([](ListRolesRequest& r) {
                r.set_query("one two three four five six seven eight nine");
              }),
              InvalidAt("query"));
  CADRE_EXPECT_OK(CheckList([](ListRolesRequest& r) { r.set_query(std::string(200, 'a')); }));
}

// ---------------------------------------------------------------------------- Paging, ids

TEST(EffectivePageSizeTest, NegativeRefusedZeroDefaultsAboveMaxLowered) {
  EXPECT_THAT(EffectivePageSize(-1, 20, 100), InvalidAt("page_size"));
  auto size = [](int page_size, int default_size, int max_size) {
    absl::StatusOr<int> s = EffectivePageSize(page_size, default_size, max_size);
    return s.ok() ? *s : -1;
  };
  EXPECT_EQ(size(0, 20, 100), 20);
  EXPECT_EQ(size(1, 20, 100), 1);
  EXPECT_EQ(size(100, 20, 100), 100);
  EXPECT_EQ(size(101, 20, 100), 100);
  EXPECT_EQ(size(1 << 30, 50, 200), 200);
}

TEST(ValidateRequestIdTest, OptionalUpToSixtyFourSafeCharacters) {
  CADRE_EXPECT_OK(ValidateRequestId("", "request_id"));
  CADRE_EXPECT_OK(ValidateRequestId("abc_XYZ-09", "request_id"));
  CADRE_EXPECT_OK(ValidateRequestId(std::string(64, 'a'), "request_id"));
  EXPECT_THAT(ValidateRequestId(std::string(65, 'a'), "request_id"), InvalidAt("request_id"));
  EXPECT_THAT(ValidateRequestId("a b", "request_id"), InvalidAt("request_id"));
  EXPECT_THAT(ValidateRequestId("a/b", "request_id"), InvalidAt("request_id"));
}

}  // namespace
}  // namespace cadre::registry
