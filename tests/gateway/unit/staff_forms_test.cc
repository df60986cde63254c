// The staff pages' placements and credentials forms (issue 10): the state filter, a Cadre
// ID as typed, reasons, the banners, and the grant form into a GrantCredentialRequest
// with the form field each error points at. Pure: no sockets.

#include "services/gateway/domain/staff_forms.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace cadre::gateway {
namespace {

namespace v1 = cadre::v1;

constexpr char kId[] = "abcdefghijkl2345";

// (Built by designated initialisers: g++ 12 warns, wrongly, on assigning short literals.)
CredentialGrantValues Enhanced() {
  return {.applicant = kId,
          .type = "dbs-enhanced",
          .issue_day = "2",
          .issue_month = "3",
          .issue_year = "2026",
          .expiry_day = "1",
          .expiry_month = "3",
          .expiry_year = "2029",
          .request_id = "r1"};
}

TEST(StaffForms, PlacementFilterRoundTripsAndIgnoresOtherWords) {
  for (auto state : {v1::PLACEMENT_STATE_ACTIVE, v1::PLACEMENT_STATE_COMPLETED,
                     v1::PLACEMENT_STATE_ENDED_EARLY}) {
    EXPECT_EQ(PlacementStateFromSlug(PlacementStateSlug(state)), state);
  }
  EXPECT_EQ(PlacementStateSlug(v1::PLACEMENT_STATE_ENDED_EARLY), "ended-early");
  EXPECT_EQ(PlacementStateSlug(v1::PLACEMENT_STATE_UNSPECIFIED), "");
  EXPECT_EQ(PlacementStateFromSlug(""), v1::PLACEMENT_STATE_UNSPECIFIED);
  EXPECT_EQ(PlacementStateFromSlug("ACTIVE"), v1::PLACEMENT_STATE_UNSPECIFIED);
}

TEST(StaffForms, WhoEndedAPlacement) {
  EXPECT_EQ(EndedByLabel("applicant"), "The person (they stepped down)");
  EXPECT_EQ(EndedByLabel("body"), "Your organisation");
  EXPECT_EQ(EndedByLabel("admin"), "A Cadre administrator");
  EXPECT_EQ(EndedByLabel(""), "");
}

TEST(StaffForms, ACadreIdAsTypedOrPasted) {
  EXPECT_EQ(ApplicantIdFromTyped(kId), kId);
  EXPECT_EQ(ApplicantIdFromTyped("  ABCDEFGHIJKL2345 \n"), kId);
  EXPECT_EQ(ApplicantIdFromTyped("applicants/abcdefghijkl2345"), kId);
  EXPECT_EQ(ApplicantIdFromTyped("abcdefghijkl2341"), "");  // 1 is not in base32
  EXPECT_EQ(ApplicantIdFromTyped("abcdefghijkl234"), "");   // too short
  EXPECT_EQ(ApplicantIdFromTyped(""), "");
  EXPECT_EQ(ApplicantIdOf("applicants/abcdefghijkl2345"), kId);
}

TEST(StaffForms, ReasonsMustBeThreeToThreeHundredCharacters) {
  EXPECT_EQ(ReasonError("Moved away", "Why it ends"), "");
  EXPECT_EQ(ReasonError("   ", "Why it ends"), "Enter why it ends");
  EXPECT_EQ(ReasonError(" ab ", "Why it ends"), "Why it ends must be 3 to 300 characters");
  EXPECT_EQ(ReasonError(std::string(300, 'x'), "Why it ends"), "");
  EXPECT_NE(ReasonError(std::string(301, 'x'), "Why it ends"), "");
  // Characters, not bytes: 300 two-byte letters are fine.
  std::string accents;
  for (int i = 0; i < 300; ++i) accents += "\xc3\xa9";
  EXPECT_EQ(ReasonError(accents, "Why it ends"), "");
  EXPECT_EQ(CleanReason("  line one\r\nline two\r\n"), "line one\nline two");
}

TEST(StaffForms, BannersForEachDoneWord) {
  EXPECT_TRUE(StaffDoneBannerFor("completed").success);
  EXPECT_NE(StaffDoneBannerFor("ended-early").text, "");
  EXPECT_NE(StaffDoneBannerFor("granted").text, "");
  EXPECT_NE(StaffDoneBannerFor("revoked").text, "");
  const DoneBanner changed = StaffDoneBannerFor("changed");
  EXPECT_FALSE(changed.success);
  EXPECT_NE(changed.text.find("changed"), std::string::npos);
  EXPECT_EQ(StaffDoneBannerFor("<script>").text, "");
}

TEST(StaffForms, AnEnhancedDbsCheckBecomesTheRequest) {
  const ParsedCredentialGrant parsed = ParseCredentialGrant(Enhanced());
  ASSERT_TRUE(parsed.ok()) << parsed.errors.front().message;
  EXPECT_EQ(parsed.request.applicant(), "applicants/abcdefghijkl2345");
  EXPECT_EQ(parsed.request.request_id(), "r1");
  const v1::Credential& c = parsed.request.credential();
  EXPECT_EQ(c.kind(), "dbs-enhanced");
  EXPECT_EQ(c.issue_date().day(), 2);
  EXPECT_EQ(c.issue_date().month(), 3);
  EXPECT_EQ(c.issue_date().year(), 2026);
  EXPECT_EQ(c.expiry_date().year(), 2029);
  EXPECT_FALSE(c.on_update_service());
  EXPECT_FALSE(c.has_update_service_checked_date());
}

TEST(StaffForms, OnTheUpdateServiceNeedsWhenItWasChecked) {
  CredentialGrantValues v = Enhanced();
  v.on_update_service = true;
  ParsedCredentialGrant parsed = ParseCredentialGrant(v);
  ASSERT_EQ(parsed.errors.size(), 1u);
  EXPECT_EQ(parsed.errors[0].field, "checked-day");
  v.checked_day = "10";
  v.checked_month = "4";
  v.checked_year = "2026";
  parsed = ParseCredentialGrant(v);
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(parsed.request.credential().on_update_service());
  EXPECT_EQ(parsed.request.credential().update_service_checked_date().day(), 10);
}

TEST(StaffForms, AModuleOrAnAccreditationSendsNoDbsDates) {
  CredentialGrantValues v = Enhanced();
  v.type = "module";
  v.module = " PPV-Induction ";
  v.on_update_service = true;  // a box left ticked from a DBS check: not sent
  ParsedCredentialGrant parsed = ParseCredentialGrant(v);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.request.credential().kind(), "modules/ppv-induction");
  EXPECT_FALSE(parsed.request.credential().has_issue_date());
  EXPECT_FALSE(parsed.request.credential().on_update_service());
  v.module = "modules/ppv-induction";
  EXPECT_EQ(ParseCredentialGrant(v).request.credential().kind(), "modules/ppv-induction");
  v.type = "accreditation";
  v.accreditation = "Peer-Support";
  parsed = ParseCredentialGrant(v);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.request.credential().kind(), "peer-support");
}

TEST(StaffForms, EveryMissingFieldIsNamed) {
  const ParsedCredentialGrant parsed = ParseCredentialGrant(CredentialGrantValues{});
  ASSERT_EQ(parsed.errors.size(), 3u);
  EXPECT_EQ(parsed.errors[0].field, "applicant");
  EXPECT_EQ(parsed.errors[0].message, "Enter the person's Cadre ID");
  EXPECT_EQ(parsed.errors[1].field, "type");
  EXPECT_EQ(parsed.errors[2].field, "expiry-day");
  EXPECT_EQ(parsed.errors[2].message, "Enter the date it is valid until");

  CredentialGrantValues v = Enhanced();
  v.applicant = "not an id";
  v.expiry_month = "13";
  v.issue_year = "26";
  const ParsedCredentialGrant bad = ParseCredentialGrant(v);
  ASSERT_EQ(bad.errors.size(), 3u);
  EXPECT_EQ(bad.errors[0].field, "applicant");
  EXPECT_EQ(bad.errors[1].field, "issue-day");
  EXPECT_EQ(bad.errors[2].field, "expiry-day");
  EXPECT_EQ(bad.errors[2].message,
            "Valid until must be a real date, for example 31 3 2027 (the year in 4 digits)");
  v = Enhanced();
  v.type = "module";
  EXPECT_EQ(ParseCredentialGrant(v).errors.at(0).field, "module");
}

TEST(StaffForms, TheFormKeepsWhatWasTyped) {
  const std::multimap<std::string, std::string> form = {
      {"applicant", " ABC "},   {"type", "accreditation"},    {"accreditation", "peer <b>"},
      {"expiry-day", "x"},      {"on_update_service", "yes"}, {"request_id", "id-1"},
      {"checked-year", "2026"},
  };
  const CredentialGrantValues v = CredentialGrantValuesFromForm(form);
  EXPECT_EQ(v.applicant, " ABC ");
  EXPECT_EQ(v.type, "accreditation");
  EXPECT_EQ(v.accreditation, "peer <b>");
  EXPECT_EQ(v.expiry_day, "x");
  EXPECT_TRUE(v.on_update_service);
  EXPECT_EQ(v.checked_year, "2026");
  EXPECT_EQ(v.request_id, "id-1");
}

TEST(StaffForms, UpstreamErrorsPointAtTheFormField) {
  CredentialGrantValues v = Enhanced();
  EXPECT_EQ(CredentialGrantFieldOf("applicant", v), "applicant");
  EXPECT_EQ(CredentialGrantFieldOf("credential.kind", v), "type");
  EXPECT_EQ(CredentialGrantFieldOf("credential.issue_date", v), "issue-day");
  EXPECT_EQ(CredentialGrantFieldOf("credential.update_service_checked_date", v), "checked-day");
  EXPECT_EQ(CredentialGrantFieldOf("request_id", v), "");
  v.type = "accreditation";
  EXPECT_EQ(CredentialGrantFieldOf("credential.kind", v), "accreditation");

  const StaffFormError expiry =
      CredentialGrantErrorOf("credential.expiry_date", "must be after today", v);
  EXPECT_EQ(expiry.field, "expiry-day");
  EXPECT_EQ(expiry.message, "Valid until must be after today");
  const StaffFormError checked = CredentialGrantErrorOf(
      "credential.update_service_checked_date", "is required when on_update_service is true", v);
  EXPECT_EQ(checked.message,
            "Date the Update Service was last checked is required when it is on the DBS Update "
            "Service");
  const StaffFormError other = CredentialGrantErrorOf("", "too many credentials", v);
  EXPECT_EQ(other.field, "");
  EXPECT_EQ(other.message, "Too many credentials");
}

}  // namespace
}  // namespace cadre::gateway
