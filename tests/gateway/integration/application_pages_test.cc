// A person's applications in the browser (issue 9), over real HTTP in front of the real
// registry and matching service on a real redis-server: signing in is needed; applying
// shows the screening and posts once however often the form is sent; the application's
// page follows the organisation's moves (over gRPC with the body's key); accepting makes
// a placement whose payment choice the person sets; withdrawing and stepping down are
// confirmed first; a form without its CSRF token changes nothing; another person sees
// none of it.

#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/gateway/integration/gateway_harness.h"
#include "tests/gateway/integration/page_checks.h"
#include "tests/gateway/integration/test_browser.h"

namespace cadre::testing {
namespace {

constexpr char kStatement[] = "I have lived with type 1 diabetes & its <complications> for years.";

// The value of the hidden field `name` on `html`, or "".
std::string HiddenField(const std::string& html, const std::string& name) {
  const std::regex field("name=\"" + name + "\" value=\"([^\"]*)\"");
  std::smatch m;
  return std::regex_search(html, m, field) ? std::string(m[1]) : "";
}

class ApplicationPagesTest : public GatewayTest {
 protected:
  void SetUp() override {
    GatewayTest::SetUp();
    body_key_ = harness_->services().BodyWithKey("RXF", "Royal Example Hospitals NHS Trust",
                                                 cadre::v1::BODY_KIND_TRUST);
    cadre::v1::Role role = MatchingHarness::RoleFor("RXF", 2);
    role.set_title("Patient partner, diabetes board");
    role_ = harness_->services().OpenRole(body_key_, role);
    browser_ = std::make_unique<TestBrowser>(*harness_);
    applicant_ = browser_->SignUp("ada@example.org");
    ASSERT_FALSE(applicant_.empty());
  }

  std::string ApplyPath() const { return absl::StrCat("/", role_, "/apply"); }

  // Applies through the form; returns the application's path ("/applications/abc...").
  std::string ApplyInBrowser() {
    auto form = browser_->Get(ApplyPath());
    EXPECT_TRUE(form);
    if (!form) return "";
    EXPECT_EQ(form->status, 200) << form->body;
    auto res = browser_->PostMultipart(
        ApplyPath(),
        {{"statement", kStatement}, {"request_id", HiddenField(form->body, "request_id")}});
    EXPECT_TRUE(res);
    if (!res) return "";
    EXPECT_EQ(res->status, 303) << res->body;
    const std::string location = res->get_header_value("Location");
    EXPECT_TRUE(absl::EndsWith(location, "?done=submitted")) << location;
    return location.substr(0, location.find('?'));
  }

  // "/applications/abc" → "applications/abc".
  static std::string NameOf(const std::string& path) { return path.substr(1); }

  void BodyMoves(const std::string& path, cadre::v1::ApplicationState to) {
    cadre::v1::Application moved;
    const grpc::Status status = harness_->services().Move(body_key_, NameOf(path), to, &moved);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  // Moves the application through to an offer, as the body.
  void Offer(const std::string& path) {
    BodyMoves(path, cadre::v1::APPLICATION_STATE_ACKNOWLEDGED);
    BodyMoves(path, cadre::v1::APPLICATION_STATE_SHORTLISTED);
    BodyMoves(path, cadre::v1::APPLICATION_STATE_OFFERED);
  }

  std::string body_key_;
  std::string role_;
  std::unique_ptr<TestBrowser> browser_;
  std::string applicant_;
};

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

TEST_F(ApplicationPagesTest, ThePageFollowsTheOrganisationsMoves) {
  const std::string path = ApplyInBrowser();
  ASSERT_FALSE(path.empty());
  BodyMoves(path, cadre::v1::APPLICATION_STATE_ACKNOWLEDGED);
  auto res = browser_->Get(path);
  ASSERT_TRUE(res);
  EXPECT_TRUE(absl::StrContains(res->body, ">Acknowledged</strong>"));
  EXPECT_TRUE(absl::StrContains(res->body, "The body decides whether to shortlist you"));
  BodyMoves(path, cadre::v1::APPLICATION_STATE_SHORTLISTED);
  res = browser_->Get(path);
  ASSERT_TRUE(res);
  EXPECT_TRUE(absl::StrContains(res->body, ">Shortlisted</strong>"));
  BodyMoves(path, cadre::v1::APPLICATION_STATE_OFFERED);
  res = browser_->Get(path);
  ASSERT_TRUE(res);
  ExpectSoundPage(res->body);
  EXPECT_TRUE(absl::StrContains(res->body, ">Offered</strong>"));
  EXPECT_TRUE(absl::StrContains(res->body, "Reply by"));
  EXPECT_TRUE(absl::StrContains(res->body, "Accept the offer"));
  EXPECT_TRUE(absl::StrContains(res->body, "Decline the offer"));
  EXPECT_TRUE(absl::StrContains(res->body, "Who: You"));
  auto list = browser_->Get("/applications");
  ASSERT_TRUE(list);
  EXPECT_TRUE(absl::StrContains(list->body, "Offers waiting for your reply"));
  EXPECT_TRUE(absl::StrContains(list->body, ">Offered</strong>"));
}

TEST_F(ApplicationPagesTest, AnUnsuccessfulApplicationSaysWhyInPlainWords) {
  const std::string path = ApplyInBrowser();
  ASSERT_FALSE(path.empty());
  cadre::v1::Application moved;
  ASSERT_TRUE(harness_->services()
                  .Move(body_key_, NameOf(path), cadre::v1::APPLICATION_STATE_UNSUCCESSFUL, &moved,
                        cadre::v1::UNSUCCESSFUL_REASON_NOT_SHORTLISTED)
                  .ok());
  for (const std::string& page : {path, std::string("/applications")}) {
    auto res = browser_->Get(page);
    ASSERT_TRUE(res);
    EXPECT_TRUE(absl::StrContains(res->body, ">Unsuccessful</strong>")) << page;
    EXPECT_TRUE(absl::StrContains(res->body, "The organisation did not shortlist you")) << page;
  }
  auto res = browser_->Get(path);
  ASSERT_TRUE(res);
  EXPECT_FALSE(absl::StrContains(res->body, "Withdraw application"));
}

TEST_F(ApplicationPagesTest, AcceptingMakesAPlacementWhosePaymentChoiceThePersonSets) {
  const std::string path = ApplyInBrowser();
  ASSERT_FALSE(path.empty());
  Offer(path);
  auto page = browser_->Get(path);
  ASSERT_TRUE(page);
  auto res =
      browser_->Post(absl::StrCat(path, "/accept"), {{"etag", HiddenField(page->body, "etag")}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303);
  EXPECT_EQ(res->get_header_value("Location"), absl::StrCat(path, "?done=accepted"));
  page = browser_->Get(res->get_header_value("Location"));
  ASSERT_TRUE(page);
  ExpectSoundPage(page->body);
  EXPECT_TRUE(absl::StrContains(page->body, ">Accepted</strong>"));
  EXPECT_TRUE(absl::StrContains(page->body, "Your placement"));
  EXPECT_TRUE(absl::StrContains(page->body, ">Active</strong>"));
  EXPECT_TRUE(absl::StrContains(page->body, "How do you want to be paid?"));
  EXPECT_TRUE(absl::StrContains(page->body, "Not chosen yet"));

  res = browser_->Post(absl::StrCat(path, "/payment"), {{"payment", "expenses-only"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303);
  page = browser_->Get(res->get_header_value("Location"));
  ASSERT_TRUE(page);
  EXPECT_TRUE(absl::StrContains(page->body, "Your payment choice has been saved"));
  EXPECT_TRUE(absl::StrContains(
      page->body, "value=\"expenses-only\" aria-describedby=\"payment-2-item-hint\" checked"))
      << page->body;
  res = browser_->Post(absl::StrCat(path, "/payment"), {{"payment", "take-payment"}});
  ASSERT_TRUE(res);
  page = browser_->Get(res->get_header_value("Location"));
  ASSERT_TRUE(page);
  EXPECT_TRUE(absl::StrContains(
      page->body, "value=\"take-payment\" aria-describedby=\"payment-item-hint\" checked"));

  // No choice is the page again with the error at the radios.
  res = browser_->Post(absl::StrCat(path, "/payment"), httplib::Params{});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  ExpectSoundPage(res->body);
  EXPECT_TRUE(absl::StrContains(res->body, "<li><a href=\"#payment\">Select how you want"));

  // The placement is listed.
  auto list = browser_->Get("/applications");
  ASSERT_TRUE(list);
  EXPECT_TRUE(absl::StrContains(list->body, "Your placements"));
  EXPECT_TRUE(absl::StrContains(list->body, "Take the involvement payment"));
}

TEST_F(ApplicationPagesTest, SteppingDownIsConfirmedWithAReason) {
  const std::string path = ApplyInBrowser();
  ASSERT_FALSE(path.empty());
  Offer(path);
  auto page = browser_->Get(path);
  ASSERT_TRUE(page);
  ASSERT_EQ(
      browser_->Post(absl::StrCat(path, "/accept"), {{"etag", HiddenField(page->body, "etag")}})
          ->status,
      303);
  auto confirm = browser_->Get(absl::StrCat(path, "/step-down"));
  ASSERT_TRUE(confirm);
  EXPECT_EQ(confirm->status, 200);
  ExpectSoundPage(confirm->body);
  EXPECT_TRUE(absl::StrContains(confirm->body, "name=\"reason\""));
  auto res = browser_->Post(absl::StrCat(path, "/step-down"),
                            {{"reason", "no"}, {"etag", HiddenField(confirm->body, "etag")}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  ExpectSoundPage(res->body);
  EXPECT_TRUE(absl::StrContains(res->body, "<li><a href=\"#reason\">"));
  res = browser_->Post(
      absl::StrCat(path, "/step-down"),
      {{"reason", "My health has changed."}, {"etag", HiddenField(confirm->body, "etag")}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303);
  EXPECT_EQ(res->get_header_value("Location"), absl::StrCat(path, "?done=stepped-down"));
  page = browser_->Get(res->get_header_value("Location"));
  ASSERT_TRUE(page);
  EXPECT_TRUE(absl::StrContains(page->body, "You have stepped down from this role"));
  EXPECT_TRUE(absl::StrContains(page->body, ">Ended early</strong>"));
  EXPECT_TRUE(absl::StrContains(page->body, "My health has changed."));
  EXPECT_FALSE(absl::StrContains(page->body, "How do you want to be paid?"));
}

TEST_F(ApplicationPagesTest, WithdrawingIsConfirmedFirst) {
  const std::string path = ApplyInBrowser();
  ASSERT_FALSE(path.empty());
  auto page = browser_->Get(path);
  ASSERT_TRUE(page);
  auto confirm =
      browser_->Get(absl::StrCat(path, "/withdraw?etag=", HiddenField(page->body, "etag")));
  ASSERT_TRUE(confirm);
  EXPECT_EQ(confirm->status, 200);
  ExpectSoundPage(confirm->body);
  EXPECT_TRUE(absl::StrContains(confirm->body, "Withdraw your application?"));
  auto res = browser_->Post(absl::StrCat(path, "/withdraw"),
                            {{"etag", HiddenField(confirm->body, "etag")}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303);
  page = browser_->Get(res->get_header_value("Location"));
  ASSERT_TRUE(page);
  EXPECT_TRUE(absl::StrContains(page->body, "Your application has been withdrawn"));
  EXPECT_TRUE(absl::StrContains(page->body, ">Withdrawn</strong>"));
  EXPECT_FALSE(absl::StrContains(page->body, "Withdraw application"));
  // Nothing left to withdraw: the confirmation sends the person back.
  confirm = browser_->Get(absl::StrCat(path, "/withdraw"));
  ASSERT_TRUE(confirm);
  EXPECT_EQ(confirm->status, 303);
}

TEST_F(ApplicationPagesTest, AMoveOnAnOldPageSaysTheApplicationChanged) {
  const std::string path = ApplyInBrowser();
  ASSERT_FALSE(path.empty());
  auto page = browser_->Get(absl::StrCat(path, "/withdraw"));
  ASSERT_TRUE(page);
  const std::string seen = HiddenField(page->body, "etag");
  ASSERT_FALSE(seen.empty());
  BodyMoves(path, cadre::v1::APPLICATION_STATE_ACKNOWLEDGED);
  auto res = browser_->Post(absl::StrCat(path, "/withdraw"), {{"etag", seen}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303);
  EXPECT_EQ(res->get_header_value("Location"), absl::StrCat(path, "?done=changed"));
  page = browser_->Get(res->get_header_value("Location"));
  ASSERT_TRUE(page);
  EXPECT_TRUE(absl::StrContains(page->body, "This application changed"));
  EXPECT_TRUE(absl::StrContains(page->body, ">Acknowledged</strong>"));
}

TEST_F(ApplicationPagesTest, AnotherPersonCannotOpenOrChangeIt) {
  const std::string path = ApplyInBrowser();
  ASSERT_FALSE(path.empty());
  TestBrowser other(*harness_);
  ASSERT_FALSE(other.SignUp("bea@example.org").empty());
  for (const std::string& page : {path, absl::StrCat(path, "/withdraw")}) {
    auto res = other.Get(page);
    ASSERT_TRUE(res);
    EXPECT_TRUE(res->status == 404 || res->status == 403) << page << " " << res->status;
    EXPECT_FALSE(absl::StrContains(res->body, "type 1 diabetes"));
    EXPECT_FALSE(absl::StrContains(res->body, "Patient partner, diabetes board"));
  }
  ASSERT_TRUE(other.Get("/applications"));  // a page of theirs, with their CSRF token
  auto res = other.Post(absl::StrCat(path, "/withdraw"), httplib::Params{});
  ASSERT_TRUE(res);
  EXPECT_TRUE(res->status == 404 || res->status == 403) << res->status;
  EXPECT_EQ(harness_->services().Read(NameOf(path)).state(),
            cadre::v1::APPLICATION_STATE_SUBMITTED);
  auto list = other.Get("/applications");
  ASSERT_TRUE(list);
  EXPECT_FALSE(absl::StrContains(list->body, path));
}

}  // namespace
}  // namespace cadre::testing
