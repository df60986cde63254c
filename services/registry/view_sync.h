#pragma once

// Keeps the in-memory Catalog in step with Redis: loads every record, then tails the
// registry's event stream (XREAD BLOCK on its own connection) and applies each event.
// Every replica runs one, so a write on any replica reaches all of them.
//
// The view is "fresh" while the last stream read answered within the last few seconds.
// Reads are refused (UNAVAILABLE) while it is not, rather than served from a view that
// may have fallen behind. When Redis comes back the view reloads from scratch and turns
// fresh again by itself.
//
// The stream is trimmed (to about 100,000 entries). A replica that falls further behind
// than that (a slow replica, a long pause) would find the events it has not read gone,
// and XREAD silently answers with what is left. The view notices (see GapBefore in
// view_sync.cc), logs a warning naming both ids and reloads from the records.

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/common/redis_client.h"
#include "services/registry/domain/catalog.h"
#include "services/registry/registry_store.h"

namespace cadre::registry {

struct ViewSyncOptions {
  absl::Duration block = absl::Milliseconds(500);  // XREAD BLOCK; also bounds Stop()
  absl::Duration fresh_window = absl::Seconds(3);  // > block, with room for a slow read
  absl::Duration retry_backoff = absl::Milliseconds(200);
};

// Thread-safe.
class ViewSync {
 public:
  // Freshness is about the connection, so it reads the real clock, not an injected one.
  ViewSync(RedisClient* redis, RegistryStore* store, Catalog* catalog,
           ViewSyncOptions options = {});
  ~ViewSync();  // stops

  void Start();
  void Stop();

  bool IsFresh() const;
  // Waits until fresh or `timeout` passes; returns IsFresh().
  bool WaitUntilFresh(absl::Duration timeout);

 private:
  void Run();
  absl::Status Reload();
  // Whether events after last_id_ may have been trimmed before this replica read them;
  // asked after a read that returned events, before they are applied.
  absl::StatusOr<bool> GapBefore(const std::string& first_read_id);
  void MarkStale(const absl::Status& cause);
  void ReportReloadFailure(const absl::Status& cause);
  void SleepFor(absl::Duration d);

  RedisClient* redis_;
  RegistryStore* store_;
  Catalog* catalog_;
  ViewSyncOptions options_;
  std::unique_ptr<RedisConnection> connection_;
  std::string last_id_;            // owned by the thread
  std::string last_reload_error_;  // owned by the thread; empty after a good load
  std::atomic<bool> loaded_{false};
  std::atomic<int64_t> last_ok_nanos_{0};
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace cadre::registry
