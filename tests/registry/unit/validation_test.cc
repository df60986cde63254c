// ValidateRole: every limit a body meets when it writes a role, and the field path that
// starts each INVALID_ARGUMENT message.

#include "services/registry/domain/validation.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "tests/registry/unit/test_data.h"
#include "tests/support/status_matchers.h"

namespace cadre::registry {
namespace {

using ::cadre::testing::InvalidAt;
using ::cadre::testing::StatusIs;
using cadre::v1::Role;
using testdata::ValidRole;

std::string Repeat(absl::string_view unit, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) absl::StrAppend(&s, unit);
  return s;
}

// The role with one change applied.
Role With(const std::function<void(Role&)>& change) {
  Role role = ValidRole();
  change(role);
  return role;
}

absl::Status Check(const Role& role) { return ValidateRole(role, "role"); }

TEST(ValidateRoleTest, AcceptsAValidRole) { CADRE_EXPECT_OK(Check(ValidRole())); }

TEST(ValidateRoleTest, IgnoresOutputOnlyFields) {
  Role role = With([](Role& r) {
    r.set_name("not a name");
    r.set_state(static_cast<cadre::v1::RoleState>(77));
    r.set_etag("whatever");
    r.set_state_reason(Repeat("x", 1000));
    r.mutable_create_time()->set_seconds(-5);
  });
  CADRE_EXPECT_OK(Check(role));
}

TEST(ValidateRoleTest, UsesThePrefixGiven) {
  EXPECT_THAT(ValidateRole(With([](Role& r) { r.set_title("x"); }), "patch"),
              InvalidAt("patch.title"));
}

TEST(ValidateRoleTest, BodyMustBeABodyName) {
  EXPECT_THAT(Check(With([](Role& r) { r.clear_body(); })), InvalidAt("role.body"));
  EXPECT_THAT(Check(With([](Role& r) { r.set_body("RXF"); })), InvalidAt("role.body"));
  EXPECT_THAT(Check(With([](Role& r) { r.set_body("bodies/rxf"); })), InvalidAt("role.body"));
  CADRE_EXPECT_OK(Check(With([](Role& r) { r.set_body("bodies/CDR0007"); })));
}

TEST(ValidateRoleTest, TitleIsThreeToOneHundredTwentyCodePoints) {
  EXPECT_THAT(Check(With([](Role& r) { r.set_title("ab"); })),
              StatusIs(absl::StatusCode::kInvalidArgument, "role.title: must be 3 to 120"));
  CADRE_EXPECT_OK(Check(With([](Role& r) { r.set_title("abc"); })));
  CADRE_EXPECT_OK(Check(With([](Role& r) { r.set_title(Repeat("a", 120)); })));
  EXPECT_THAT(Check(With([](Role& r) { r.set_title(Repeat("a", 121)); })), InvalidAt("role.title"));
}

TEST(ValidateRoleTest, TitleCountsMultiByteCharactersOnce) {
  // "é" is two bytes, "😀" four: the limits are in characters, not bytes.
  CADRE_EXPECT_OK(Check(With([](Role& r) { r.set_title(Repeat("é", 120)); })));
  EXPECT_THAT(Check(With([](Role& r) { r.set_title(Repeat("é", 121)); })), InvalidAt("role.title"));
  CADRE_EXPECT_OK(Check(With([](Role& r) { r.set_title(Repeat("😀", 3)); })));
  EXPECT_THAT(Check(With([](Role& r) { r.set_title("é😀"); })), InvalidAt("role.title"));
}

TEST(ValidateRoleTest, Utf8LengthCountsCodePoints) {
  EXPECT_EQ(Utf8Length(""), 0);
  EXPECT_EQ(Utf8Length("abc"), 3);
  EXPECT_EQ(Utf8Length("café"), 4);
  EXPECT_EQ(Utf8Length("日本"), 2);
  EXPECT_EQ(Utf8Length("😀x"), 2);
}

TEST(ValidateRoleTest, SummaryUpToTwoThousandCharacters) {
  CADRE_EXPECT_OK(Check(With([](Role& r) { r.clear_summary(); })));
  CADRE_EXPECT_OK(Check(With([](Role& r) { r.set_summary(Repeat("ü", 2000)); })));
  EXPECT_THAT(Check(With([](Role& r) { r.set_summary(Repeat("a", 2001)); })),
              InvalidAt("role.summary"));
}

TEST(ValidateRoleTest, LevelAndRungAreRequiredKnownValues) {
  EXPECT_THAT(Check(With([](Role& r) { r.clear_level(); })),
              StatusIs(absl::StatusCode::kInvalidArgument, "role.level: is required"));
  EXPECT_THAT(
      Check(With([](Role& r) { r.set_level(static_cast<cadre::v1::InvolvementLevel>(5)); })),
      StatusIs(absl::StatusCode::kInvalidArgument, "role.level: unknown value 5"));
  EXPECT_THAT(
      Check(With([](Role& r) { r.set_level(static_cast<cadre::v1::InvolvementLevel>(-3)); })),
      InvalidAt("role.level"));
  EXPECT_THAT(Check(With([](Role& r) { r.clear_rung(); })), InvalidAt("role.rung"));
  EXPECT_THAT(Check(With([](Role& r) { r.set_rung(static_cast<cadre::v1::EngagementRung>(6)); })),
              InvalidAt("role.rung"));
  CADRE_EXPECT_OK(Check(With([](Role& r) {
    r.set_level(cadre::v1::INVOLVEMENT_LEVEL_4);
    r.set_rung(cadre::v1::ENGAGEMENT_RUNG_DEVOLVE);
  })));
}

TEST(ValidateRoleTest, HoursPerMonthZeroToTwoHundred) {
  auto hours = [](int h) {
    return Check(With([h](Role& r) { r.mutable_time_commitment()->set_hours_per_month(h); }));
  };
  CADRE_EXPECT_OK(hours(0));
  CADRE_EXPECT_OK(hours(200));
  EXPECT_THAT(hours(201), InvalidAt("role.time_commitment.hours_per_month"));
  EXPECT_THAT(hours(-1), InvalidAt("role.time_commitment.hours_per_month"));
}

TEST(ValidateRoleTest, DurationZeroToSixtyMonthsAndPatternUpToTwoHundred) {
  auto months = [](int m) {
    return Check(With([m](Role& r) { r.mutable_time_commitment()->set_duration_months(m); }));
  };
  CADRE_EXPECT_OK(months(0));
  CADRE_EXPECT_OK(months(60));
  EXPECT_THAT(months(61), InvalidAt("role.time_commitment.duration_months"));
  EXPECT_THAT(months(-1), InvalidAt("role.time_commitment.duration_months"));
  CADRE_EXPECT_OK(
      Check(With([](Role& r) { r.mutable_time_commitment()->set_pattern(Repeat("é", 200)); })));
  EXPECT_THAT(
      Check(With([](Role& r) { r.mutable_time_commitment()->set_pattern(Repeat("a", 201)); })),
      InvalidAt("role.time_commitment.pattern"));
}

TEST(ValidateRoleTest, TagsMustBeLowerCaseSlugsNamedByIndex) {
  auto third = [](const std::string& tag) {
    return Check(With([&tag](Role& r) { r.add_expertise_sought(tag); }));  // index 2
  };
  CADRE_EXPECT_OK(third("carer-2"));
  CADRE_EXPECT_OK(third(Repeat("a", 40)));
  const std::vector<std::string> bad_tags = {"",      "Finance", "two words", "under_score",
                                             "-lead", "trail-",  "é",         std::string(41, 'a')};
  for (const std::string& bad : bad_tags) {
    SCOPED_TRACE(bad);
    EXPECT_THAT(third(bad), InvalidAt("role.expertise_sought[2]"));
  }
  EXPECT_THAT(Check(With([](Role& r) { r.add_topics("Diabetes"); })), InvalidAt("role.topics[1]"));
  EXPECT_THAT(Check(With([](Role& r) { r.mutable_support()->add_access_support("BSL"); })),
              InvalidAt("role.support.access_support[1]"));
  EXPECT_THAT(Check(With([](Role& r) { r.add_required_credentials("DBS"); })),
              InvalidAt("role.required_credentials[1]"));
}

// Required credentials are credential names (services/common/base/credential_names.h):
// a DBS level, a training module or an accreditation; nothing else.
TEST(ValidateRoleTest, RequiredCredentialsAreCredentialNames) {
  auto second = [](const std::string& name) {
    return Check(With([&name](Role& r) { r.add_required_credentials(name); }));
  };
  for (const char* good : {"dbs-basic", "dbs-standard", "modules/ppv-induction", "modules/a",
                           "nmc-registration", "module-ppv-induction"}) {
    SCOPED_TRACE(good);
    CADRE_EXPECT_OK(second(good));
  }
  for (const char* bad : {"DBS", "dbs-gold", "modules/", "modules/Induction", "module/x", "9-lives",
                          "ab", "two words"}) {
    SCOPED_TRACE(bad);
    EXPECT_THAT(second(bad), StatusIs(absl::StatusCode::kInvalidArgument,
                                      "role.required_credentials[1]: a credential is"));
  }
  EXPECT_THAT(second("dbs-enhanced"), StatusIs(absl::StatusCode::kInvalidArgument,
                                               "role.required_credentials[1]: is repeated"));
}

TEST(ValidateRoleTest, RepeatedTagIsNamedAtItsSecondPlace) {
  EXPECT_THAT(
      Check(With([](Role& r) { r.add_expertise_sought("finance"); })),
      StatusIs(absl::StatusCode::kInvalidArgument, "role.expertise_sought[2]: is repeated"));
  EXPECT_THAT(Check(With([](Role& r) { r.add_topics("dementia"); })), InvalidAt("role.topics[1]"));
}

TEST(ValidateRoleTest, AtMostTwentyTagsAndTenCredentials) {
  auto tags = [](int n) {
    return Check(With([n](Role& r) {
      r.clear_topics();
      for (int i = 0; i < n; ++i) r.add_topics(absl::StrCat("topic-", i));
    }));
  };
  CADRE_EXPECT_OK(tags(20));
  EXPECT_THAT(tags(21), InvalidAt("role.topics"));
  auto credentials = [](int n) {
    return Check(With([n](Role& r) {
      r.clear_required_credentials();
      for (int i = 0; i < n; ++i) r.add_required_credentials(absl::StrCat("cred-", i));
    }));
  };
  CADRE_EXPECT_OK(credentials(10));
  EXPECT_THAT(credentials(11), InvalidAt("role.required_credentials"));
}

TEST(ValidateRoleTest, LivedExperienceUpToFiveHundred) {
  CADRE_EXPECT_OK(Check(With([](Role& r) { r.set_lived_experience_sought(Repeat("ö", 500)); })));
  EXPECT_THAT(Check(With([](Role& r) { r.set_lived_experience_sought(Repeat("a", 501)); })),
              InvalidAt("role.lived_experience_sought"));
}

TEST(ValidateRoleTest, LocationNeedsKnownRegionAndMode) {
  EXPECT_THAT(Check(With([](Role& r) { r.clear_location(); })), InvalidAt("role.location.region"));
  EXPECT_THAT(
      Check(With(
          [](Role& r) { r.mutable_location()->set_region(static_cast<cadre::v1::Region>(9)); })),
      StatusIs(absl::StatusCode::kInvalidArgument, "role.location.region: unknown value 9"));
  EXPECT_THAT(Check(With([](Role& r) { r.mutable_location()->clear_mode(); })),
              InvalidAt("role.location.mode"));
  EXPECT_THAT(Check(With([](Role& r) {
                r.mutable_location()->set_mode(static_cast<cadre::v1::AttendanceMode>(4));
              })),
              InvalidAt("role.location.mode"));
  CADRE_EXPECT_OK(Check(With([](Role& r) { r.mutable_location()->set_place(Repeat("é", 120)); })));
  EXPECT_THAT(Check(With([](Role& r) { r.mutable_location()->set_place(Repeat("a", 121)); })),
              InvalidAt("role.location.place"));
}

TEST(ValidateRoleTest, PlacesOneToOneHundred) {
  auto places = [](int n) { return Check(With([n](Role& r) { r.set_places(n); })); };
  EXPECT_THAT(places(0), InvalidAt("role.places"));
  EXPECT_THAT(places(-1), InvalidAt("role.places"));
  CADRE_EXPECT_OK(places(1));
  CADRE_EXPECT_OK(places(100));
  EXPECT_THAT(places(101), InvalidAt("role.places"));
}

TEST(ValidateRoleTest, MinimumAgeNoneOrSixteenToTwentyFive) {
  auto age = [](int n) { return Check(With([n](Role& r) { r.set_minimum_age(n); })); };
  CADRE_EXPECT_OK(age(0));
  CADRE_EXPECT_OK(age(16));
  CADRE_EXPECT_OK(age(25));
  EXPECT_THAT(age(15), InvalidAt("role.minimum_age"));
  EXPECT_THAT(age(26), InvalidAt("role.minimum_age"));
  EXPECT_THAT(age(-1), InvalidAt("role.minimum_age"));
}

TEST(ValidateRoleTest, RateOnlyAndAlwaysWithAnInvolvementPayment) {
  auto support = [](cadre::v1::PaymentKind kind, int rate) {
    return Check(With([=](Role& r) {
      r.mutable_support()->set_payment(kind);
      r.mutable_support()->set_rate_pence_per_hour(rate);
    }));
  };
  const std::string rate = "role.support.rate_pence_per_hour";
  CADRE_EXPECT_OK(support(cadre::v1::PAYMENT_KIND_INVOLVEMENT, 1));
  CADRE_EXPECT_OK(support(cadre::v1::PAYMENT_KIND_INVOLVEMENT, 100000));
  EXPECT_THAT(support(cadre::v1::PAYMENT_KIND_INVOLVEMENT, 100001), InvalidAt(rate));
  EXPECT_THAT(support(cadre::v1::PAYMENT_KIND_INVOLVEMENT, 0), InvalidAt(rate));
  EXPECT_THAT(support(cadre::v1::PAYMENT_KIND_INVOLVEMENT, -1), InvalidAt(rate));
  CADRE_EXPECT_OK(support(cadre::v1::PAYMENT_KIND_NONE, 0));
  CADRE_EXPECT_OK(support(cadre::v1::PAYMENT_KIND_SALARIED, 0));
  CADRE_EXPECT_OK(support(cadre::v1::PAYMENT_KIND_UNSPECIFIED, 0));
  EXPECT_THAT(support(cadre::v1::PAYMENT_KIND_NONE, 1500), InvalidAt(rate));
  EXPECT_THAT(support(cadre::v1::PAYMENT_KIND_SALARIED, 1500), InvalidAt(rate));
  EXPECT_THAT(support(static_cast<cadre::v1::PaymentKind>(4), 0),
              InvalidAt("role.support.payment"));
}

TEST(ValidateRoleTest, ClosingTimeBetween2000And2100WhenSet) {
  auto closing = [](int64_t seconds, int nanos) {
    return Check(With([=](Role& r) {
      r.mutable_closing_time()->set_seconds(seconds);
      r.mutable_closing_time()->set_nanos(nanos);
    }));
  };
  CADRE_EXPECT_OK(Check(With([](Role& r) { r.clear_closing_time(); })));
  CADRE_EXPECT_OK(closing(946684800, 0));   // 2000-01-01
  CADRE_EXPECT_OK(closing(4102444800, 0));  // 2100-01-01
  EXPECT_THAT(closing(946684799, 0), InvalidAt("role.closing_time"));
  EXPECT_THAT(closing(4102444801, 0), InvalidAt("role.closing_time"));
  EXPECT_THAT(closing(0, 0), InvalidAt("role.closing_time"));
  EXPECT_THAT(closing(testdata::kYear2030, -1), InvalidAt("role.closing_time"));
  EXPECT_THAT(closing(testdata::kYear2030, 1000000000), InvalidAt("role.closing_time"));
}

TEST(ValidateRoleTest, RoleTypeIsOptionalButMustBeARoleTypeName) {
  CADRE_EXPECT_OK(Check(With([](Role& r) { r.set_role_type("roleTypes/lay-member"); })));
  for (const char* bad : {"lay-member", "roleTypes/ab", "roleTypes/Lay-Member", "roleTypes/-lay",
                          "roleTypes/lay_member", "roles/lay-member"}) {
    SCOPED_TRACE(bad);
    EXPECT_THAT(Check(With([bad](Role& r) { r.set_role_type(bad); })), InvalidAt("role.role_type"));
  }
}

}  // namespace
}  // namespace cadre::registry
