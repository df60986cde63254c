// The staff role form (/staff/roles/new, /staff/roles/{id}/edit): a role into the fields,
// the fields back into a Role (kept as typed), the registry's limits checked with the
// error naming the field, the update mask of an edit, and the registry's field paths
// turned into the form field to point at.

#include "services/gateway/domain/role_form.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "services/common/base/time_proto.h"

namespace cadre::gateway {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

using Form = std::multimap<std::string, std::string>;

Form CompleteForm() {
  return {{"title", "  Patient partner, diabetes board "},
          {"summary", "Help us shape\r\n\r\nthe service."},
          {"role_type", "roleTypes/patient-partner"},
          {"level", "3"},
          {"rung", "collaborate"},
          {"hours_per_month", "4"},
          {"duration_months", "12"},
          {"pattern", " One evening meeting a month "},
          {"expertise_sought", "Finance, chairing"},
          {"topics", "Type 1 Diabetes"},
          {"lived_experience_sought", "Living with diabetes"},
          {"region", "london"},
          {"attendance", "hybrid"},
          {"place", "Leeds"},
          {"access_support", "BSL interpreter, step-free access"},
          {"expenses_paid", "yes"},
          {"payment", "involvement"},
          {"rate", "15.5"},
          {"dbs", "dbs-enhanced"},
          {"other_credentials", "modules/ppv-induction, Safeguarding-Level-2"},
          {"minimum_age", "18"},
          {"places", "2"},
          {"closing-day", "1"},
          {"closing-month", "7"},
          {"closing-year", "2027"},
          {"closing-time", "17:30"},
          {"etag", "7"},
          {"request_id", "abc123"}};
}

std::vector<std::string> ErrorFields(const ParsedRoleForm& parsed) {
  std::vector<std::string> fields;
  for (const FormError& e : parsed.errors) fields.push_back(e.field);
  return fields;
}

ParsedRoleForm ParseWith(const std::string& field, const std::string& value) {
  Form form = CompleteForm();
  form.erase(field);
  form.emplace(field, value);
  return ParseRoleForm(RoleFormValuesFromForm(form));
}

// The one error `field` = `value` gives, naming the field; fails the test otherwise.
FormError OnlyError(const std::string& field, const std::string& value) {
  const ParsedRoleForm parsed = ParseWith(field, value);
  EXPECT_EQ(parsed.errors.size(), 1u) << field << "=" << value;
  return parsed.errors.empty() ? FormError{} : parsed.errors[0];
}

absl::TimeZone LondonZone() {
  absl::TimeZone zone;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/London", &zone));
  return zone;
}

TEST(ParseRoleForm, EveryFieldReachesTheRole) {
  const RoleFormValues values = RoleFormValuesFromForm(CompleteForm());
  const ParsedRoleForm parsed = ParseRoleForm(values);
  ASSERT_TRUE(parsed.ok()) << parsed.errors[0].message;
  const cadre::v1::Role& r = parsed.role;
  EXPECT_EQ(r.title(), "Patient partner, diabetes board");
  EXPECT_EQ(r.summary(), "Help us shape\n\nthe service.");
  EXPECT_EQ(r.role_type(), "roleTypes/patient-partner");
  EXPECT_EQ(r.level(), cadre::v1::INVOLVEMENT_LEVEL_3);
  EXPECT_EQ(r.rung(), cadre::v1::ENGAGEMENT_RUNG_COLLABORATE);
  EXPECT_EQ(r.time_commitment().hours_per_month(), 4);
  EXPECT_EQ(r.time_commitment().duration_months(), 12);
  EXPECT_EQ(r.time_commitment().pattern(), "One evening meeting a month");
  EXPECT_THAT(r.expertise_sought(), ElementsAre("finance", "chairing"));
  EXPECT_THAT(r.topics(), ElementsAre("type-1-diabetes"));
  EXPECT_EQ(r.lived_experience_sought(), "Living with diabetes");
  EXPECT_EQ(r.location().region(), cadre::v1::REGION_LONDON);
  EXPECT_EQ(r.location().mode(), cadre::v1::ATTENDANCE_MODE_HYBRID);
  EXPECT_EQ(r.location().place(), "Leeds");
  EXPECT_THAT(r.support().access_support(), ElementsAre("bsl-interpreter", "step-free-access"));
  EXPECT_TRUE(r.support().expenses_paid());
  EXPECT_EQ(r.support().payment(), cadre::v1::PAYMENT_KIND_INVOLVEMENT);
  EXPECT_EQ(r.support().rate_pence_per_hour(), 1550);
  EXPECT_THAT(r.required_credentials(),
              ElementsAre("dbs-enhanced", "modules/ppv-induction", "safeguarding-level-2"));
  EXPECT_EQ(r.minimum_age(), 18);
  EXPECT_EQ(r.places(), 2);
  // 17:30 in London in July is 16:30 UTC (British Summer Time).
  EXPECT_EQ(FromTimestamp(r.closing_time()),
            absl::FromCivil(absl::CivilMinute(2027, 7, 1, 16, 30), absl::UTCTimeZone()));
  EXPECT_EQ(values.etag, "7");
  EXPECT_EQ(values.request_id, "abc123");
}

TEST(ParseRoleForm, ARoleRoundTripsThroughTheForm) {
  const ParsedRoleForm first = ParseRoleForm(RoleFormValuesFromForm(CompleteForm()));
  ASSERT_TRUE(first.ok());
  cadre::v1::Role stored = first.role;
  stored.set_name("roles/7");
  stored.set_etag("9");
  const RoleFormValues shown = RoleFormValuesOf(stored);
  EXPECT_EQ(shown.rate, "15.50");
  EXPECT_EQ(shown.dbs, "dbs-enhanced");
  EXPECT_EQ(shown.other_credentials, "modules/ppv-induction, safeguarding-level-2");
  EXPECT_EQ(shown.closing_day, "1");
  EXPECT_EQ(shown.closing_month, "7");
  EXPECT_EQ(shown.closing_year, "2027");
  EXPECT_EQ(shown.closing_time, "17:30");
  EXPECT_EQ(shown.etag, "9");
  const ParsedRoleForm again = ParseRoleForm(shown);
  ASSERT_TRUE(again.ok());
  EXPECT_THAT(ChangedRoleFields(stored, again.role), IsEmpty());
}

TEST(ParseRoleForm, AnEmptyFormNamesEveryRequiredFieldInOrder) {
  const ParsedRoleForm parsed = ParseRoleForm(RoleFormValuesFromForm({}));
  EXPECT_THAT(ErrorFields(parsed), ElementsAre("title", "level", "rung", "region", "attendance",
                                               "payment", "places", "closing-day"));
  EXPECT_EQ(parsed.errors[0].message, "Enter the title");
}

TEST(ParseRoleForm, OptionalFieldsMayBeBlank) {
  Form form = CompleteForm();
  for (const char* field :
       {"summary", "role_type", "hours_per_month", "duration_months", "pattern", "expertise_sought",
        "topics", "lived_experience_sought", "place", "access_support", "dbs", "other_credentials",
        "minimum_age", "closing-time", "expenses_paid"}) {
    form.erase(field);
  }
  const ParsedRoleForm parsed = ParseRoleForm(RoleFormValuesFromForm(form));
  ASSERT_TRUE(parsed.ok()) << parsed.errors[0].field;
  EXPECT_EQ(parsed.role.minimum_age(), 0);
  EXPECT_EQ(parsed.role.time_commitment().hours_per_month(), 0);
  EXPECT_THAT(parsed.role.required_credentials(), IsEmpty());
  EXPECT_FALSE(parsed.role.support().expenses_paid());
  // No time: the end of the day (23:59 in London, 22:59 UTC in July).
  EXPECT_EQ(FromTimestamp(parsed.role.closing_time()),
            absl::FromCivil(absl::CivilMinute(2027, 7, 1, 23, 59), LondonZone()));
}

TEST(ParseRoleForm, TitleLengthIsTheRegistrysCountedInCharacters) {
  EXPECT_EQ(OnlyError("title", "ab").field, "title");
  EXPECT_EQ(OnlyError("title", "ab").message, "Title must be 3 to 120 characters");
  EXPECT_TRUE(ParseWith("title", std::string(120, 'a')).ok());
  EXPECT_EQ(OnlyError("title", std::string(121, 'a')).field, "title");
  // 120 two-byte characters are 120 characters, not 240.
  std::string accented;
  for (int i = 0; i < 120; ++i) accented += "\xC3\xA9";
  EXPECT_TRUE(ParseWith("title", accented).ok());
}

TEST(ParseRoleForm, LongTextsHaveTheirLimits) {
  EXPECT_TRUE(ParseWith("summary", std::string(2000, 'a')).ok());
  EXPECT_EQ(OnlyError("summary", std::string(2001, 'a')).message,
            "Summary must be 2000 characters or fewer");
  EXPECT_TRUE(ParseWith("lived_experience_sought", std::string(500, 'a')).ok());
  EXPECT_EQ(OnlyError("lived_experience_sought", std::string(501, 'a')).field,
            "lived_experience_sought");
  EXPECT_EQ(OnlyError("pattern", std::string(201, 'a')).field, "pattern");
  EXPECT_EQ(OnlyError("place", std::string(121, 'a')).field, "place");
}

TEST(ParseRoleForm, NumbersMustBeWholeAndInRange) {
  EXPECT_EQ(OnlyError("places", "0").message, "Places must be a whole number from 1 to 100");
  EXPECT_EQ(OnlyError("places", "101").field, "places");
  EXPECT_EQ(OnlyError("places", "two").field, "places");
  EXPECT_EQ(OnlyError("places", "").field, "places");
  EXPECT_TRUE(ParseWith("places", "100").ok());
  EXPECT_EQ(OnlyError("hours_per_month", "201").message,
            "Hours a month must be a whole number from 0 to 200");
  EXPECT_EQ(OnlyError("hours_per_month", "4.5").field, "hours_per_month");
  EXPECT_TRUE(ParseWith("hours_per_month", "200").ok());
  EXPECT_EQ(OnlyError("duration_months", "61").field, "duration_months");
  EXPECT_EQ(OnlyError("minimum_age", "15").message,
            "Minimum age must be a whole number from 16 to 25");
  EXPECT_EQ(OnlyError("minimum_age", "26").field, "minimum_age");
  EXPECT_TRUE(ParseWith("minimum_age", "16").ok());
}

TEST(ParseRoleForm, ChoicesMustBeOnesTheFormOffers) {
  EXPECT_EQ(OnlyError("level", "5").field, "level");
  EXPECT_EQ(OnlyError("level", "0").field, "level");
  EXPECT_EQ(OnlyError("rung", "shout").field, "rung");
  EXPECT_EQ(OnlyError("region", "atlantis").field, "region");
  EXPECT_EQ(OnlyError("attendance", "telepathy").field, "attendance");
  EXPECT_EQ(OnlyError("payment", "gold").field, "payment");
  EXPECT_EQ(OnlyError("dbs", "dbs-super").field, "dbs");
  EXPECT_EQ(ParseWith("region", "national").role.location().region(), cadre::v1::REGION_NATIONAL);
}

TEST(ParseRoleForm, TagsAreNormalisedAndChecked) {
  const FormError error = OnlyError("topics", "diabetes, café");
  EXPECT_EQ(error.field, "topics");
  EXPECT_THAT(error.message, HasSubstr("Topics"));
  EXPECT_EQ(OnlyError("expertise_sought", std::string(41, 'a')).field, "expertise_sought");
  std::string many;
  for (int i = 0; i < 21; ++i) absl::StrAppend(&many, "tag", i, ",");
  EXPECT_EQ(OnlyError("access_support", many).field, "access_support");
}

TEST(ParseRoleForm, TheRateBelongsToAnInvolvementPayment) {
  EXPECT_EQ(ParseWith("rate", "£20").role.support().rate_pence_per_hour(), 2000);
  EXPECT_EQ(ParseWith("rate", "1000").role.support().rate_pence_per_hour(), 100000);
  EXPECT_EQ(OnlyError("rate", "1000.01").field, "rate");
  EXPECT_EQ(OnlyError("rate", "").message, "Enter the involvement payment's rate an hour");
  EXPECT_EQ(OnlyError("rate", "0").field, "rate");
  EXPECT_EQ(OnlyError("rate", "15.505").field, "rate");
  EXPECT_EQ(OnlyError("rate", "fifteen").field, "rate");
  // Another kind of payment: a rate typed before choosing it is not sent.
  Form form = CompleteForm();
  form.erase("payment");
  form.emplace("payment", "none");
  const ParsedRoleForm voluntary = ParseRoleForm(RoleFormValuesFromForm(form));
  ASSERT_TRUE(voluntary.ok());
  EXPECT_EQ(voluntary.role.support().rate_pence_per_hour(), 0);
  EXPECT_EQ(voluntary.role.support().payment(), cadre::v1::PAYMENT_KIND_NONE);
}

TEST(ParseRoleForm, CredentialsAreNamesTheRegistryTakes) {
  EXPECT_EQ(OnlyError("other_credentials", "first aid").field, "other_credentials");
  EXPECT_EQ(OnlyError("other_credentials", "modules/").field, "other_credentials");
  // A repeat (the DBS check typed again) is said once.
  EXPECT_THAT(ParseWith("other_credentials", "dbs-enhanced, first-aid").role.required_credentials(),
              ElementsAre("dbs-enhanced", "first-aid"));
  std::string many;
  for (int i = 0; i < 10; ++i) absl::StrAppend(&many, "accreditation-", i, ",");
  EXPECT_EQ(OnlyError("other_credentials", many).message,
            "A role can require at most 10 credentials");
}

TEST(ParseRoleForm, ClosingDateErrorsNameThePartThatIsWrong) {
  Form form = CompleteForm();
  form.erase("closing-month");
  form.emplace("closing-month", "2");
  form.erase("closing-day");
  form.emplace("closing-day", "30");
  ParsedRoleForm parsed = ParseRoleForm(RoleFormValuesFromForm(form));
  EXPECT_THAT(ErrorFields(parsed), ElementsAre("closing-day"));
  EXPECT_EQ(OnlyError("closing-month", "13").field, "closing-month");
  EXPECT_EQ(OnlyError("closing-year", "27").field, "closing-year");
  EXPECT_EQ(OnlyError("closing-day", "x").field, "closing-day");
  EXPECT_EQ(OnlyError("closing-time", "25:00").field, "closing-time");
  EXPECT_EQ(OnlyError("closing-time", "5pm").field, "closing-time");
  EXPECT_TRUE(ParseWith("closing-time", "09.15").ok());
  EXPECT_TRUE(ParseWith("closing-time", "0:00").ok());
  EXPECT_TRUE(ParseWith("closing-day", "31").ok());  // 31 July
}

TEST(RoleFormValuesFromForm, KeepsWhatWasTypedAndDropsOverlongTokens) {
  Form form = CompleteForm();
  form.erase("places");
  form.emplace("places", "lots");
  form.erase("etag");
  form.emplace("etag", std::string(65, '1'));
  const RoleFormValues values = RoleFormValuesFromForm(form);
  EXPECT_EQ(values.places, "lots");
  EXPECT_EQ(values.title, "  Patient partner, diabetes board ");
  EXPECT_EQ(values.etag, "");
}

TEST(ChangedRoleFields, NamesOnlyWhatChanged) {
  const ParsedRoleForm parsed = ParseRoleForm(RoleFormValuesFromForm(CompleteForm()));
  ASSERT_TRUE(parsed.ok());
  cadre::v1::Role after = parsed.role;
  EXPECT_THAT(ChangedRoleFields(parsed.role, after), IsEmpty());
  after.set_title("Patient partner, renal board");
  after.mutable_location()->set_place("York");
  after.add_topics("renal");
  after.set_places(3);
  EXPECT_THAT(ChangedRoleFields(parsed.role, after),
              ElementsAre("title", "topics", "location", "places"));
}

TEST(ChangedRoleFields, UnsetAndEmptyAreTheSame) {
  cadre::v1::Role before;
  cadre::v1::Role after;
  after.mutable_time_commitment();  // set, all zero
  after.mutable_support();
  EXPECT_THAT(ChangedRoleFields(before, after), IsEmpty());
}

TEST(RoleFormFieldOf, TheRegistrysFieldsBecomeFormFields) {
  EXPECT_EQ(RoleFormFieldOf("role.title"), "title");
  EXPECT_EQ(RoleFormFieldOf("role.time_commitment.hours_per_month"), "hours_per_month");
  EXPECT_EQ(RoleFormFieldOf("role.location.mode"), "attendance");
  EXPECT_EQ(RoleFormFieldOf("role.support.rate_pence_per_hour"), "rate");
  EXPECT_EQ(RoleFormFieldOf("role.required_credentials[2]"), "other_credentials");
  EXPECT_EQ(RoleFormFieldOf("role.topics[0]"), "topics");
  EXPECT_EQ(RoleFormFieldOf("role.closing_time"), "closing-day");
  EXPECT_EQ(RoleFormFieldOf("role.role_type"), "role_type");
  EXPECT_EQ(RoleFormFieldOf("role.body"), "");
  EXPECT_EQ(RoleFormFieldOf("title"), "");
  EXPECT_EQ(RoleFormLabelOf("hours_per_month"), "Hours a month");
  EXPECT_EQ(RoleFormLabelOf("nonsense"), "The role");
}

TEST(RoleFormMaskPaths, AreFieldsOfRole) {
  for (const std::string& path : RoleFormMaskPaths()) {
    EXPECT_NE(cadre::v1::Role::descriptor()->FindFieldByName(path), nullptr) << path;
  }
}

TEST(RoleFormSlugs, RoundTrip) {
  for (int r = 1; r <= 5; ++r) {
    const auto rung = static_cast<cadre::v1::EngagementRung>(r);
    EXPECT_EQ(RungFromSlug(RungSlug(rung)), rung);
  }
  for (int k = 1; k <= 3; ++k) {
    const auto kind = static_cast<cadre::v1::PaymentKind>(k);
    EXPECT_EQ(PaymentFromSlug(PaymentSlug(kind)), kind);
    EXPECT_FALSE(PaymentKindLabel(kind).empty());
  }
  EXPECT_EQ(RungFromSlug(""), cadre::v1::ENGAGEMENT_RUNG_UNSPECIFIED);
  EXPECT_EQ(RoleStates().size(), 5u);
  for (cadre::v1::RoleState state : RoleStates()) {
    EXPECT_EQ(RoleStateFromSlug(RoleStateSlug(state)), state);
    EXPECT_FALSE(RoleStateTagClass(state).empty());
  }
  EXPECT_EQ(RoleStateFromSlug("all"), cadre::v1::ROLE_STATE_UNSPECIFIED);
  EXPECT_EQ(RoleStateFromSlug(""), cadre::v1::ROLE_STATE_UNSPECIFIED);
  EXPECT_EQ(PoundsOf(5), "0.05");
  EXPECT_EQ(PoundsOf(0), "");
  EXPECT_EQ(CharacterCount("caf\xC3\xA9"), 4);
}

}  // namespace
}  // namespace cadre::gateway
