// The subject-access export: one JSON document that parses, holds every part given, and
// nothing else.

#include "services/matching/domain/export.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "cadre/v1/registry.pb.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "tests/matching/unit/test_data.h"
#include "tests/support/status_matchers.h"

namespace cadre::matching {
namespace {

using google::protobuf::Struct;
using google::protobuf::Value;
using google::protobuf::util::MessageDifferencer;
using testdata::Day;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

const absl::Time kExportedAt =
    absl::FromCivil(absl::CivilSecond(2026, 3, 1, 12, 0, 0), absl::UTCTimeZone());

Struct Parse(const std::string& json) {
  Struct doc;
  const auto status = google::protobuf::util::JsonStringToMessage(json, &doc);
  EXPECT_TRUE(status.ok()) << status.ToString() << "\n" << json;
  return doc;
}

std::vector<std::string> Keys(const Struct& s) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : s.fields()) keys.push_back(key);
  return keys;
}

// `value` (an object) printed and read back as a message of type T.
template <typename T>
T Reread(const Value& value) {
  std::string json;
  EXPECT_TRUE(google::protobuf::util::MessageToJsonString(value, &json).ok());
  T out;
  const auto status = google::protobuf::util::JsonStringToMessage(json, &out);
  EXPECT_TRUE(status.ok()) << status.ToString() << "\n" << json;
  return out;
}

cadre::v1::Credential Granted(absl::string_view kind, int n) {
  cadre::v1::Credential c = testdata::Held(kind, Day(2027, 1, 1));
  c.set_name(absl::StrCat("applicants/abcdefghijkmnpqr/credentials/", n));
  c.set_granted_by("bodies/RXF");
  c.set_status(cadre::v1::CREDENTIAL_STATUS_VALID);
  c.mutable_grant_time()->set_seconds(1767225600);
  return c;
}

TEST(BuildExport, HoldsEveryPartAndNothingElse) {
  cadre::v1::Applicant applicant = testdata::StoredApplicant();
  cadre::v1::EqualityMonitoring monitoring;
  monitoring.set_sex(cadre::v1::EqualityMonitoring::SEX_FEMALE);
  const std::vector<cadre::v1::Credential> credentials = {Granted("dbs-basic", 1),
                                                          Granted("modules/induction", 2)};
  cadre::v1::ListSubjectKeysResponse keys;
  keys.add_keys()->set_key_id("k_1");
  keys.add_keys()->set_key_id("k_2");

  cadre::v1::Application application;
  application.set_name("applications/abcdefghijkmnpqr");
  application.set_statement("I care for my mother.");
  cadre::v1::Placement placement;
  placement.set_name("placements/abcdefghijkmnpqr");
  const std::vector<cadre::v1::Application> applications = {application};
  const std::vector<cadre::v1::Placement> placements = {placement};

  const absl::StatusOr<std::string> json = BuildExport(applicant, &monitoring, credentials, &keys,
                                                       kExportedAt, applications, placements);
  ASSERT_TRUE(json.ok()) << json.status();
  const Struct doc = Parse(*json);
  EXPECT_THAT(Keys(doc),
              UnorderedElementsAre("exported_at", "applicant", "equality_monitoring", "credentials",
                                   "applications", "placements", "registry"));
  EXPECT_EQ(doc.fields().at("applications").list_value().values_size(), 1);
  EXPECT_EQ(doc.fields().at("placements").list_value().values_size(), 1);
  EXPECT_NE(json->find("I care for my mother."), std::string::npos);
  EXPECT_EQ(doc.fields().at("exported_at").string_value(), "2026-03-01T12:00:00Z");

  const cadre::v1::Applicant reread = Reread<cadre::v1::Applicant>(doc.fields().at("applicant"));
  EXPECT_TRUE(MessageDifferencer::Equals(reread, applicant)) << reread.DebugString();
  const auto answers =
      Reread<cadre::v1::EqualityMonitoring>(doc.fields().at("equality_monitoring"));
  EXPECT_TRUE(MessageDifferencer::Equals(answers, monitoring));

  const auto& held = doc.fields().at("credentials").list_value();
  ASSERT_EQ(held.values_size(), 2);
  for (int i = 0; i < 2; ++i) {
    EXPECT_TRUE(
        MessageDifferencer::Equals(Reread<cadre::v1::Credential>(held.values(i)), credentials[i]));
  }
  const auto registry = Reread<cadre::v1::ListSubjectKeysResponse>(doc.fields().at("registry"));
  EXPECT_TRUE(MessageDifferencer::Equals(registry, keys));
}

TEST(BuildExport, KeepsProtoFieldNamesAndPrintsDefaults) {
  const absl::StatusOr<std::string> json =
      BuildExport(testdata::StoredApplicant(), nullptr, {}, nullptr, kExportedAt);
  ASSERT_TRUE(json.ok()) << json.status();
  EXPECT_THAT(*json, HasSubstr("\"display_name\": \"Ada Example\""));
  EXPECT_THAT(*json, HasSubstr("\"privacy_notice_version\""));
  EXPECT_THAT(*json, Not(HasSubstr("displayName")));
  // role_suggestions_agreed is false: printed anyway, so the person sees it.
  EXPECT_THAT(*json, HasSubstr("\"role_suggestions_agreed\": false"));
  const Struct doc = Parse(*json);
  const Struct& profile =
      doc.fields().at("applicant").struct_value().fields().at("profile").struct_value();
  EXPECT_TRUE(profile.fields().contains("date_of_birth"));
}

TEST(BuildExport, AbsentPartsAreNullOrEmpty) {
  const absl::StatusOr<std::string> json =
      BuildExport(cadre::v1::Applicant(), nullptr, {}, nullptr, kExportedAt);
  ASSERT_TRUE(json.ok()) << json.status();
  const Struct doc = Parse(*json);
  EXPECT_EQ(doc.fields().at("equality_monitoring").kind_case(), Value::kNullValue);
  EXPECT_EQ(doc.fields().at("registry").kind_case(), Value::kNullValue);
  EXPECT_EQ(doc.fields().at("credentials").list_value().values_size(), 0);
  EXPECT_EQ(doc.fields().at("applicant").kind_case(), Value::kStructValue);
}

TEST(BuildExport, NoPasswordAnywhere) {
  const std::vector<cadre::v1::Credential> credentials = {Granted("mhfa", 1)};
  cadre::v1::ListSubjectKeysResponse keys;
  keys.add_keys()->set_label("web sign-in");
  cadre::v1::EqualityMonitoring monitoring;
  const absl::StatusOr<std::string> json =
      BuildExport(testdata::StoredApplicant(), &monitoring, credentials, &keys, kExportedAt);
  ASSERT_TRUE(json.ok());
  EXPECT_THAT(absl::AsciiStrToLower(*json), Not(HasSubstr("password\"")));
  EXPECT_THAT(absl::AsciiStrToLower(*json), Not(HasSubstr("hash")));
  EXPECT_THAT(absl::AsciiStrToLower(*json), Not(HasSubstr("secret")));
}

TEST(BuildExport, TextThatNeedsEscapingStaysValidJson) {
  cadre::v1::Applicant applicant = testdata::StoredApplicant();
  applicant.mutable_profile()->set_display_name("Zoë \"Z\" O'Brien \\ 😀 {a,b:[c]}\\");
  applicant.mutable_profile()->set_access_needs_note("line one\nline two\t</script>");
  const absl::StatusOr<std::string> json =
      BuildExport(applicant, nullptr, {}, nullptr, kExportedAt + absl::Milliseconds(250));
  ASSERT_TRUE(json.ok());
  const Struct doc = Parse(*json);
  EXPECT_EQ(doc.fields().at("exported_at").string_value(), "2026-03-01T12:00:00.250Z");
  const auto reread = Reread<cadre::v1::Applicant>(doc.fields().at("applicant"));
  EXPECT_EQ(reread.profile().display_name(), applicant.profile().display_name());
  EXPECT_EQ(reread.profile().access_needs_note(), applicant.profile().access_needs_note());
}

TEST(BuildExport, IsPrettyPrintedWithTheTopKeysInOrder) {
  const std::vector<cadre::v1::Credential> credentials = {Granted("mhfa", 1)};
  const absl::StatusOr<std::string> json =
      BuildExport(testdata::StoredApplicant(), nullptr, credentials, nullptr, kExportedAt);
  ASSERT_TRUE(json.ok());
  EXPECT_EQ(json->rfind("{\n  \"exported_at\": \"2026-03-01T12:00:00Z\",\n  \"applicant\": {\n", 0),
            0u)
      << *json;
  const size_t applicant = json->find("\n  \"applicant\"");
  const size_t monitoring = json->find("\n  \"equality_monitoring\"");
  const size_t held = json->find("\n  \"credentials\": [\n    {\n      \"name\"");
  const size_t registry = json->find("\n  \"registry\": null\n}");
  EXPECT_LT(applicant, monitoring);
  EXPECT_LT(monitoring, held);
  EXPECT_LT(held, registry) << *json;
  EXPECT_NE(registry, std::string::npos) << *json;
  EXPECT_EQ(json->back(), '\n');
}

}  // namespace
}  // namespace cadre::matching
