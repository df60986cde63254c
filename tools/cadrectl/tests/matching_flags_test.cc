// Flags → requests of the matching service's commands: masks, dates, enum labels, and
// refusals that name the flag. No server.

#include <gtest/gtest.h>

#include "tools/cadrectl/applicant_flags.h"
#include "tools/cadrectl/credential_flags.h"
#include "tools/cadrectl/equality_flags.h"
#include "tools/cadrectl/errors.h"
#include "tools/cadrectl/times.h"

namespace cadre::cadrectl {
namespace {

namespace v1 = cadre::v1;

ParsedArgs Args(const std::vector<std::pair<std::string, std::string>>& flags) {
  ParsedArgs args;
  for (const auto& [name, value] : flags) EXPECT_TRUE(args.Set(name, value).ok()) << name;
  return args;
}

void ExpectUsageError(const absl::Status& status, absl::string_view mentions) {
  EXPECT_TRUE(IsUsageError(status)) << status;
  EXPECT_NE(status.message().find(std::string(mentions)), std::string::npos) << status;
}

std::vector<std::pair<std::string, std::string>> SignUpFlags() {
  return {{"email", "pat@example.org"}, {"name", "Pat Example"},  {"born", "1980-02-29"},
          {"region", "north-west"},     {"attendance", "remote"}, {"agree", "true"}};
}

TEST(SignUpRequestTest, EveryFieldFromItsFlag) {
  auto flags = SignUpFlags();
  flags.insert(flags.end(), {{"lived-experience", "diabetes, carers"},
                             {"skills", "chairing"},
                             {"expertise", "finance"},
                             {"hours", "6"},
                             {"max-roles", "3"},
                             {"access-needs", "step-free-access"},
                             {"access-note", "Mornings are hard."},
                             {"interests", "RXF=works-for,bodies/QOP=conflict"},
                             {"suggestions", "true"}});
  auto request = SignUpRequestFromFlags(Args(flags));
  ASSERT_TRUE(request.ok()) << request.status();
  const v1::Profile& profile = request->profile();
  EXPECT_EQ(request->email(), "pat@example.org");
  EXPECT_TRUE(request->password().empty());  // read separately, never from a flag
  EXPECT_EQ(profile.display_name(), "Pat Example");
  EXPECT_EQ(profile.date_of_birth().year(), 1980);
  EXPECT_EQ(profile.date_of_birth().month(), 2);
  EXPECT_EQ(profile.date_of_birth().day(), 29);
  EXPECT_EQ(profile.region(), v1::REGION_NORTH_WEST);
  EXPECT_EQ(profile.attendance(), v1::ATTENDANCE_MODE_REMOTE);
  EXPECT_EQ(std::vector<std::string>(profile.lived_experience().begin(),
                                     profile.lived_experience().end()),
            (std::vector<std::string>{"diabetes", "carers"}));
  EXPECT_EQ(profile.availability_hours_per_month(), 6);
  EXPECT_EQ(profile.max_concurrent_roles(), 3);
  EXPECT_EQ(profile.access_needs(0), "step-free-access");
  EXPECT_EQ(profile.access_needs_note(), "Mornings are hard.");
  ASSERT_EQ(profile.declared_interests_size(), 2);
  EXPECT_EQ(profile.declared_interests(0).body(), "bodies/RXF");
  EXPECT_EQ(profile.declared_interests(0).kind(), v1::DeclaredInterest::KIND_WORKS_FOR);
  EXPECT_EQ(profile.declared_interests(1).body(), "bodies/QOP");
  EXPECT_EQ(profile.declared_interests(1).kind(), v1::DeclaredInterest::KIND_CONFLICT);
  EXPECT_TRUE(request->consent().processing_agreed());
  EXPECT_EQ(request->consent().privacy_notice_version(), "2026-11");
  EXPECT_TRUE(request->consent().role_suggestions_agreed());
}

TEST(SignUpRequestTest, PrivacyNoticeFromItsFlag) {
  auto flags = SignUpFlags();
  flags.emplace_back("privacy-notice", "2027-04");
  auto request = SignUpRequestFromFlags(Args(flags));
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->consent().privacy_notice_version(), "2027-04");
}

TEST(SignUpRequestTest, RefusalsNameTheFlag) {
  const std::vector<std::pair<std::pair<std::string, std::string>, std::string>> cases = {
      {{"born", "1980-02-30"}, "--born"},
      {{"born", "29/02/1980"}, "--born"},
      {{"region", "wales"}, "--region"},
      {{"attendance", "sometimes"}, "in-person"},
      {{"hours", "201"}, "--hours"},
      {{"max-roles", "0"}, "--max-roles"},
      {{"skills", "Chairing!"}, "--skills"},
      {{"interests", "RXF"}, "--interests"},
      {{"interests", "RXF=owns"}, "works-for"},
      {{"agree", "false"}, "--agree"},
  };
  for (const auto& [flag, mentions] : cases) {
    std::vector<std::pair<std::string, std::string>> flags;
    for (const auto& entry : SignUpFlags()) {
      if (entry.first != flag.first) flags.push_back(entry);
    }
    flags.push_back(flag);
    ExpectUsageError(SignUpRequestFromFlags(Args(flags)).status(), mentions);
  }
  for (const char* required : {"email", "name", "born", "region", "attendance", "agree"}) {
    std::vector<std::pair<std::string, std::string>> flags;
    for (const auto& entry : SignUpFlags()) {
      if (entry.first != required) flags.push_back(entry);
    }
    ExpectUsageError(SignUpRequestFromFlags(Args(flags)).status(), std::string("--") + required);
  }
}

TEST(UpdateRequestTest, MaskFromTheFlagsGiven) {
  auto request = UpdateRequestFromFlags(
      Args({{"skills", "chairing,writing"}, {"hours", "8"}, {"name", "Pat"}, {"etag", "7"}}),
      nullptr);
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(std::vector<std::string>(request->update_mask().paths().begin(),
                                     request->update_mask().paths().end()),
            (std::vector<std::string>{"display_name", "skills", "availability_hours_per_month"}));
  EXPECT_EQ(request->profile().skills_size(), 2);
  EXPECT_EQ(request->profile().availability_hours_per_month(), 8);
  EXPECT_EQ(request->etag(), "7");
  EXPECT_FALSE(request->has_consent());
}

TEST(UpdateRequestTest, EmptyListFlagEmptiesTheList) {
  auto request = UpdateRequestFromFlags(Args({{"access-needs", ""}}), nullptr);
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->update_mask().paths(0), "access_needs");
  EXPECT_EQ(request->profile().access_needs_size(), 0);
}

TEST(UpdateRequestTest, SuggestionsKeepTheStoredConsent) {
  v1::Consent stored;
  stored.set_privacy_notice_version("2026-11");
  stored.set_processing_agreed(true);
  stored.mutable_agree_time()->set_seconds(1);
  auto request = UpdateRequestFromFlags(Args({{"suggestions", "false"}}), &stored);
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->update_mask().paths(0), "consent");
  EXPECT_EQ(request->consent().privacy_notice_version(), "2026-11");
  EXPECT_TRUE(request->consent().processing_agreed());
  EXPECT_FALSE(request->consent().role_suggestions_agreed());
  EXPECT_FALSE(request->consent().has_agree_time());

  auto anew =
      UpdateRequestFromFlags(Args({{"agree", "true"}, {"privacy-notice", "2027-04"}}), &stored);
  ASSERT_TRUE(anew.ok()) << anew.status();
  EXPECT_EQ(anew->consent().privacy_notice_version(), "2027-04");
}

TEST(UpdateRequestTest, Refusals) {
  ExpectUsageError(UpdateRequestFromFlags(Args({}), nullptr).status(), "at least one field");
  v1::Consent stored;
  ExpectUsageError(UpdateRequestFromFlags(Args({{"privacy-notice", "2027-04"}}), &stored).status(),
                   "--agree");
  ExpectUsageError(UpdateRequestFromFlags(Args({{"born", "1980-13-01"}}), nullptr).status(),
                   "--born");
}

TEST(EqualityFlagsTest, OneFlagPerQuestionTakingTheLabels) {
  std::vector<std::string> names;
  for (const FlagSpec& flag : EqualityFlags()) names.emplace_back(flag.name);
  EXPECT_EQ(names, (std::vector<std::string>{"age-band", "sex", "gender-identity", "ethnicity",
                                             "disability", "sexual-orientation", "religion",
                                             "carer-status"}));
  v1::EqualityMonitoring monitoring;
  monitoring.set_sex(v1::EqualityMonitoring::SEX_FEMALE);
  monitoring.set_religion(v1::EqualityMonitoring::RELIGION_SIKH);
  ASSERT_TRUE(ApplyEqualityFlags(Args({{"ethnicity", "asian"},
                                       {"carer-status", "yes-under-20-hours"},
                                       {"age-band", "25-34"},
                                       {"disability", "PREFER_NOT_TO_SAY"},
                                       {"religion", "unanswered"}}),
                                 &monitoring)
                  .ok());
  EXPECT_EQ(monitoring.ethnicity(), v1::EqualityMonitoring::ETHNICITY_ASIAN);
  EXPECT_EQ(monitoring.carer_status(), v1::EqualityMonitoring::CARER_STATUS_YES_UNDER_20_HOURS);
  EXPECT_EQ(monitoring.age_band(), v1::EqualityMonitoring::AGE_BAND_25_34);
  EXPECT_EQ(monitoring.disability(), v1::EqualityMonitoring::DISABILITY_PREFER_NOT_TO_SAY);
  EXPECT_EQ(monitoring.sex(), v1::EqualityMonitoring::SEX_FEMALE);  // not given: kept
  EXPECT_EQ(monitoring.religion(), v1::EqualityMonitoring::RELIGION_UNSPECIFIED);
  EXPECT_EQ(AnswerOf(monitoring, "carer_status"), "yes-under-20-hours");
  EXPECT_EQ(AnswerOf(monitoring, "religion"), "unanswered");
}

TEST(EqualityFlagsTest, BadAnswerNamesTheFlagAndListsTheAnswers) {
  v1::EqualityMonitoring monitoring;
  absl::Status status = ApplyEqualityFlags(Args({{"carer-status", "sometimes"}}), &monitoring);
  ExpectUsageError(status, "--carer-status");
  ExpectUsageError(status, "yes-50-hours-plus");
}

TEST(EqualityFlagsTest, CountsAnswersAsLabels) {
  EXPECT_EQ(AnswerLabel("ethnicity", "ETHNICITY_ASIAN"), "asian");
  EXPECT_EQ(AnswerLabel("ethnicity", "ETHNICITY_UNSPECIFIED"), "unanswered");
  EXPECT_EQ(AnswerLabel("age_band", "AGE_BAND_75_PLUS"), "75-plus");
  EXPECT_EQ(AnswerLabel("ethnicity", "ETHNICITY_NEW_IN_A_LATER_BUILD"),
            "ETHNICITY_NEW_IN_A_LATER_BUILD");
  EXPECT_EQ(QuestionText("sexual_orientation"), "sexual orientation");
}

TEST(GrantRequestTest, DbsCheckOnTheUpdateService) {
  auto request = GrantRequestFromFlags(Args({{"kind", "dbs-enhanced"},
                                             {"issued", "2026-01-15"},
                                             {"expires", "2028-01-14"},
                                             {"update-service", "true"},
                                             {"checked", "2026-02-01"}}),
                                       "abcdefghijklmnop", "retry-1");
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->applicant(), "applicants/abcdefghijklmnop");
  EXPECT_EQ(request->request_id(), "retry-1");
  const v1::Credential& credential = request->credential();
  EXPECT_EQ(credential.kind(), "dbs-enhanced");
  EXPECT_EQ(FormatDate(credential.issue_date()), "2026-01-15");
  EXPECT_EQ(FormatDate(credential.expiry_date()), "2028-01-14");
  EXPECT_TRUE(credential.on_update_service());
  EXPECT_EQ(FormatDate(credential.update_service_checked_date()), "2026-02-01");
}

TEST(GrantRequestTest, ModuleNeedsNoIssueDate) {
  auto request =
      GrantRequestFromFlags(Args({{"kind", "modules/ppv-induction"}, {"expires", "2030-12-31"}}),
                            "applicants/abcdefghijklmnop", "");
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_FALSE(request->credential().has_issue_date());
}

TEST(GrantRequestTest, RefusalsNameTheFlag) {
  const std::string who = "abcdefghijklmnop";
  ExpectUsageError(GrantRequestFromFlags(Args({{"expires", "2030-01-01"}}), who, "").status(),
                   "--kind");
  ExpectUsageError(
      GrantRequestFromFlags(Args({{"kind", "DBS"}, {"expires", "2030-01-01"}}), who, "").status(),
      "--kind");
  ExpectUsageError(
      GrantRequestFromFlags(Args({{"kind", "dbs-basic"}, {"expires", "2030-01-01"}}), who, "")
          .status(),
      "--issued");
  ExpectUsageError(GrantRequestFromFlags(Args({{"kind", "dbs-basic"},
                                               {"issued", "2026-01-01"},
                                               {"expires", "2030-01-01"},
                                               {"checked", "2026-01-02"}}),
                                         who, "")
                       .status(),
                   "--checked");
  ExpectUsageError(GrantRequestFromFlags(Args({{"kind", "dbs-basic"},
                                               {"issued", "2026-01-01"},
                                               {"expires", "2030-01-01"},
                                               {"update-service", "true"}}),
                                         who, "")
                       .status(),
                   "--checked");
  ExpectUsageError(
      GrantRequestFromFlags(Args({{"kind", "first-aid"}, {"expires", "next year"}}), who, "")
          .status(),
      "--expires");
  ExpectUsageError(
      GrantRequestFromFlags(Args({{"kind", "first-aid"}, {"expires", "2030-01-01"}}), "roles/1", "")
          .status(),
      "APPLICANT");
}

TEST(CredentialNameTest, OnlyTheFullName) {
  EXPECT_EQ(*CredentialName("applicants/abc/credentials/3", "CREDENTIAL"),
            "applicants/abc/credentials/3");
  for (const char* bad : {"3", "applicants/abc", "applicants/abc/credentials/", "roles/1/x/2"}) {
    ExpectUsageError(CredentialName(bad, "CREDENTIAL").status(), "CREDENTIAL");
  }
}

TEST(DateFlagTest, RealDaysOnly) {
  EXPECT_EQ(FormatDate(*DateFlag(Args({{"born", " 2000-12-31 "}}), "born")), "2000-12-31");
  for (const char* bad : {"2001-02-29", "2000-1-01", "1899-12-31", "2201-01-01", "2000-01-01x",
                          "2000-01-01T00:00:00Z", ""}) {
    ExpectUsageError(DateFlag(Args({{"born", bad}}), "born").status(), "--born");
  }
  EXPECT_EQ(FormatDate(v1::Date()), "");
}

}  // namespace
}  // namespace cadre::cadrectl
