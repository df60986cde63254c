#include "tests/registry/integration/registry_harness.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"

namespace cadre::testing {

RegistryHarness::RegistryHarness(const RedisOptions& redis_options, int writes_per_minute)
    : clock_(absl::Now()) {
  redis_ = std::make_unique<RedisClient>(redis_options);
  keys_ = std::make_unique<ApiKeyStore>(redis_.get());
  auth_ = std::make_unique<Authenticator>(keys_.get(), kAdminKey, &clock_);
  catalog_ = std::make_unique<registry::Catalog>();
  store_ = std::make_unique<registry::RegistryStore>(redis_.get());
  view_ = std::make_unique<registry::ViewSync>(redis_.get(), store_.get(), catalog_.get());
  writer_ = std::make_unique<registry::RegistryWriter>(store_.get(), catalog_.get(), &clock_,
                                                       writes_per_minute);
  workers_ = std::make_unique<WorkerPool>(4, 1024);
  service_ = std::make_unique<registry::RegistryService>(
      registry::RegistryDeps{catalog_.get(), view_.get(), writer_.get(), auth_.get(), keys_.get(),
                             workers_.get(), &clock_});
  ServerOptions options;
  options.service_name = "cadre.v1.Registry";
  options.host = "127.0.0.1";
  options.port = 0;
  options.metrics_port = -1;
  options.health_interval = std::chrono::milliseconds(100);
  options.drain_timeout = std::chrono::milliseconds(2000);
  view_->Start();
  server_ = std::make_unique<Server>(options, redis_.get());
  server_->AddService(service_.get());
  server_->SetReadinessCheck([this] { return view_->IsFresh(); });
  const absl::Status started = server_->Start();
  EXPECT_TRUE(started.ok()) << started;
  EXPECT_TRUE(view_->WaitUntilFresh(absl::Seconds(10)));
  stub_ = cadre::v1::Registry::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", server_->port()), grpc::InsecureChannelCredentials()));
}

RegistryHarness::~RegistryHarness() {
  server_->Shutdown();
  server_->Wait();
  view_->Stop();
}

std::unique_ptr<grpc::ClientContext> RegistryHarness::Context(const std::string& key) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  if (!key.empty()) context->AddMetadata("authorization", absl::StrCat("Bearer ", key));
  return context;
}

cadre::v1::Body RegistryHarness::MakeBody(const std::string& ods, cadre::v1::BodyKind kind,
                                          cadre::v1::Region region) {
  cadre::v1::CreateBodyRequest request;
  request.mutable_body()->set_ods_code(ods);
  request.mutable_body()->set_display_name(absl::StrCat("Test body ", ods));
  request.mutable_body()->set_kind(kind);
  request.mutable_body()->set_region(region);
  cadre::v1::Body body;
  grpc::Status status = stub_->CreateBody(Context(kAdminKey).get(), request, &body);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return body;
}

std::string RegistryHarness::BodyKey(const std::string& code) {
  cadre::v1::CreateApiKeyRequest request;
  request.set_kind(cadre::v1::PRINCIPAL_KIND_BODY);
  request.set_subject(absl::StrCat("bodies/", code));
  request.set_label("test");
  cadre::v1::CreateApiKeyResponse response;
  grpc::Status status = stub_->CreateApiKey(Context(kAdminKey).get(), request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response.secret();
}

cadre::v1::Role ValidRole(const std::string& code, absl::Time now) {
  cadre::v1::Role role;
  role.set_body(absl::StrCat("bodies/", code));
  role.set_title("Lay member, maternity and neonatal safety group");
  role.set_summary("Bring the voice of women and families to the trust's safety reviews.");
  role.set_level(cadre::v1::INVOLVEMENT_LEVEL_3);
  role.set_rung(cadre::v1::ENGAGEMENT_RUNG_COLLABORATE);
  role.mutable_time_commitment()->set_hours_per_month(6);
  role.mutable_time_commitment()->set_duration_months(12);
  role.add_expertise_sought("lived-experience");
  role.add_topics("maternity");
  role.mutable_location()->set_region(cadre::v1::REGION_LONDON);
  role.mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_HYBRID);
  role.mutable_support()->set_expenses_paid(true);
  role.mutable_support()->set_payment(cadre::v1::PAYMENT_KIND_INVOLVEMENT);
  role.mutable_support()->set_rate_pence_per_hour(2000);
  role.set_places(2);
  *role.mutable_closing_time() = google::protobuf::util::TimeUtil::SecondsToTimestamp(
      absl::ToUnixSeconds(now + absl::Hours(24 * 30)));
  return role;
}

}  // namespace cadre::testing
