#include "tests/registry/integration/registry_harness.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"

namespace cadre::testing {

namespace {

registry::RegistryOptions WithWriteLimit(const RedisOptions& redis_options, int writes_per_minute) {
  registry::RegistryOptions options = TestRegistryOptions(redis_options);
  options.writes_per_minute = writes_per_minute;
  return options;
}

}  // namespace

RegistryHarness::RegistryHarness(const RedisOptions& redis_options, int writes_per_minute)
    : RegistryHarness(WithWriteLimit(redis_options, writes_per_minute)) {}

RegistryHarness::RegistryHarness(registry::RegistryOptions options)
    : clock_(absl::Now()), redis_(std::make_unique<RedisClient>(options.redis)) {
  auto app = registry::RegistryApp::Start(std::move(options), &clock_);
  EXPECT_TRUE(app.ok()) << app.status();
  app_ = *std::move(app);
  EXPECT_TRUE(app_->WaitUntilFresh(absl::Seconds(10)));
  stub_ = MakeStub<cadre::v1::Registry>(app_->port());
}

RegistryHarness::~RegistryHarness() { app_->Shutdown(); }

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
