// The /profile/edit form: a person's profile into the fields, the fields back into a
// Profile (kept as typed), tags normalised, the errors the gateway finds itself, and the
// service's field paths turned into the form field to point at.

#include "services/gateway/domain/profile_form.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "absl/strings/str_cat.h"

namespace cadre::gateway {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

using Form = std::multimap<std::string, std::string>;

Form CompleteForm() {
  return {{"display_name", "  Sam Patel "},
          {"date_of_birth-day", "31"},
          {"date_of_birth-month", "3"},
          {"date_of_birth-year", "1980"},
          {"region", "london"},
          {"lived_experience", "Type 1 Diabetes, maternity"},
          {"skills", "chairing,  Data_Analysis "},
          {"expertise", ""},
          {"access_needs", "BSL interpreter"},
          {"availability_hours_per_month", "12"},
          {"max_concurrent_roles", "3"},
          {"access_needs_note", "Mornings\r\nare best"},
          {"attendance", "hybrid"},
          {"interest-0-body", "rxf"},
          {"interest-0-kind", "works-for"},
          {"interest-0-note", "Nurse"},
          {"interest-0-existing", "yes"},
          {"interest-1-body", "RYJ"},
          {"interest-1-kind", "conflict"},
          {"interest-1-remove", "yes"},
          {"interest-1-existing", "yes"},
          {"interest-2-body", "CDR0001"},
          {"interest-2-kind", "conflict"},
          {"interest-2-note", ""},
          {"role_suggestions", "yes"},
          {"etag", "7"}};
}

std::vector<std::string> ErrorFields(const ParsedProfileForm& parsed) {
  std::vector<std::string> fields;
  for (const FormError& e : parsed.errors) fields.push_back(e.field);
  return fields;
}

TEST(ParseProfileForm, EveryFieldReachesTheProfile) {
  const ProfileFormValues values = ProfileFormValuesFromForm(CompleteForm());
  const ParsedProfileForm parsed = ParseProfileForm(values);
  ASSERT_TRUE(parsed.ok()) << parsed.errors[0].field << ": " << parsed.errors[0].message;
  const cadre::v1::Profile& p = parsed.profile;
  EXPECT_EQ(p.display_name(), "Sam Patel");
  EXPECT_EQ(p.date_of_birth().day(), 31);
  EXPECT_EQ(p.date_of_birth().month(), 3);
  EXPECT_EQ(p.date_of_birth().year(), 1980);
  EXPECT_EQ(p.region(), cadre::v1::REGION_LONDON);
  EXPECT_THAT(p.lived_experience(), ElementsAre("type-1-diabetes", "maternity"));
  EXPECT_THAT(p.skills(), ElementsAre("chairing", "data-analysis"));
  EXPECT_THAT(p.expertise(), IsEmpty());
  EXPECT_THAT(p.access_needs(), ElementsAre("bsl-interpreter"));
  EXPECT_EQ(p.availability_hours_per_month(), 12);
  EXPECT_EQ(p.max_concurrent_roles(), 3);
  EXPECT_EQ(p.access_needs_note(), "Mornings\nare best");
  EXPECT_EQ(p.attendance(), cadre::v1::ATTENDANCE_MODE_HYBRID);
  // Row 1 was ticked "remove"; row 2 is the new one.
  ASSERT_EQ(p.declared_interests_size(), 2);
  EXPECT_EQ(p.declared_interests(0).body(), "bodies/RXF");
  EXPECT_EQ(p.declared_interests(0).kind(), cadre::v1::DeclaredInterest::KIND_WORKS_FOR);
  EXPECT_EQ(p.declared_interests(0).note(), "Nurse");
  EXPECT_EQ(p.declared_interests(1).body(), "bodies/CDR0001");
  EXPECT_THAT(parsed.interest_rows, ElementsAre(0, 2));
  EXPECT_TRUE(parsed.role_suggestions);
  EXPECT_EQ(values.etag, "7");
  EXPECT_TRUE(values.interests[0].existing);
  EXPECT_FALSE(values.interests[2].existing);
}

TEST(ParseProfileForm, WhatCannotBeReadIsAnErrorOnItsField) {
  Form form = CompleteForm();
  form.erase("display_name");
  form.erase("region");
  form.find("date_of_birth-month")->second = "March";
  form.find("availability_hours_per_month")->second = "4.5";
  form.find("max_concurrent_roles")->second = "11";
  form.find("skills")->second = "chairing, café";
  form.find("attendance")->second = "sometimes";
  form.find("interest-2-kind")->second = "";
  form.emplace("interest-3-note", "no code");
  form.emplace("interest-3-kind", "conflict");
  const ParsedProfileForm parsed = ParseProfileForm(ProfileFormValuesFromForm(form));
  EXPECT_THAT(ErrorFields(parsed),
              ElementsAre("display_name", "date_of_birth-month", "region", "skills",
                          "availability_hours_per_month", "max_concurrent_roles", "attendance",
                          "interest-2-kind", "interest-3-body"));
  EXPECT_EQ(parsed.errors[3].message,
            "Skills: \"café\" can only use letters a to z, numbers, spaces and hyphens");
}

TEST(ParseProfileForm, ABlankDateAndABlankInterestRow) {
  Form form = CompleteForm();
  form.find("date_of_birth-day")->second = "";
  form.find("date_of_birth-month")->second = " ";
  form.find("date_of_birth-year")->second = "";
  form.find("interest-2-body")->second = " ";
  form.find("interest-2-kind")->second = "";
  const ParsedProfileForm parsed = ParseProfileForm(ProfileFormValuesFromForm(form));
  EXPECT_THAT(ErrorFields(parsed), ElementsAre("date_of_birth-day"));
  EXPECT_EQ(parsed.errors[0].message, "Enter your date of birth");
  EXPECT_EQ(parsed.profile.declared_interests_size(), 1);  // the blank row is no interest
}

TEST(ParseTags, NormalisedDeduplicatedAndLimited) {
  EXPECT_THAT(ParseTags(" Mental  Health, mental-health,, NHS_111 ", "Skills").tags,
              ElementsAre("mental-health", "nhs-111"));
  EXPECT_THAT(ParseTags("", "Skills").tags, IsEmpty());
  EXPECT_EQ(ParseTags(std::string(41, 'a'), "Skills").error,
            "Skills: each one must be 40 characters or fewer");
  std::string many;
  for (int i = 0; i < 21; ++i) absl::StrAppend(&many, "t", i, ",");
  EXPECT_EQ(ParseTags(many, "Expertise").error, "Expertise: enter 20 or fewer");
}

TEST(ProfileFormValuesOf, ShowsWhatThePersonHasAndOneBlankRow) {
  cadre::v1::Applicant applicant;
  cadre::v1::Profile& p = *applicant.mutable_profile();
  p.set_display_name("Sam");
  p.mutable_date_of_birth()->set_day(2);
  p.mutable_date_of_birth()->set_month(11);
  p.mutable_date_of_birth()->set_year(1970);
  p.set_region(cadre::v1::REGION_SOUTH_WEST);
  p.add_skills("chairing");
  p.add_skills("data-analysis");
  p.set_availability_hours_per_month(0);
  p.set_max_concurrent_roles(2);
  p.set_attendance(cadre::v1::ATTENDANCE_MODE_IN_PERSON);
  cadre::v1::DeclaredInterest* interest = p.add_declared_interests();
  interest->set_body("bodies/RXF");
  interest->set_kind(cadre::v1::DeclaredInterest::KIND_CONFLICT);
  applicant.mutable_consent()->set_role_suggestions_agreed(true);
  applicant.set_etag("3");
  const ProfileFormValues v = ProfileFormValuesOf(applicant);
  EXPECT_EQ(v.dob_day, "2");
  EXPECT_EQ(v.dob_month, "11");
  EXPECT_EQ(v.dob_year, "1970");
  EXPECT_EQ(v.region, "south-west");
  EXPECT_EQ(v.skills, "chairing, data-analysis");
  EXPECT_EQ(v.hours, "0");
  EXPECT_EQ(v.attendance, "in-person");
  ASSERT_EQ(v.interests.size(), 2u);
  EXPECT_EQ(v.interests[0].body, "RXF");
  EXPECT_EQ(v.interests[0].kind, "conflict");
  EXPECT_TRUE(v.interests[0].existing);
  EXPECT_EQ(v.interests[1].row, 1);
  EXPECT_FALSE(v.interests[1].existing);
  EXPECT_TRUE(v.role_suggestions);
  EXPECT_EQ(v.etag, "3");
  // What the form shows parses back to the same profile.
  const ParsedProfileForm parsed = ParseProfileForm(v);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.profile.SerializeAsString(), p.SerializeAsString());
}

TEST(ProfileFormFieldOf, TheServicesFieldPathsPointAtFormFields) {
  ParsedProfileForm parsed;
  parsed.interest_rows = {0, 3};
  EXPECT_EQ(ProfileFormFieldOf("profile.display_name", parsed), "display_name");
  EXPECT_EQ(ProfileFormFieldOf("profile.date_of_birth", parsed), "date_of_birth-day");
  EXPECT_EQ(ProfileFormFieldOf("profile.skills[2]", parsed), "skills");
  EXPECT_EQ(ProfileFormFieldOf("profile.declared_interests[1].body", parsed), "interest-3-body");
  EXPECT_EQ(ProfileFormFieldOf("profile.declared_interests[1].note", parsed), "interest-3-note");
  EXPECT_EQ(ProfileFormFieldOf("profile.declared_interests[7].body", parsed), "");
  EXPECT_EQ(ProfileFormFieldOf("consent.privacy_notice_version", parsed), "role_suggestions");
  EXPECT_EQ(ProfileFormFieldOf("update_mask", parsed), "");
  EXPECT_EQ(ProfileFormLabelOf("display_name"), "Your name");
  EXPECT_EQ(ProfileFormLabelOf("interest-3-body"), "Organisation code");
}

TEST(Labels, DatesAndKinds) {
  cadre::v1::Date date;
  EXPECT_EQ(CalendarDateLabel(date), "");
  date.set_day(15);
  date.set_month(3);
  date.set_year(1984);
  EXPECT_EQ(CalendarDateLabel(date), "15 March 1984");
  EXPECT_EQ(InterestKindFromSlug(InterestKindSlug(cadre::v1::DeclaredInterest::KIND_WORKS_FOR)),
            cadre::v1::DeclaredInterest::KIND_WORKS_FOR);
  EXPECT_EQ(AttendanceFromSlug("remote"), cadre::v1::ATTENDANCE_MODE_REMOTE);
  EXPECT_EQ(AttendanceFromSlug("REMOTE"), cadre::v1::ATTENDANCE_MODE_UNSPECIFIED);
}

}  // namespace
}  // namespace cadre::gateway
