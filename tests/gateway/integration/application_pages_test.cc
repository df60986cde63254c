// A person's applications in the browser (issue 9), over real HTTP in front of the real
// registry and matching service on a real redis-server: signing in is needed; the apply
// page shows the screening for the one role and what the person lacks; applying posts
// once however often the form is sent; a bad statement is the form again with the error;
// a form without its CSRF token changes nothing.

#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/gateway/integration/application_pages_fixture.h"
#include "tests/gateway/integration/page_checks.h"

namespace cadre::testing {
namespace {

TEST_F(ApplicationPagesTest, SignedOutPagesSendThePersonToSignIn) {
  auto client = harness_->Client();
  for (const std::string& path :
       {std::string("/applications"), ApplyPath(), std::string("/applications/abcdefghijklmnop")}) {
    auto res = client->Get(path.c_str());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 303) << path;
    EXPECT_TRUE(absl::StartsWith(res->get_header_value("Location"), "/sign-in?return="))
        << res->get_header_value("Location");
  }
}

TEST_F(ApplicationPagesTest, TheApplyPageShowsTheScreeningAndTheForm) {
  auto res = browser_->Get(ApplyPath());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  const std::string& html = res->body;
  ExpectSoundPage(html);
  EXPECT_TRUE(absl::StrContains(html, "<h1>Apply: Patient partner, diabetes board</h1>"));
  EXPECT_TRUE(absl::StrContains(html, "Royal Example Hospitals NHS Trust"));
  EXPECT_TRUE(absl::StrContains(html, "You meet all")) << html;
  EXPECT_TRUE(absl::StrContains(html, "nhsuk-list--tick"));
  EXPECT_TRUE(absl::StrContains(html, "How your match score of"));
  EXPECT_TRUE(absl::StrContains(html, "enctype=\"multipart/form-data\""));
  EXPECT_TRUE(absl::StrContains(html, "name=\"statement\""));
  EXPECT_TRUE(absl::StrContains(html, "data-maxlength=\"3000\""));
  EXPECT_TRUE(absl::StrContains(html, "Submit application"));
  EXPECT_FALSE(HiddenField(html, "csrf").empty());
  EXPECT_TRUE(std::regex_match(HiddenField(html, "request_id"), std::regex("[0-9a-f]{32}")));
  EXPECT_EQ(res->get_header_value("Cache-Control"), "private, no-store");
}

TEST_F(ApplicationPagesTest, TheApplyPageSaysWhatThePersonLacks) {
  cadre::v1::Role role = MatchingHarness::RoleFor("RXF", 1);
  role.set_title("Lay member, safeguarding board");
  role.add_required_credentials("dbs-enhanced");
  const std::string dbs_role = harness_->services().OpenRole(body_key_, role);
  auto res = browser_->Get(absl::StrCat("/", dbs_role, "/apply"));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_TRUE(absl::StrContains(res->body, "What you do not meet yet")) << res->body;
  EXPECT_TRUE(absl::StrContains(res->body, "DBS"));
  EXPECT_TRUE(absl::StrContains(res->body, "nhsuk-list--cross"));
  EXPECT_TRUE(absl::StrContains(res->body, "Submit application")) << "they may still apply";
}

TEST_F(ApplicationPagesTest, ARoleNotTakingApplicationsIsNotFound) {
  auto res = browser_->Get("/roles/999999/apply");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  res = browser_->Get("/roles/not-a-number/apply");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
}

TEST_F(ApplicationPagesTest, SubmittingShowsTheApplicationOnceHoweverOftenItIsSent) {
  auto form = browser_->Get(ApplyPath());
  ASSERT_TRUE(form);
  const std::string request_id = HiddenField(form->body, "request_id");
  const httplib::Params fields = {{"statement", kStatement}, {"request_id", request_id}};
  auto first = browser_->PostMultipart(ApplyPath(), fields);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 303) << first->body;
  auto again = browser_->PostMultipart(ApplyPath(), fields);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 303);
  EXPECT_EQ(again->get_header_value("Location"), first->get_header_value("Location"));
  const std::string location = first->get_header_value("Location");
  ASSERT_TRUE(std::regex_match(location, std::regex("/applications/[a-z2-7]{16}\\?done=submitted")))
      << location;

  auto page = browser_->Get(location);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  const std::string& html = page->body;
  ExpectSoundPage(html);
  EXPECT_TRUE(absl::StrContains(html, "nhsuk-notification-banner--success"));
  EXPECT_TRUE(absl::StrContains(html, "Your application has been sent"));
  EXPECT_TRUE(absl::StrContains(html, "<h1>Patient partner, diabetes board</h1>"));
  EXPECT_TRUE(absl::StrContains(html, ">Submitted</strong>"));
  EXPECT_TRUE(absl::StrContains(html, "The body acknowledges your application"));
  EXPECT_TRUE(absl::StrContains(html, "Who: The organisation, by "));
  EXPECT_TRUE(absl::StrContains(html, "To be acknowledged by"));
  EXPECT_TRUE(absl::StrContains(html, "You meet all"));
  EXPECT_TRUE(absl::StrContains(
      html, "I have lived with type 1 diabetes &amp; its &lt;complications&gt; for years."));
  EXPECT_TRUE(absl::StrContains(html, "Withdraw application"));

  // The list has it once, with the count awaiting acknowledgement.
  auto list = browser_->Get("/applications");
  ASSERT_TRUE(list);
  EXPECT_EQ(list->status, 200);
  ExpectSoundPage(list->body);
  EXPECT_EQ(Count(list->body, absl::StrCat("href=\"", location.substr(0, location.find('?')))), 1);
  EXPECT_TRUE(absl::StrContains(list->body, "Waiting for the organisation to acknowledge"));
  EXPECT_TRUE(absl::StrContains(list->body, "<dd class=\"nhsuk-summary-list__value\">1</dd>"));

  // Applying again is the link to this one.
  auto apply = browser_->Get(ApplyPath());
  ASSERT_TRUE(apply);
  EXPECT_TRUE(absl::StrContains(apply->body, "You have already applied for this role"));
  EXPECT_FALSE(absl::StrContains(apply->body, "Submit application"));
}

TEST_F(ApplicationPagesTest, AnEmptyStatementIsTheFormAgainWithTheError) {
  ASSERT_TRUE(browser_->Get(ApplyPath()));
  auto res = browser_->PostMultipart(ApplyPath(), {{"statement", "   "}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  ExpectSoundPage(res->body);
  EXPECT_TRUE(absl::StrContains(res->body, "nhsuk-error-summary"));
  EXPECT_TRUE(absl::StrContains(res->body, "<li><a href=\"#statement\">Enter why you want"));
  EXPECT_TRUE(absl::StrContains(res->body, "<title>Error: "));
  const std::string too_long(3001, 'a');
  res = browser_->PostMultipart(ApplyPath(), {{"statement", too_long}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_TRUE(absl::StrContains(res->body, "3,000 characters or fewer"));
  EXPECT_TRUE(absl::StrContains(res->body, too_long)) << "what was typed is kept";
}

TEST_F(ApplicationPagesTest, AFormWithoutItsCsrfTokenChangesNothing) {
  ASSERT_TRUE(browser_->Get(ApplyPath()));
  auto res = browser_->PostMultipart(ApplyPath(), {{"statement", kStatement}, {"csrf", ""}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  auto list = browser_->Get("/applications");
  ASSERT_TRUE(list);
  EXPECT_TRUE(absl::StrContains(list->body, "You have not applied for any roles yet"));
}

}  // namespace
}  // namespace cadre::testing
