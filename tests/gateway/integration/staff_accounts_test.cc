// Staff accounts in the browser (issue 10): signing in and out at /staff/sign-in, the
// one-time set-up link, staff and applicant sessions kept apart, and the staff sessions'
// own index in the session store.

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/redis_client.h"
#include "services/gateway/sessions/session_store.h"
#include "tests/gateway/integration/page_checks.h"
#include "tests/gateway/integration/staff_fixture.h"

namespace cadre::testing {
namespace {

using StaffAccountsTest = StaffTest;

TEST_F(StaffAccountsTest, SignsInToTheStaffHomeAndOut) {
  TestBrowser browser(*harness_);
  auto form = browser.Get("/staff/sign-in");
  ASSERT_EQ(form->status, 200);
  ExpectSoundPage(form->body);
  auto done =
      browser.Post("/staff/sign-in", {{"email", kManagerEmail}, {"password", kTestPassword}});
  ASSERT_EQ(done->status, 303) << done->body;
  EXPECT_EQ(done->get_header_value("Location"), "/staff");
  auto home = browser.Get("/staff");
  ASSERT_EQ(home->status, 200) << home->body;
  ExpectSoundPage(home->body);
  EXPECT_EQ(home->get_header_value("Cache-Control"), "private, no-store");
  // The header: the body's name, the member and their role, the staff navigation (the
  // Staff section for a manager) and signing out with the session's token.
  EXPECT_TRUE(absl::StrContains(home->body, kStaffBodyName));
  EXPECT_TRUE(absl::StrContains(home->body, "Maya Manager, Manager"));
  for (const char* link :
       {"href=\"/staff/roles\"", "href=\"/staff/placements\"", "href=\"/staff/credentials\"",
        "href=\"/staff/team\"", "href=\"/staff/figures\"", "action=\"/staff/sign-out\""}) {
    EXPECT_TRUE(absl::StrContains(home->body, link)) << link;
  }
  EXPECT_FALSE(absl::StrContains(home->body, "action=\"/sign-out\""));
  // What a manager may do, in words.
  EXPECT_TRUE(absl::StrContains(home->body, "deactivates them"));
  auto out = browser.Post("/staff/sign-out", {});
  ASSERT_EQ(out->status, 303);
  EXPECT_EQ(out->get_header_value("Location"), "/staff/signed-out");
  EXPECT_FALSE(browser.HasSessionCookie());
  auto page = browser.Get("/staff/signed-out");
  EXPECT_TRUE(absl::StrContains(page->body, "You have signed out"));
  // Signed out, the staff home sends them to sign in again, coming back there.
  auto again = browser.Get("/staff");
  EXPECT_EQ(again->status, 303);
  EXPECT_EQ(again->get_header_value("Location"), "/staff/sign-in?return=/staff");
}

TEST_F(StaffAccountsTest, ARecruitersHeaderHasNoStaffSection) {
  const StaffMember recruiter = AddRecruiter();
  auto browser = SignedInBrowser(recruiter);
  auto home = browser->Get("/staff");
  ASSERT_EQ(home->status, 200);
  EXPECT_TRUE(absl::StrContains(home->body, "Rhys Recruiter, Recruiter"));
  EXPECT_FALSE(absl::StrContains(home->body, "href=\"/staff/team\""));
  EXPECT_TRUE(absl::StrContains(home->body, "Cannot manage staff"));
}

TEST_F(StaffAccountsTest, WrongDetailsReadTheSameAndALockSaysSo) {
  TestBrowser browser(*harness_);
  EXPECT_FALSE(SignInStaff(browser, kManagerEmail, "not the password at all"));
  const std::string wrong_password = browser.last_body();
  EXPECT_TRUE(absl::StrContains(wrong_password, "Enter a correct email address and password"));
  EXPECT_TRUE(absl::StrContains(wrong_password, "href=\"#email\""));
  EXPECT_FALSE(SignInStaff(browser, "nobody@rxf.example.nhs.uk", kTestPassword));
  EXPECT_TRUE(absl::StrContains(browser.last_body(), "Enter a correct email address and password"));
  EXPECT_FALSE(browser.HasSessionCookie());
  // An applicant's account of the same address is not a staff account.
  TestBrowser person(*harness_);
  person.SignUp("ada@example.org");
  EXPECT_FALSE(SignInStaff(browser, "ada@example.org", kTestPassword));
  // Failing again and again locks the address, and the page says so.
  int status = 0;
  for (int i = 0; i < 40 && status != 429; ++i) {
    browser.Get("/staff/sign-in");
    auto res =
        browser.Post("/staff/sign-in", {{"email", kManagerEmail}, {"password", "wrong wrong"}});
    ASSERT_TRUE(res);
    status = res->status;
  }
  ASSERT_EQ(status, 429) << "never locked";
  EXPECT_TRUE(absl::StrContains(browser.last_body(), "Too many attempts to sign in"));
  // Locked, the right password does not sign in either.
  EXPECT_FALSE(SignInStaff(browser, kManagerEmail, kTestPassword));
  EXPECT_TRUE(absl::StrContains(browser.last_body(), "Too many attempts to sign in"));
}

TEST_F(StaffAccountsTest, FormsWithoutTheirTokenAreRefused) {
  TestBrowser browser(*harness_);
  browser.Get("/staff/sign-in");
  auto forged = browser.Post("/staff/sign-in",
                             {{"email", kManagerEmail}, {"password", kTestPassword}, {"csrf", ""}});
  EXPECT_EQ(forged->status, 403);
  EXPECT_FALSE(browser.HasSessionCookie());
  ASSERT_TRUE(SignInStaff(browser, kManagerEmail));
  browser.Get("/staff");
  auto no_token = browser.Post("/staff/sign-out", {{"csrf", "x"}});
  EXPECT_EQ(no_token->status, 403);
  EXPECT_TRUE(absl::StrContains(no_token->body, "nothing was changed"));
  auto still = browser.Get("/staff");
  EXPECT_EQ(still->status, 200);
}

TEST_F(StaffAccountsTest, TheSetUpLinkWorksOnceAndSignsIn) {
  cadre::v1::CreateStaffResponse created;
  ASSERT_TRUE(
      CreateStaff("Nia New", "nia.new@rxf.example.nhs.uk", cadre::v1::STAFF_ROLE_VIEWER, &created)
          .ok());
  const std::string path = absl::StrCat("/staff/set-password/", created.setup().setup_token());
  TestBrowser browser(*harness_);
  auto form = browser.Get(path);
  ASSERT_EQ(form->status, 200) << form->body;
  ExpectSoundPage(form->body);
  // The address holds a secret: not indexed, never sent on as a Referer.
  EXPECT_TRUE(absl::StrContains(form->body, "<meta name=\"robots\" content=\"noindex\">"));
  EXPECT_EQ(form->get_header_value("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(form->get_header_value("X-Robots-Tag"), "noindex");
  EXPECT_EQ(form->get_header_value("Cache-Control"), "private, no-store");
  // The password twice: they must match, and nothing is spent until they do.
  auto mismatch = browser.Post(
      path, {{"password", kTestPassword}, {"password_confirm", "correct horse battery stapler"}});
  EXPECT_EQ(mismatch->status, 400);
  EXPECT_TRUE(absl::StrContains(mismatch->body, "href=\"#password_confirm\""));
  ExpectSoundPage(mismatch->body);
  auto done =
      browser.Post(path, {{"password", kTestPassword}, {"password_confirm", kTestPassword}});
  ASSERT_EQ(done->status, 303) << done->body;
  EXPECT_EQ(done->get_header_value("Location"), "/staff?done=welcome");
  auto home = browser.Get("/staff?done=welcome");
  ASSERT_EQ(home->status, 200);
  EXPECT_TRUE(absl::StrContains(home->body, "Your password is set"));
  EXPECT_TRUE(absl::StrContains(home->body, "Nia New, Viewer"));
  // Used once, the link works no more, and says whom to ask.
  TestBrowser other(*harness_);
  auto used = other.Get(path);
  auto again = other.Post(
      path, {{"password", "another long password"}, {"password_confirm", "another long password"}});
  EXPECT_EQ(again->status, 404) << again->body;
  EXPECT_TRUE(absl::StrContains(again->body, "Ask a manager"));
  EXPECT_FALSE(other.HasSessionCookie());
  // A malformed token is the same page at once.
  auto junk = other.Get("/staff/set-password/not-a-token");
  EXPECT_EQ(junk->status, 404);
  EXPECT_TRUE(absl::StrContains(junk->body, "Ask a manager"));
  (void)used;
}

TEST_F(StaffAccountsTest, ANewLinkRetiresTheOldOne) {
  cadre::v1::CreateStaffResponse created;
  ASSERT_TRUE(
      CreateStaff("Omar Old", "omar@rxf.example.nhs.uk", cadre::v1::STAFF_ROLE_RECRUITER, &created)
          .ok());
  cadre::v1::IssueStaffSetupLinkRequest issue;
  issue.set_name(created.staff().name());
  cadre::v1::StaffSetupLink fresh;
  ASSERT_TRUE(registry().IssueStaffSetupLink(CallContext(body_key_).get(), issue, &fresh).ok());
  TestBrowser browser(*harness_);
  const std::string old_path = absl::StrCat("/staff/set-password/", created.setup().setup_token());
  browser.Get(old_path);
  auto old =
      browser.Post(old_path, {{"password", kTestPassword}, {"password_confirm", kTestPassword}});
  EXPECT_EQ(old->status, 404);
  EXPECT_TRUE(absl::StrContains(old->body, "Ask a manager"));
  const std::string new_path = absl::StrCat("/staff/set-password/", fresh.setup_token());
  browser.Get(new_path);
  auto done =
      browser.Post(new_path, {{"password", kTestPassword}, {"password_confirm", kTestPassword}});
  EXPECT_EQ(done->status, 303) << done->body;
}

TEST_F(StaffAccountsTest, ApplicantAndStaffSessionsStayApart) {
  // A person signed in as an applicant cannot open the staff pages: sign in as staff.
  TestBrowser person(*harness_);
  person.SignUp("ada@example.org");
  auto staff_home = person.Get("/staff");
  EXPECT_EQ(staff_home->status, 303);
  EXPECT_EQ(staff_home->get_header_value("Location"), "/staff/sign-in?return=/staff");
  auto still_person = person.Get("/applications");
  EXPECT_EQ(still_person->status, 200) << "their own session is kept";
  // A staff member cannot open a person's pages with their staff session.
  auto staff = SignedInBrowser(manager_);
  auto applications = staff->Get("/applications");
  EXPECT_EQ(applications->status, 303);
  EXPECT_TRUE(absl::StartsWith(applications->get_header_value("Location"), "/sign-in"));
  auto profile = staff->Get("/profile");
  EXPECT_EQ(profile->status, 303);
  EXPECT_EQ(staff->Get("/staff")->status, 200) << "their own session is kept";
  // A public page in a staff session shows the staff header, privately.
  auto map = staff->Get("/map");
  ASSERT_EQ(map->status, 200);
  EXPECT_TRUE(absl::StrContains(map->body, "action=\"/staff/sign-out\""));
  EXPECT_EQ(map->get_header_value("Cache-Control"), "private, no-store");
  // Signing in as staff in the person's browser ends the person's session. (The sign-in
  // form's own token is the form cookie's; the header's sign-out form, first on the page,
  // carries the person's session token.)
  person.Get("/staff/sign-in");
  auto signed_in = person.Post("/staff/sign-in", {{"email", kManagerEmail},
                                                  {"password", kTestPassword},
                                                  {"csrf", person.cookie("cadre_form")}});
  ASSERT_EQ(signed_in->status, 303) << signed_in->body;
  EXPECT_EQ(person.Get("/applications")->status, 303);
  EXPECT_EQ(person.Get("/staff")->status, 200);
}

TEST_F(StaffAccountsTest, EveryStaffSessionOfAMemberEndsAtOnce) {
  // The session store's index of a member's sessions (gateway:sessions-of:staff:<id>).
  auto first = SignedInBrowser(manager_);
  auto second = SignedInBrowser(manager_);
  const std::string id = manager_.name.substr(manager_.name.rfind('/') + 1);
  RedisClient redis(redis_->options());
  auto members = redis.Command({"SCARD", absl::StrCat("gateway:sessions-of:staff:", id)});
  ASSERT_TRUE(members.ok());
  EXPECT_EQ(members->integer, 2);
  auto seal = gateway::SessionSeal::Parse(kTestSessionKey);
  ASSERT_TRUE(seal.ok());
  gateway::SessionStore store(&redis, *std::move(seal), &harness_->services().clock(), {});
  ASSERT_TRUE(store.EndEvery(manager_.name).ok());
  EXPECT_EQ(first->Get("/staff")->status, 303);
  EXPECT_EQ(second->Get("/staff")->status, 303);
  EXPECT_EQ(store.EndEvery("bodies/RXF/staff/").code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace cadre::testing
