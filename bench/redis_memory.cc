#include "bench/redis_memory.h"

#include <cctype>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/base/status_macros.h"
#include "services/common/redis_client.h"

namespace cadre::bench {
namespace {

// One connection with generous timeouts: MEMORY USAGE over a large batch takes a while.
RedisOptions MemoryProbeOptions(const std::string& host, int port) {
  RedisOptions options;
  options.host = host;
  options.port = port;
  options.pool_size = 1;
  options.connect_timeout = std::chrono::seconds(2);
  options.command_timeout = std::chrono::seconds(5);
  return options;
}

std::string Family(absl::string_view key) {
  std::string family;
  for (char c : key) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      if (family.empty() || family.back() != '#') family.push_back('#');
    } else {
      family.push_back(c);
    }
  }
  return family;
}

// Folds families of one or two keys with a number in their last part that share a
// parent ("registry:body:ZBA#", "registry:body:ZBB#", ...) into "registry:body:*" when
// the parent has three or more of them, so that a dozen bodies make one row, not twelve.
std::map<std::string, KeyFamily> MergeSingletons(const std::map<std::string, KeyFamily>& families) {
  std::map<std::string, int> small_children;
  auto parent = [](const std::string& family) {
    const size_t colon = family.rfind(':');
    return colon == std::string::npos ? std::string() : family.substr(0, colon + 1) + "*";
  };
  // Only names with a number in their last part ("ZBA#"), not "registry:events".
  auto small = [&parent](const std::string& family, const KeyFamily& figures) {
    return figures.keys <= 2 && !parent(family).empty() &&
           family.find('#', family.rfind(':')) != std::string::npos;
  };
  for (const auto& [family, figures] : families) {
    if (small(family, figures)) {
      ++small_children[parent(family)];
    }
  }
  std::map<std::string, KeyFamily> merged;
  for (const auto& [family, figures] : families) {
    std::string name = family;
    if (small(family, figures) && small_children[parent(family)] >= 3) {
      name = parent(family);
    }
    merged[name].keys += figures.keys;
    merged[name].bytes += figures.bytes;
  }
  return merged;
}

}  // namespace

absl::StatusOr<int64_t> RedisUsedMemory(const std::string& host, int port) {
  RedisClient redis(MemoryProbeOptions(host, port));
  CADRE_ASSIGN_OR_RETURN(RedisReply reply, redis.Command({"INFO", "memory"}));
  for (absl::string_view line : absl::StrSplit(reply.str, "\r\n")) {
    if (absl::ConsumePrefix(&line, "used_memory:")) {
      int64_t bytes = 0;
      if (absl::SimpleAtoi(line, &bytes)) return bytes;
    }
  }
  return absl::InternalError("INFO memory has no used_memory");
}

absl::StatusOr<std::map<std::string, KeyFamily>> RedisKeyFamilies(const std::string& host, int port,
                                                                  int64_t max_keys) {
  RedisClient redis(MemoryProbeOptions(host, port));
  std::map<std::string, KeyFamily> families;
  std::string cursor = "0";
  int64_t seen = 0;
  do {
    CADRE_ASSIGN_OR_RETURN(RedisReply scan, redis.Command({"SCAN", cursor, "COUNT", "1000"}));
    if (scan.elements.size() != 2) return absl::InternalError("unexpected SCAN reply");
    cursor = scan.elements[0].str;
    const std::vector<RedisReply>& keys = scan.elements[1].elements;
    // One pipelined MEMORY USAGE per key of the batch; SAMPLES 0 counts every element.
    std::vector<std::vector<std::string>> commands;
    commands.reserve(keys.size());
    for (const RedisReply& key : keys) {
      commands.push_back({"MEMORY", "USAGE", key.str, "SAMPLES", "0"});
    }
    CADRE_ASSIGN_OR_RETURN(std::vector<RedisReply> usages, redis.Pipeline(commands));
    for (size_t i = 0; i < keys.size() && i < usages.size(); ++i) {
      KeyFamily& family = families[Family(keys[i].str)];
      ++family.keys;
      if (usages[i].type == RedisReply::Type::kInteger) family.bytes += usages[i].integer;
    }
    seen += static_cast<int64_t>(keys.size());
  } while (cursor != "0" && seen < max_keys);
  return MergeSingletons(families);
}

}  // namespace cadre::bench
