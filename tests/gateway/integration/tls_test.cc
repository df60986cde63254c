// The gateway over HTTPS (--tls_cert_file, --tls_key_file) with a self-signed
// certificate made by the openssl command: pages and JSON answer, and every response
// carries HSTS, which plain HTTP never does.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/gateway/integration/gateway_harness.h"

namespace cadre::testing {
namespace {

class GatewayTlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/cadre_gateway_tls_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    const std::string command = absl::StrCat(
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -addext "
        "subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout ",
        dir_, "/key.pem -out ", dir_, "/cert.pem >/dev/null 2>&1");
    // make test installs openssl (scripts/install_deps.sh).
    ASSERT_EQ(std::system(command.c_str()), 0)
        << "the openssl command could not make a certificate";
    redis_ = RedisServer::Start();
    harness_ =
        std::make_unique<GatewayHarness>(redis_->options(), [this](gateway::GatewayOptions& o) {
          o.http.tls_cert_file = dir_ + "/cert.pem";
          o.http.tls_key_file = dir_ + "/key.pem";
        });
  }
  void TearDown() override {
    harness_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::unique_ptr<httplib::SSLClient> Client() {
    auto client = std::make_unique<httplib::SSLClient>("127.0.0.1", harness_->app().port());
    client->enable_server_certificate_verification(false);
    client->set_read_timeout(10, 0);
    return client;
  }

  std::string dir_;
  std::unique_ptr<RedisServer> redis_;
  std::unique_ptr<GatewayHarness> harness_;
};

TEST_F(GatewayTlsTest, PagesAndJsonAnswerOverHttpsWithHsts) {
  auto client = Client();
  auto home = client->Get("/");
  ASSERT_TRUE(home) << httplib::to_string(home.error());
  EXPECT_EQ(home->status, 200);
  EXPECT_TRUE(absl::StartsWith(home->get_header_value("Strict-Transport-Security"), "max-age="));
  auto json = client->Post("/cadre.v1.Registry/GetInvolvementMap", "{}", "application/json");
  ASSERT_TRUE(json);
  EXPECT_EQ(json->status, 200);
  EXPECT_FALSE(json->get_header_value("Strict-Transport-Security").empty());
  // Plain HTTP to the TLS port gets no page.
  httplib::Client plain("127.0.0.1", harness_->app().port());
  plain.set_read_timeout(5, 0);
  auto refused = plain.Get("/");
  EXPECT_TRUE(!refused || refused->status != 200);
}

}  // namespace
}  // namespace cadre::testing
