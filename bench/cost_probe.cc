#include "bench/cost_probe.h"

#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/common/redis_client.h"

namespace cadre::bench {
namespace {

// utime + stime of /proc/<pid>/stat, fields 14 and 15, in seconds; -1 if unreadable.
double ProcessCpuSeconds(int pid) {
  std::ifstream in(absl::StrCat("/proc/", pid, "/stat"));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // The command name (field 2) is in parentheses and may hold spaces: count from the
  // last ')'. After it come field 3 (state) onwards.
  const size_t paren = text.rfind(')');
  if (paren == std::string::npos) {
    return -1;
  }
  std::vector<std::string> fields =
      absl::StrSplit(text.substr(paren + 1), ' ', absl::SkipWhitespace());
  // fields[0] is field 3, so utime (14) is fields[11] and stime (15) fields[12].
  int64_t utime = 0;
  int64_t stime = 0;
  if (fields.size() < 13 || !absl::SimpleAtoi(fields[11], &utime) ||
      !absl::SimpleAtoi(fields[12], &stime)) {
    return -1;
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double SelfCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// "cmdstat_evalsha:calls=12,usec=340,usec_per_call=28.33,..." lines of INFO commandstats.
std::map<std::string, RedisCommandCount> RedisCommandStats(int port) {
  std::map<std::string, RedisCommandCount> stats;
  RedisOptions options;
  options.port = port;
  options.pool_size = 1;
  RedisClient redis(options);
  absl::StatusOr<RedisReply> reply = redis.Command({"INFO", "commandstats"});
  if (!reply.ok()) {
    return stats;
  }
  for (absl::string_view line : absl::StrSplit(reply->str, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (!absl::ConsumePrefix(&line, "cmdstat_")) {
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == absl::string_view::npos) {
      continue;
    }
    RedisCommandCount count;
    for (absl::string_view part : absl::StrSplit(line.substr(colon + 1), ',')) {
      if (absl::ConsumePrefix(&part, "calls=")) {
        (void)absl::SimpleAtoi(part, &count.calls);
      } else if (absl::ConsumePrefix(&part, "usec=")) {
        (void)absl::SimpleAtoi(part, &count.usec);
      }
    }
    stats[std::string(line.substr(0, colon))] = count;
  }
  return stats;
}

}  // namespace

absl::StatusOr<std::vector<WatchedProcess>> ParseWatchedProcesses(const std::string& text) {
  std::vector<WatchedProcess> processes;
  for (absl::string_view item : absl::StrSplit(text, ',', absl::SkipEmpty())) {
    const std::pair<absl::string_view, absl::string_view> parts = absl::StrSplit(item, '=');
    int pid = 0;
    if (parts.first.empty() || !absl::SimpleAtoi(parts.second, &pid) || pid <= 0) {
      return absl::InvalidArgumentError(absl::StrCat("not name=pid: ", item));
    }
    processes.emplace_back(std::string(parts.first), pid);
  }
  return processes;
}

CostSnapshot TakeCostSnapshot(const std::vector<WatchedProcess>& processes, int redis_port) {
  CostSnapshot snapshot;
  for (const auto& [name, pid] : processes) {
    if (const double seconds = ProcessCpuSeconds(pid); seconds >= 0) {
      snapshot.cpu_seconds[name] = seconds;
    }
  }
  snapshot.cpu_seconds["bench"] = SelfCpuSeconds();
  if (redis_port > 0) {
    snapshot.redis_commands = RedisCommandStats(redis_port);
  }
  return snapshot;
}

CallCost CostPerCall(const CostSnapshot& before, const CostSnapshot& after, int64_t calls) {
  CallCost cost;
  cost.calls = calls;
  if (calls <= 0) {
    return cost;
  }
  const double n = static_cast<double>(calls);
  for (const auto& [name, seconds] : after.cpu_seconds) {
    if (auto it = before.cpu_seconds.find(name); it != before.cpu_seconds.end()) {
      cost.cpu_us[name] = (seconds - it->second) * 1e6 / n;
    }
  }
  for (const auto& [command, count] : after.redis_commands) {
    RedisCommandCount earlier;
    if (auto it = before.redis_commands.find(command); it != before.redis_commands.end()) {
      earlier = it->second;
    }
    if (count.calls > earlier.calls) {
      cost.redis_commands[command] = static_cast<double>(count.calls - earlier.calls) / n;
      cost.redis_command_us[command] = static_cast<double>(count.usec - earlier.usec) / n;
    }
  }
  return cost;
}

}  // namespace cadre::bench
