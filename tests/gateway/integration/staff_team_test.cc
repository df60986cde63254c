// The team pages and the figures in the browser (issue 10): a manager adds a recruiter
// and a viewer and hands on their set-up links, changes a role, deactivates; the
// registry, not the page, refuses a recruiter; each body sees only its own staff; the
// figures page shows counts under 5 as "<5".

#include <gtest/gtest.h>

#include <regex>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/gateway/integration/page_checks.h"
#include "tests/gateway/integration/staff_fixture.h"

namespace cadre::testing {
namespace {

using StaffTeamTest = StaffTest;

// The value of the hidden field `name` on `html`, or "".
std::string Hidden(const std::string& html, const std::string& name) {
  const std::regex field("name=\"" + name + "\" value=\"([^\"]*)\"");
  std::smatch m;
  return std::regex_search(html, m, field) ? std::string(m[1]) : "";
}

// The set-up link's path on a page ("/staff/set-password/<token>"), or "".
std::string SetupPath(const std::string& html) {
  static const std::regex link("(/staff/set-password/[A-Za-z0-9_-]{43})");
  std::smatch m;
  return std::regex_search(html, m, link) ? std::string(m[1]) : "";
}

// "/staff/team/<id>" of a member's name.
std::string MemberPath(const StaffMember& member) {
  return absl::StrCat("/staff/team/", member.name.substr(member.name.rfind('/') + 1));
}

int StaffCount(cadre::v1::Registry::Stub& registry, const std::string& body_key) {
  cadre::v1::ListStaffRequest list;
  list.set_parent(absl::StrCat("bodies/", kStaffBodyCode));
  list.set_include_deactivated(true);
  list.set_page_size(200);
  cadre::v1::ListStaffResponse answer;
  const grpc::Status status = registry.ListStaff(CallContext(body_key).get(), list, &answer);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return answer.staff_size();
}

TEST_F(StaffTeamTest, AManagerAddsARecruiterAndAViewerWhoSetThemselvesUp) {
  auto manager = SignedInBrowser(manager_);
  for (const auto& [name, email, role, label] :
       {std::tuple<std::string, std::string, std::string, std::string>{
            "Rhys Recruiter", "rhys@rxf.example.nhs.uk", "recruiter", "Recruiter"},
        {"Vera Viewer", "vera@rxf.example.nhs.uk", "viewer", "Viewer"}}) {
    auto form = manager->Get("/staff/team/new");
    ASSERT_EQ(form->status, 200) << form->body;
    ExpectSoundPage(form->body);
    // Each role with what it means, beside its radio.
    EXPECT_TRUE(absl::StrContains(form->body, "Cannot manage staff"));
    EXPECT_TRUE(absl::StrContains(form->body, "cannot change anything"));
    const std::string request_id = Hidden(form->body, "request_id");
    ASSERT_FALSE(request_id.empty());
    const httplib::Params fields = {
        {"display_name", name}, {"email", email}, {"role", role}, {"request_id", request_id}};
    auto added = manager->Post("/staff/team/new", fields);
    ASSERT_EQ(added->status, 200) << added->body;
    ExpectSoundPage(added->body);
    EXPECT_EQ(added->get_header_value("Cache-Control"), "private, no-store");
    EXPECT_TRUE(absl::StrContains(added->body, "Pass it on securely"));
    const std::string path = SetupPath(added->body);
    ASSERT_FALSE(path.empty()) << added->body;
    // The whole link, at the gateway's public address, with its expiry.
    EXPECT_TRUE(absl::StrContains(added->body, harness_->options().public_url + path));
    EXPECT_TRUE(absl::StrContains(added->body, "only until"));
    // Posted again (a reload), the same request id makes no second account.
    const int before = StaffCount(registry(), body_key_);
    auto again = manager->Post("/staff/team/new", fields);
    EXPECT_EQ(again->status, 200) << again->body;
    EXPECT_EQ(StaffCount(registry(), body_key_), before);
    const std::string fresh_path = SetupPath(again->body);
    // They set their password through the (latest) link and are signed in with their role.
    TestBrowser member(*harness_);
    member.Get(fresh_path);
    auto set =
        member.Post(fresh_path, {{"password", kTestPassword}, {"password_confirm", kTestPassword}});
    ASSERT_EQ(set->status, 303) << set->body;
    auto home = member.Get("/staff");
    EXPECT_TRUE(absl::StrContains(home->body, absl::StrCat(name, ", ", label))) << home->body;
  }
  auto team = manager->Get("/staff/team");
  ASSERT_EQ(team->status, 200) << team->body;
  ExpectSoundPage(team->body);
  for (const char* text : {"Maya Manager", "Rhys Recruiter", "rhys@rxf.example.nhs.uk",
                           "Vera Viewer", "Recruiter", "Viewer", "Active"}) {
    EXPECT_TRUE(absl::StrContains(team->body, text)) << text;
  }
}

TEST_F(StaffTeamTest, AFormErrorNamesItsField) {
  auto manager = SignedInBrowser(manager_);
  manager->Get("/staff/team/new");
  auto bad = manager->Post("/staff/team/new",
                           {{"display_name", "Al"}, {"email", "not an email"}, {"role", "viewer"}});
  EXPECT_EQ(bad->status, 400) << bad->body;
  EXPECT_TRUE(absl::StrContains(bad->body, "href=\"#email\"")) << bad->body;
  EXPECT_TRUE(absl::StrContains(bad->body, "value=\"Al\""));
  auto no_role = manager->Post("/staff/team/new",
                               {{"display_name", "Alys"}, {"email", "alys@rxf.example.nhs.uk"}});
  EXPECT_EQ(no_role->status, 400);
  EXPECT_TRUE(absl::StrContains(no_role->body, "href=\"#role\""));
  ExpectSoundPage(no_role->body);
}

TEST_F(StaffTeamTest, AChangeOfRoleSignsTheMemberOutAndTheirNewKeyCarriesIt) {
  const StaffMember recruiter = AddRecruiter();
  auto member = SignedInBrowser(recruiter);
  ASSERT_EQ(member->Get("/staff")->status, 200);
  auto manager = SignedInBrowser(manager_);
  auto page = manager->Get(MemberPath(recruiter));
  ASSERT_EQ(page->status, 200) << page->body;
  ExpectSoundPage(page->body);
  const std::string etag = Hidden(page->body, "etag");
  ASSERT_FALSE(etag.empty());
  auto changed = manager->Post(absl::StrCat(MemberPath(recruiter), "/role"),
                               {{"role", "viewer"}, {"etag", etag}});
  ASSERT_EQ(changed->status, 303) << changed->body;
  EXPECT_EQ(changed->get_header_value("Location"),
            absl::StrCat(MemberPath(recruiter), "?done=role"));
  auto done = manager->Get(changed->get_header_value("Location"));
  EXPECT_TRUE(absl::StrContains(done->body, "Their role is changed"));
  // The member's next page asks them to sign in; signed in again, they are a viewer.
  auto next = member->Get("/staff");
  EXPECT_EQ(next->status, 303);
  EXPECT_TRUE(absl::StartsWith(next->get_header_value("Location"), "/staff/sign-in"));
  ASSERT_TRUE(SignInStaff(*member, recruiter.email));
  EXPECT_TRUE(absl::StrContains(member->Get("/staff")->body, "Rhys Recruiter, Viewer"));
  // The old etag is stale now: the page says so and changes nothing.
  auto stale = manager->Post(absl::StrCat(MemberPath(recruiter), "/role"),
                             {{"role", "manager"}, {"etag", etag}});
  EXPECT_EQ(stale->status, 409) << stale->body;
  EXPECT_TRUE(absl::StrContains(stale->body, "Someone changed this account"));
}

TEST_F(StaffTeamTest, DeactivationEndsTheMembersSessionsAndSignIns) {
  const StaffMember viewer = AddViewer();
  auto member = SignedInBrowser(viewer);
  ASSERT_EQ(member->Get("/staff")->status, 200);
  auto manager = SignedInBrowser(manager_);
  auto confirm = manager->Get(absl::StrCat(MemberPath(viewer), "/deactivate"));
  ASSERT_EQ(confirm->status, 200) << confirm->body;
  ExpectSoundPage(confirm->body);
  EXPECT_TRUE(absl::StrContains(confirm->body, "cannot be undone"));
  auto done = manager->Post(absl::StrCat(MemberPath(viewer), "/deactivate"),
                            {{"etag", Hidden(confirm->body, "etag")}});
  ASSERT_EQ(done->status, 303) << done->body;
  EXPECT_EQ(done->get_header_value("Location"), "/staff/team?done=deactivated");
  auto next = member->Get("/staff/figures");
  EXPECT_EQ(next->status, 303);
  EXPECT_EQ(next->get_header_value("Location"), "/staff/sign-in?return=/staff/figures");
  EXPECT_FALSE(SignInStaff(*member, viewer.email));
  // Listed only when asked for.
  EXPECT_FALSE(absl::StrContains(manager->Get("/staff/team")->body, "Vera Viewer"));
  auto all = manager->Get("/staff/team?show=all");
  EXPECT_TRUE(absl::StrContains(all->body, "Vera Viewer"));
  EXPECT_TRUE(absl::StrContains(all->body, "Deactivated"));
}

TEST_F(StaffTeamTest, TheRegistryRefusesARecruitersStaffManagement) {
  const StaffMember recruiter = AddRecruiter();
  auto browser = SignedInBrowser(recruiter);
  auto team = browser->Get("/staff/team");
  EXPECT_EQ(team->status, 403) << team->body;
  const int before = StaffCount(registry(), body_key_);
  // The form posted by hand, with a good token: the registry says no, nothing is made.
  browser->Get("/staff");
  auto posted = browser->Post(
      "/staff/team/new",
      {{"display_name", "Sly Extra"}, {"email", "sly@rxf.example.nhs.uk"}, {"role", "manager"}});
  EXPECT_EQ(posted->status, 403) << posted->body;
  EXPECT_EQ(StaffCount(registry(), body_key_), before);
  auto deactivate =
      browser->Post(absl::StrCat(MemberPath(manager_), "/deactivate"), {{"etag", "x"}});
  EXPECT_EQ(deactivate->status, 403);
  EXPECT_EQ(browser->Get("/staff")->status, 200) << "still signed in";
}

TEST_F(StaffTeamTest, FormsWithoutTheirTokenChangeNothing) {
  auto manager = SignedInBrowser(manager_);
  manager->Get("/staff/team/new");
  const int before = StaffCount(registry(), body_key_);
  auto posted = manager->Post("/staff/team/new", {{"display_name", "Nemo Nobody"},
                                                  {"email", "nemo@rxf.example.nhs.uk"},
                                                  {"role", "viewer"},
                                                  {"csrf", ""}});
  EXPECT_EQ(posted->status, 403);
  EXPECT_TRUE(absl::StrContains(posted->body, "nothing was changed"));
  EXPECT_EQ(StaffCount(registry(), body_key_), before);
}

TEST_F(StaffTeamTest, EachBodysStaffSeeOnlyTheirOwn) {
  const std::string other_key = AddBody("RYJ", "Other Example NHS Trust");
  const StaffMember other = AddStaff("Otto Other", "otto@ryj.example.nhs.uk",
                                     cadre::v1::STAFF_ROLE_MANAGER, other_key, "RYJ");
  auto browser = SignedInBrowser(other);
  auto team = browser->Get("/staff/team");
  ASSERT_EQ(team->status, 200);
  EXPECT_TRUE(absl::StrContains(team->body, "Other Example NHS Trust"));
  EXPECT_FALSE(absl::StrContains(team->body, "Maya Manager"));
  // RXF's manager by id: the name is made in RYJ, so there is no such member.
  EXPECT_EQ(browser->Get(MemberPath(manager_))->status, 404);
}

TEST_F(StaffTeamTest, TheFiguresShowSmallCountsAsUnderFive) {
  const std::string role =
      harness_->services().OpenRole(body_key_, MatchingHarness::RoleFor(kStaffBodyCode, 3));
  for (const char* email : {"p1@example.org", "p2@example.org"}) {
    const cadre::v1::SignUpResponse person = harness_->services().SignUp(email);
    cadre::v1::SetMyEqualityMonitoringRequest answers;
    answers.mutable_monitoring()->set_sex(cadre::v1::EqualityMonitoring::SEX_FEMALE);
    cadre::v1::EqualityMonitoring saved;
    ASSERT_TRUE(harness_->services()
                    .stub()
                    .SetMyEqualityMonitoring(CallContext(person.key()).get(), answers, &saved)
                    .ok());
    harness_->services().Apply(person.key(), role);
  }
  auto browser = SignedInBrowser(manager_);
  auto figures = browser->Get("/staff/figures");
  ASSERT_EQ(figures->status, 200) << figures->body;
  ExpectSoundPage(figures->body);
  EXPECT_EQ(figures->get_header_value("Cache-Control"), "private, no-store");
  EXPECT_TRUE(absl::StrContains(figures->body, "Time to acknowledge an application"));
  EXPECT_TRUE(absl::StrContains(figures->body, "Female"));
  // Two people answered "Female": shown as <5, never 2; the words say why.
  EXPECT_TRUE(absl::StrContains(figures->body,
                                "&lt;5<span class=\"nhsuk-u-visually-hidden\"> "
                                "(fewer than 5)</span>"))
      << figures->body;
  EXPECT_TRUE(absl::StrContains(figures->body, "so that no one can be recognised"));
  EXPECT_FALSE(absl::StrContains(figures->body, "numeric\">2<"));
}

}  // namespace
}  // namespace cadre::testing
