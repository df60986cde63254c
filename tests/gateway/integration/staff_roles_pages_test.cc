// The staff pages of a body's roles over real HTTP, signed in as its staff in a
// TestBrowser, in front of a real registry and matching service: a recruiter creates a
// draft through the form (errors name the field and keep what was typed; sending it twice
// makes one role), edits it, publishes it (the public page then shows it), closes one and
// cancels one after its confirmation; the list shows every state and filters by one; a
// stale etag; a viewer sees no change buttons and a publish posted by hand is refused by
// the registry with the role unchanged; another body's staff get 404/403; a form without
// its CSRF token is 403.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/gateway/integration/page_checks.h"
#include "tests/gateway/integration/staff_fixture.h"
#include "tests/support/service_fixture.h"

namespace cadre::testing {
namespace {

using cadre::v1::Role;

// The value of the hidden field `name` on `html`, or "".
std::string Hidden(const std::string& html, const std::string& name) {
  const std::string needle = absl::StrCat("name=\"", name, "\" value=\"");
  const size_t at = html.find(needle);
  if (at == std::string::npos) return "";
  const size_t start = at + needle.size();
  return html.substr(start, html.find('"', start) - start);
}

// A complete, valid role form (closing well after the harness clock's now).
httplib::Params RoleFields(const std::string& title) {
  return {{"title", title},
          {"summary", "Help us shape the service.\n\nMeetings are monthly."},
          {"level", "3"},
          {"rung", "involve"},
          {"hours_per_month", "4"},
          {"duration_months", "12"},
          {"pattern", "One evening a month"},
          {"topics", "diabetes"},
          {"region", "london"},
          {"attendance", "remote"},
          {"payment", "involvement"},
          {"rate", "20"},
          {"expenses_paid", "yes"},
          {"places", "2"},
          {"closing-day", "1"},
          {"closing-month", "6"},
          {"closing-year", "2099"},
          {"closing-time", "17:00"}};
}

void Set(httplib::Params* fields, const std::string& name, const std::string& value) {
  fields->erase(name);
  fields->emplace(name, value);
}

class StaffRolesPagesTest : public StaffTest {
 protected:
  // Browsers signed in as a recruiter and a viewer of RXF, and a recruiter of another body.
  TestBrowser& recruiter() {
    if (!recruiter_) recruiter_ = SignedInBrowser(AddRecruiter());
    return *recruiter_;
  }
  TestBrowser& viewer() {
    if (!viewer_) viewer_ = SignedInBrowser(AddViewer());
    return *viewer_;
  }
  TestBrowser& other_body_recruiter() {
    if (!other_) {
      const std::string key = AddBody("RYJ", "Other Example Hospitals NHS Trust");
      other_ = SignedInBrowser(AddStaff("Olu Other", "olu.other@ryj.example.nhs.uk",
                                        cadre::v1::STAFF_ROLE_RECRUITER, key, "RYJ"));
    }
    return *other_;
  }
  const std::string& body_key() const { return body_key_; }

  // A role of RXF made and (if `publish`) published with the body's key; its id.
  std::string RoleOverGrpc(const std::string& title, bool publish) {
    Role role = MatchingHarness::RoleFor(kStaffBodyCode, 2);
    role.set_title(title);
    if (publish) return IdOf(harness_->services().OpenRole(body_key(), role));
    Role made;
    cadre::v1::CreateRoleRequest create;
    *create.mutable_role() = role;
    const grpc::Status status =
        harness_->services().registry().CreateRole(CallContext(body_key()).get(), create, &made);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return IdOf(made.name());
  }

  Role GetRole(const std::string& id) {
    cadre::v1::GetRoleRequest get;
    get.set_name(absl::StrCat("roles/", id));
    Role role;
    const grpc::Status status =
        harness_->services().registry().GetRole(CallContext(body_key()).get(), get, &role);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return role;
  }

  static std::string IdOf(const std::string& name) { return name.substr(name.find('/') + 1); }
  static std::string Path(const std::string& id) { return absl::StrCat("/staff/roles/", id); }

  std::unique_ptr<TestBrowser> recruiter_;
  std::unique_ptr<TestBrowser> viewer_;
  std::unique_ptr<TestBrowser> other_;
};

TEST_F(StaffRolesPagesTest, ARecruiterCreatesEditsAndPublishesARole) {
  TestBrowser& browser = recruiter();
  auto form = browser.Get("/staff/roles/new");
  ASSERT_TRUE(form);
  ASSERT_EQ(form->status, 200) << form->body;
  ExpectSoundPage(form->body);
  const std::string request_id = Hidden(form->body, "request_id");
  ASSERT_FALSE(request_id.empty());
  EXPECT_TRUE(absl::StrContains(form->body, "enctype=\"multipart/form-data\""));

  // An error names the field and keeps everything typed.
  httplib::Params bad = RoleFields("Patient partner, <renal> board");
  Set(&bad, "places", "0");
  Set(&bad, "summary", std::string(1900, 'x') + " & the rest");
  bad.emplace("request_id", request_id);
  auto refused = browser.PostMultipart("/staff/roles/new", bad);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400);
  ExpectSoundPage(refused->body);
  EXPECT_TRUE(absl::StrContains(refused->body, "<title>Error: Create a role"));
  EXPECT_TRUE(absl::StrContains(
      refused->body, "<a href=\"#places\">Places must be a whole number from 1 to 100</a>"));
  EXPECT_TRUE(absl::StrContains(refused->body, "value=\"Patient partner, &lt;renal&gt; board\""));
  EXPECT_TRUE(absl::StrContains(refused->body, std::string(1900, 'x') + " &amp; the rest"));
  EXPECT_TRUE(absl::StrContains(refused->body, "value=\"2099\""));
  EXPECT_EQ(Hidden(refused->body, "request_id"), request_id);

  // The registry's own refusal (a role type it does not know) names the field too.
  httplib::Params unknown = RoleFields("Patient partner, renal board");
  unknown.emplace("role_type", "roleTypes/no-such-type");
  unknown.emplace("request_id", request_id);
  auto upstream = browser.PostMultipart("/staff/roles/new", unknown);
  ASSERT_TRUE(upstream);
  EXPECT_EQ(upstream->status, 400) << upstream->body;
  EXPECT_TRUE(absl::StrContains(upstream->body, "<a href=\"#role_type\">Role type"))
      << upstream->body;

  // Sent twice with the same request id: one role.
  httplib::Params good = RoleFields("Patient partner, renal board");
  good.emplace("request_id", request_id);
  auto created = browser.PostMultipart("/staff/roles/new", good);
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 303) << created->body;
  const std::string location = created->get_header_value("Location");
  auto again = browser.PostMultipart("/staff/roles/new", good);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->get_header_value("Location"), location);
  const std::string id = location.substr(13, location.find('?') - 13);
  const Role draft = GetRole(id);
  EXPECT_EQ(draft.state(), cadre::v1::ROLE_STATE_DRAFT);
  EXPECT_EQ(draft.body(), absl::StrCat("bodies/", kStaffBodyCode));
  EXPECT_EQ(draft.support().rate_pence_per_hour(), 2000);
  EXPECT_EQ(draft.summary(), "Help us shape the service.\n\nMeetings are monthly.");

  auto page = browser.Get(location);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  ExpectSoundPage(page->body);
  EXPECT_TRUE(absl::StrContains(page->body, "The role has been saved as a draft"));
  EXPECT_TRUE(absl::StrContains(page->body, ">Draft</strong>"));
  EXPECT_TRUE(absl::StrContains(page->body, absl::StrCat("nhsuk-caption-l\">", kStaffBodyName)));
  EXPECT_TRUE(absl::StrContains(page->body, "Publish the role"));
  EXPECT_TRUE(absl::StrContains(page->body, absl::StrCat("href=\"", Path(id), "/applicants\"")));
  EXPECT_TRUE(absl::StrContains(page->body, "£20.00 an hour"));
  // A draft is nobody else's to see.
  auto hidden = harness_->Client()->Get(absl::StrCat("/roles/", id));
  ASSERT_TRUE(hidden);
  EXPECT_EQ(hidden->status, 404);

  // Edit: only what changed is sent.
  auto edit = browser.Get(absl::StrCat(Path(id), "/edit"));
  ASSERT_TRUE(edit);
  ASSERT_EQ(edit->status, 200);
  ExpectSoundPage(edit->body);
  EXPECT_TRUE(absl::StrContains(edit->body, "value=\"Patient partner, renal board\""));
  EXPECT_TRUE(absl::StrContains(edit->body, "value=\"20.00\""));
  httplib::Params changed = RoleFields("Patient partner, kidney board");
  changed.emplace("etag", Hidden(edit->body, "etag"));
  auto saved = browser.PostMultipart(absl::StrCat(Path(id), "/edit"), changed);
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->status, 303) << saved->body;
  EXPECT_EQ(saved->get_header_value("Location"), absl::StrCat(Path(id), "?done=saved"));
  EXPECT_EQ(GetRole(id).title(), "Patient partner, kidney board");

  // Publish: then it is public.
  page = browser.Get(Path(id));
  ASSERT_TRUE(page);
  auto published =
      browser.Post(absl::StrCat(Path(id), "/publish"), {{"etag", Hidden(page->body, "etag")}});
  ASSERT_TRUE(published);
  ASSERT_EQ(published->status, 303) << published->body;
  EXPECT_EQ(published->get_header_value("Location"), absl::StrCat(Path(id), "?done=published"));
  EXPECT_EQ(GetRole(id).state(), cadre::v1::ROLE_STATE_OPEN);
  auto open = harness_->Client()->Get(absl::StrCat("/roles/", id));
  ASSERT_TRUE(open);
  EXPECT_EQ(open->status, 200);
  EXPECT_TRUE(absl::StrContains(open->body, "Patient partner, kidney board"));
  page = browser.Get(Path(id));
  ASSERT_TRUE(page);
  EXPECT_TRUE(absl::StrContains(page->body, ">Open</strong>"));
  EXPECT_TRUE(absl::StrContains(page->body, "Close the role"));
  EXPECT_FALSE(absl::StrContains(page->body, "Publish the role"));
  EXPECT_TRUE(absl::StrContains(page->body, "Awaiting acknowledgement"));
}

TEST_F(StaffRolesPagesTest, ARecruiterClosesOneRoleAndCancelsAnother) {
  TestBrowser& browser = recruiter();
  const std::string closing = RoleOverGrpc("Reader panel member", true);
  const std::string cancelling = RoleOverGrpc("Focus group on waiting times", true);

  auto page = browser.Get(Path(closing));
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  // A reason too long: the page again with the error and what was typed.
  const std::string long_reason(301, 'r');
  auto too_long = browser.Post(absl::StrCat(Path(closing), "/close"),
                               {{"etag", Hidden(page->body, "etag")}, {"reason", long_reason}});
  ASSERT_TRUE(too_long);
  EXPECT_EQ(too_long->status, 400);
  ExpectSoundPage(too_long->body);
  EXPECT_TRUE(absl::StrContains(too_long->body, "href=\"#close-reason\""));
  EXPECT_TRUE(absl::StrContains(too_long->body, long_reason));
  EXPECT_EQ(GetRole(closing).state(), cadre::v1::ROLE_STATE_OPEN);

  auto closed = browser.Post(absl::StrCat(Path(closing), "/close"),
                             {{"etag", Hidden(too_long->body, "etag")},
                              {"reason", "We have enough readers for this year"}});
  ASSERT_TRUE(closed);
  ASSERT_EQ(closed->status, 303) << closed->body;
  EXPECT_EQ(closed->get_header_value("Location"), absl::StrCat(Path(closing), "?done=closed"));
  const Role after = GetRole(closing);
  EXPECT_EQ(after.state(), cadre::v1::ROLE_STATE_CLOSED);
  EXPECT_EQ(after.state_reason(), "We have enough readers for this year");
  page = browser.Get(Path(closing));
  ASSERT_TRUE(page);
  EXPECT_TRUE(absl::StrContains(page->body, ">Closed</strong>"));
  EXPECT_TRUE(absl::StrContains(page->body, "We have enough readers for this year"));
  EXPECT_FALSE(absl::StrContains(page->body, "Edit the role"));

  // Cancelling is confirmed on a page of its own first.
  page = browser.Get(Path(cancelling));
  ASSERT_TRUE(page);
  const std::string cancel_href = absl::StrCat(Path(cancelling), "/cancel?etag=");
  ASSERT_TRUE(absl::StrContains(page->body, cancel_href)) << page->body;
  auto confirm = browser.Get(absl::StrCat(cancel_href, Hidden(page->body, "etag")));
  ASSERT_TRUE(confirm);
  ASSERT_EQ(confirm->status, 200);
  ExpectSoundPage(confirm->body);
  EXPECT_TRUE(absl::StrContains(confirm->body, "<h1>Cancel this role?</h1>"));
  EXPECT_EQ(GetRole(cancelling).state(), cadre::v1::ROLE_STATE_OPEN) << "not before confirming";
  auto cancelled =
      browser.Post(absl::StrCat(Path(cancelling), "/cancel"),
                   {{"etag", Hidden(confirm->body, "etag")}, {"reason", "The project is paused"}});
  ASSERT_TRUE(cancelled);
  ASSERT_EQ(cancelled->status, 303) << cancelled->body;
  EXPECT_EQ(cancelled->get_header_value("Location"),
            absl::StrCat(Path(cancelling), "?done=cancelled"));
  EXPECT_EQ(GetRole(cancelling).state(), cadre::v1::ROLE_STATE_CANCELLED);
  // A cancelled role has nothing left to confirm: its page says where it stands.
  auto gone = browser.Get(absl::StrCat(Path(cancelling), "/cancel"));
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->status, 303);
}

TEST_F(StaffRolesPagesTest, TheListShowsEveryStateAndFiltersByOne) {
  const std::string draft = RoleOverGrpc("Draft role about diabetes", false);
  const std::string open = RoleOverGrpc("Open role about maternity", true);
  const std::string closed = RoleOverGrpc("Closed role about renal care", true);
  const std::string filled = RoleOverGrpc("Filled role about stroke", true);
  const std::string cancelled = RoleOverGrpc("Cancelled role about dementia", false);
  for (const auto& [id, state] : {std::pair{closed, cadre::v1::ROLE_STATE_CLOSED},
                                  {filled, cadre::v1::ROLE_STATE_FILLED},
                                  {cancelled, cadre::v1::ROLE_STATE_CANCELLED}}) {
    cadre::v1::CloseRoleRequest close;
    close.set_name(absl::StrCat("roles/", id));
    close.set_state(state);
    Role done;
    const grpc::Status status =
        harness_->services().registry().CloseRole(CallContext(body_key()).get(), close, &done);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  TestBrowser& browser = recruiter();
  auto all = browser.Get("/staff/roles");
  ASSERT_TRUE(all);
  ASSERT_EQ(all->status, 200) << all->body;
  ExpectSoundPage(all->body);
  for (const char* text :
       {"Draft role about diabetes", "Open role about maternity", "Closed role about renal care",
        "Filled role about stroke", "Cancelled role about dementia", ">Draft</strong>",
        ">Open</strong>", ">Closed</strong>", ">Filled</strong>", ">Cancelled</strong>",
        "Create a role", "href=\"/staff/roles?state=draft\""}) {
    EXPECT_TRUE(absl::StrContains(all->body, text)) << text;
  }
  EXPECT_TRUE(absl::StrContains(all->body, absl::StrCat("href=\"", Path(filled), "\"")));

  auto drafts = browser.Get("/staff/roles?state=draft");
  ASSERT_TRUE(drafts);
  ASSERT_EQ(drafts->status, 200);
  EXPECT_TRUE(absl::StrContains(drafts->body, "Draft role about diabetes"));
  EXPECT_FALSE(absl::StrContains(drafts->body, "Open role about maternity"));
  EXPECT_TRUE(absl::StrContains(drafts->body, "aria-current=\"page\">Draft</a>"));
  auto fills = browser.Get("/staff/roles?state=filled");
  ASSERT_TRUE(fills);
  EXPECT_TRUE(absl::StrContains(fills->body, "Filled role about stroke"));
  EXPECT_FALSE(absl::StrContains(fills->body, "Draft role about diabetes"));
}

TEST_F(StaffRolesPagesTest, AStaleEtagChangesNothing) {
  TestBrowser& browser = recruiter();
  const std::string id = RoleOverGrpc("Patient voice partner", false);
  auto edit = browser.Get(absl::StrCat(Path(id), "/edit"));
  ASSERT_TRUE(edit);
  ASSERT_EQ(edit->status, 200);
  const std::string etag = Hidden(edit->body, "etag");
  // A colleague changes the role meanwhile.
  cadre::v1::UpdateRoleRequest update;
  update.mutable_role()->set_name(absl::StrCat("roles/", id));
  update.mutable_role()->set_title("Patient voice partner (changed)");
  update.mutable_update_mask()->add_paths("title");
  Role updated;
  ASSERT_TRUE(harness_->services()
                  .registry()
                  .UpdateRole(CallContext(body_key()).get(), update, &updated)
                  .ok());

  httplib::Params fields = RoleFields("Patient voice partner, mine");
  fields.emplace("etag", etag);
  auto saved = browser.PostMultipart(absl::StrCat(Path(id), "/edit"), fields);
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->status, 409);
  ExpectSoundPage(saved->body);
  EXPECT_TRUE(absl::StrContains(saved->body, "The role changed meanwhile"));
  EXPECT_TRUE(absl::StrContains(saved->body, "value=\"Patient voice partner (changed)\""));
  EXPECT_EQ(GetRole(id).title(), "Patient voice partner (changed)");

  auto published = browser.Post(absl::StrCat(Path(id), "/publish"), {{"etag", etag}});
  ASSERT_TRUE(published);
  EXPECT_EQ(published->get_header_value("Location"), absl::StrCat(Path(id), "?done=changed"));
  EXPECT_EQ(GetRole(id).state(), cadre::v1::ROLE_STATE_DRAFT);
}

TEST_F(StaffRolesPagesTest, AViewerSeesNoButtonsAndTheRegistryRefusesTheirChanges) {
  const std::string id = RoleOverGrpc("Patient voice partner", false);
  TestBrowser& browser = viewer();
  auto list = browser.Get("/staff/roles");
  ASSERT_TRUE(list);
  ASSERT_EQ(list->status, 200);
  EXPECT_TRUE(absl::StrContains(list->body, "Patient voice partner"));
  EXPECT_FALSE(absl::StrContains(list->body, "Create a role"));
  auto page = browser.Get(Path(id));
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  ExpectSoundPage(page->body);
  for (const char* button : {"Publish the role", "Edit the role", "Close the role", "/cancel"}) {
    EXPECT_FALSE(absl::StrContains(page->body, button)) << button;
  }
  auto form = browser.Get("/staff/roles/new");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->status, 403);

  // Posted by hand, with the session's own token: the registry says no.
  const std::string etag = GetRole(id).etag();
  auto published = browser.Post(absl::StrCat(Path(id), "/publish"), {{"etag", etag}});
  ASSERT_TRUE(published);
  EXPECT_EQ(published->status, 403) << published->body;
  httplib::Params fields = RoleFields("A viewer's role");
  fields.emplace("request_id", "viewer-request-1");
  auto created = browser.PostMultipart("/staff/roles/new", fields);
  ASSERT_TRUE(created);
  EXPECT_EQ(created->status, 403);
  const Role after = GetRole(id);
  EXPECT_EQ(after.state(), cadre::v1::ROLE_STATE_DRAFT);
  EXPECT_EQ(after.etag(), etag);
}

TEST_F(StaffRolesPagesTest, AnotherBodysStaffCannotOpenOrChangeThisBodysRoles) {
  const std::string draft = RoleOverGrpc("A draft of the first body", false);
  const std::string open = RoleOverGrpc("An open role of the first body", true);
  TestBrowser& other = other_body_recruiter();
  auto hidden = other.Get(Path(draft));
  ASSERT_TRUE(hidden);
  EXPECT_EQ(hidden->status, 404);
  auto shown = other.Get(Path(open));
  ASSERT_TRUE(shown);
  EXPECT_EQ(shown->status, 403);
  EXPECT_FALSE(absl::StrContains(shown->body, "An open role of the first body"));
  auto edit = other.Get(absl::StrCat(Path(open), "/edit"));
  ASSERT_TRUE(edit);
  EXPECT_EQ(edit->status, 403);
  auto list = other.Get("/staff/roles");
  ASSERT_TRUE(list);
  EXPECT_FALSE(absl::StrContains(list->body, "of the first body"));

  auto closed = other.Post(absl::StrCat(Path(open), "/close"), {{"reason", "not mine"}});
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->status, 403) << closed->body;
  auto published = other.Post(absl::StrCat(Path(draft), "/publish"), {});
  ASSERT_TRUE(published);
  EXPECT_TRUE(published->status == 403 || published->status == 404) << published->status;
  EXPECT_EQ(GetRole(open).state(), cadre::v1::ROLE_STATE_OPEN);
  EXPECT_EQ(GetRole(draft).state(), cadre::v1::ROLE_STATE_DRAFT);
}

TEST_F(StaffRolesPagesTest, AFormWithoutItsTokenChangesNothing) {
  TestBrowser& browser = recruiter();
  const std::string id = RoleOverGrpc("Patient voice partner", false);
  ASSERT_TRUE(browser.Get(Path(id)));
  auto published = browser.Post(absl::StrCat(Path(id), "/publish"), {{"csrf", ""}});
  ASSERT_TRUE(published);
  EXPECT_EQ(published->status, 403);
  httplib::Params fields = RoleFields("Made without a token");
  fields.emplace("csrf", "");
  auto created = browser.PostMultipart("/staff/roles/new", fields);
  ASSERT_TRUE(created);
  EXPECT_EQ(created->status, 403);
  EXPECT_EQ(GetRole(id).state(), cadre::v1::ROLE_STATE_DRAFT);
  auto list = browser.Get("/staff/roles");
  ASSERT_TRUE(list);
  EXPECT_FALSE(absl::StrContains(list->body, "Made without a token"));
}

TEST_F(StaffRolesPagesTest, SignedOutTheStaffPagesAskForTheStaffSignIn) {
  TestBrowser anonymous(*harness_);
  auto res = anonymous.Get("/staff/roles?state=open");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303);
  EXPECT_TRUE(absl::StartsWith(res->get_header_value("Location"), "/staff/sign-in?return="));
}

}  // namespace
}  // namespace cadre::testing
