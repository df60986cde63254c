#pragma once

// The registry with bodies RJ1 and QOP and their keys, for the staff account tests: small
// scrypt parameters (so that tests are quick; the parameters are kept with each hash),
// and helpers that make and sign in staff members through real stubs.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "cadre/v1/registry.grpc.pb.h"
#include "tests/registry/integration/registry_harness.h"
#include "tests/support/status_matchers.h"

namespace cadre::testing {

inline constexpr char kStaffPassword[] = "correct horse battery";

class StaffTest : public ::testing::Test {
 protected:
  // `configure` may change the options before the registry starts.
  void SetUp() override {
    Start([](registry::RegistryOptions&) {});
  }

  template <typename F>
  void Start(F configure) {
    redis_ = RedisServer::Start();
    registry::RegistryOptions options = TestRegistryOptions(redis_->options());
    options.staff.scrypt = ScryptParams{.n = 1024, .r = 8, .p = 1};
    options.staff_sweep_every = absl::InfiniteDuration();
    configure(options);
    harness_ = std::make_unique<RegistryHarness>(std::move(options));
    harness_->MakeBody("RJ1", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON);
    harness_->MakeBody("QOP", cadre::v1::BODY_KIND_ICB, cadre::v1::REGION_NORTH_WEST);
    rj1_key_ = harness_->BodyKey("RJ1");
    qop_key_ = harness_->BodyKey("QOP");
  }

  cadre::v1::Registry::Stub& stub() { return harness_->stub(); }
  static std::unique_ptr<grpc::ClientContext> Ctx(const std::string& key = "") {
    return RegistryHarness::Context(key);
  }

  grpc::Status TryCreate(const std::string& key, const std::string& parent,
                         const std::string& display_name, const std::string& email,
                         cadre::v1::StaffRole role, cadre::v1::CreateStaffResponse* out,
                         const std::string& request_id = "") {
    cadre::v1::CreateStaffRequest request;
    request.set_parent(parent);
    request.mutable_staff()->set_display_name(display_name);
    request.mutable_staff()->set_email(email);
    request.mutable_staff()->set_role(role);
    request.set_request_id(request_id);
    return stub().CreateStaff(Ctx(key).get(), request, out);
  }

  // Creates a member of bodies/RJ1 with its key; fails the test on error.
  cadre::v1::CreateStaffResponse Create(const std::string& display_name, const std::string& email,
                                        cadre::v1::StaffRole role) {
    cadre::v1::CreateStaffResponse out;
    grpc::Status s = TryCreate(rj1_key_, "bodies/RJ1", display_name, email, role, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  grpc::Status SetPassword(const std::string& token, const std::string& password,
                           cadre::v1::SignInStaffResponse* out) {
    cadre::v1::SetStaffPasswordRequest request;
    request.set_setup_token(token);
    request.set_password(password);
    return stub().SetStaffPassword(Ctx().get(), request, out);
  }

  grpc::Status SignIn(const std::string& email, const std::string& password,
                      cadre::v1::SignInStaffResponse* out) {
    cadre::v1::SignInStaffRequest request;
    request.set_email(email);
    request.set_password(password);
    return stub().SignInStaff(Ctx().get(), request, out);
  }

  // Creates a member of bodies/RJ1, sets their password and answers their sign-in (its
  // key); fails the test on error.
  cadre::v1::SignInStaffResponse Member(const std::string& display_name, const std::string& email,
                                        cadre::v1::StaffRole role) {
    cadre::v1::CreateStaffResponse created = Create(display_name, email, role);
    cadre::v1::SignInStaffResponse signed_in;
    grpc::Status s = SetPassword(created.setup().setup_token(), kStaffPassword, &signed_in);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return signed_in;
  }

  grpc::Status GetStaff(const std::string& key, const std::string& name, cadre::v1::Staff* out) {
    cadre::v1::GetStaffRequest request;
    request.set_name(name);
    return stub().GetStaff(Ctx(key).get(), request, out);
  }

  std::unique_ptr<RedisServer> redis_;
  std::unique_ptr<RegistryHarness> harness_;
  std::string rj1_key_;
  std::string qop_key_;
};

}  // namespace cadre::testing
