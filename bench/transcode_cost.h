#pragma once

// The gateway's own per-call work on the Connect JSON path, measured alone in this
// process with the gateway's own functions (services/gateway/connect/connect_json.h and
// http/gzip.h): the request's JSON parsed and serialised for the service, the service's
// answer parsed and printed as JSON, and that JSON gzipped at the front door's level.
// Single-threaded, with nothing else measured at the same time; CPU time of the thread,
// so that other processes taking the cores do not count.

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "services/gateway/http/gzip.h"

namespace cadre::bench {

struct TranscodeStep {
  std::string what;  // "Role bytes → JSON"
  size_t in_bytes = 0;
  size_t out_bytes = 0;
  double us = 0;  // CPU microseconds a call: the median of several batches
};

// The front door's gzip level for dynamic bodies (services/gateway/http/gzip.h).
inline constexpr int kGatewayGzipLevel = gateway::kDynamicGzipLevel;

// The steps of GetRole (`role_bytes`: a Role as the registry sends it) and of ListRoles
// (`page_bytes`: a ListRolesResponse of `page_size` roles), each timed for about
// `per_step`. `role_name` goes in the GetRole request's JSON.
std::vector<TranscodeStep> MeasureTranscoding(const std::string& role_name,
                                              const std::string& role_bytes, int page_size,
                                              const std::string& page_bytes,
                                              absl::Duration per_step);

// | step | in B | out B | µs a call |, the median (range) over runs of each step's µs.
std::string TranscodeTable(const std::vector<std::vector<TranscodeStep>>& runs);

}  // namespace cadre::bench
