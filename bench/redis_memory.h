#pragma once

// Redis memory figures for the benchmark: INFO memory's used_memory, and the bytes held
// by each family of keys (MEMORY USAGE summed over keys whose names differ only in
// digits, e.g. "registry:role:#").

#include <cstdint>
#include <map>
#include <string>

#include "absl/status/statusor.h"

namespace cadre::bench {

// used_memory in bytes. UNAVAILABLE if Redis cannot be reached within 2 s; INTERNAL if
// the answer has no used_memory line.
absl::StatusOr<int64_t> RedisUsedMemory(const std::string& host, int port);

// Bytes per key family (digits in key names replaced by '#'; parents with three or more
// one- or two-key families shown as "parent:*") and key counts, over at most `max_keys`
// keys found by SCAN. UNAVAILABLE if Redis cannot be reached.
struct KeyFamily {
  int64_t keys = 0;
  int64_t bytes = 0;
};
absl::StatusOr<std::map<std::string, KeyFamily>> RedisKeyFamilies(const std::string& host, int port,
                                                                  int64_t max_keys);

}  // namespace cadre::bench
