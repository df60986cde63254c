#pragma once

// The flags every Cadre service takes, defined once here (each with its CADRE_<NAME>
// environment fallback): --host, Redis, --workers, the admin key, the service keys, logs,
// TLS and the drain. Each service defines its own --port and --metrics_port (their
// defaults differ) and its own flags in services/<name>/<name>_flags.cc, lists
// CommonServiceFlags() after them, and reads these with ReadCommonServiceFlags.
//
// A target of its own (cadre_service_flags), linked by the service binaries and their
// flags tests only: absl flags are process-wide, so two definitions of one name in one
// binary would not link.

#include <string>
#include <vector>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/declare.h"
#include "absl/status/status.h"
#include "services/common/flags_env.h"
#include "services/common/redis_client.h"
#include "services/common/server.h"

// Read by each main.cc to start logging before the options are read.
ABSL_DECLARE_FLAG(std::string, log_level);

namespace cadre {

// What the common flags set beyond ServerOptions and RedisOptions.
struct CommonServiceOptions {
  std::string admin_key;         // from --admin_key_file, else --admin_key; may be empty
  std::string service_keys_dir;  // the service keys this service recognises
  int workers = 8;               // threads for calls that wait on Redis
};

// In the order --help lists them.
std::vector<const absl::CommandLineFlag*> CommonServiceFlags();

// Fills `server` (host, TLS, drain, call log; not the ports), `redis` and `common` from the
// parsed common flags. INVALID_ARGUMENT naming the flag and where its value came from for
// a value out of range; NOT_FOUND or FAILED_PRECONDITION naming the path when the admin
// key file cannot be read.
absl::Status ReadCommonServiceFlags(const ParsedFlags& parsed, ServerOptions* server,
                                    RedisOptions* redis, CommonServiceOptions* common);

}  // namespace cadre
