#pragma once

// Where a measurement's time went: the CPU each process spent over it (from /proc, for
// the processes the script names, and this one), and the commands Redis ran (INFO
// commandstats), so that a figure can be read as CPU per call on a machine whose cores
// the load generator, the services and Redis share.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace cadre::bench {

// A named process to watch: "matching", "redis", ... and its pid.
using WatchedProcess = std::pair<std::string, int>;

// "matching=123,redis=456" (the --cpu_pids flag) as pairs; INVALID_ARGUMENT if an item
// is not name=pid.
absl::StatusOr<std::vector<WatchedProcess>> ParseWatchedProcesses(const std::string& text);

struct RedisCommandCount {
  int64_t calls = 0;
  int64_t usec = 0;  // Redis's own time in the command
};

// One reading: CPU seconds (user + system) of each watched process and of this process
// ("bench"), and Redis's commandstats (empty when Redis is not given or cannot be read).
struct CostSnapshot {
  std::map<std::string, double> cpu_seconds;
  std::map<std::string, RedisCommandCount> redis_commands;  // by command, e.g. "evalsha"
};

// Reads /proc/<pid>/stat of each process (a process that is gone is left out) and, with
// `redis_port` > 0, INFO commandstats of 127.0.0.1:`redis_port`.
CostSnapshot TakeCostSnapshot(const std::vector<WatchedProcess>& processes, int redis_port);

// What happened between two readings, per call of a measurement that made `calls`
// calls: CPU microseconds per call of each process, Redis commands per call and Redis's
// microseconds per call, by command.
struct CallCost {
  int64_t calls = 0;
  std::map<std::string, double> cpu_us;            // per call, by process
  std::map<std::string, double> redis_commands;    // per call, by command
  std::map<std::string, double> redis_command_us;  // per call, by command
};
CallCost CostPerCall(const CostSnapshot& before, const CostSnapshot& after, int64_t calls);

}  // namespace cadre::bench
