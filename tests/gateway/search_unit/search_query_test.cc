// Reading /search's query string: each filter into the ListRolesRequest, the limits, and
// an error naming the field (and the value kept as typed) for anything wrong.

#include "services/gateway/domain/search_query.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace cadre::gateway {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

ParsedSearch Parse(std::initializer_list<std::pair<const std::string, std::string>> params) {
  return ParseSearch(QueryParams(params));
}

// The fields the errors name, in order.
std::vector<std::string> ErrorFields(const ParsedSearch& parsed) {
  std::vector<std::string> fields;
  for (const SearchFieldError& e : parsed.errors) fields.push_back(e.field);
  return fields;
}

TEST(ParseSearch, NoParametersIsTheFirstPageOfEveryOpenRole) {
  const ParsedSearch parsed = Parse({});
  EXPECT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.request.page_size(), kSearchPageSize);
  EXPECT_EQ(parsed.request.query(), "");
  EXPECT_EQ(parsed.request.level(), cadre::v1::INVOLVEMENT_LEVEL_UNSPECIFIED);
  EXPECT_FALSE(parsed.request.has_remote());
  EXPECT_FALSE(parsed.request.has_max_hours_per_month());
  EXPECT_EQ(parsed.request.page_token(), "");
  EXPECT_EQ(parsed.start, 1);
}

TEST(ParseSearch, EveryFilterReachesTheRequest) {
  const ParsedSearch parsed = Parse({{"q", "  patient board "},
                                     {"level", "3"},
                                     {"region", "north-east-and-yorkshire"},
                                     {"remote", "yes"},
                                     {"hours", "12"},
                                     {"topic", "mental-health"},
                                     {"kind", "icb"}});
  ASSERT_TRUE(parsed.ok()) << parsed.errors[0].message;
  const cadre::v1::ListRolesRequest& r = parsed.request;
  EXPECT_EQ(r.query(), "patient board");
  EXPECT_EQ(r.level(), cadre::v1::INVOLVEMENT_LEVEL_3);
  EXPECT_EQ(r.region(), cadre::v1::REGION_NORTH_EAST_AND_YORKSHIRE);
  ASSERT_TRUE(r.has_remote());
  EXPECT_TRUE(r.remote());
  ASSERT_TRUE(r.has_max_hours_per_month());
  EXPECT_EQ(r.max_hours_per_month(), 12);
  EXPECT_EQ(r.topic(), "mental-health");
  EXPECT_EQ(r.body_kind(), cadre::v1::BODY_KIND_ICB);
  EXPECT_EQ(parsed.filters.q, "patient board");
}

TEST(ParseSearch, RemoteIsYesNoOrEither) {
  EXPECT_FALSE(Parse({{"remote", "no"}}).request.remote());
  EXPECT_TRUE(Parse({{"remote", "no"}}).request.has_remote());
  EXPECT_FALSE(Parse({{"remote", "any"}}).request.has_remote());
  EXPECT_EQ(Parse({{"remote", "any"}}).filters.remote, "");  // links leave it out
  EXPECT_FALSE(Parse({{"remote", ""}}).request.has_remote());
  EXPECT_TRUE(Parse({{"remote", "YES"}}).request.remote());
  EXPECT_THAT(ErrorFields(Parse({{"remote", "maybe"}})), ElementsAre("remote"));
}

TEST(ParseSearch, HoursAreAWholeNumberFromZeroTo200) {
  EXPECT_EQ(Parse({{"hours", "0"}}).request.max_hours_per_month(), 0);
  EXPECT_TRUE(Parse({{"hours", "0"}}).request.has_max_hours_per_month());
  EXPECT_EQ(Parse({{"hours", "200"}}).request.max_hours_per_month(), 200);
  EXPECT_EQ(Parse({{"hours", "007"}}).filters.hours, "7");
  for (const char* bad : {"abc", "201", "-1", "4.5", "1e2", "99999999999", "+4", "4 hours"}) {
    const ParsedSearch parsed = Parse({{"hours", bad}});
    EXPECT_THAT(ErrorFields(parsed), ElementsAre("hours")) << bad;
    EXPECT_EQ(parsed.filters.hours, bad) << "the input is kept as typed";
    EXPECT_FALSE(parsed.request.has_max_hours_per_month()) << bad;
  }
  EXPECT_EQ(Parse({{"hours", "abc"}}).errors[0].message,
            "Enter hours a month as a whole number from 0 to 200");
}

TEST(ParseSearch, LevelIsOneToFour) {
  for (int n = 1; n <= 4; ++n) {
    EXPECT_EQ(Parse({{"level", std::to_string(n)}}).request.level(), n);
  }
  for (const char* bad : {"0", "5", "9", "3a", "three", "03", "-1"}) {
    EXPECT_THAT(ErrorFields(Parse({{"level", bad}})), ElementsAre("level")) << bad;
  }
}

TEST(ParseSearch, RegionAndKindAreSlugs) {
  EXPECT_EQ(Parse({{"region", "London"}}).request.region(), cadre::v1::REGION_LONDON);
  EXPECT_EQ(Parse({{"region", "national"}}).request.region(), cadre::v1::REGION_NATIONAL);
  EXPECT_THAT(ErrorFields(Parse({{"region", "atlantis"}})), ElementsAre("region"));
  EXPECT_THAT(ErrorFields(Parse({{"region", "3"}})), ElementsAre("region"));
  EXPECT_EQ(Parse({{"kind", "healthwatch"}}).request.body_kind(),
            cadre::v1::BODY_KIND_LOCAL_HEALTHWATCH);
  EXPECT_THAT(ErrorFields(Parse({{"kind", "pharmacy"}})), ElementsAre("kind"));
}

TEST(ParseSearch, BodyIsOneOrganisationsCode) {
  const ParsedSearch parsed = Parse({{"body", " rxf "}});
  EXPECT_EQ(parsed.request.body(), "bodies/RXF");
  EXPECT_EQ(parsed.filters.body, "RXF");
  EXPECT_EQ(FilterQueryString(parsed.filters), "body=RXF");
  EXPECT_EQ(Parse({{"body", "CDR12"}}).request.body(), "bodies/CDR12");
  for (const char* bad : {"R", "bodies/RXF", "RX F", "TOOLONGCODE1"}) {
    EXPECT_THAT(ErrorFields(Parse({{"body", bad}})), ElementsAre("body")) << bad;
  }
}

TEST(ParseSearch, TopicIsOneTagAndCapitalsAndSpacesAreForgiven) {
  EXPECT_EQ(Parse({{"topic", "Mental  Health"}}).request.topic(), "mental-health");
  EXPECT_EQ(Parse({{"topic", "Mental  Health"}}).filters.topic, "mental-health");
  EXPECT_EQ(Parse({{"topic", "covid-19"}}).request.topic(), "covid-19");
  for (const char* bad : {"mental_health", "-diabetes", "diabetes-", "café", "a/b"}) {
    const ParsedSearch parsed = Parse({{"topic", bad}});
    EXPECT_THAT(ErrorFields(parsed), ElementsAre("topic")) << bad;
    EXPECT_EQ(parsed.request.topic(), "") << bad;
  }
  EXPECT_THAT(ErrorFields(Parse({{"topic", std::string(40, 'a')}})), IsEmpty());
  const ParsedSearch long_topic = Parse({{"topic", std::string(41, 'a')}});
  ASSERT_THAT(ErrorFields(long_topic), ElementsAre("topic"));
  EXPECT_EQ(long_topic.errors[0].message, "Topic must be 40 characters or fewer");
}

TEST(ParseSearch, WordsAreUpTo200CharactersAnd8Words) {
  EXPECT_TRUE(Parse({{"q", std::string(200, 'a')}}).ok());
  EXPECT_TRUE(Parse({{"q", "one two three four five six seven eight"}}).ok());
  // Characters, not bytes: 200 two-byte letters are allowed.
  std::string accents;
  for (int i = 0; i < 200; ++i) accents += "\xC3\xA9";  // é
  EXPECT_TRUE(Parse({{"q", accents}}).ok());

  const ParsedSearch too_long = Parse({{"q", std::string(201, 'a')}});
  ASSERT_THAT(ErrorFields(too_long), ElementsAre("q"));
  EXPECT_EQ(too_long.errors[0].message, "Search words must be 200 characters or fewer");
  EXPECT_EQ(too_long.filters.q, std::string(201, 'a')) << "kept for the form";
  EXPECT_EQ(too_long.request.query(), "");

  const ParsedSearch too_many = Parse({{"q", "one two three four five six seven eight nine"}});
  ASSERT_THAT(ErrorFields(too_many), ElementsAre("q"));
  EXPECT_EQ(too_many.errors[0].message, "Enter 8 words or fewer");
  // A repeated word is one word, as the registry counts it.
  EXPECT_TRUE(Parse({{"q", "care care care care care care care care care"}}).ok());
}

TEST(ParseSearch, WordsThatAreNotUtf8AreAnErrorAndShownBackAsText) {
  const ParsedSearch parsed = Parse({{"q", "caf\xE9"}});
  ASSERT_THAT(ErrorFields(parsed), ElementsAre("q"));
  EXPECT_EQ(parsed.filters.q, "caf\xEF\xBF\xBD");
}

TEST(ParseSearch, ErrorsComeInTheFormsOrder) {
  const ParsedSearch parsed = Parse({{"kind", "x"},
                                     {"hours", "abc"},
                                     {"level", "9"},
                                     {"q", std::string(300, 'q')},
                                     {"region", "atlantis"},
                                     {"remote", "sometimes"},
                                     {"topic", "a b/c"},
                                     {"page", "not a token!"}});
  EXPECT_THAT(ErrorFields(parsed),
              ElementsAre("q", "level", "region", "remote", "hours", "topic", "kind", "page"));
  EXPECT_FALSE(parsed.ok());
}

TEST(ParseSearch, APageTokenIsPassedOnWithItsStart) {
  const ParsedSearch parsed = Parse({{"page", "djF8MTIzfGFiYw=="}, {"start", "21"}});
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.request.page_token(), "djF8MTIzfGFiYw==");
  EXPECT_EQ(parsed.page_token, "djF8MTIzfGFiYw==");
  EXPECT_EQ(parsed.start, 21);
  // `start` only labels the page: without a token, or when bad, it is 1.
  EXPECT_EQ(Parse({{"start", "21"}}).start, 1);
  EXPECT_EQ(Parse({{"page", "abc"}, {"start", "x"}}).start, 1);
  EXPECT_EQ(Parse({{"page", "abc"}, {"start", "0"}}).start, 1);
  EXPECT_EQ(Parse({{"page", "abc"}, {"start", "99999999999999"}}).start, 1);
  EXPECT_TRUE(Parse({{"page", "abc"}, {"start", "x"}}).ok());
}

TEST(ParseSearch, AMangledPageTokenIsAnErrorBeforeTheRegistryIsAsked) {
  EXPECT_THAT(ErrorFields(Parse({{"page", "a b"}})), ElementsAre("page"));
  EXPECT_THAT(ErrorFields(Parse({{"page", "<script>"}})), ElementsAre("page"));
  EXPECT_THAT(ErrorFields(Parse({{"page", std::string(kMaxPageTokenBytes + 1, 'a')}})),
              ElementsAre("page"));
  EXPECT_EQ(Parse({{"page", "a b"}}).request.page_token(), "");
}

TEST(ParseSearch, ARepeatedParameterIsReadOnce) {
  QueryParams params;
  params.emplace("level", "2");
  params.emplace("level", "9");
  const ParsedSearch parsed = ParseSearch(params);
  EXPECT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.request.level(), cadre::v1::INVOLVEMENT_LEVEL_2);
}

TEST(SearchErrorFromRegistry, NamesTheFormsField) {
  const auto hours = SearchErrorFromRegistry("max_hours_per_month: must be from 0 to 200");
  ASSERT_TRUE(hours.has_value());
  EXPECT_EQ(hours->field, "hours");
  EXPECT_EQ(SearchErrorFromRegistry("page_token: is malformed or for other filters")->field,
            "page");
  EXPECT_EQ(SearchErrorFromRegistry("query: at most 8 words")->message, "Enter 8 words or fewer");
  EXPECT_EQ(SearchErrorFromRegistry("query: must be at most 200 characters")->message,
            "Search words must be 200 characters or fewer");
  EXPECT_EQ(SearchErrorFromRegistry("body_kind: unknown value 42")->field, "kind");
  EXPECT_EQ(SearchErrorFromRegistry("topic: must be one tag")->field, "topic");
  EXPECT_FALSE(SearchErrorFromRegistry("state: not allowed").has_value());
  EXPECT_FALSE(SearchErrorFromRegistry("the request could not be read").has_value());
}

TEST(RoleIdFromPath, IsOneTo19DigitsWithinInt64) {
  EXPECT_EQ(RoleIdFromPath("42"), 42);
  EXPECT_EQ(RoleIdFromPath("9223372036854775807"), INT64_MAX);
  EXPECT_FALSE(RoleIdFromPath("9223372036854775808").has_value());
  EXPECT_FALSE(RoleIdFromPath("12345678901234567890").has_value());
  for (const char* bad : {"", "0", "007", "-1", "1a", "abc", "4 2", "%34"}) {
    EXPECT_FALSE(RoleIdFromPath(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace cadre::gateway
