#include "tools/cadrectl/args.h"

#include <gtest/gtest.h>

#include "cadre/v1/registry.pb.h"
#include "tools/cadrectl/enums.h"
#include "tools/cadrectl/errors.h"
#include "tools/cadrectl/times.h"

namespace cadre::cadrectl {
namespace {

namespace v1 = cadre::v1;

const FlagSpec kSpecs[] = {
    {"title", "TEXT", ""},
    {"duration-months", "N", ""},
    {"key_file", "FILE", ""},
    {"expenses", "", ""},
};

absl::StatusOr<ParsedArgs> Parse(const std::vector<std::string>& tokens) {
  ParsedArgs args;
  auto parsed = ParseArgs(tokens, kSpecs, false, &args);
  if (!parsed.ok()) return parsed.status();
  return args;
}

TEST(ParseArgsTest, ValuesInBothForms) {
  auto args = Parse({"--title", "Lay member", "--duration-months=12", "roles/1"});
  ASSERT_TRUE(args.ok()) << args.status();
  EXPECT_EQ(args->Get("title"), "Lay member");
  EXPECT_EQ(args->Get("duration-months"), "12");
  EXPECT_EQ(args->positionals, std::vector<std::string>{"roles/1"});
}

TEST(ParseArgsTest, DashesAndUnderscoresAreTheSame) {
  auto args = Parse({"--key-file", "k", "--duration_months", "3"});
  ASSERT_TRUE(args.ok()) << args.status();
  EXPECT_EQ(args->Get("key_file"), "k");
  EXPECT_EQ(args->Get("duration-months"), "3");
}

TEST(ParseArgsTest, BooleanFlags) {
  auto on = Parse({"--expenses"});
  ASSERT_TRUE(on.ok());
  EXPECT_TRUE(*BoolFlag(*on, "expenses"));
  auto off = Parse({"--expenses=no"});
  ASSERT_TRUE(off.ok());
  EXPECT_FALSE(*BoolFlag(*off, "expenses"));
  auto bad = Parse({"--expenses=maybe"});
  EXPECT_TRUE(IsUsageError(bad.status()));
}

TEST(ParseArgsTest, ValueMayStartWithDash) {
  auto args = Parse({"--title", "-x-"});
  ASSERT_TRUE(args.ok());
  EXPECT_EQ(args->Get("title"), "-x-");
}

TEST(ParseArgsTest, DoubleDashEndsFlags) {
  auto args = Parse({"--", "--title"});
  ASSERT_TRUE(args.ok());
  EXPECT_FALSE(args->Has("title"));
  EXPECT_EQ(args->positionals, std::vector<std::string>{"--title"});
}

TEST(ParseArgsTest, MistakesAreUsageErrorsNamingTheFlag) {
  for (const auto& tokens : std::vector<std::vector<std::string>>{
           {"--colour", "red"}, {"--title"}, {"--title", "a", "--title", "b"}, {"-t"}}) {
    auto args = Parse(tokens);
    ASSERT_FALSE(args.ok()) << tokens[0];
    EXPECT_TRUE(IsUsageError(args.status()));
    EXPECT_NE(args.status().message().find(tokens[0].substr(0, 2)), std::string::npos);
  }
  EXPECT_NE(Parse({"--colour"}).status().message().find("--colour"), std::string::npos);
}

TEST(ParseArgsTest, StopsAtFirstPositional) {
  ParsedArgs args;
  std::vector<std::string> tokens = {"--title", "x", "roles", "--expenses"};
  auto next = ParseArgs(tokens, kSpecs, true, &args);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(*next, 2u);
}

TEST(IntFlagTest, RangeIsChecked) {
  auto args = Parse({"--duration-months", "61"});
  ASSERT_TRUE(args.ok());
  auto value = IntFlag(*args, "duration-months", 0, 60);
  EXPECT_TRUE(IsUsageError(value.status()));
  EXPECT_NE(value.status().message().find("--duration-months"), std::string::npos);
  args = Parse({"--duration-months", "twelve"});
  EXPECT_FALSE(IntFlag(*args, "duration-months", 0, 60).ok());
}

TEST(ListFlagTest, SplitsAndTrims) {
  auto args = Parse({"--title", " finance, ,lived-experience ,"});
  ASSERT_TRUE(args.ok());
  EXPECT_EQ(ListFlag(*args, "title"), (std::vector<std::string>{"finance", "lived-experience"}));
}

TEST(ResourceNameTest, FullNamesAndBareIds) {
  EXPECT_EQ(*ResourceName("roles", "roles/42", "ROLE"), "roles/42");
  EXPECT_EQ(*ResourceName("roles", "42", "ROLE"), "roles/42");
  EXPECT_TRUE(IsUsageError(ResourceName("roles", "bodies/RXF", "ROLE").status()));
  EXPECT_TRUE(IsUsageError(ResourceName("roles", "roles/", "ROLE").status()));
}

TEST(EnumTest, FriendlySpellings) {
  EXPECT_EQ(*ParseEnumValue(v1::BodyKind_descriptor(), "--kind", "local-healthwatch"),
            v1::BODY_KIND_LOCAL_HEALTHWATCH);
  EXPECT_EQ(*ParseEnumValue(v1::BodyKind_descriptor(), "--kind", "Trust"), v1::BODY_KIND_TRUST);
  EXPECT_EQ(*ParseEnumValue(v1::Region_descriptor(), "--region", "south_east"),
            v1::REGION_SOUTH_EAST);
  EXPECT_EQ(*ParseEnumValue(v1::Region_descriptor(), "--region", "REGION_LONDON"),
            v1::REGION_LONDON);
  EXPECT_EQ(*ParseEnumValue(v1::InvolvementLevel_descriptor(), "--level", "3"),
            v1::INVOLVEMENT_LEVEL_3);
  EXPECT_EQ(*ParseEnumValue(v1::InvolvementLevel_descriptor(), "--level", "level 3"),
            v1::INVOLVEMENT_LEVEL_3);
  EXPECT_EQ(*ParseEnumValue(v1::AttendanceMode_descriptor(), "--mode", "in person"),
            v1::ATTENDANCE_MODE_IN_PERSON);
}

TEST(EnumTest, UnknownAndUnspecifiedAreRefusedWithTheChoices) {
  auto bad = ParseEnumValue(v1::Region_descriptor(), "--region", "wales");
  ASSERT_TRUE(IsUsageError(bad.status()));
  EXPECT_NE(bad.status().message().find("--region"), std::string::npos);
  EXPECT_NE(bad.status().message().find("south-east"), std::string::npos);
  EXPECT_FALSE(ParseEnumValue(v1::Region_descriptor(), "--region", "unspecified").ok());
  EXPECT_FALSE(ParseEnumValue(v1::InvolvementLevel_descriptor(), "--level", "5").ok());
}

TEST(EnumTest, Labels) {
  EXPECT_EQ(Label(v1::REGION_NORTH_EAST_AND_YORKSHIRE), "north-east-and-yorkshire");
  EXPECT_EQ(Label(v1::INVOLVEMENT_LEVEL_4), "4");
  EXPECT_EQ(Label(v1::ROLE_STATE_UNSPECIFIED), "");
  EXPECT_EQ(Labels<v1::PrincipalKind>(),
            (std::vector<std::string>{"admin", "body", "applicant", "service"}));
}

TEST(TimeFlagTest, DatesAreUkDaysAndRfc3339IsExact) {
  absl::TimeZone london;
  if (!absl::LoadTimeZone("Europe/London", &london)) GTEST_SKIP() << "no zone database";
  ParsedArgs args;
  ASSERT_TRUE(args.Set("closes", "2027-01-31").ok());
  ASSERT_TRUE(args.Set("summer", "2027-07-01").ok());
  ASSERT_TRUE(args.Set("exact", "2027-01-31T17:00:00Z").ok());
  ASSERT_TRUE(args.Set("bad", "31/01/2027").ok());
  // January: UK time is UTC.
  EXPECT_EQ(*TimeFlag(args, "closes", DateMeans::kEndOfDay),
            absl::FromCivil(absl::CivilSecond(2027, 1, 31, 23, 59, 59), absl::UTCTimeZone()));
  // July: UK time is UTC+1, so the day starts at 23:00 UTC the day before.
  EXPECT_EQ(*TimeFlag(args, "summer", DateMeans::kStartOfDay),
            absl::FromCivil(absl::CivilSecond(2027, 6, 30, 23, 0, 0), absl::UTCTimeZone()));
  EXPECT_EQ(*TimeFlag(args, "exact", DateMeans::kEndOfDay),
            absl::FromCivil(absl::CivilSecond(2027, 1, 31, 17, 0, 0), absl::UTCTimeZone()));
  auto bad = TimeFlag(args, "bad", DateMeans::kEndOfDay);
  EXPECT_TRUE(IsUsageError(bad.status()));
  EXPECT_NE(bad.status().message().find("--bad"), std::string::npos);
}

TEST(ExpiryFlagTest, DaysHoursOrMinutesFromNowOrATime) {
  const absl::Time now = absl::FromUnixSeconds(1800000000);
  ParsedArgs args;
  ASSERT_TRUE(args.Set("days", "30d").ok());
  ASSERT_TRUE(args.Set("hours", "12h").ok());
  ASSERT_TRUE(args.Set("minutes", "90m").ok());
  ASSERT_TRUE(args.Set("exact", "2027-01-31T17:00:00Z").ok());
  EXPECT_EQ(*ExpiryFlag(args, "days", now), now + absl::Hours(24 * 30));
  EXPECT_EQ(*ExpiryFlag(args, "hours", now), now + absl::Hours(12));
  EXPECT_EQ(*ExpiryFlag(args, "minutes", now), now + absl::Minutes(90));
  EXPECT_EQ(*ExpiryFlag(args, "exact", now),
            absl::FromCivil(absl::CivilSecond(2027, 1, 31, 17, 0, 0), absl::UTCTimeZone()));
  for (const char* bad : {"0d", "30w", "d", "-3d", "soon", "1234567d"}) {
    ParsedArgs one;
    ASSERT_TRUE(one.Set("expires", bad).ok());
    auto parsed = ExpiryFlag(one, "expires", now);
    EXPECT_TRUE(IsUsageError(parsed.status())) << bad;
    EXPECT_NE(parsed.status().message().find("--expires"), std::string::npos) << bad;
  }
}

TEST(TimeFlagTest, ProtoRoundTripAndFormatting) {
  absl::TimeZone london;
  if (!absl::LoadTimeZone("Europe/London", &london)) GTEST_SKIP() << "no zone database";
  google::protobuf::Timestamp proto;
  const absl::Time time =
      absl::FromCivil(absl::CivilSecond(2027, 7, 1, 12, 30, 0), absl::UTCTimeZone());
  ToProto(time, &proto);
  EXPECT_EQ(FromProto(proto), time);
  EXPECT_EQ(FormatDate(proto), "2027-07-01");
  EXPECT_EQ(FormatTimestamp(proto), "2027-07-01T13:30:00+01:00");
  EXPECT_EQ(FormatDate(google::protobuf::Timestamp()), "");
}

}  // namespace
}  // namespace cadre::cadrectl
