#include "services/registry/registry_flags.h"

#include <chrono>

#include "absl/flags/flag.h"
#include "services/common/base/status_macros.h"
#include "services/common/secret_file.h"

// Ranges in the help text are checked in RegistryOptionsFromFlags below.
ABSL_FLAG(std::string, host, "0.0.0.0", "address to listen on");
ABSL_FLAG(int, port, 50051, "gRPC port, 0..65535 (0: any free port)");
ABSL_FLAG(int, metrics_port, 51051, "Prometheus /metrics port, -1..65535 (-1: none)");
ABSL_FLAG(std::string, redis_host, "127.0.0.1", "Redis host");
ABSL_FLAG(int, redis_port, 6379, "Redis port, 1..65535");
ABSL_FLAG(std::string, redis_password, "",
          "Redis password (prefer the environment variable to the command line)");
ABSL_FLAG(int, redis_pool_size, 8, "pooled Redis connections, 1..256");
ABSL_FLAG(int, redis_timeout_ms, 1000, "Redis command timeout, ms, 10..60000");
ABSL_FLAG(int, redis_connect_timeout_ms, 500, "Redis connect timeout, ms, 10..60000");
ABSL_FLAG(int, workers, 8, "threads for calls that wait on Redis, 1..256");
ABSL_FLAG(int, writes_per_minute, 600,
          "changes one body may make a minute, across replicas, 0..1000000 (0: no limit; "
          "admins exempt)");
ABSL_FLAG(std::string, admin_key_file, "",
          "file holding the admin API key (wins over --admin_key)");
ABSL_FLAG(std::string, admin_key, "",
          "the admin API key itself, at least 32 characters; prefer the environment variable "
          "or --admin_key_file");
ABSL_FLAG(std::string, service_keys_dir, "",
          "directory of the services' keys, one <service>.key file each (the flag names the "
          "directory, never a key); callers holding one are that service");
ABSL_FLAG(bool, consume_matching_events, true,
          "read the matching service's events (matching:events) and revoke the keys of "
          "applicants it erased");
ABSL_FLAG(std::string, log_level, "info", "debug, info, warn or error");
ABSL_FLAG(bool, log_every_call, false, "log every call, not only failed and slow ones");
ABSL_FLAG(std::string, tls_cert, "", "PEM certificate: serve TLS");
ABSL_FLAG(std::string, tls_key, "", "PEM private key for --tls_cert");
ABSL_FLAG(std::string, tls_client_ca, "", "PEM CA: require client certificates (mTLS)");
ABSL_FLAG(int, drain_timeout_ms, 10000,
          "grace period for calls in flight on SIGTERM, ms, 0..600000");

namespace cadre::registry {

const ServiceFlags& RegistryFlags() {
  static const ServiceFlags* const flags = new ServiceFlags{
      .usage =
          "cadre-registry: the Cadre role registry, a gRPC service over Redis.\n"
          "Usage: cadre-registry [--flag=value ...]",
      .flags = {&absl::GetFlagReflectionHandle(FLAGS_host),
                &absl::GetFlagReflectionHandle(FLAGS_port),
                &absl::GetFlagReflectionHandle(FLAGS_metrics_port),
                &absl::GetFlagReflectionHandle(FLAGS_redis_host),
                &absl::GetFlagReflectionHandle(FLAGS_redis_port),
                &absl::GetFlagReflectionHandle(FLAGS_redis_password),
                &absl::GetFlagReflectionHandle(FLAGS_redis_pool_size),
                &absl::GetFlagReflectionHandle(FLAGS_redis_timeout_ms),
                &absl::GetFlagReflectionHandle(FLAGS_redis_connect_timeout_ms),
                &absl::GetFlagReflectionHandle(FLAGS_workers),
                &absl::GetFlagReflectionHandle(FLAGS_writes_per_minute),
                &absl::GetFlagReflectionHandle(FLAGS_admin_key_file),
                &absl::GetFlagReflectionHandle(FLAGS_admin_key),
                &absl::GetFlagReflectionHandle(FLAGS_service_keys_dir),
                &absl::GetFlagReflectionHandle(FLAGS_consume_matching_events),
                &absl::GetFlagReflectionHandle(FLAGS_log_level),
                &absl::GetFlagReflectionHandle(FLAGS_log_every_call),
                &absl::GetFlagReflectionHandle(FLAGS_tls_cert),
                &absl::GetFlagReflectionHandle(FLAGS_tls_key),
                &absl::GetFlagReflectionHandle(FLAGS_tls_client_ca),
                &absl::GetFlagReflectionHandle(FLAGS_drain_timeout_ms)},
  };
  return *flags;
}

absl::StatusOr<RegistryOptions> RegistryOptionsFromFlags(const ParsedFlags& parsed) {
  using ms = std::chrono::milliseconds;
  RegistryOptions o;
  o.server.host = absl::GetFlag(FLAGS_host);
  CADRE_ASSIGN_OR_RETURN(o.server.port, parsed.InRange(FLAGS_port, 0, 65535));
  CADRE_ASSIGN_OR_RETURN(o.server.metrics_port, parsed.InRange(FLAGS_metrics_port, -1, 65535));
  o.redis.host = absl::GetFlag(FLAGS_redis_host);
  CADRE_ASSIGN_OR_RETURN(o.redis.port, parsed.InRange(FLAGS_redis_port, 1, 65535));
  o.redis.password = absl::GetFlag(FLAGS_redis_password);
  CADRE_ASSIGN_OR_RETURN(o.redis.pool_size, parsed.InRange(FLAGS_redis_pool_size, 1, 256));
  CADRE_ASSIGN_OR_RETURN(const int timeout_ms, parsed.InRange(FLAGS_redis_timeout_ms, 10, 60000));
  o.redis.command_timeout = ms(timeout_ms);
  CADRE_ASSIGN_OR_RETURN(const int connect_ms,
                         parsed.InRange(FLAGS_redis_connect_timeout_ms, 10, 60000));
  o.redis.connect_timeout = ms(connect_ms);
  CADRE_ASSIGN_OR_RETURN(o.workers, parsed.InRange(FLAGS_workers, 1, 256));
  CADRE_ASSIGN_OR_RETURN(o.writes_per_minute, parsed.InRange(FLAGS_writes_per_minute, 0, 1000000));
  o.server.log_every_call = absl::GetFlag(FLAGS_log_every_call);
  o.server.tls_cert_file = absl::GetFlag(FLAGS_tls_cert);
  o.server.tls_key_file = absl::GetFlag(FLAGS_tls_key);
  o.server.tls_client_ca_file = absl::GetFlag(FLAGS_tls_client_ca);
  CADRE_ASSIGN_OR_RETURN(const int drain_ms, parsed.InRange(FLAGS_drain_timeout_ms, 0, 600000));
  o.server.drain_timeout = ms(drain_ms);
  o.admin_key = absl::GetFlag(FLAGS_admin_key);
  if (const std::string file = absl::GetFlag(FLAGS_admin_key_file); !file.empty()) {
    CADRE_ASSIGN_OR_RETURN(o.admin_key, ReadSecretFile(file));
  }
  o.service_keys_dir = absl::GetFlag(FLAGS_service_keys_dir);
  o.consume_matching_events = absl::GetFlag(FLAGS_consume_matching_events);
  return o;
}

}  // namespace cadre::registry
