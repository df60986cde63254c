// cadre-registry: flags and environment → options; wiring; serve. Nothing else.

#include <cstdlib>
#include <iostream>
#include <memory>

#include "absl/strings/str_cat.h"
#include "services/common/base/clock.h"
#include "services/common/config.h"
#include "services/common/logging.h"
#include "services/common/server.h"
#include "services/registry/registry_app.h"

namespace {

void DeclareFlags(cadre::Flags& f) {
  f.AddString("host", "0.0.0.0", "address to listen on");
  f.AddInt("port", 50051, 0, 65535, "gRPC port (0: any free port)");
  f.AddInt("metrics_port", 51051, -1, 65535, "Prometheus /metrics port (-1: none)");
  f.AddString("redis_host", "127.0.0.1", "Redis host");
  f.AddInt("redis_port", 6379, 1, 65535, "Redis port");
  f.AddString("redis_password", "", "Redis password (prefer the env CADRE_REDIS_PASSWORD)");
  f.AddInt("redis_pool_size", 8, 1, 256, "pooled Redis connections");
  f.AddInt("redis_timeout_ms", 1000, 10, 60000, "Redis command timeout, ms");
  f.AddInt("redis_connect_timeout_ms", 500, 10, 60000, "Redis connect timeout, ms");
  f.AddInt("workers", 8, 1, 256, "threads for calls that wait on Redis");
  f.AddInt("writes_per_minute", 600, 0, 1000000,
           "changes one body may make a minute, across replicas (0: no limit; admins exempt)");
  f.AddString("admin_key_file", "", "file holding the admin API key (or env CADRE_ADMIN_KEY)");
  f.AddString("admin_key", "", "the admin API key itself; prefer the env CADRE_ADMIN_KEY");
  f.AddString("log_level", "info", "debug, info, warn or error");
  f.AddBool("log_every_call", false, "log every call, not only failed and slow ones");
  f.AddString("tls_cert", "", "PEM certificate: serve TLS");
  f.AddString("tls_key", "", "PEM private key for --tls_cert");
  f.AddString("tls_client_ca", "", "PEM CA: require client certificates (mTLS)");
  f.AddInt("drain_timeout_ms", 10000, 0, 600000, "grace period for calls in flight on SIGTERM");
}

absl::StatusOr<std::string> AdminKey(const cadre::Flags& f) {
  std::string key = f.GetString("admin_key");
  if (!f.GetString("admin_key_file").empty()) {
    auto from_file = cadre::ReadSecretFile(f.GetString("admin_key_file"));
    if (!from_file.ok()) return from_file.status();
    key = *from_file;
  }
  return key;
}

}  // namespace

int main(int argc, char** argv) {
  cadre::BlockShutdownSignals();
  cadre::Flags flags;
  DeclareFlags(flags);
  if (absl::Status s = flags.Parse(argc, argv); !s.ok()) {
    std::cerr << s.message() << "\n";
    return s.code() == absl::StatusCode::kFailedPrecondition ? 0 : 2;
  }
  cadre::log::Init("registry", flags.GetString("log_level"));
  auto admin_key = AdminKey(flags);
  if (!admin_key.ok()) {
    cadre::log::Error("bad configuration", {{"error", std::string(admin_key.status().message())}});
    return 2;
  }
  if (admin_key->empty()) cadre::log::Warn("no admin key configured: admin calls will fail");

  cadre::registry::RegistryOptions options;
  options.redis.host = flags.GetString("redis_host");
  options.redis.port = static_cast<int>(flags.GetInt("redis_port"));
  options.redis.password = flags.GetString("redis_password");
  options.redis.pool_size = static_cast<int>(flags.GetInt("redis_pool_size"));
  options.redis.command_timeout = std::chrono::milliseconds(flags.GetInt("redis_timeout_ms"));
  options.redis.connect_timeout =
      std::chrono::milliseconds(flags.GetInt("redis_connect_timeout_ms"));
  options.server.host = flags.GetString("host");
  options.server.port = static_cast<int>(flags.GetInt("port"));
  options.server.metrics_port = static_cast<int>(flags.GetInt("metrics_port"));
  options.server.tls_cert_file = flags.GetString("tls_cert");
  options.server.tls_key_file = flags.GetString("tls_key");
  options.server.tls_client_ca_file = flags.GetString("tls_client_ca");
  options.server.drain_timeout = std::chrono::milliseconds(flags.GetInt("drain_timeout_ms"));
  options.server.log_every_call = flags.GetBool("log_every_call");
  options.workers = static_cast<int>(flags.GetInt("workers"));
  options.writes_per_minute = static_cast<int>(flags.GetInt("writes_per_minute"));
  options.admin_key = *admin_key;

  cadre::RealClock clock;
  auto app = cadre::registry::RegistryApp::Start(std::move(options), &clock);
  if (!app.ok()) {
    cadre::log::Error("cannot start", {{"error", std::string(app.status().message())}});
    return app.status().code() == absl::StatusCode::kInvalidArgument ? 2 : 1;
  }
  cadre::log::Info("serving", {{"port", absl::StrCat((*app)->port())},
                               {"metrics_port", absl::StrCat((*app)->metrics_port())}});
  cadre::Server::ShutdownOnSignals(&(*app)->server());
  (*app)->Wait();
  (*app)->Shutdown();
  cadre::log::Info("stopped");
  return 0;
}
