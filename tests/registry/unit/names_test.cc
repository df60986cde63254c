// Resource names: "bodies/{code}", "roles/{id}", "avenues/{id}", "roleTypes/{id}".

#include "services/registry/domain/names.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "services/common/base/validation.h"
#include "tests/support/status_matchers.h"

namespace cadre::registry {
namespace {

using ::cadre::testing::InvalidAt;

TEST(NamesTest, FormatsEachKind) {
  EXPECT_EQ(BodyName("RXF"), "bodies/RXF");
  EXPECT_EQ(RoleName(42), "roles/42");
  EXPECT_EQ(AvenueName(7), "avenues/7");
  EXPECT_EQ(RoleTypeName("lay-member"), "roleTypes/lay-member");
}

TEST(NamesTest, NumericNamesRoundTrip) {
  for (int64_t id : {int64_t{1}, int64_t{42}, int64_t{1234567890123}, int64_t{1} << 52}) {
    SCOPED_TRACE(id);
    absl::StatusOr<int64_t> role = ParseRoleName(RoleName(id), "name");
    ASSERT_TRUE(role.ok()) << role.status();
    EXPECT_EQ(*role, id);
    absl::StatusOr<int64_t> avenue = ParseAvenueName(AvenueName(id), "name");
    ASSERT_TRUE(avenue.ok()) << avenue.status();
    EXPECT_EQ(*avenue, id);
  }
}

TEST(NamesTest, TextNamesRoundTrip) {
  for (const char* code : {"RXF", "ABC123", "CDR0007", "CDR123456789012"}) {
    SCOPED_TRACE(code);
    absl::StatusOr<std::string> parsed = ParseBodyName(BodyName(code), "body");
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    EXPECT_EQ(*parsed, code);
  }
  absl::StatusOr<std::string> type = ParseRoleTypeName(RoleTypeName("lay-member"), "role_type");
  ASSERT_TRUE(type.ok()) << type.status();
  EXPECT_EQ(*type, "lay-member");
}

TEST(NamesTest, BadRoleAndAvenueNamesAreRefusedNamingTheField) {
  for (const std::string& bad :
       {std::string(""), std::string("roles/"), std::string("roles/0"), std::string("roles/-1"),
        std::string("roles/abc"), std::string("roles/12x"), std::string("roles/ 12"),
        std::string("roles/+12"), std::string("role/12"), std::string("avenues/12"),
        std::string("roles/12/x"), std::string("roles/4503599627370497"),  // 2^52 + 1
        std::string("roles/99999999999999999999")}) {
    SCOPED_TRACE(bad);
    EXPECT_THAT(ParseRoleName(bad, "name"), InvalidAt("name"));
  }
  EXPECT_THAT(ParseAvenueName("roles/3", "avenue.name"), InvalidAt("avenue.name"));
  EXPECT_THAT(ParseAvenueName("avenues/x", "avenue.name"), InvalidAt("avenue.name"));
}

// One resource, one name: names serve as keys, so "roles/02" must not reach roles/2.
TEST(NamesTest, NumericNamesHaveOneCanonicalForm) {
  for (const char* bad : {"roles/02", "roles/007", "roles/00", "roles/0042", "roles/01234567"}) {
    SCOPED_TRACE(bad);
    EXPECT_THAT(ParseRoleName(bad, "name"), InvalidAt("name"));
  }
  for (const char* bad : {"avenues/02", "avenues/0007"}) {
    SCOPED_TRACE(bad);
    EXPECT_THAT(ParseAvenueName(bad, "avenue.name"), InvalidAt("avenue.name"));
  }
  // The canonical name parses, and formatting what it parses to gives it back.
  for (const char* good : {"roles/2", "roles/20", "roles/100", "roles/1002"}) {
    SCOPED_TRACE(good);
    absl::StatusOr<int64_t> id = ParseRoleName(good, "name");
    ASSERT_TRUE(id.ok()) << id.status();
    EXPECT_EQ(RoleName(*id), good);
  }
  absl::StatusOr<int64_t> avenue = ParseAvenueName("avenues/70", "name");
  ASSERT_TRUE(avenue.ok()) << avenue.status();
  EXPECT_EQ(AvenueName(*avenue), "avenues/70");
}

TEST(NamesTest, BadBodyNamesAreRefusedNamingTheField) {
  for (const char* bad :
       {"", "bodies/", "RXF", "bodies/rxf", "bodies/RX", "bodies/ABCDEFG", "bodies/CDR12A4",
        "bodies/CDR0007/x", "body/RXF", "bodies/RX F", "bodies/CDR1234567890123"}) {
    SCOPED_TRACE(bad);
    EXPECT_THAT(ParseBodyName(bad, "role.body"), InvalidAt("role.body"));
  }
}

TEST(NamesTest, BadRoleTypeNamesAreRefusedNamingTheField) {
  const std::string sixty(60, 'a');
  EXPECT_TRUE(ParseRoleTypeName("roleTypes/" + sixty, "role_type").ok());
  EXPECT_TRUE(ParseRoleTypeName("roleTypes/a-1", "role_type").ok());
  for (const std::string& bad :
       {std::string("roleTypes/ab"), "roleTypes/" + sixty + "a", std::string("roleTypes/Lay"),
        std::string("roleTypes/lay_member"), std::string("roleTypes/-lay"),
        std::string("roleTypes/lay-"), std::string("roletypes/lay"), std::string("lay")}) {
    SCOPED_TRACE(bad);
    EXPECT_THAT(ParseRoleTypeName(bad, "role_type"), InvalidAt("role_type"));
  }
}

TEST(NamesTest, OdsAndBodyCodes) {
  EXPECT_TRUE(IsOdsCode("RXF"));
  EXPECT_TRUE(IsOdsCode("A1B2C3"));
  EXPECT_FALSE(IsOdsCode("RX"));
  EXPECT_FALSE(IsOdsCode("A1B2C3D"));
  EXPECT_FALSE(IsOdsCode("rxf"));
  EXPECT_TRUE(IsBodyCode("RXF"));
  EXPECT_TRUE(IsBodyCode("CDR0001"));
  EXPECT_FALSE(IsBodyCode("CDR00A1"));
  EXPECT_FALSE(IsBodyCode("cdr0001"));
}

TEST(NamesTest, CadreIssuedCodeIsABodyCodeButNeverAnOdsCode) {
  EXPECT_EQ(CadreIssuedCode(7), "CDR0007");
  EXPECT_EQ(CadreIssuedCode(12345), "CDR12345");
  for (int64_t seq : {int64_t{0}, int64_t{1}, int64_t{999}, int64_t{1000}, int64_t{9999},
                      int64_t{10000}, int64_t{123456789}}) {
    SCOPED_TRACE(seq);
    const std::string code = CadreIssuedCode(seq);
    EXPECT_FALSE(IsOdsCode(code));
    EXPECT_TRUE(IsBodyCode(code));
    absl::StatusOr<std::string> parsed = ParseBodyName(BodyName(code), "body");
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    EXPECT_EQ(*parsed, code);
  }
}

TEST(NamesTest, SlugsAndRequestIds) {
  EXPECT_TRUE(IsSlug("a", 1, 40));
  EXPECT_TRUE(IsSlug("carer-2", 1, 40));
  EXPECT_FALSE(IsSlug("", 1, 40));
  EXPECT_FALSE(IsSlug("a--", 1, 40));
  EXPECT_FALSE(IsSlug("abc", 4, 40));
  EXPECT_TRUE(IsRequestId("Req_1-a"));
  EXPECT_FALSE(IsRequestId(""));
  EXPECT_FALSE(IsRequestId(std::string(65, 'x')));
}

}  // namespace
}  // namespace cadre::registry
