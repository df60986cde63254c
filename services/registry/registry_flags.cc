#include "services/registry/registry_flags.h"

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "services/common/base/status_macros.h"
#include "services/common/service_flags.h"

// The registry's own flags; the rest are the kit's (services/common/service_flags.h).
// Ranges in the help text are checked in RegistryOptionsFromFlags below.
ABSL_FLAG(int, port, 50051, "gRPC port, 0..65535 (0: any free port)");
ABSL_FLAG(int, metrics_port, 51051, "Prometheus /metrics port, -1..65535 (-1: none)");
ABSL_FLAG(int, writes_per_minute, 600,
          "changes one body may make a minute, across replicas, 0..1000000 (0: no limit; "
          "admins exempt)");
ABSL_FLAG(bool, consume_matching_events, true,
          "read the matching service's events (matching:events) and revoke the keys of "
          "applicants it erased");
ABSL_FLAG(absl::Duration, closing_sweep_every, absl::Seconds(15),
          "how often the closing sweep runs: it announces roles whose closing time has "
          "passed (ROLE_APPLICATIONS_CLOSED) and closes roles left undecided; a duration "
          "such as 15s, more than 0 and at most 1m (the announcement comes within a minute)");
ABSL_FLAG(absl::Duration, close_undecided_after, absl::Hours(24 * 90),
          "how long after its closing time a role still open is closed by the registry, "
          "with the reason \"no decision within N days\"; a duration in hours such as 2160h "
          "(90 days), more than 0 and at most 87600h (10 years)");
ABSL_FLAG(int, staff_setup_hours, 72, "hours a staff member's one-time set-up link works, 1..720");
ABSL_FLAG(int, staff_key_hours, 12, "hours a staff member's sign-in key lasts, 1..720");
ABSL_FLAG(int, staff_email_kept_days, 30,
          "days a deactivated staff account keeps its email before the registry removes it, "
          "1..3650");
ABSL_FLAG(int, password_threads, 2, "threads that hash staff passwords (scrypt), 1..64");

namespace cadre::registry {
namespace {

// The longest closing sweep interval (so that an announcement comes within a minute) and
// the longest wait before an undecided role is closed.
constexpr absl::Duration kMaxClosingSweepEvery = absl::Minutes(1);
constexpr absl::Duration kMaxCloseUndecidedAfter = absl::Hours(24 * 3650);

// The flag's value, or INVALID_ARGUMENT naming the flag and where its value came from
// when it is not in (0, max] (ParsedFlags::InRange for a duration).
absl::StatusOr<absl::Duration> PositiveUpTo(const ParsedFlags& parsed,
                                            const absl::Flag<absl::Duration>& flag,
                                            absl::Duration max) {
  const absl::Duration value = absl::GetFlag(flag);
  if (value <= absl::ZeroDuration() || value > max) {
    const absl::string_view name = absl::GetFlagReflectionHandle(flag).Name();
    return absl::InvalidArgumentError(absl::StrCat(
        "flag --", name, " (from ", parsed.SourceOf(name), "): ", absl::FormatDuration(value),
        " is out of range (0, ", absl::FormatDuration(max), "]"));
  }
  return value;
}

}  // namespace

const ServiceFlags& RegistryFlags() {
  static const ServiceFlags* const flags = [] {
    auto* f = new ServiceFlags{
        .usage =
            "cadre-registry: the Cadre role registry, a gRPC service over Redis.\n"
            "Usage: cadre-registry [--flag=value ...]",
        .flags = {&absl::GetFlagReflectionHandle(FLAGS_port),
                  &absl::GetFlagReflectionHandle(FLAGS_metrics_port),
                  &absl::GetFlagReflectionHandle(FLAGS_writes_per_minute),
                  &absl::GetFlagReflectionHandle(FLAGS_consume_matching_events),
                  &absl::GetFlagReflectionHandle(FLAGS_closing_sweep_every),
                  &absl::GetFlagReflectionHandle(FLAGS_close_undecided_after),
                  &absl::GetFlagReflectionHandle(FLAGS_staff_setup_hours),
                  &absl::GetFlagReflectionHandle(FLAGS_staff_key_hours),
                  &absl::GetFlagReflectionHandle(FLAGS_staff_email_kept_days),
                  &absl::GetFlagReflectionHandle(FLAGS_password_threads)},
    };
    for (const absl::CommandLineFlag* flag : CommonServiceFlags()) f->flags.push_back(flag);
    return f;
  }();
  return *flags;
}

absl::StatusOr<RegistryOptions> RegistryOptionsFromFlags(const ParsedFlags& parsed) {
  RegistryOptions o;
  CommonServiceOptions common;
  CADRE_RETURN_IF_ERROR(ReadCommonServiceFlags(parsed, &o.server, &o.redis, &common));
  CADRE_ASSIGN_OR_RETURN(o.server.port, parsed.InRange(FLAGS_port, 0, 65535));
  CADRE_ASSIGN_OR_RETURN(o.server.metrics_port, parsed.InRange(FLAGS_metrics_port, -1, 65535));
  o.workers = common.workers;
  o.admin_key = std::move(common.admin_key);
  o.service_keys_dir = std::move(common.service_keys_dir);
  CADRE_ASSIGN_OR_RETURN(o.writes_per_minute, parsed.InRange(FLAGS_writes_per_minute, 0, 1000000));
  o.consume_matching_events = absl::GetFlag(FLAGS_consume_matching_events);
  CADRE_ASSIGN_OR_RETURN(o.closing_sweep_every,
                         PositiveUpTo(parsed, FLAGS_closing_sweep_every, kMaxClosingSweepEvery));
  CADRE_ASSIGN_OR_RETURN(o.close_undecided_after, PositiveUpTo(parsed, FLAGS_close_undecided_after,
                                                               kMaxCloseUndecidedAfter));
  CADRE_ASSIGN_OR_RETURN(int setup_hours, parsed.InRange(FLAGS_staff_setup_hours, 1, 720));
  o.staff.setup_ttl = absl::Hours(setup_hours);
  CADRE_ASSIGN_OR_RETURN(int key_hours, parsed.InRange(FLAGS_staff_key_hours, 1, 720));
  o.staff.key_ttl = absl::Hours(key_hours);
  CADRE_ASSIGN_OR_RETURN(int kept_days, parsed.InRange(FLAGS_staff_email_kept_days, 1, 3650));
  o.staff.email_kept = absl::Hours(24 * kept_days);
  CADRE_ASSIGN_OR_RETURN(o.password_threads, parsed.InRange(FLAGS_password_threads, 1, 64));
  return o;
}

}  // namespace cadre::registry
