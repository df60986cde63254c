// A body's staff pages for placements and credentials (issue 10), through TestBrowser
// against the in-process gateway, registry and matching on a real redis-server: people
// who accepted an offer (set up over gRPC) show as placements; a recruiter completes one
// and ends another early, and each person's own /applications shows it; credentials are
// granted by Cadre ID, shown on the person's /credentials, and revoked; errors name the
// field; a stale form says the placement changed; a viewer sees no forms and their
// hand-posted changes are refused by matching; another body's recruiter cannot touch
// this body's placement; a form without its CSRF token changes nothing.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/gateway/integration/staff_fixture.h"
#include "tests/gateway/integration/test_browser.h"
#include "tests/support/service_fixture.h"

namespace cadre::testing {
namespace {

namespace v1 = cadre::v1;

// What the matching harness's SignUpRequestFor signs people up with.
constexpr char kPersonPassword[] = "a long enough passphrase";

// The value of the hidden field `name` on `html`, or "".
std::string Hidden(const std::string& html, const std::string& name) {
  const std::string marker = absl::StrCat("name=\"", name, "\" value=\"");
  const size_t at = html.find(marker);
  if (at == std::string::npos) return "";
  const size_t start = at + marker.size();
  return html.substr(start, html.find('"', start) - start);
}

std::string IdOf(const std::string& name) { return name.substr(name.rfind('/') + 1); }

class StaffPlacesPagesTest : public StaffTest {
 protected:
  void SetUp() override {
    StaffTest::SetUp();
    v1::Role role = MatchingHarness::RoleFor(kStaffBodyCode, 3);
    role.set_title("Patient partner, diabetes board");
    role_ = harness_->services().OpenRole(body_key_, role);
  }

  // A person (signed up over gRPC) whose offer for the role they accepted: their
  // placement's name ("placements/{id}") and, through `applicant`, their name.
  std::string AcceptedPlacement(const std::string& email, std::string* applicant) {
    const v1::SignUpResponse person = harness_->services().SignUp(email);
    *applicant = person.applicant().name();
    const v1::Application app = harness_->services().Apply(person.key(), role_);
    v1::Application moved;
    for (auto to : {v1::APPLICATION_STATE_ACKNOWLEDGED, v1::APPLICATION_STATE_SHORTLISTED,
                    v1::APPLICATION_STATE_OFFERED}) {
      const grpc::Status status = harness_->services().Move(body_key_, app.name(), to, &moved);
      EXPECT_TRUE(status.ok()) << status.error_message();
    }
    const grpc::Status status =
        harness_->services().Move(person.key(), app.name(), v1::APPLICATION_STATE_ACCEPTED, &moved);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return moved.placement();
  }

  // A browser signed in as a new member of RXF's staff in `role` (recruiter or viewer).
  std::unique_ptr<TestBrowser> SignedInStaff(v1::StaffRole role) {
    const StaffMember member = role == v1::STAFF_ROLE_VIEWER ? AddViewer() : AddRecruiter();
    return SignedInBrowser(member);
  }

  // A browser signed in as a recruiter of another body, bodies/`code`.
  std::unique_ptr<TestBrowser> SignedInRecruiterOf(const std::string& code) {
    const std::string key = AddBody(code, absl::StrCat("Body ", code));
    const StaffMember member = AddStaff("Olu Other", absl::StrCat("olu@", code, ".example.nhs.uk"),
                                        v1::STAFF_ROLE_RECRUITER, key, code);
    return SignedInBrowser(member);
  }

  v1::Placement ReadPlacement(const std::string& name) {
    v1::GetPlacementRequest get;
    get.set_name(name);
    v1::Placement placement;
    const grpc::Status status =
        harness_->services().stub().GetPlacement(CallContext(body_key_).get(), get, &placement);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return placement;
  }

  v1::ListCredentialsResponse CredentialsOf(const std::string& applicant) {
    v1::ListCredentialsRequest list;
    list.set_applicant(applicant);
    v1::ListCredentialsResponse answer;
    const grpc::Status status =
        harness_->services().stub().ListCredentials(CallContext(body_key_).get(), list, &answer);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return answer;
  }

  // The grant form's fields for an enhanced DBS check of `applicant_id`, with the page's
  // request id.
  httplib::Params EnhancedDbs(const std::string& applicant_id, const std::string& request_id) {
    return {{"applicant", applicant_id}, {"type", "dbs-enhanced"}, {"issue-day", "1"},
            {"issue-month", "10"},       {"issue-year", "2026"},   {"expiry-day", "1"},
            {"expiry-month", "10"},      {"expiry-year", "2029"},  {"request_id", request_id}};
  }

  std::string role_;
};

TEST_F(StaffPlacesPagesTest, AnAcceptedOfferShowsAsAnActivePlacement) {
  std::string applicant;
  const std::string placement = AcceptedPlacement("ada@example.org", &applicant);
  auto recruiter = SignedInStaff(v1::STAFF_ROLE_RECRUITER);
  auto page = recruiter->Get("/staff/placements");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200) << page->body;
  EXPECT_TRUE(absl::StrContains(page->body, "Patient partner, diabetes board"));
  EXPECT_TRUE(absl::StrContains(page->body, IdOf(applicant)));
  EXPECT_TRUE(absl::StrContains(page->body, "Active"));
  EXPECT_TRUE(absl::StrContains(page->body, absl::StrCat("/staff/placements/", IdOf(placement))));
  // Filtered without JavaScript: none has completed yet.
  auto completed = recruiter->Get("/staff/placements?state=completed");
  ASSERT_TRUE(completed);
  EXPECT_EQ(completed->status, 200);
  EXPECT_FALSE(absl::StrContains(completed->body, IdOf(applicant)));
  EXPECT_TRUE(absl::StrContains(completed->body, "No placements are in this state."));
}

TEST_F(StaffPlacesPagesTest, TheRecruiterCompletesOneAndEndsAnotherEarly) {
  std::string ada, bo;
  const std::string first = AcceptedPlacement("ada@example.org", &ada);
  const std::string second = AcceptedPlacement("bo@example.org", &bo);
  auto recruiter = SignedInStaff(v1::STAFF_ROLE_RECRUITER);
  const std::string first_path = absl::StrCat("/staff/placements/", IdOf(first));
  auto page = recruiter->Get(first_path);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200) << page->body;
  auto done = recruiter->Post(absl::StrCat(first_path, "/complete"),
                              {{"etag", Hidden(page->body, "etag")}});
  ASSERT_TRUE(done);
  EXPECT_EQ(done->status, 303) << done->body;
  EXPECT_EQ(done->get_header_value("Location"), absl::StrCat(first_path, "?done=completed"));
  EXPECT_EQ(ReadPlacement(first).state(), v1::PLACEMENT_STATE_COMPLETED);

  const std::string second_path = absl::StrCat("/staff/placements/", IdOf(second));
  auto confirm = recruiter->Get(absl::StrCat(second_path, "/end-early"));
  ASSERT_TRUE(confirm);
  ASSERT_EQ(confirm->status, 200) << confirm->body;
  EXPECT_TRUE(absl::StrContains(confirm->body, "End this placement early?"));
  const std::string etag = Hidden(confirm->body, "etag");
  // Too short a reason: the confirmation again, naming the field, with what was typed.
  auto short_reason =
      recruiter->Post(absl::StrCat(second_path, "/end-early"), {{"reason", "no"}, {"etag", etag}});
  ASSERT_TRUE(short_reason);
  EXPECT_EQ(short_reason->status, 400);
  EXPECT_TRUE(absl::StrContains(short_reason->body,
                                "Why the placement is ending early must be 3 to 300 characters"));
  EXPECT_TRUE(absl::StrContains(short_reason->body, ">no</textarea>"));
  EXPECT_EQ(ReadPlacement(second).state(), v1::PLACEMENT_STATE_ACTIVE);
  auto ended = recruiter->Post(absl::StrCat(second_path, "/end-early"),
                               {{"reason", "The board has been stood down"}, {"etag", etag}});
  ASSERT_TRUE(ended);
  EXPECT_EQ(ended->status, 303) << ended->body;
  const v1::Placement read = ReadPlacement(second);
  EXPECT_EQ(read.state(), v1::PLACEMENT_STATE_ENDED_EARLY);
  EXPECT_EQ(read.end_reason(), "The board has been stood down");
  auto shown = recruiter->Get(absl::StrCat(second_path, "?done=ended-early"));
  ASSERT_TRUE(shown);
  EXPECT_TRUE(absl::StrContains(shown->body, "The placement has been ended early"));
  EXPECT_TRUE(absl::StrContains(shown->body, "The board has been stood down"));
  EXPECT_FALSE(absl::StrContains(shown->body, "/complete\""));  // no forms once ended

  // Each person's own /applications shows the outcome.
  TestBrowser ada_browser(*harness_);
  ASSERT_TRUE(ada_browser.SignIn("ada@example.org", kPersonPassword));
  auto mine = ada_browser.Get("/applications");
  ASSERT_TRUE(mine);
  EXPECT_TRUE(absl::StrContains(mine->body, "Completed")) << mine->body;
  TestBrowser bo_browser(*harness_);
  ASSERT_TRUE(bo_browser.SignIn("bo@example.org", kPersonPassword));
  mine = bo_browser.Get("/applications");
  ASSERT_TRUE(mine);
  EXPECT_TRUE(absl::StrContains(mine->body, "Ended early")) << mine->body;

  // The list: active first, then ended; filtered, only those in the state.
  auto list = recruiter->Get("/staff/placements?state=ended-early");
  ASSERT_TRUE(list);
  EXPECT_TRUE(absl::StrContains(list->body, IdOf(bo)));
  EXPECT_FALSE(absl::StrContains(list->body, IdOf(ada)));
}

TEST_F(StaffPlacesPagesTest, AStaleFormSaysThePlacementChanged) {
  std::string applicant;
  const std::string placement = AcceptedPlacement("ada@example.org", &applicant);
  auto recruiter = SignedInStaff(v1::STAFF_ROLE_RECRUITER);
  const std::string path = absl::StrCat("/staff/placements/", IdOf(placement));
  auto page = recruiter->Get(path);
  ASSERT_TRUE(page);
  const std::string etag = Hidden(page->body, "etag");
  ASSERT_FALSE(etag.empty());
  // A colleague ends it early meanwhile (over gRPC, with the body's key): the form's etag
  // is now stale.
  v1::EndPlacementRequest end;
  end.set_name(placement);
  end.set_state(v1::PLACEMENT_STATE_ENDED_EARLY);
  end.set_reason("The board has been stood down");
  v1::Placement ended;
  ASSERT_TRUE(
      harness_->services().stub().EndPlacement(CallContext(body_key_).get(), end, &ended).ok());
  auto stale = recruiter->Post(absl::StrCat(path, "/complete"), {{"etag", etag}});
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 303);
  EXPECT_EQ(stale->get_header_value("Location"), absl::StrCat(path, "?done=changed"));
  EXPECT_EQ(ReadPlacement(placement).state(), v1::PLACEMENT_STATE_ENDED_EARLY);  // not completed
  auto shown = recruiter->Get(absl::StrCat(path, "?done=changed"));
  ASSERT_TRUE(shown);
  EXPECT_TRUE(absl::StrContains(shown->body, "This placement changed while you were looking"));
}

TEST_F(StaffPlacesPagesTest, CredentialsAreGrantedByCadreIdShownToThePersonAndRevoked) {
  const v1::SignUpResponse person = harness_->services().SignUp("ada@example.org");
  const std::string id = IdOf(person.applicant().name());
  auto recruiter = SignedInStaff(v1::STAFF_ROLE_RECRUITER);
  auto page = recruiter->Get(absl::StrCat("/staff/credentials?applicant=", id));
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200) << page->body;
  EXPECT_TRUE(absl::StrContains(page->body, "has granted no credentials to this Cadre ID"));
  auto granted = recruiter->Post("/staff/credentials/grant",
                                 EnhancedDbs(id, Hidden(page->body, "request_id")));
  ASSERT_TRUE(granted);
  ASSERT_EQ(granted->status, 303) << granted->body;
  EXPECT_EQ(granted->get_header_value("Location"),
            absl::StrCat("/staff/credentials?applicant=", id, "&done=granted"));
  ASSERT_EQ(CredentialsOf(person.applicant().name()).credentials_size(), 1);

  // The person sees it on their own page.
  TestBrowser own(*harness_);
  ASSERT_TRUE(own.SignIn("ada@example.org", kPersonPassword));
  auto mine = own.Get("/credentials");
  ASSERT_TRUE(mine);
  EXPECT_TRUE(absl::StrContains(mine->body, "An enhanced DBS check")) << mine->body;
  EXPECT_TRUE(absl::StrContains(mine->body, "Valid"));

  page = recruiter->Get(absl::StrCat("/staff/credentials?applicant=", id, "&done=granted"));
  ASSERT_TRUE(page);
  EXPECT_TRUE(absl::StrContains(page->body, "The credential has been granted"));
  const std::string revoke =
      absl::StrCat("/staff/credentials/", id, "/",
                   IdOf(CredentialsOf(person.applicant().name()).credentials(0).name()), "/revoke");
  EXPECT_TRUE(absl::StrContains(page->body, revoke));
  auto confirm = recruiter->Get(revoke);
  ASSERT_TRUE(confirm);
  ASSERT_EQ(confirm->status, 200) << confirm->body;
  EXPECT_TRUE(absl::StrContains(confirm->body, "Revoke this credential?"));
  auto revoked = recruiter->Post(revoke, {{"reason", "Granted to the wrong person"}});
  ASSERT_TRUE(revoked);
  EXPECT_EQ(revoked->status, 303) << revoked->body;
  EXPECT_EQ(CredentialsOf(person.applicant().name()).credentials(0).status(),
            v1::CREDENTIAL_STATUS_REVOKED);
  mine = own.Get("/credentials");
  ASSERT_TRUE(mine);
  EXPECT_TRUE(absl::StrContains(mine->body, "Revoked"));
  EXPECT_TRUE(absl::StrContains(mine->body, "Granted to the wrong person"));
}

TEST_F(StaffPlacesPagesTest, GrantErrorsNameTheFieldAndKeepWhatWasTyped) {
  const v1::SignUpResponse person = harness_->services().SignUp("ada@example.org");
  const std::string id = IdOf(person.applicant().name());
  auto recruiter = SignedInStaff(v1::STAFF_ROLE_RECRUITER);
  auto page = recruiter->Get("/staff/credentials");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200) << page->body;
  const std::string request_id = Hidden(page->body, "request_id");
  // The gateway's own check: no valid-until date.
  httplib::Params fields = EnhancedDbs(id, request_id);
  for (auto it = fields.begin(); it != fields.end();) {
    it = absl::StartsWith(it->first, "expiry-") ? fields.erase(it) : std::next(it);
  }
  auto bad = recruiter->Post("/staff/credentials/grant", fields);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_TRUE(absl::StrContains(bad->body, "href=\"#expiry-day\""));
  EXPECT_TRUE(absl::StrContains(bad->body, "Enter the date it is valid until"));
  EXPECT_TRUE(absl::StrContains(bad->body, absl::StrCat("value=\"", id, "\"")));
  EXPECT_TRUE(absl::StrContains(bad->body, "value=\"dbs-enhanced\" checked"));
  // Matching's check: a date in the past, named as the form names it.
  fields = EnhancedDbs(id, request_id);
  for (auto& [name, value] : fields) {
    if (name == "expiry-year") value = "2025";
  }
  bad = recruiter->Post("/staff/credentials/grant", fields);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_TRUE(absl::StrContains(bad->body, "Valid until must be after today")) << bad->body;
  EXPECT_TRUE(absl::StrContains(bad->body, "value=\"2025\""));
  EXPECT_EQ(CredentialsOf(person.applicant().name()).credentials_size(), 0);
  // A Cadre ID of no one: matching's answer in words.
  bad = recruiter->Post("/staff/credentials/grant", EnhancedDbs("aaaaaaaaaaaaaaaa", request_id));
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 404);
  EXPECT_TRUE(absl::StrContains(bad->body, "No one on Cadre has the Cadre ID aaaaaaaaaaaaaaaa"));
}

TEST_F(StaffPlacesPagesTest, AViewerSeesNoFormsAndTheirHandPostedChangesAreRefused) {
  std::string applicant;
  const std::string placement = AcceptedPlacement("ada@example.org", &applicant);
  auto viewer = SignedInStaff(v1::STAFF_ROLE_VIEWER);
  const std::string path = absl::StrCat("/staff/placements/", IdOf(placement));
  auto page = viewer->Get(path);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200) << page->body;
  EXPECT_FALSE(absl::StrContains(page->body, "/complete\""));
  EXPECT_FALSE(absl::StrContains(page->body, "/end-early"));
  EXPECT_TRUE(absl::StrContains(page->body, "can see this placement but not change it"));
  const std::string etag = ReadPlacement(placement).etag();
  auto posted = viewer->Post(absl::StrCat(path, "/complete"), {{"etag", etag}});
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->status, 403) << posted->body;
  posted = viewer->Post(absl::StrCat(path, "/end-early"), {{"reason", "By hand"}, {"etag", etag}});
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->status, 403);
  EXPECT_EQ(ReadPlacement(placement).state(), v1::PLACEMENT_STATE_ACTIVE);

  auto credentials = viewer->Get(absl::StrCat("/staff/credentials?applicant=", IdOf(applicant)));
  ASSERT_TRUE(credentials);
  ASSERT_EQ(credentials->status, 200);
  EXPECT_FALSE(absl::StrContains(credentials->body, "/staff/credentials/grant"));
  auto grant = viewer->Post("/staff/credentials/grant", EnhancedDbs(IdOf(applicant), "by-hand"));
  ASSERT_TRUE(grant);
  EXPECT_EQ(grant->status, 403) << grant->body;
  EXPECT_EQ(CredentialsOf(applicant).credentials_size(), 0);
}

TEST_F(StaffPlacesPagesTest, AnotherBodysRecruiterCannotEndThisBodysPlacement) {
  std::string applicant;
  const std::string placement = AcceptedPlacement("ada@example.org", &applicant);
  auto other = SignedInRecruiterOf("RYJ");
  const std::string path = absl::StrCat("/staff/placements/", IdOf(placement));
  auto page = other->Get(path);
  ASSERT_TRUE(page);
  EXPECT_TRUE(page->status == 403 || page->status == 404) << page->status;
  EXPECT_FALSE(absl::StrContains(page->body, "Patient partner, diabetes board"));
  auto posted =
      other->Post(absl::StrCat(path, "/end-early"),
                  {{"reason", "Not ours to end"}, {"etag", ReadPlacement(placement).etag()}});
  ASSERT_TRUE(posted);
  EXPECT_TRUE(posted->status == 403 || posted->status == 404) << posted->status;
  EXPECT_EQ(ReadPlacement(placement).state(), v1::PLACEMENT_STATE_ACTIVE);
  auto list = other->Get("/staff/placements");
  ASSERT_TRUE(list);
  EXPECT_FALSE(absl::StrContains(list->body, IdOf(applicant)));
}

TEST_F(StaffPlacesPagesTest, AFormWithoutItsCsrfTokenChangesNothing) {
  std::string applicant;
  const std::string placement = AcceptedPlacement("ada@example.org", &applicant);
  auto recruiter = SignedInStaff(v1::STAFF_ROLE_RECRUITER);
  const std::string path = absl::StrCat("/staff/placements/", IdOf(placement));
  ASSERT_TRUE(recruiter->Get(path));
  auto posted = recruiter->Post(absl::StrCat(path, "/complete"), {{"csrf", ""}});
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->status, 403);
  EXPECT_EQ(ReadPlacement(placement).state(), v1::PLACEMENT_STATE_ACTIVE);
  posted = recruiter->Post("/staff/credentials/grant", [&] {
    httplib::Params fields = EnhancedDbs(IdOf(applicant), "no-csrf");
    fields.emplace("csrf", "");
    return fields;
  }());
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->status, 403);
  EXPECT_EQ(CredentialsOf(applicant).credentials_size(), 0);
}

}  // namespace
}  // namespace cadre::testing
