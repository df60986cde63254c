#pragma once

// The fixture of the staff pages' tests (issue 10): the gateway in front of the in-process
// registry and matching service (GatewayTest), one body (RXF) with its key, and a manager
// of its staff made as a body's first manager is: CreateStaff with the body's key, then
// SetStaffPassword with the set-up token. Helpers add recruiters and viewers (to RXF or
// another body), sign a TestBrowser in at /staff/sign-in as a member, and get a member's
// own staff key over gRPC (SignInStaff) for setting things up directly.
//
//   class StaffRolesPagesTest : public StaffTest {};
//   TEST_F(StaffRolesPagesTest, ...) {
//     const StaffMember recruiter = AddRecruiter();
//     auto browser = SignedInBrowser(recruiter);
//     auto page = browser->Get("/staff/roles");
//   }

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "cadre/v1/registry.grpc.pb.h"
#include "tests/gateway/integration/gateway_harness.h"
#include "tests/gateway/integration/test_browser.h"
#include "tests/support/service_fixture.h"

namespace cadre::testing {

inline constexpr char kStaffBodyCode[] = "RXF";
inline constexpr char kStaffBodyName[] = "Royal Example Hospitals NHS Trust";
inline constexpr char kManagerEmail[] = "maya.manager@rxf.example.nhs.uk";

// A member of a body's staff, as the tests know them.
struct StaffMember {
  std::string name;          // "bodies/{code}/staff/{id}"
  std::string email;         // what they sign in with
  std::string display_name;  // as the header shows it
  std::string password = kTestPassword;
  cadre::v1::StaffRole role = cadre::v1::STAFF_ROLE_UNSPECIFIED;
};

class StaffTest : public GatewayTest {
 protected:
  void SetUp() override {
    GatewayTest::SetUp();
    body_key_ = harness_->services().BodyWithKey(kStaffBodyCode, kStaffBodyName,
                                                 cadre::v1::BODY_KIND_TRUST);
    ASSERT_FALSE(body_key_.empty());
    manager_ = AddStaff("Maya Manager", kManagerEmail, cadre::v1::STAFF_ROLE_MANAGER);
    ASSERT_FALSE(manager_.name.empty()) << "the registry's staff RPCs are needed";
  }

  cadre::v1::Registry::Stub& registry() { return harness_->services().registry(); }

  // CreateStaff as `creator_key` (the body's key by default) in bodies/`body_code`: the
  // status, and the account and its set-up link in `out`.
  grpc::Status CreateStaff(const std::string& display_name, const std::string& email,
                           cadre::v1::StaffRole role, cadre::v1::CreateStaffResponse* out,
                           const std::string& creator_key = "",
                           const std::string& body_code = kStaffBodyCode) {
    cadre::v1::CreateStaffRequest create;
    create.set_parent(absl::StrCat("bodies/", body_code));
    create.mutable_staff()->set_display_name(display_name);
    create.mutable_staff()->set_email(email);
    create.mutable_staff()->set_role(role);
    return registry().CreateStaff(CallContext(creator_key.empty() ? body_key_ : creator_key).get(),
                                  create, out);
  }

  // SetStaffPassword with a set-up token (no key): the status.
  grpc::Status SetPassword(const std::string& setup_token, const std::string& password,
                           cadre::v1::SignInStaffResponse* out = nullptr) {
    cadre::v1::SetStaffPasswordRequest set;
    set.set_setup_token(setup_token);
    set.set_password(password);
    cadre::v1::SignInStaffResponse ignored;
    return registry().SetStaffPassword(CallContext().get(), set, out ? out : &ignored);
  }

  // A member created and set up (their password kTestPassword); the test fails on error
  // and the member's name is then empty.
  StaffMember AddStaff(const std::string& display_name, const std::string& email,
                       cadre::v1::StaffRole role, const std::string& creator_key = "",
                       const std::string& body_code = kStaffBodyCode) {
    cadre::v1::CreateStaffResponse created;
    grpc::Status status = CreateStaff(display_name, email, role, &created, creator_key, body_code);
    EXPECT_TRUE(status.ok()) << "CreateStaff: " << status.error_message();
    if (!status.ok()) return {};
    status = SetPassword(created.setup().setup_token(), kTestPassword);
    EXPECT_TRUE(status.ok()) << "SetStaffPassword: " << status.error_message();
    if (!status.ok()) return {};
    return StaffMember{
        .name = created.staff().name(), .email = email, .display_name = display_name, .role = role};
  }
  StaffMember AddRecruiter(const std::string& email = "rhys.recruiter@rxf.example.nhs.uk",
                           const std::string& display_name = "Rhys Recruiter") {
    return AddStaff(display_name, email, cadre::v1::STAFF_ROLE_RECRUITER);
  }
  StaffMember AddViewer(const std::string& email = "vera.viewer@rxf.example.nhs.uk",
                        const std::string& display_name = "Vera Viewer") {
    return AddStaff(display_name, email, cadre::v1::STAFF_ROLE_VIEWER);
  }

  // Another body (admin-registered) with its key, for tests of one body's staff against
  // another's data; add its staff with AddStaff(..., key, code).
  std::string AddBody(const std::string& code, const std::string& display_name) {
    return harness_->services().BodyWithKey(code, display_name, cadre::v1::BODY_KIND_TRUST);
  }

  // Signs `browser` in through /staff/sign-in: whether the gateway answered 303.
  static bool SignInStaff(TestBrowser& browser, const std::string& email,
                          const std::string& password = kTestPassword) {
    auto form = browser.Get("/staff/sign-in");
    if (!form || form->status != 200) return false;
    auto done = browser.Post("/staff/sign-in", {{"email", email}, {"password", password}});
    return done && done->status == 303;
  }

  // A new browser signed in as `member`; the test fails when sign-in does not answer 303.
  std::unique_ptr<TestBrowser> SignedInBrowser(const StaffMember& member) {
    auto browser = std::make_unique<TestBrowser>(*harness_);
    EXPECT_TRUE(SignInStaff(*browser, member.email, member.password))
        << "signing in as " << member.display_name << ": " << browser->last_body();
    return browser;
  }

  // The member's own staff key (SignInStaff over gRPC), for calls made directly.
  std::string StaffKey(const StaffMember& member) {
    cadre::v1::SignInStaffRequest sign_in;
    sign_in.set_email(member.email);
    sign_in.set_password(member.password);
    cadre::v1::SignInStaffResponse answer;
    const grpc::Status status = registry().SignInStaff(CallContext().get(), sign_in, &answer);
    EXPECT_TRUE(status.ok()) << "SignInStaff: " << status.error_message();
    return answer.key();
  }

  std::string body_key_;  // the body's own key (its key holder)
  StaffMember manager_;   // a manager of RXF's staff, set up
};

}  // namespace cadre::testing
