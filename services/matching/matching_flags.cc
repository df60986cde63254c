#include "services/matching/matching_flags.h"

#include "absl/flags/flag.h"
#include "services/common/base/status_macros.h"
#include "services/common/secret_file.h"
#include "services/common/service_flags.h"

// The matching service's own flags; the rest are the kit's (services/common/
// service_flags.h). Ranges in the help text are checked in MatchingOptionsFromFlags below.
ABSL_FLAG(int, port, 50052, "gRPC port, 0..65535 (0: any free port)");
ABSL_FLAG(int, metrics_port, 51052, "Prometheus /metrics port, -1..65535 (-1: none)");
ABSL_FLAG(int, password_threads, 2, "threads that hash passwords (scrypt), 1..64");
ABSL_FLAG(int, password_queue, 32,
          "calls that may wait for a password thread, 1..10000 (more: UNAVAILABLE busy)");
ABSL_FLAG(std::string, registry, "127.0.0.1:50051", "the registry's gRPC address");
ABSL_FLAG(int, registry_deadline_ms, 2000, "deadline of each call to the registry, ms, 10..60000");
ABSL_FLAG(std::string, service_key_file, "",
          "file holding this service's own key, sent to the registry (default: "
          "matching.key in --service_keys_dir)");
ABSL_FLAG(std::string, email_hmac_key_file, "",
          "file holding the key (32 bytes or more) of the HMAC that stands for emails");
ABSL_FLAG(int, key_ttl_days, 30, "life of an applicant's key from sign-in, days, 1..365");
ABSL_FLAG(int, signups_per_address_hour, 10,
          "sign-ups one client address may make an hour, 0..100000 (0: no limit)");
ABSL_FLAG(int, signins_per_address_minute, 30,
          "sign-ins one client address may try a minute, 0..100000 (0: no limit)");
ABSL_FLAG(std::string, privacy_notice_version, "2026-11",
          "the privacy notice sign-ups must agree to");
ABSL_FLAG(int, max_live_applications, 10,
          "live applications (awaiting a decision) one person may hold at once, 1..100");
ABSL_FLAG(int, acknowledge_working_days, 5,
          "working days a body has to acknowledge an application before it is overdue, 1..30");
ABSL_FLAG(int, offer_sweep_seconds, 30,
          "how often offers past their reply-by time are lapsed, seconds, 1..3600");

namespace cadre::matching {

const ServiceFlags& MatchingFlags() {
  static const ServiceFlags* const flags = [] {
    auto* f = new ServiceFlags{
        .usage =
            "cadre-matching: the Cadre matching service (people's accounts, profiles,\n"
            "credentials, applications, placements and scores), a gRPC service over Redis.\n"
            "Usage: cadre-matching [--flag=value ...]",
        .flags = {&absl::GetFlagReflectionHandle(FLAGS_port),
                  &absl::GetFlagReflectionHandle(FLAGS_metrics_port),
                  &absl::GetFlagReflectionHandle(FLAGS_password_threads),
                  &absl::GetFlagReflectionHandle(FLAGS_password_queue),
                  &absl::GetFlagReflectionHandle(FLAGS_registry),
                  &absl::GetFlagReflectionHandle(FLAGS_registry_deadline_ms),
                  &absl::GetFlagReflectionHandle(FLAGS_service_key_file),
                  &absl::GetFlagReflectionHandle(FLAGS_email_hmac_key_file),
                  &absl::GetFlagReflectionHandle(FLAGS_key_ttl_days),
                  &absl::GetFlagReflectionHandle(FLAGS_signups_per_address_hour),
                  &absl::GetFlagReflectionHandle(FLAGS_signins_per_address_minute),
                  &absl::GetFlagReflectionHandle(FLAGS_privacy_notice_version),
                  &absl::GetFlagReflectionHandle(FLAGS_max_live_applications),
                  &absl::GetFlagReflectionHandle(FLAGS_acknowledge_working_days),
                  &absl::GetFlagReflectionHandle(FLAGS_offer_sweep_seconds)},
    };
    for (const absl::CommandLineFlag* flag : CommonServiceFlags()) f->flags.push_back(flag);
    return f;
  }();
  return *flags;
}

absl::StatusOr<MatchingOptions> MatchingOptionsFromFlags(const ParsedFlags& parsed) {
  MatchingOptions o;
  CommonServiceOptions common;
  CADRE_RETURN_IF_ERROR(ReadCommonServiceFlags(parsed, &o.server, &o.redis, &common));
  CADRE_ASSIGN_OR_RETURN(o.server.port, parsed.InRange(FLAGS_port, 0, 65535));
  CADRE_ASSIGN_OR_RETURN(o.server.metrics_port, parsed.InRange(FLAGS_metrics_port, -1, 65535));
  o.workers = common.workers;
  o.admin_key = std::move(common.admin_key);
  o.service_keys_dir = std::move(common.service_keys_dir);
  CADRE_ASSIGN_OR_RETURN(o.password_threads, parsed.InRange(FLAGS_password_threads, 1, 64));
  CADRE_ASSIGN_OR_RETURN(o.password_queue, parsed.InRange(FLAGS_password_queue, 1, 10000));
  o.registry_target = absl::GetFlag(FLAGS_registry);
  CADRE_ASSIGN_OR_RETURN(const int registry_ms,
                         parsed.InRange(FLAGS_registry_deadline_ms, 10, 60000));
  o.registry_deadline = absl::Milliseconds(registry_ms);
  if (const std::string file = absl::GetFlag(FLAGS_service_key_file); !file.empty()) {
    CADRE_ASSIGN_OR_RETURN(o.service_key, ReadSecretFile(file));
  }
  if (const std::string file = absl::GetFlag(FLAGS_email_hmac_key_file); !file.empty()) {
    CADRE_ASSIGN_OR_RETURN(o.email_hmac_key, ReadSecretFile(file));
  }
  CADRE_ASSIGN_OR_RETURN(const int key_days, parsed.InRange(FLAGS_key_ttl_days, 1, 365));
  o.accounts.key_ttl = absl::Hours(24) * key_days;
  CADRE_ASSIGN_OR_RETURN(o.accounts.signups_per_address_hour,
                         parsed.InRange(FLAGS_signups_per_address_hour, 0, 100000));
  CADRE_ASSIGN_OR_RETURN(o.accounts.signins_per_address_minute,
                         parsed.InRange(FLAGS_signins_per_address_minute, 0, 100000));
  o.accounts.privacy_notice_version = absl::GetFlag(FLAGS_privacy_notice_version);
  CADRE_ASSIGN_OR_RETURN(o.applications.max_live,
                         parsed.InRange(FLAGS_max_live_applications, 1, 100));
  CADRE_ASSIGN_OR_RETURN(o.applications.acknowledge_days,
                         parsed.InRange(FLAGS_acknowledge_working_days, 1, 30));
  CADRE_ASSIGN_OR_RETURN(int offer_sweep, parsed.InRange(FLAGS_offer_sweep_seconds, 1, 3600));
  o.offer_sweep_every = absl::Seconds(offer_sweep);
  return o;
}

}  // namespace cadre::matching
