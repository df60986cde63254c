#include "services/matching/matching_flags.h"

#include <chrono>

#include "absl/flags/flag.h"
#include "services/common/base/status_macros.h"
#include "services/common/secret_file.h"

// Ranges in the help text are checked in MatchingOptionsFromFlags below.
ABSL_FLAG(std::string, host, "0.0.0.0", "address to listen on");
ABSL_FLAG(int, port, 50052, "gRPC port, 0..65535 (0: any free port)");
ABSL_FLAG(int, metrics_port, 51052, "Prometheus /metrics port, -1..65535 (-1: none)");
ABSL_FLAG(std::string, redis_host, "127.0.0.1", "Redis host");
ABSL_FLAG(int, redis_port, 6379, "Redis port, 1..65535");
ABSL_FLAG(std::string, redis_password, "",
          "Redis password (prefer the environment variable to the command line)");
ABSL_FLAG(int, redis_pool_size, 8, "pooled Redis connections, 1..256");
ABSL_FLAG(int, redis_timeout_ms, 1000, "Redis command timeout, ms, 10..60000");
ABSL_FLAG(int, redis_connect_timeout_ms, 500, "Redis connect timeout, ms, 10..60000");
ABSL_FLAG(int, workers, 8, "threads for calls that wait on Redis, 1..256");
ABSL_FLAG(int, password_threads, 2, "threads that hash passwords (scrypt), 1..64");
ABSL_FLAG(int, password_queue, 32,
          "calls that may wait for a password thread, 1..10000 (more: UNAVAILABLE busy)");
ABSL_FLAG(std::string, registry, "127.0.0.1:50051", "the registry's gRPC address");
ABSL_FLAG(int, registry_deadline_ms, 2000, "deadline of each call to the registry, ms, 10..60000");
ABSL_FLAG(std::string, service_key_file, "",
          "file holding this service's own key, sent to the registry (default: "
          "matching.key in --service_keys_dir)");
ABSL_FLAG(std::string, service_keys_dir, "",
          "directory of <subject>.key files: the service keys this service recognises");
ABSL_FLAG(std::string, email_hmac_key_file, "",
          "file holding the key (32 bytes or more) of the HMAC that stands for emails");
ABSL_FLAG(std::string, admin_key_file, "", "file holding the admin API key");
ABSL_FLAG(int, key_ttl_days, 30, "life of an applicant's key from sign-in, days, 1..365");
ABSL_FLAG(int, signups_per_address_hour, 10,
          "sign-ups one client address may make an hour, 0..100000 (0: no limit)");
ABSL_FLAG(int, signins_per_address_minute, 30,
          "sign-ins one client address may try a minute, 0..100000 (0: no limit)");
ABSL_FLAG(std::string, privacy_notice_version, "2026-11",
          "the privacy notice sign-ups must agree to");
ABSL_FLAG(std::string, log_level, "info", "debug, info, warn or error");
ABSL_FLAG(bool, log_every_call, false, "log every call, not only failed and slow ones");
ABSL_FLAG(std::string, tls_cert, "", "PEM certificate: serve TLS");
ABSL_FLAG(std::string, tls_key, "", "PEM private key for --tls_cert");
ABSL_FLAG(std::string, tls_client_ca, "", "PEM CA: require client certificates (mTLS)");
ABSL_FLAG(int, drain_timeout_ms, 10000,
          "grace period for calls in flight on SIGTERM, ms, 0..600000");

namespace cadre::matching {

const ServiceFlags& MatchingFlags() {
  static const ServiceFlags* const flags = new ServiceFlags{
      .usage =
          "cadre-matching: the Cadre matching service (people's accounts, profiles and\n"
          "credentials), a gRPC service over Redis.\n"
          "Usage: cadre-matching [--flag=value ...]",
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
                &absl::GetFlagReflectionHandle(FLAGS_password_threads),
                &absl::GetFlagReflectionHandle(FLAGS_password_queue),
                &absl::GetFlagReflectionHandle(FLAGS_registry),
                &absl::GetFlagReflectionHandle(FLAGS_registry_deadline_ms),
                &absl::GetFlagReflectionHandle(FLAGS_service_key_file),
                &absl::GetFlagReflectionHandle(FLAGS_service_keys_dir),
                &absl::GetFlagReflectionHandle(FLAGS_email_hmac_key_file),
                &absl::GetFlagReflectionHandle(FLAGS_admin_key_file),
                &absl::GetFlagReflectionHandle(FLAGS_key_ttl_days),
                &absl::GetFlagReflectionHandle(FLAGS_signups_per_address_hour),
                &absl::GetFlagReflectionHandle(FLAGS_signins_per_address_minute),
                &absl::GetFlagReflectionHandle(FLAGS_privacy_notice_version),
                &absl::GetFlagReflectionHandle(FLAGS_log_level),
                &absl::GetFlagReflectionHandle(FLAGS_log_every_call),
                &absl::GetFlagReflectionHandle(FLAGS_tls_cert),
                &absl::GetFlagReflectionHandle(FLAGS_tls_key),
                &absl::GetFlagReflectionHandle(FLAGS_tls_client_ca),
                &absl::GetFlagReflectionHandle(FLAGS_drain_timeout_ms)},
  };
  return *flags;
}

absl::StatusOr<MatchingOptions> MatchingOptionsFromFlags(const ParsedFlags& parsed) {
  using ms = std::chrono::milliseconds;
  MatchingOptions o;
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
  CADRE_ASSIGN_OR_RETURN(o.password_threads, parsed.InRange(FLAGS_password_threads, 1, 64));
  CADRE_ASSIGN_OR_RETURN(o.password_queue, parsed.InRange(FLAGS_password_queue, 1, 10000));
  o.registry_target = absl::GetFlag(FLAGS_registry);
  CADRE_ASSIGN_OR_RETURN(const int registry_ms,
                         parsed.InRange(FLAGS_registry_deadline_ms, 10, 60000));
  o.registry_deadline = absl::Milliseconds(registry_ms);
  if (const std::string file = absl::GetFlag(FLAGS_service_key_file); !file.empty()) {
    CADRE_ASSIGN_OR_RETURN(o.service_key, ReadSecretFile(file));
  }
  o.service_keys_dir = absl::GetFlag(FLAGS_service_keys_dir);
  if (const std::string file = absl::GetFlag(FLAGS_email_hmac_key_file); !file.empty()) {
    CADRE_ASSIGN_OR_RETURN(o.email_hmac_key, ReadSecretFile(file));
  }
  if (const std::string file = absl::GetFlag(FLAGS_admin_key_file); !file.empty()) {
    CADRE_ASSIGN_OR_RETURN(o.admin_key, ReadSecretFile(file));
  }
  CADRE_ASSIGN_OR_RETURN(const int key_days, parsed.InRange(FLAGS_key_ttl_days, 1, 365));
  o.accounts.key_ttl = absl::Hours(24) * key_days;
  CADRE_ASSIGN_OR_RETURN(o.accounts.signups_per_address_hour,
                         parsed.InRange(FLAGS_signups_per_address_hour, 0, 100000));
  CADRE_ASSIGN_OR_RETURN(o.accounts.signins_per_address_minute,
                         parsed.InRange(FLAGS_signins_per_address_minute, 0, 100000));
  o.accounts.privacy_notice_version = absl::GetFlag(FLAGS_privacy_notice_version);
  o.server.log_every_call = absl::GetFlag(FLAGS_log_every_call);
  o.server.tls_cert_file = absl::GetFlag(FLAGS_tls_cert);
  o.server.tls_key_file = absl::GetFlag(FLAGS_tls_key);
  o.server.tls_client_ca_file = absl::GetFlag(FLAGS_tls_client_ca);
  CADRE_ASSIGN_OR_RETURN(const int drain_ms, parsed.InRange(FLAGS_drain_timeout_ms, 0, 600000));
  o.server.drain_timeout = ms(drain_ms);
  return o;
}

}  // namespace cadre::matching
