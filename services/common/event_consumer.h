#pragma once

// Consuming events from a Redis Stream with a consumer group: at-least-once delivery.
//
// On start the consumer creates its group if missing (XGROUP CREATE ... MKSTREAM, at
// `start_id`), then first re-reads its own pending entries (delivered before a crash but
// never acknowledged), then new ones (">"). Each entry is acknowledged (XACK) only after
// the handler returns OK, so a handler must be idempotent. Entries pending on a consumer
// that has been idle longer than `claim_idle` are taken over (XAUTOCLAIM) and handled
// here. A restarted consumer resumes from its group's position. While Redis is down it
// retries with a back-off and carries on when Redis returns.

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "services/common/redis_client.h"

namespace cadre {

struct EventConsumerOptions {
  std::string stream;                     // e.g. "registry:events"
  std::string group;                      // e.g. "matching"
  std::string consumer;                   // unique per process, e.g. host name and pid
  std::string start_id = "0";             // where a new group starts: "0" all history, "$" new only
  std::chrono::milliseconds block{1000};  // XREADGROUP BLOCK
  std::chrono::milliseconds claim_idle{30000};   // reclaim others' entries idle this long
  std::chrono::milliseconds retry_backoff{500};  // after a Redis error
  int batch = 64;                                // COUNT
};

// Thread-safe: Start and Stop may be called from any thread; the handler runs on the
// consumer's own thread, one entry at a time.
class EventConsumer {
 public:
  // Returns OK to acknowledge the entry; any other status leaves it pending, to be
  // delivered again (after claim_idle, or on restart).
  using Handler = std::function<absl::Status(const StreamEntry&)>;

  EventConsumer(RedisClient& redis, EventConsumerOptions options, Handler handler);
  ~EventConsumer();  // stops

  void Start();
  // Returns once the thread has ended (at most one `block` period).
  void Stop();

  // Entries handled and acknowledged so far.
  int64_t acknowledged() const { return acknowledged_.load(); }

 private:
  void Run();
  // XGROUP CREATE ... MKSTREAM; an existing group is fine. UNAVAILABLE / INTERNAL.
  absl::Status EnsureGroup();
  // Runs the handler on each entry in order and acknowledges, in one XACK, those it
  // accepted. Entries with no fields (deleted from the stream since delivery) are
  // acknowledged without the handler. UNAVAILABLE / INTERNAL if the XACK fails.
  absl::Status HandleBatch(const std::vector<StreamEntry>& entries);
  // One XREADGROUP after `id` ("0" or a pending id: own pending entries; ">": new ones,
  // blocking up to `block`), handling what it read. Returns the last id read, empty if
  // none. UNAVAILABLE / INTERNAL.
  absl::StatusOr<std::string> ReadOnce(RedisConnection& conn, const std::string& id);
  // XAUTOCLAIM of entries idle longer than `claim_idle`, handled here.
  absl::Status ClaimStale();
  // Sleeps for `d`, or less if Stop is called.
  void Pause(std::chrono::milliseconds d);

  RedisClient& redis_;
  EventConsumerOptions options_;
  Handler handler_;
  absl::Mutex lifecycle_mu_;  // serialises Start and Stop
  absl::Mutex stop_mu_;       // Stop sets stop_ under it, to wake Pause
  std::atomic<bool> stop_{false};
  std::atomic<int64_t> acknowledged_{0};
  std::thread thread_ ABSL_GUARDED_BY(lifecycle_mu_);
};

}  // namespace cadre
