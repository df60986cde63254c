// cadre-registry: flags and environment → options; wiring; serve. Nothing else.

#include <cstdlib>
#include <iostream>
#include <memory>

#include "absl/strings/str_cat.h"
#include "services/common/api_keys.h"
#include "services/common/auth.h"
#include "services/common/clock.h"
#include "services/common/config.h"
#include "services/common/logging.h"
#include "services/common/redis_client.h"
#include "services/common/server.h"
#include "services/common/worker_pool.h"
#include "services/registry/catalog.h"
#include "services/registry/registry_service.h"
#include "services/registry/registry_store.h"
#include "services/registry/registry_writer.h"
#include "services/registry/view_sync.h"

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
  if (!key.empty() && key.size() < 32) {
    return absl::InvalidArgumentError("admin key: must be at least 32 characters");
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

  cadre::RedisOptions redis_options;
  redis_options.host = flags.GetString("redis_host");
  redis_options.port = static_cast<int>(flags.GetInt("redis_port"));
  redis_options.password = flags.GetString("redis_password");
  redis_options.pool_size = static_cast<int>(flags.GetInt("redis_pool_size"));
  redis_options.command_timeout = std::chrono::milliseconds(flags.GetInt("redis_timeout_ms"));
  redis_options.connect_timeout =
      std::chrono::milliseconds(flags.GetInt("redis_connect_timeout_ms"));

  cadre::RealClock clock;
  cadre::RedisClient redis(redis_options);
  cadre::ApiKeyStore keys(&redis);
  cadre::Authenticator auth(&keys, *admin_key, &clock);
  cadre::registry::Catalog catalog;
  cadre::registry::RegistryStore store(&redis);
  cadre::registry::ViewSync view(&redis, &store, &catalog);
  cadre::registry::RegistryWriter writer(&store, &catalog, &clock,
                                         static_cast<int>(flags.GetInt("writes_per_minute")));
  cadre::WorkerPool workers(static_cast<int>(flags.GetInt("workers")), 4096);
  cadre::registry::RegistryService service(
      {&catalog, &view, &writer, &auth, &keys, &workers, &clock});

  cadre::ServerOptions server_options;
  server_options.service_name = "cadre.v1.Registry";
  server_options.host = flags.GetString("host");
  server_options.port = static_cast<int>(flags.GetInt("port"));
  server_options.metrics_port = static_cast<int>(flags.GetInt("metrics_port"));
  server_options.tls_cert_file = flags.GetString("tls_cert");
  server_options.tls_key_file = flags.GetString("tls_key");
  server_options.tls_client_ca_file = flags.GetString("tls_client_ca");
  server_options.drain_timeout = std::chrono::milliseconds(flags.GetInt("drain_timeout_ms"));
  server_options.log_every_call = flags.GetBool("log_every_call");

  view.Start();
  cadre::Server server(server_options, &redis);
  server.AddService(&service);
  server.SetReadinessCheck([&view] { return view.IsFresh(); });
  if (absl::Status s = server.Start(); !s.ok()) {
    cadre::log::Error("cannot start", {{"error", std::string(s.message())}});
    return 1;
  }
  cadre::log::Info("serving", {{"port", absl::StrCat(server.port())},
                               {"metrics_port", absl::StrCat(server.metrics_port())}});
  cadre::Server::ShutdownOnSignals(&server);
  server.Wait();
  view.Stop();
  cadre::log::Info("stopped");
  return 0;
}
