#include "services/registry/registry_flags.h"

#include "absl/flags/flag.h"
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

namespace cadre::registry {

const ServiceFlags& RegistryFlags() {
  static const ServiceFlags* const flags = [] {
    auto* f = new ServiceFlags{
        .usage =
            "cadre-registry: the Cadre role registry, a gRPC service over Redis.\n"
            "Usage: cadre-registry [--flag=value ...]",
        .flags = {&absl::GetFlagReflectionHandle(FLAGS_port),
                  &absl::GetFlagReflectionHandle(FLAGS_metrics_port),
                  &absl::GetFlagReflectionHandle(FLAGS_writes_per_minute),
                  &absl::GetFlagReflectionHandle(FLAGS_consume_matching_events)},
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
  return o;
}

}  // namespace cadre::registry
