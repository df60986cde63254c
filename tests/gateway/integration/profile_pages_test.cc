// A person's profile in the browser (issue 9), through the real gateway, registry and
// matching service on a real redis-server: every field edited and shown, a refused field
// named, equality monitoring, email and password changes, the download of their data,
// deleting the account, and forms without their token refused.

#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "absl/strings/match.h"
#include "nlohmann/json.hpp"
#include "tests/gateway/integration/gateway_harness.h"
#include "tests/gateway/integration/page_checks.h"
#include "tests/gateway/integration/test_browser.h"

namespace cadre::testing {
namespace {

using ProfilePagesTest = GatewayTest;

// The etag hidden field of the edit form.
std::string EtagOf(const std::string& html) {
  std::smatch m;
  return std::regex_search(html, m, std::regex("name=\"etag\" value=\"([^\"]*)\"")) ? m[1].str()
                                                                                    : "";
}

// Every field of the edit form, filled in.
httplib::Params FullProfile(const std::string& etag) {
  return {{"etag", etag},
          {"display_name", "Ann Patel"},
          {"date_of_birth-day", "31"},
          {"date_of_birth-month", "3"},
          {"date_of_birth-year", "1980"},
          {"region", "north-west"},
          {"lived_experience", "Type 1 Diabetes, maternity"},
          {"skills", "chairing, Data Analysis"},
          {"expertise", "finance"},
          {"access_needs", "BSL interpreter"},
          {"availability_hours_per_month", "12"},
          {"max_concurrent_roles", "3"},
          {"access_needs_note", "Mornings are best for me"},
          {"attendance", "in-person"},
          {"interest-0-body", "rxf"},
          {"interest-0-kind", "works-for"},
          {"interest-0-note", "Nurse on ward 4"},
          {"role_suggestions", "yes"}};
}

bool Has(const httplib::Result& page, const std::string& text) {
  return absl::StrContains(Unescape(page->body), text);
}

TEST_F(ProfilePagesTest, SignedOutTheProfileAsksToSignIn) {
  TestBrowser browser(*harness_);
  auto page = browser.Get("/profile");
  ASSERT_EQ(page->status, 303);
  EXPECT_EQ(page->get_header_value("Location"), "/sign-in?return=/profile");
}

TEST_F(ProfilePagesTest, EveryFieldEditedIsShownOnTheProfile) {
  TestBrowser browser(*harness_);
  browser.SignUp("ann@example.org");
  auto form = browser.Get("/profile/edit");
  ASSERT_EQ(form->status, 200);
  ExpectSoundPage(form->body);
  EXPECT_TRUE(absl::StrContains(form->body, "enctype=\"multipart/form-data\""));
  auto saved = browser.PostMultipart("/profile/edit", FullProfile(EtagOf(form->body)));
  ASSERT_EQ(saved->status, 303) << saved->body;
  EXPECT_EQ(saved->get_header_value("Location"), "/profile?done=saved");
  auto profile = browser.Get("/profile?done=saved");
  ASSERT_EQ(profile->status, 200);
  ExpectSoundPage(profile->body);
  EXPECT_EQ(profile->get_header_value("Cache-Control"), "private, no-store");
  for (const char* shown :
       {"Your profile has been saved.", "Ann Patel", "31 March 1980", "North West",
        "type 1 diabetes, maternity", "chairing, data analysis", "finance", "12 hours a month",
        "Up to 3 roles", "bsl interpreter", "Mornings are best for me", "In person",
        "RXF: I work for it or am contracted to it (Nurse on ward 4)",
        "Yes: organisations may tell you about roles", "ann@example.org"}) {
    EXPECT_TRUE(Has(profile, shown)) << shown;
  }
  // The form shows what was saved; the interest can be removed from it.
  form = browser.Get("/profile/edit");
  EXPECT_TRUE(absl::StrContains(form->body, "value=\"type-1-diabetes, maternity\""));
  EXPECT_TRUE(absl::StrContains(form->body, "name=\"interest-0-remove\""));
  httplib::Params again = FullProfile(EtagOf(form->body));
  again.emplace("interest-0-existing", "yes");
  again.emplace("interest-0-remove", "yes");
  again.erase("role_suggestions");
  ASSERT_EQ(browser.PostMultipart("/profile/edit", again)->status, 303);
  profile = browser.Get("/profile");
  EXPECT_TRUE(Has(profile, "None declared"));
  EXPECT_FALSE(Has(profile, "Nurse on ward 4"));
  EXPECT_FALSE(Has(profile, "Yes: organisations may tell you about roles"));
}

TEST_F(ProfilePagesTest, ARefusedFieldIsNamedAndNothingChanges) {
  TestBrowser browser(*harness_);
  browser.SignUp("bo@example.org");
  auto form = browser.Get("/profile/edit");
  httplib::Params fields = FullProfile(EtagOf(form->body));
  fields.find("display_name")->second = "A";  // matching wants 2 to 80 characters
  auto refused = browser.PostMultipart("/profile/edit", fields);
  ASSERT_EQ(refused->status, 400);
  ExpectSoundPage(refused->body);
  EXPECT_TRUE(absl::StrContains(refused->body, "<a href=\"#display_name\">Your name must be 2 to"))
      << refused->body;
  EXPECT_TRUE(absl::StrContains(refused->body, "value=\"Type 1 Diabetes, maternity\""));  // kept
  EXPECT_TRUE(absl::StrContains(refused->body, "<title>Error: "));
  // What the gateway itself cannot read is named the same way.
  fields.find("display_name")->second = "Bo Smith";
  fields.find("availability_hours_per_month")->second = "lots";
  auto unread = browser.PostMultipart("/profile/edit", fields);
  ASSERT_EQ(unread->status, 400);
  EXPECT_TRUE(absl::StrContains(unread->body, "href=\"#availability_hours_per_month\""));
  auto profile = browser.Get("/profile");
  EXPECT_TRUE(Has(profile, "Test Person"));
  EXPECT_FALSE(Has(profile, "Ann Patel"));
  EXPECT_FALSE(Has(profile, "Bo Smith"));
  // A form from before a change elsewhere is not saved over it.
  const std::string stale = EtagOf(browser.Get("/profile/edit")->body);
  ASSERT_EQ(browser.PostMultipart("/profile/edit", FullProfile(stale))->status, 303);
  fields = FullProfile(stale);
  fields.find("display_name")->second = "Stale Name";
  auto conflict = browser.PostMultipart("/profile/edit", fields);
  EXPECT_EQ(conflict->status, 409);
  EXPECT_TRUE(Has(conflict, "Your profile changed elsewhere"));
  EXPECT_TRUE(absl::StrContains(conflict->body, "value=\"Ann Patel\""));  // shown fresh
}

TEST_F(ProfilePagesTest, EqualityMonitoringIsSetAndRemoved) {
  TestBrowser browser(*harness_);
  browser.SignUp("cat@example.org");
  auto page = browser.Get("/profile/equality");
  ASSERT_EQ(page->status, 200);
  ExpectSoundPage(page->body);
  EXPECT_TRUE(Has(page, "You do not have to answer any of them"));
  EXPECT_TRUE(Has(page, "Organisations never see your answers"));
  auto saved = browser.Post(
      "/profile/equality",
      {{"age_band", "35-44"}, {"religion", "prefer-not-to-say"}, {"sex", ""}, {"action", "save"}});
  ASSERT_EQ(saved->status, 303);
  EXPECT_EQ(saved->get_header_value("Location"), "/profile?done=equality");
  EXPECT_TRUE(Has(browser.Get("/profile"), "2 of 8 questions answered"));
  page = browser.Get("/profile/equality");
  EXPECT_TRUE(absl::StrContains(page->body, "value=\"35-44\" checked"));
  EXPECT_TRUE(absl::StrContains(
      page->body, "name=\"religion\" type=\"radio\" value=\"prefer-not-to-say\" checked"));
  auto cleared = browser.Post("/profile/equality", {{"age_band", "35-44"}, {"action", "clear"}});
  ASSERT_EQ(cleared->status, 303);
  EXPECT_EQ(cleared->get_header_value("Location"), "/profile?done=equality-removed");
  EXPECT_TRUE(Has(browser.Get("/profile"), "You have not answered any questions"));
}

TEST_F(ProfilePagesTest, ChangingTheEmailChangesHowThePersonSignsIn) {
  TestBrowser browser(*harness_);
  browser.SignUp("dan@example.org");
  TestBrowser elsewhere(*harness_);
  ASSERT_TRUE(elsewhere.SignIn("dan@example.org"));
  ExpectSoundPage(browser.Get("/profile/email")->body);
  auto wrong = browser.Post("/profile/email", {{"new_email", "dan.new@example.org"},
                                               {"current_password", "not my password"}});
  ASSERT_EQ(wrong->status, 400);
  EXPECT_TRUE(absl::StrContains(wrong->body, "href=\"#current_password\""));
  EXPECT_TRUE(absl::StrContains(wrong->body, "value=\"dan.new@example.org\""));
  auto changed = browser.Post("/profile/email", {{"new_email", "dan.new@example.org"},
                                                 {"current_password", kTestPassword}});
  ASSERT_EQ(changed->status, 303) << changed->body;
  EXPECT_EQ(changed->get_header_value("Location"), "/profile?done=email");
  EXPECT_TRUE(Has(browser.Get("/profile"), "dan.new@example.org"));
  // Signed out everywhere else at once.
  auto there = elsewhere.Get("/profile");
  ASSERT_EQ(there->status, 303);
  EXPECT_TRUE(absl::StartsWith(there->get_header_value("Location"), "/sign-in"));
  TestBrowser other(*harness_);
  EXPECT_FALSE(other.SignIn("dan@example.org"));
  EXPECT_TRUE(other.SignIn("dan.new@example.org"));
}

TEST_F(ProfilePagesTest, ChangingThePasswordSignsOutEverywhereElse) {
  TestBrowser browser(*harness_);
  browser.SignUp("eve@example.org");
  TestBrowser elsewhere(*harness_);
  ASSERT_TRUE(elsewhere.SignIn("eve@example.org"));
  ASSERT_EQ(elsewhere.Get("/profile")->status, 200);
  ExpectSoundPage(browser.Get("/profile/password")->body);
  const std::string fresh = "a brand new passphrase here";
  auto mismatch = browser.Post("/profile/password", {{"current_password", kTestPassword},
                                                     {"new_password", fresh},
                                                     {"confirm_password", "something else"}});
  ASSERT_EQ(mismatch->status, 400);
  EXPECT_TRUE(absl::StrContains(mismatch->body, "href=\"#confirm_password\""));
  EXPECT_FALSE(absl::StrContains(mismatch->body, fresh));  // passwords are never echoed
  const std::string before = browser.cookie("cadre_session");
  auto changed = browser.Post(
      "/profile/password",
      {{"current_password", kTestPassword}, {"new_password", fresh}, {"confirm_password", fresh}});
  ASSERT_EQ(changed->status, 303) << changed->body;
  EXPECT_EQ(changed->get_header_value("Location"), "/profile?done=password");
  EXPECT_NE(browser.cookie("cadre_session"), before);  // a new session, a new cookie
  auto here = browser.Get("/profile?done=password");
  ASSERT_EQ(here->status, 200);
  EXPECT_TRUE(Has(here, "signed out everywhere else"));
  auto there = elsewhere.Get("/profile");
  ASSERT_EQ(there->status, 303);
  EXPECT_TRUE(absl::StartsWith(there->get_header_value("Location"), "/sign-in"));
  TestBrowser later(*harness_);
  EXPECT_FALSE(later.SignIn("eve@example.org"));
  EXPECT_TRUE(later.SignIn("eve@example.org", fresh));
}

TEST_F(ProfilePagesTest, TheDownloadIsTheirDataAsAFile) {
  TestBrowser browser(*harness_);
  const std::string applicant = browser.SignUp("fay@example.org");
  browser.Get("/profile");
  auto file = browser.Post("/profile/download", {});
  ASSERT_EQ(file->status, 200) << file->body;
  EXPECT_EQ(file->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(file->get_header_value("Content-Disposition"),
            "attachment; filename=\"cadre-my-data.json\"");
  EXPECT_EQ(file->get_header_value("Cache-Control"), "no-store");
  const nlohmann::json data = nlohmann::json::parse(file->body, nullptr, false);
  ASSERT_FALSE(data.is_discarded()) << file->body;
  EXPECT_TRUE(absl::StartsWith(applicant, "applicants/")) << applicant;
  EXPECT_TRUE(absl::StrContains(file->body, applicant));
  EXPECT_TRUE(absl::StrContains(file->body, "fay@example.org"));
  // Only from the person's own page.
  EXPECT_EQ(browser.Post("/profile/download", {{"csrf", ""}})->status, 403);
}

TEST_F(ProfilePagesTest, DeletingTheAccountSignsOutEverywhereAndForGood) {
  TestBrowser browser(*harness_);
  browser.SignUp("gus@example.org");
  TestBrowser elsewhere(*harness_);
  ASSERT_TRUE(elsewhere.SignIn("gus@example.org"));
  auto page = browser.Get("/profile/delete");
  ASSERT_EQ(page->status, 200);
  ExpectSoundPage(page->body);
  EXPECT_TRUE(Has(page, "own records policy"));
  auto unticked = browser.Post("/profile/delete", {});
  ASSERT_EQ(unticked->status, 400);
  EXPECT_TRUE(absl::StrContains(unticked->body, "href=\"#confirm\""));
  ASSERT_EQ(browser.Get("/profile")->status, 200);  // still there
  auto deleted = browser.Post("/profile/delete", {{"confirm", "yes"}});
  ASSERT_EQ(deleted->status, 303) << deleted->body;
  EXPECT_EQ(deleted->get_header_value("Location"), "/account-deleted");
  EXPECT_FALSE(browser.HasSessionCookie());
  auto done = browser.Get("/account-deleted");
  ASSERT_EQ(done->status, 200);
  ExpectSoundPage(done->body);
  auto there = elsewhere.Get("/profile");
  ASSERT_EQ(there->status, 303);
  EXPECT_TRUE(absl::StartsWith(there->get_header_value("Location"), "/sign-in"));
  TestBrowser later(*harness_);
  EXPECT_FALSE(later.SignIn("gus@example.org"));
}

TEST_F(ProfilePagesTest, FormsWithoutTheirTokenChangeNothing) {
  TestBrowser browser(*harness_);
  browser.SignUp("hal@example.org");
  auto form = browser.Get("/profile/edit");
  httplib::Params fields = FullProfile(EtagOf(form->body));
  fields.emplace("csrf", "");
  EXPECT_EQ(browser.PostMultipart("/profile/edit", fields)->status, 403);
  EXPECT_EQ(browser.Post("/profile/equality", {{"age_band", "35-44"}, {"csrf", "forged"}})->status,
            403);
  EXPECT_EQ(browser
                .Post("/profile/email", {{"new_email", "hal.new@example.org"},
                                         {"current_password", kTestPassword},
                                         {"csrf", ""}})
                ->status,
            403);
  EXPECT_EQ(browser.Post("/profile/delete", {{"confirm", "yes"}, {"csrf", ""}})->status, 403);
  auto profile = browser.Get("/profile");
  ASSERT_EQ(profile->status, 200);
  EXPECT_TRUE(Has(profile, "Test Person"));
  EXPECT_TRUE(Has(profile, "hal@example.org"));
  EXPECT_TRUE(Has(profile, "You have not answered any questions"));
}

}  // namespace
}  // namespace cadre::testing
