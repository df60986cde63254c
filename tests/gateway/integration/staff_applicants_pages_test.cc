// The staff pages of a role's applicants and of moving an application on (issue 10),
// over real HTTP, signed in as the body's staff in a TestBrowser, in front of a real
// registry and matching service: two people apply to the body's open role over gRPC; a
// recruiter sees them ranked with their score's parts, their screening and the counts
// awaiting each step; moves one on (acknowledge, shortlist, offer with a reply-by date)
// while the person, signed in in a second browser, sees each state on their own page;
// turns the other down with a reason the person then reads; a stale etag moves nothing;
// an overdue acknowledgement stands out with its due date; a viewer sees no forms and a
// move posted by hand is refused by matching (403) with the state unchanged; another
// body's staff get 403; a form without its CSRF token is 403.

#include <gtest/gtest.h>

#include <memory>
#include <regex>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "cadre/v1/matching.grpc.pb.h"
#include "tests/gateway/integration/page_checks.h"
#include "tests/gateway/integration/staff_fixture.h"
#include "tests/support/service_fixture.h"

namespace cadre::testing {
namespace {

namespace v1 = cadre::v1;

constexpr char kApplicantPassword[] = "a long enough passphrase";  // SignUpRequestFor's
constexpr char kAdaEmail[] = "ada@example.org";
constexpr char kBenEmail[] = "ben@example.org";

// The value of the hidden field `name` on `html` (its first), or "".
std::string Hidden(const std::string& html, const std::string& name) {
  const std::regex field("name=\"" + name + "\" value=\"([^\"]*)\"");
  std::smatch m;
  return std::regex_search(html, m, field) ? std::string(m[1]) : "";
}

// "applications/abc" → "abc".
std::string IdOf(const std::string& name) { return name.substr(name.rfind('/') + 1); }

class StaffApplicantsPagesTest : public StaffTest {
 protected:
  void SetUp() override {
    StaffTest::SetUp();
    v1::Role role = MatchingHarness::RoleFor(kStaffBodyCode, 2);
    role.set_title("Patient partner, diabetes board");
    role_ = harness_->services().OpenRole(body_key_, role);
    ASSERT_FALSE(role_.empty());
    // Ben applies first but matches less well (no lived experience of the role's topic),
    // so the ranking puts Ada above him.
    v1::SignUpRequest ben = MatchingHarness::SignUpRequestFor(kBenEmail);
    ben.mutable_profile()->set_display_name("Ben Example");
    ben.mutable_profile()->clear_lived_experience();
    v1::SignUpResponse ben_up;
    ASSERT_TRUE(harness_->services().stub().SignUp(CallContext().get(), ben, &ben_up).ok());
    ben_ = harness_->services().Apply(ben_up.key(), role_).name();
    ada_ = harness_->services().Apply(harness_->services().SignUp(kAdaEmail).key(), role_).name();
    ASSERT_FALSE(ben_.empty());
    ASSERT_FALSE(ada_.empty());
  }

  std::string RoleId() const { return role_.substr(role_.rfind('/') + 1); }
  std::string ApplicantsPath() const {
    return absl::StrCat("/staff/roles/", RoleId(), "/applicants");
  }
  static std::string StaffPath(const std::string& app) {
    return absl::StrCat("/staff/applications/", IdOf(app));
  }
  static std::string MovePath(const std::string& app) { return StaffPath(app) + "/move"; }

  // The person's own browser, signed in.
  std::unique_ptr<TestBrowser> PersonBrowser(const std::string& email) {
    auto browser = std::make_unique<TestBrowser>(*harness_);
    EXPECT_TRUE(browser->SignIn(email, kApplicantPassword)) << browser->last_body();
    return browser;
  }

  // Opens the staff page of `app` in `browser` and posts its form moving to `to` with
  // `extra` fields: the answer.
  static httplib::Result Move(TestBrowser& browser, const std::string& app, const std::string& to,
                              httplib::Params extra = {}) {
    auto page = browser.Get(StaffPath(app));
    EXPECT_TRUE(page && page->status == 200);
    extra.emplace("etag", page ? Hidden(page->body, "etag") : "");
    extra.emplace("to", to);
    return browser.Post(MovePath(app), extra);
  }

  v1::ApplicationState StateOf(const std::string& app) {
    return harness_->services().Read(app).state();
  }

  std::string role_;
  std::string ada_;  // applications/...
  std::string ben_;
};

TEST_F(StaffApplicantsPagesTest, ARecruiterSeesTheApplicantsRankedWithTheirScoresAndCounts) {
  auto recruiter = SignedInBrowser(AddRecruiter());
  auto page = recruiter->Get(ApplicantsPath());
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200) << page->body;
  ExpectSoundPage(page->body);
  const std::string& html = page->body;
  EXPECT_TRUE(absl::StrContains(html, "Patient partner, diabetes board"));
  // Ranked: Ada (lived experience) above Ben, who applied first.
  const size_t ada = html.find("Ada Example");
  const size_t ben = html.find("Ben Example");
  ASSERT_NE(ada, std::string::npos);
  ASSERT_NE(ben, std::string::npos);
  EXPECT_LT(ada, ben);
  EXPECT_TRUE(absl::StrContains(html, absl::StrCat("href=\"", StaffPath(ada_), "\"")));
  EXPECT_TRUE(absl::StrContains(html, absl::StrCat("href=\"", StaffPath(ben_), "\"")));
  // The score's parts in words and the screening outcome.
  EXPECT_TRUE(absl::StrContains(html, "out of"));
  EXPECT_TRUE(absl::StrContains(html, "Lived experience:"));
  EXPECT_TRUE(absl::StrContains(html, "Meets every requirement"));
  // The counts awaiting each step, the state and the next step.
  EXPECT_TRUE(
      std::regex_search(html, std::regex("Awaiting acknowledgement</dt>\\s*<dd[^>]*>2</dd>")))
      << html;
  EXPECT_TRUE(absl::StrContains(html, ">Submitted</strong>"));
  EXPECT_TRUE(absl::StrContains(html, "Acknowledge the application"));
  EXPECT_FALSE(absl::StrContains(html, "Overdue</strong>"));
  // The way there from the role's page.
  auto role_page = recruiter->Get(absl::StrCat("/staff/roles/", RoleId()));
  ASSERT_TRUE(role_page);
  EXPECT_TRUE(absl::StrContains(role_page->body, ApplicantsPath()));
}

TEST_F(StaffApplicantsPagesTest, ARecruiterMovesAnApplicationToAnOfferWhileThePersonWatches) {
  auto recruiter = SignedInBrowser(AddRecruiter());
  auto person = PersonBrowser(kAdaEmail);
  const std::string own = absl::StrCat("/applications/", IdOf(ada_));

  auto page = recruiter->Get(StaffPath(ada_));
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200) << page->body;
  ExpectSoundPage(page->body);
  EXPECT_TRUE(absl::StrContains(page->body, "I have lived with type 1 diabetes"));
  EXPECT_TRUE(absl::StrContains(page->body, ">Submitted</strong>"));
  EXPECT_TRUE(absl::StrContains(page->body, "To be acknowledged by"));
  EXPECT_TRUE(absl::StrContains(page->body, ">Acknowledge</button>"));
  EXPECT_TRUE(absl::StrContains(page->body, ">Turn down</button>"));
  EXPECT_FALSE(absl::StrContains(page->body, ">Make an offer</button>"));
  EXPECT_TRUE(absl::StrContains(page->body, "name=\"csrf\" value=\"" + recruiter->csrf() + "\""));

  struct Step {
    const char* to;
    httplib::Params extra;
    const char* state;
  };
  const Step steps[] = {
      {"acknowledged", {}, "Acknowledged"},
      {"shortlisted", {}, "Shortlisted"},
      {"offered",
       {{"reply_by-day", "20"}, {"reply_by-month", "11"}, {"reply_by-year", "2026"}},
       "Offered"},
  };
  for (const Step& step : steps) {
    auto moved = Move(*recruiter, ada_, step.to, step.extra);
    ASSERT_TRUE(moved);
    ASSERT_EQ(moved->status, 303) << step.to << ": " << moved->body;
    EXPECT_EQ(moved->get_header_value("Location"),
              absl::StrCat(StaffPath(ada_), "?done=", step.to));
    auto after = recruiter->Get(moved->get_header_value("Location"));
    ASSERT_TRUE(after);
    EXPECT_TRUE(absl::StrContains(after->body, absl::StrCat(">", step.state, "</strong>")));
    EXPECT_TRUE(absl::StrContains(after->body, "Success"));
    auto seen = person->Get(own);
    ASSERT_TRUE(seen);
    ASSERT_EQ(seen->status, 200);
    EXPECT_TRUE(absl::StrContains(seen->body, absl::StrCat(">", step.state, "</strong>")))
        << step.state;
  }
  auto offered = recruiter->Get(StaffPath(ada_));
  ASSERT_TRUE(offered);
  EXPECT_TRUE(absl::StrContains(offered->body, "20 November 2026"));
  EXPECT_FALSE(absl::StrContains(offered->body, "/move\""));  // no more moves for the body
  auto seen = person->Get(own);
  ASSERT_TRUE(seen);
  EXPECT_TRUE(absl::StrContains(seen->body, "Accept the offer"));
  EXPECT_TRUE(absl::StrContains(seen->body, "20 November 2026"));

  auto list = recruiter->Get(ApplicantsPath());
  ASSERT_TRUE(list);
  EXPECT_TRUE(std::regex_search(list->body,
                                std::regex("Offered, awaiting a reply</dt>\\s*<dd[^>]*>1</dd>")));
}

TEST_F(StaffApplicantsPagesTest, AnOfferNeedsARealReplyByDate) {
  auto recruiter = SignedInBrowser(AddRecruiter());
  ASSERT_EQ(Move(*recruiter, ada_, "shortlisted")->status, 303);
  auto page = recruiter->Get(StaffPath(ada_));
  ASSERT_TRUE(page);
  EXPECT_TRUE(absl::StrContains(page->body, "<legend"));
  EXPECT_TRUE(std::regex_search(page->body, std::regex("<legend[^>]*>Reply by</legend>")));
  for (const char* label : {">Day</label>", ">Month</label>", ">Year</label>"}) {
    EXPECT_TRUE(absl::StrContains(page->body, label)) << label;
  }
  auto refused =
      Move(*recruiter, ada_, "offered",
           {{"reply_by-day", "31"}, {"reply_by-month", "11"}, {"reply_by-year", "2026"}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400);
  ExpectSoundPage(refused->body);
  EXPECT_TRUE(absl::StrContains(refused->body, "href=\"#reply_by-day\""));
  EXPECT_TRUE(absl::StrContains(refused->body, "must be a real date"));
  EXPECT_TRUE(absl::StrContains(refused->body, "value=\"31\""));  // what was typed
  EXPECT_EQ(StateOf(ada_), v1::APPLICATION_STATE_SHORTLISTED);
}

TEST_F(StaffApplicantsPagesTest, TurningDownWithAReasonShowsThePersonWhy) {
  auto recruiter = SignedInBrowser(AddRecruiter());
  auto page = recruiter->Get(StaffPath(ben_));
  ASSERT_TRUE(page);
  EXPECT_TRUE(absl::StrContains(page->body, ">Reason</label>"));
  EXPECT_TRUE(absl::StrContains(page->body, "The organisation did not shortlist you"));
  EXPECT_FALSE(absl::StrContains(page->body, "The role was filled"));  // matching's own

  auto no_reason = Move(*recruiter, ben_, "unsuccessful", {{"reason", ""}});
  ASSERT_TRUE(no_reason);
  EXPECT_EQ(no_reason->status, 400);
  EXPECT_TRUE(absl::StrContains(no_reason->body, "href=\"#reason\""));
  EXPECT_EQ(StateOf(ben_), v1::APPLICATION_STATE_SUBMITTED);

  auto moved = Move(*recruiter, ben_, "unsuccessful", {{"reason", "not-shortlisted"}});
  ASSERT_TRUE(moved);
  ASSERT_EQ(moved->status, 303) << moved->body;
  EXPECT_EQ(moved->get_header_value("Location"), StaffPath(ben_) + "?done=unsuccessful");
  const v1::Application after = harness_->services().Read(ben_);
  EXPECT_EQ(after.state(), v1::APPLICATION_STATE_UNSUCCESSFUL);
  EXPECT_EQ(after.unsuccessful_reason(), v1::UNSUCCESSFUL_REASON_NOT_SHORTLISTED);
  auto person = PersonBrowser(kBenEmail);
  auto seen = person->Get(absl::StrCat("/applications/", IdOf(ben_)));
  ASSERT_TRUE(seen);
  EXPECT_TRUE(absl::StrContains(seen->body, ">Unsuccessful</strong>"));
  EXPECT_TRUE(absl::StrContains(seen->body, "The organisation did not shortlist you"));
}

TEST_F(StaffApplicantsPagesTest, AStaleEtagMovesNothing) {
  auto recruiter = SignedInBrowser(AddRecruiter());
  auto page = recruiter->Get(StaffPath(ada_));
  ASSERT_TRUE(page);
  const std::string etag = Hidden(page->body, "etag");
  ASSERT_FALSE(etag.empty());
  v1::Application moved;
  ASSERT_TRUE(
      harness_->services().Move(body_key_, ada_, v1::APPLICATION_STATE_ACKNOWLEDGED, &moved).ok());
  auto stale = recruiter->Post(MovePath(ada_), {{"etag", etag}, {"to", "shortlisted"}});
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 409);
  ExpectSoundPage(stale->body);
  EXPECT_TRUE(absl::StrContains(stale->body, "This application changed"));
  EXPECT_TRUE(absl::StrContains(stale->body, ">Acknowledged</strong>"));
  EXPECT_EQ(StateOf(ada_), v1::APPLICATION_STATE_ACKNOWLEDGED);
}

TEST_F(StaffApplicantsPagesTest, AnOverdueAcknowledgementStandsOutWithItsDueDate) {
  // Applied on Monday 2 November 2026, due (as matching counts 5 working days) by Tuesday
  // 10 November: 8 days on, both are overdue.
  harness_->services().clock().Advance(absl::Hours(24 * 8));
  auto recruiter = SignedInBrowser(AddRecruiter());
  auto list = recruiter->Get(ApplicantsPath());
  ASSERT_TRUE(list);
  ASSERT_EQ(list->status, 200) << list->body;
  EXPECT_EQ(Count(list->body, ">Overdue</strong>"), 2);
  EXPECT_TRUE(absl::StrContains(list->body, "Due 10 November 2026")) << list->body;
  ASSERT_EQ(Move(*recruiter, ada_, "acknowledged")->status, 303);
  list = recruiter->Get(ApplicantsPath());
  ASSERT_TRUE(list);
  EXPECT_EQ(Count(list->body, ">Overdue</strong>"), 1);
  auto page = recruiter->Get(StaffPath(ben_));
  ASSERT_TRUE(page);
  EXPECT_TRUE(absl::StrContains(page->body, ">Overdue</strong>"));
  EXPECT_TRUE(absl::StrContains(page->body, "Due 10 November 2026"));
}

TEST_F(StaffApplicantsPagesTest, AViewerSeesNoFormsAndAMovePostedByHandIsRefused) {
  auto viewer = SignedInBrowser(AddViewer());
  auto list = viewer->Get(ApplicantsPath());
  ASSERT_TRUE(list);
  EXPECT_EQ(list->status, 200);
  EXPECT_TRUE(absl::StrContains(list->body, "Ada Example"));
  auto page = viewer->Get(StaffPath(ada_));
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  ExpectSoundPage(page->body);
  EXPECT_TRUE(absl::StrContains(page->body, "I have lived with type 1 diabetes"));
  for (const char* form : {"/move", "name=\"to\"", "Acknowledge</", "Turn down"}) {
    EXPECT_FALSE(absl::StrContains(page->body, form)) << form;
  }
  const std::string etag = harness_->services().Read(ada_).etag();
  auto refused = viewer->Post(MovePath(ada_), {{"etag", etag}, {"to", "acknowledged"}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403) << refused->body;
  const v1::Application after = harness_->services().Read(ada_);
  EXPECT_EQ(after.state(), v1::APPLICATION_STATE_SUBMITTED);
  EXPECT_EQ(after.etag(), etag);
}

TEST_F(StaffApplicantsPagesTest, AnotherBodysStaffAreRefused) {
  const std::string key = AddBody("RYJ", "Other Example Hospitals NHS Trust");
  auto other = SignedInBrowser(
      AddStaff("Olu Other", "olu.other@ryj.example.nhs.uk", v1::STAFF_ROLE_RECRUITER, key, "RYJ"));
  auto list = other->Get(ApplicantsPath());
  ASSERT_TRUE(list);
  EXPECT_EQ(list->status, 403);
  EXPECT_FALSE(absl::StrContains(list->body, "Ada Example"));
  auto page = other->Get(StaffPath(ada_));
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 403);
  EXPECT_FALSE(absl::StrContains(page->body, "I have lived with type 1 diabetes"));
  const std::string etag = harness_->services().Read(ada_).etag();
  auto moved = other->Post(MovePath(ada_), {{"etag", etag}, {"to", "acknowledged"}});
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->status, 403);
  EXPECT_EQ(StateOf(ada_), v1::APPLICATION_STATE_SUBMITTED);
}

TEST_F(StaffApplicantsPagesTest, AMoveWithoutItsTokenChangesNothing) {
  auto recruiter = SignedInBrowser(AddRecruiter());
  auto page = recruiter->Get(StaffPath(ada_));
  ASSERT_TRUE(page);
  auto moved = recruiter->Post(
      MovePath(ada_), {{"csrf", ""}, {"etag", Hidden(page->body, "etag")}, {"to", "acknowledged"}});
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->status, 403);
  EXPECT_EQ(StateOf(ada_), v1::APPLICATION_STATE_SUBMITTED);
}

TEST_F(StaffApplicantsPagesTest, SignedOutTheyAskForTheStaffSignIn) {
  TestBrowser anonymous(*harness_);
  auto res = anonymous.Get(StaffPath(ada_));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303);
  EXPECT_TRUE(absl::StartsWith(res->get_header_value("Location"), "/staff/sign-in?return="));
}

}  // namespace
}  // namespace cadre::testing
