#pragma once

// The fixture of the application pages' tests (application_pages_test.cc,
// application_actions_test.cc): one body with an open role that the person meets in
// full, and a person signed up in a TestBrowser.

#include <gtest/gtest.h>

#include <memory>
#include <regex>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/gateway/integration/gateway_harness.h"
#include "tests/gateway/integration/test_browser.h"

namespace cadre::testing {

inline constexpr char kStatement[] =
    "I have lived with type 1 diabetes & its <complications> for years.";

// The value of the hidden field `name` on `html`, or "".
inline std::string HiddenField(const std::string& html, const std::string& name) {
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

}  // namespace cadre::testing
