#include "tests/matching/integration/matching_harness.h"

#include <cstdlib>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "services/common/password.h"
#include "services/matching/application_store.h"
#include "tests/support/wait_for.h"

namespace cadre::testing {
namespace {

void WriteKey(const std::string& dir, const std::string& subject, const std::string& key) {
  std::ofstream(absl::StrCat(dir, "/", subject, ".key")) << key << "\n";
}

}  // namespace

MatchingHarness::MatchingHarness(const RedisOptions& redis_options,
                                 const std::function<void(matching::MatchingOptions&)>& tune)
    : redis_options_(redis_options) {
  char dir_template[] = "/tmp/cadre-matching-keys.XXXXXX";
  keys_dir_ = mkdtemp(dir_template);
  WriteKey(keys_dir_, "matching", kMatchingServiceKey);
  WriteKey(keys_dir_, "notifications", kNotificationsServiceKey);
  WriteKey(keys_dir_, "gateway", kGatewayServiceKey);
  redis_ = std::make_unique<RedisClient>(redis_options);
  StartRegistry();

  options_.redis = redis_options;
  options_.server = TestServerOptions();
  options_.admin_key = kAdminKey;
  options_.service_keys_dir = keys_dir_;
  options_.registry_target = absl::StrCat("127.0.0.1:", registry_port_);
  options_.service_key = kMatchingServiceKey;
  options_.email_hmac_key = "test-email-hmac-key-0123456789abcdef";
  options_.workers = 4;
  // Small scrypt parameters: the tests check behaviour, not cost.
  options_.accounts.scrypt = ScryptParams{.n = 1024, .r = 8, .p = 1};
  options_.sweep_every = absl::Hours(1);  // tests sweep when they choose
  // Every test signs up from one address, often many times: the limits have tests of
  // their own, with a harness tuned to them.
  options_.accounts.signups_per_address_hour = 0;
  options_.accounts.signups_per_email_hour = 0;
  options_.accounts.signins_per_address_minute = 0;
  if (tune) tune(options_);
  auto app = matching::MatchingApp::Start(options_, &clock_);
  if (!app.ok()) {
    ADD_FAILURE() << "matching did not start: " << app.status();
    std::abort();
  }
  app_ = *std::move(app);
  if (!app_->WaitUntilLoaded(absl::Seconds(20))) ADD_FAILURE() << "matching's view did not load";
  stub_ = MakeStub<cadre::v1::Matching>(app_->port());
}

MatchingHarness::~MatchingHarness() {
  stub_.reset();
  if (app_ != nullptr) app_->Shutdown();
  app_.reset();
  StopRegistry();
  std::system(absl::StrCat("rm -rf '", keys_dir_, "'").c_str());
}

void MatchingHarness::StopRegistry() {
  if (registry_app_ == nullptr) return;
  registry_app_->Shutdown();
  registry_app_.reset();
}

void MatchingHarness::StartRegistry() {
  registry::RegistryOptions options;
  options.redis = redis_options_;
  options.server = TestServerOptions();
  options.server.port = registry_port_;  // 0 the first time; the same port after a stop
  options.writes_per_minute = 0;
  options.admin_key = kAdminKey;
  options.service_keys_dir = keys_dir_;
  auto app = registry::RegistryApp::Start(options, &clock_);
  if (!app.ok()) {
    ADD_FAILURE() << "registry did not start: " << app.status();
    std::abort();
  }
  registry_app_ = *std::move(app);
  registry_port_ = registry_app_->port();
  registry_app_->WaitUntilFresh(absl::Seconds(10));
  registry_stub_ = MakeStub<cadre::v1::Registry>(registry_port_);
}

cadre::v1::SignUpRequest MatchingHarness::SignUpRequestFor(const std::string& email) {
  cadre::v1::SignUpRequest request;
  request.set_email(email);
  request.set_password("a long enough passphrase");
  cadre::v1::Profile& profile = *request.mutable_profile();
  profile.set_display_name("Ada Example");
  profile.mutable_date_of_birth()->set_year(1970);
  profile.mutable_date_of_birth()->set_month(5);
  profile.mutable_date_of_birth()->set_day(17);
  profile.set_region(cadre::v1::REGION_LONDON);
  profile.add_lived_experience("diabetes");
  profile.add_skills("chairing");
  profile.add_expertise("finance");
  profile.set_availability_hours_per_month(8);
  profile.add_access_needs("step-free-access");
  profile.set_attendance(cadre::v1::ATTENDANCE_MODE_HYBRID);
  request.mutable_consent()->set_privacy_notice_version("2026-11");
  request.mutable_consent()->set_processing_agreed(true);
  return request;
}

cadre::v1::SignUpResponse MatchingHarness::SignUp(const std::string& email) {
  cadre::v1::SignUpResponse response;
  grpc::Status status = stub_->SignUp(CallContext().get(), SignUpRequestFor(email), &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response;
}

std::string MatchingHarness::BodyWithKey(const std::string& ods) {
  return BodyWithKey(ods, absl::StrCat("Body ", ods), cadre::v1::BODY_KIND_TRUST);
}

std::string MatchingHarness::BodyWithKey(const std::string& ods, const std::string& display_name,
                                         cadre::v1::BodyKind kind) {
  cadre::v1::CreateBodyRequest create;
  create.mutable_body()->set_ods_code(ods);
  create.mutable_body()->set_display_name(display_name);
  create.mutable_body()->set_kind(kind);
  create.mutable_body()->set_region(cadre::v1::REGION_LONDON);
  cadre::v1::Body body;
  grpc::Status status = registry_stub_->CreateBody(CallContext(kAdminKey).get(), create, &body);
  EXPECT_TRUE(status.ok()) << status.error_message();
  cadre::v1::CreateApiKeyRequest key_request;
  key_request.set_kind(cadre::v1::PRINCIPAL_KIND_BODY);
  key_request.set_subject(body.name());
  key_request.set_label("test");
  cadre::v1::CreateApiKeyResponse key;
  status = registry_stub_->CreateApiKey(CallContext(kAdminKey).get(), key_request, &key);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return key.secret();
}

cadre::v1::Role MatchingHarness::RoleFor(const std::string& ods, int places) {
  cadre::v1::Role role;
  role.set_body(absl::StrCat("bodies/", ods));
  role.set_title("Patient partner, diabetes programme board");
  role.set_summary("Help shape diabetes services.");
  role.set_level(cadre::v1::INVOLVEMENT_LEVEL_3);
  role.set_rung(cadre::v1::ENGAGEMENT_RUNG_INVOLVE);
  role.mutable_time_commitment()->set_hours_per_month(4);
  role.add_topics("diabetes");
  role.add_expertise_sought("finance");
  role.mutable_location()->set_region(cadre::v1::REGION_LONDON);
  role.mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_REMOTE);
  role.mutable_support()->set_payment(cadre::v1::PAYMENT_KIND_INVOLVEMENT);
  role.mutable_support()->set_rate_pence_per_hour(2000);
  role.set_places(places);
  return role;
}

std::string MatchingHarness::OpenRole(const std::string& body_key, const cadre::v1::Role& role) {
  cadre::v1::CreateRoleRequest create;
  *create.mutable_role() = role;
  if (!create.role().has_closing_time()) {
    *create.mutable_role()->mutable_closing_time() =
        google::protobuf::util::TimeUtil::MillisecondsToTimestamp(
            absl::ToUnixMillis(clock_.Now() + absl::Hours(24 * 30)));
  }
  cadre::v1::Role created;
  grpc::Status status = registry_stub_->CreateRole(CallContext(body_key).get(), create, &created);
  EXPECT_TRUE(status.ok()) << status.error_message();
  cadre::v1::PublishRoleRequest publish;
  publish.set_name(created.name());
  cadre::v1::Role published;
  status = registry_stub_->PublishRole(CallContext(body_key).get(), publish, &published);
  EXPECT_TRUE(status.ok()) << status.error_message();
  const int64_t id = matching::RoleIdFromName(created.name());
  EXPECT_TRUE(WaitFor([&] { return app_->open_roles().Find(id) != nullptr; }))
      << "matching's view never held " << created.name();
  return created.name();
}

cadre::v1::Application MatchingHarness::Apply(const std::string& applicant_key,
                                              const std::string& role) {
  cadre::v1::SubmitApplicationRequest request;
  request.set_role(role);
  request.set_statement("I have lived with type 1 diabetes for twenty years.");
  cadre::v1::Application app;
  grpc::Status status = stub_->SubmitApplication(CallContext(applicant_key).get(), request, &app);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return app;
}

grpc::Status MatchingHarness::Move(const std::string& key, const std::string& application,
                                   cadre::v1::ApplicationState state, cadre::v1::Application* out,
                                   cadre::v1::UnsuccessfulReason reason) {
  cadre::v1::MoveApplicationRequest request;
  request.set_name(application);
  request.set_state(state);
  request.set_reason(reason);
  return stub_->MoveApplication(CallContext(key).get(), request, out);
}

cadre::v1::Application MatchingHarness::Read(const std::string& application) {
  cadre::v1::GetApplicationRequest request;
  request.set_name(application);
  cadre::v1::Application app;
  grpc::Status status = stub_->GetApplication(CallContext(kAdminKey).get(), request, &app);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return app;
}

}  // namespace cadre::testing
