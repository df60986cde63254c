// What happens to an application after it is made, in the browser (issue 9): its page
// follows the organisation's moves (over gRPC with the body's key) and says why it was
// unsuccessful; accepting makes a placement whose payment choice the person sets;
// withdrawing and stepping down are confirmed first; a move on an old page says the
// application changed; another person sees and changes none of it.

#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/gateway/integration/application_pages_fixture.h"
#include "tests/gateway/integration/page_checks.h"

namespace cadre::testing {
namespace {

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
