// "Roles for you" and "My credentials" over real HTTP, in a browser that keeps its
// cookies, in front of a real registry and matching service on a real redis-server:
// signed out they send the person to sign in and back; a role matching the person's
// profile is suggested with its reasons, score and screening; the toggle adds the roles
// they are not yet eligible for, with what they lack; a credential a body granted over
// gRPC shows with that body and its expiry, and as revoked once revoked.

#include <gtest/gtest.h>

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/gateway/integration/gateway_harness.h"
#include "tests/gateway/integration/page_checks.h"
#include "tests/gateway/integration/test_browser.h"

namespace cadre::testing {
namespace {

constexpr char kEmail[] = "ada@example.org";
constexpr char kBodyName[] = "Royal Example Hospitals NHS Trust";

class ForYouPagesTest : public GatewayTest {
 protected:
  void SetUp() override {
    GatewayTest::SetUp();
    body_key_ = harness_->services().BodyWithKey("RXF", kBodyName, cadre::v1::BODY_KIND_TRUST);
  }

  // A person signed up over gRPC with SignUpRequestFor's full profile (diabetes, finance,
  // London, hybrid, 8 hours a month; no consent to suggestions), signed in in `browser`.
  std::string SignedIn(TestBrowser& browser) {
    const cadre::v1::SignUpResponse person = harness_->services().SignUp(kEmail);
    const cadre::v1::SignUpRequest request = MatchingHarness::SignUpRequestFor(kEmail);
    EXPECT_FALSE(request.consent().role_suggestions_agreed());
    EXPECT_TRUE(browser.SignIn(kEmail, request.password()));
    return person.applicant().name();
  }

  std::string OpenRole(const std::string& title, const std::string& credential = "") {
    cadre::v1::Role role = MatchingHarness::RoleFor("RXF", 2);
    role.set_title(title);
    if (!credential.empty()) role.add_required_credentials(credential);
    return harness_->services().OpenRole(body_key_, role);
  }

  cadre::v1::Credential Grant(const std::string& applicant, const std::string& kind) {
    cadre::v1::GrantCredentialRequest grant;
    grant.set_applicant(applicant);
    grant.mutable_credential()->set_kind(kind);
    if (absl::StartsWith(kind, "dbs-")) {  // a DBS check's certificate date
      grant.mutable_credential()->mutable_issue_date()->set_year(2026);
      grant.mutable_credential()->mutable_issue_date()->set_month(10);
      grant.mutable_credential()->mutable_issue_date()->set_day(1);
    }
    grant.mutable_credential()->mutable_expiry_date()->set_year(2027);
    grant.mutable_credential()->mutable_expiry_date()->set_month(12);
    grant.mutable_credential()->mutable_expiry_date()->set_day(1);
    cadre::v1::Credential granted;
    const grpc::Status status =
        harness_->services().stub().GrantCredential(CallContext(body_key_).get(), grant, &granted);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return granted;
  }

  std::string body_key_;
};

TEST_F(ForYouPagesTest, SignedOutIsSentToSignInAndBack) {
  for (const char* page : {"/for-you?all=1", "/credentials"}) {
    auto res = harness_->Client()->Get(page);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 303) << page;
    const std::string location = Unescape(res->get_header_value("Location"));
    EXPECT_TRUE(absl::StartsWith(location, "/sign-in?return=")) << location;
    EXPECT_TRUE(absl::StrContains(location, std::string(page).substr(1, 7))) << location;
  }
}

TEST_F(ForYouPagesTest, SuggestsAMatchingRoleWithItsReasons) {
  const std::string role = OpenRole("Patient partner, diabetes programme board");
  TestBrowser browser(*harness_);
  SignedIn(browser);
  auto res = browser.Get("/for-you");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const std::string& html = res->body;
  ExpectSoundPage(html);
  EXPECT_TRUE(absl::StrContains(html, "<h1>Roles for you</h1>"));
  EXPECT_EQ(RoleLinks(html), std::vector<std::string>{absl::StrCat("/", role)});
  EXPECT_TRUE(absl::StrContains(html, "Patient partner, diabetes programme board"));
  EXPECT_TRUE(absl::StrContains(html, kBodyName));
  EXPECT_TRUE(absl::StrContains(html, "Matches your lived experience of diabetes")) << html;
  EXPECT_TRUE(absl::StrContains(html, "you have the time it asks"));
  EXPECT_TRUE(absl::StrContains(html, " out of 100")) << html;
  EXPECT_TRUE(absl::StrContains(html, "You meet all 6 requirements."));
  EXPECT_TRUE(absl::StrContains(html, "You can apply"));
  EXPECT_TRUE(absl::StrContains(html, "How this score is made"));
  EXPECT_TRUE(absl::StrContains(html, "href=\"/for-you\" aria-current=\"page\"")) << "nav";
  EXPECT_TRUE(absl::StrContains(res->get_header_value("Cache-Control"), "no-store"));
}

TEST_F(ForYouPagesTest, TheToggleAddsRolesTheyAreNotYetEligibleForWithWhatTheyLack) {
  OpenRole("Patient partner, diabetes programme board");
  const std::string needs_dbs = OpenRole("Lay member, safeguarding panel", "dbs-enhanced");
  TestBrowser browser(*harness_);
  SignedIn(browser);
  auto eligible_only = browser.Get("/for-you");
  ASSERT_TRUE(eligible_only);
  EXPECT_FALSE(absl::StrContains(eligible_only->body, "Lay member, safeguarding panel"));
  EXPECT_FALSE(absl::StrContains(eligible_only->body, "value=\"1\" checked")) << "toggle off";

  auto all = browser.Get("/for-you?all=1");
  ASSERT_TRUE(all);
  ASSERT_EQ(all->status, 200);
  const std::string& html = all->body;
  ExpectSoundPage(html);
  ASSERT_EQ(RoleLinks(html).size(), 2u) << html;
  EXPECT_EQ(RoleLinks(html)[1], absl::StrCat("/", needs_dbs)) << "eligible ones come first";
  EXPECT_TRUE(absl::StrContains(html, "Not yet eligible"));
  EXPECT_TRUE(absl::StrContains(html, "What you would need"));
  EXPECT_TRUE(absl::StrContains(html, "You need an enhanced DBS check.")) << html;
  EXPECT_TRUE(absl::StrContains(html, "value=\"1\" checked")) << "the toggle stays on";
}

TEST_F(ForYouPagesTest, PagesThroughMoreRoles) {
  for (int i = 0; i < 12; ++i) OpenRole(absl::StrCat("Patient partner ", i));
  TestBrowser browser(*harness_);
  SignedIn(browser);
  auto first = browser.Get("/for-you");
  ASSERT_TRUE(first);
  EXPECT_EQ(RoleLinks(first->body).size(), 10u);
  EXPECT_TRUE(absl::StrContains(first->body, "More roles"));
  const std::string next = RelLink(first->body, "next");
  ASSERT_TRUE(absl::StartsWith(next, "/for-you?page=")) << next;
  auto second = browser.Get(next);
  ASSERT_TRUE(second);
  ASSERT_EQ(second->status, 200) << second->body;
  EXPECT_EQ(RoleLinks(second->body).size(), 2u);
  EXPECT_EQ(RelLink(second->body, "next"), "");
  EXPECT_TRUE(absl::StrContains(second->body, "Back to your best matches"));
}

TEST_F(ForYouPagesTest, WithNothingToSuggestItAsksThemToCompleteTheirProfile) {
  TestBrowser browser(*harness_);
  SignedIn(browser);
  auto res = browser.Get("/for-you");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  ExpectSoundPage(res->body);
  EXPECT_TRUE(absl::StrContains(res->body, "No roles to suggest just now"));
  EXPECT_TRUE(absl::StrContains(res->body, "<a href=\"/profile/edit\">Complete your profile</a>"));
  EXPECT_TRUE(absl::StrContains(res->body, "href=\"/for-you?all=1\""));
}

TEST_F(ForYouPagesTest, ACredentialABodyGrantedShowsWithTheBodyAndItsExpiry) {
  TestBrowser browser(*harness_);
  const std::string applicant = SignedIn(browser);
  auto none = browser.Get("/credentials");
  ASSERT_TRUE(none);
  ASSERT_EQ(none->status, 200);
  ExpectSoundPage(none->body);
  EXPECT_TRUE(absl::StrContains(none->body, "You have no credentials yet."));
  EXPECT_TRUE(absl::StrContains(none->body, "granted by organisations"));

  Grant(applicant, "dbs-enhanced");
  auto res = browser.Get("/credentials");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const std::string& html = res->body;
  ExpectSoundPage(html);
  EXPECT_TRUE(absl::StrContains(html, "<h1>My credentials</h1>"));
  EXPECT_TRUE(absl::StrContains(html, "An enhanced DBS check"));
  EXPECT_TRUE(absl::StrContains(html, kBodyName));
  EXPECT_TRUE(absl::StrContains(html, "Certificate issued"));
  EXPECT_TRUE(absl::StrContains(html, "1 October 2026"));
  EXPECT_TRUE(absl::StrContains(html, "Counts until"));
  EXPECT_TRUE(absl::StrContains(html, "1 December 2027"));
  EXPECT_TRUE(absl::StrContains(html, "nhsuk-tag--green\">Valid<"));
  EXPECT_TRUE(absl::StrContains(html, "Not on the DBS Update Service"));
  EXPECT_TRUE(absl::StrContains(html, "href=\"/credentials\" aria-current=\"page\"")) << "nav";
}

TEST_F(ForYouPagesTest, ARevokedCredentialShowsAsRevokedWithTheReason) {
  TestBrowser browser(*harness_);
  const std::string applicant = SignedIn(browser);
  const cadre::v1::Credential granted = Grant(applicant, "peer-support-accreditation");
  cadre::v1::RevokeCredentialRequest revoke;
  revoke.set_name(granted.name());
  revoke.set_reason("Granted to the wrong person");
  cadre::v1::Credential revoked;
  ASSERT_TRUE(harness_->services()
                  .stub()
                  .RevokeCredential(CallContext(body_key_).get(), revoke, &revoked)
                  .ok());
  auto res = browser.Get("/credentials");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const std::string& html = res->body;
  ExpectSoundPage(html);
  EXPECT_TRUE(absl::StrContains(html, "The accreditation peer support accreditation"));
  EXPECT_TRUE(absl::StrContains(html, "nhsuk-tag--red\">Revoked<"));
  EXPECT_TRUE(absl::StrContains(html,
                                "It was revoked on 2 November 2026: Granted to the wrong "
                                "person"))
      << html;
  EXPECT_FALSE(absl::StrContains(html, "nhsuk-tag--green\">Valid<"));
}

}  // namespace
}  // namespace cadre::testing
