#include "tests/gateway/integration/gateway_harness.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>

#include "absl/strings/str_cat.h"

namespace cadre::testing {

GatewayHarness::GatewayHarness(const RedisOptions& redis_options,
                               const std::function<void(gateway::GatewayOptions&)>& tune)
    : services_(std::make_unique<MatchingHarness>(redis_options)) {
  options_.http.host = "127.0.0.1";
  options_.http.port = 0;
  options_.http.threads = 8;
  options_.http.log_every_request = false;
  options_.metrics_host = "127.0.0.1";
  options_.metrics_port = 0;
  options_.web_root = CADRE_TEST_WEB_ROOT;
  options_.upstream.targets = {
      {"cadre.v1.Registry", absl::StrCat("127.0.0.1:", services_->registry_port())},
      {"cadre.v1.Matching", absl::StrCat("127.0.0.1:", services_->app().port())}};
  options_.upstream.service_key = kGatewayServiceKey;
  options_.redis = redis_options;
  session_key_file_ =
      absl::StrCat(::testing::TempDir(), "gateway-session-", std::random_device()(), ".key");
  std::ofstream(session_key_file_) << kTestSessionKey << "\n";
  options_.session_key_file = session_key_file_;
  if (tune) tune(options_);
  auto app = gateway::GatewayApp::Start(options_, &services_->clock());
  if (!app.ok()) {
    ADD_FAILURE() << "gateway did not start: " << app.status();
    std::abort();
  }
  app_ = *std::move(app);
}

GatewayHarness::~GatewayHarness() {
  if (app_ != nullptr) app_->Shutdown();
  app_.reset();
  services_.reset();
  std::remove(session_key_file_.c_str());
}

std::string GatewayHarness::BaseUrl() const {
  return absl::StrCat("http://127.0.0.1:", app_->port());
}

std::unique_ptr<httplib::Client> GatewayHarness::Client() const {
  auto client = std::make_unique<httplib::Client>("127.0.0.1", app_->port());
  client->set_read_timeout(10, 0);
  client->set_keep_alive(true);
  return client;
}

void GatewayHarness::StopMatching() {
  // MatchingApp::Shutdown is idempotent: the MatchingHarness's own shutdown later is a no-op.
  services_->app().Shutdown();
}

std::string GatewayHarness::PublishedRole(const std::string& ods, const std::string& title) {
  const std::string key = services_->BodyWithKey(ods);
  cadre::v1::Role role = MatchingHarness::RoleFor(ods, 2);
  role.set_title(title);
  return services_->OpenRole(key, role);
}

}  // namespace cadre::testing
