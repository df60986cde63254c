#pragma once

// The printed JSON of the registry's public answers, kept by the answer's type and bytes.
// Printing is most of what a JSON read costs the gateway (protobuf 3.21's printer: ~270 µs
// for a 20-role page, ~60 µs for a role; BENCHMARKS.md), and the registry answers the same
// bytes for the same role version and page, so an entry can never be stale: new bytes are
// a new entry. Only answers with no personal data may be kept (the Connect handler keeps
// the registry's anonymous reads only), since erasure cannot reach this memory.
//
// Bounded by `max_bytes` of keys and values together; when full it starts again empty
// (simple, and a cold start costs one print an entry). Thread-safe.

#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"

namespace google::protobuf {
class Message;
}

namespace cadre::gateway {

class JsonPrintCache {
 public:
  explicit JsonPrintCache(size_t max_bytes = 32 << 20, size_t max_entry_bytes = 256 << 10);

  // MessageBytesToJson(prototype, bytes), from the cache when it holds it. Its errors.
  absl::StatusOr<std::string> Print(const google::protobuf::Message& prototype,
                                    const std::string& bytes);

  size_t entries_for_test() const;

 private:
  const size_t max_bytes_;
  const size_t max_entry_bytes_;  // larger answers are printed every time
  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, std::string> entries_ ABSL_GUARDED_BY(mu_);
  size_t bytes_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace cadre::gateway
