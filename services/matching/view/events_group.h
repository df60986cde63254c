#pragma once

// Matching's one consumer group on the registry's event stream: the work that must be done
// once per event, whichever replica does it (an application whose role closed, say). Every
// replica runs one consumer of the same group ("matching"), so each event is handled by
// one of them, at least once (cadre::EventConsumer: acknowledged only after the handler
// returns OK, pending entries of a dead consumer reclaimed). A restarted group resumes
// from its position.
//
// Where it starts. Before consuming, each replica makes sure the group exists (created at
// `new_group_start`, "$" by default: a group that is new has no application to act for on
// older events) and asks whether the group's position was trimmed away: its last-delivered
// id older than the stream's first entry (XINFO GROUPS / XINFO STREAM; the rule is
// EntriesLostAfter in stream_position.h). Then events the group never handled are gone, so
// it logs that (ids only) and calls `reconcile`, which reads the current state of what the
// handler looks after (for matching: every role with live applications) and applies it.
//
// Where it continues after a reconcile: after the stream's last id as read BEFORE
// reconcile ran. Every change after that id is announced by an event after it, which the
// group then handles; every change up to it is in what reconcile read. The surviving
// events up to that id are not handled: reconcile covered them, and handing the handler
// their older snapshots after the newer state would only be work to undo. The move is a
// compare-and-set (a Lua script): the group is moved only if its last-delivered id is
// still the one that was found trimmed, so a replica that reconciled and started first is
// never sent back. A reconcile that fails is retried (with the check) after a back-off;
// the group does not consume until one has succeeded.
//
// Errors are retried, never fatal: Redis down at start delays the check until it returns.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "cadre/v1/registry_events.pb.h"
#include "services/common/event_consumer.h"
#include "services/common/redis_client.h"

namespace cadre::matching {

struct RegistryEventsGroupOptions {
  std::string group = "matching";
  std::string consumer;                          // required: unique per replica (host name and pid)
  std::string new_group_start = "$";             // where a group that does not exist yet begins
  std::chrono::milliseconds block{500};          // XREADGROUP BLOCK; also bounds Stop()
  std::chrono::milliseconds claim_idle{30000};   // take over others' entries idle this long
  std::chrono::milliseconds retry_backoff{500};  // after a Redis error or a failed reconcile
  int batch = 64;                                // entries per read
};

// Thread-safe: Start and Stop from any thread. The handler and reconcile run on the
// group's own threads, one at a time (reconcile before any handler call).
class RegistryEventsGroup {
 public:
  // OK acknowledges the event; anything else leaves it pending, to be handled again.
  // Must be idempotent: an event may come twice (after a crash, or a reclaim).
  using Handler = std::function<absl::Status(const cadre::v1::RegistryEvent& event,
                                             const std::string& entry_id)>;
  // Brings what the handler looks after up to date from the current records. OK lets the
  // group move on; anything else is retried.
  using Reconcile = std::function<absl::Status()>;

  // `redis` must outlive the group.
  RegistryEventsGroup(RedisClient& redis, RegistryEventsGroupOptions options, Handler handler,
                      Reconcile reconcile);
  ~RegistryEventsGroup();  // stops
  RegistryEventsGroup(const RegistryEventsGroup&) = delete;
  RegistryEventsGroup& operator=(const RegistryEventsGroup&) = delete;

  void Start();
  // Returns once the group's threads have ended (at most one `block`, or a reconcile
  // that is running).
  void Stop();

  // Whether the start check is done and the consumer is reading.
  bool IsConsuming() const { return consuming_.load(); }
  // Events handled and acknowledged, and reconciles that succeeded, since construction.
  int64_t acknowledged() const { return consumer_.acknowledged(); }
  int64_t reconciles() const { return reconciles_.load(); }

 private:
  void Run();
  // Creates the group if missing, checks its position and reconciles if it was trimmed
  // away. UNAVAILABLE / INTERNAL (Redis), or reconcile's own error.
  absl::Status Prepare();
  // XGROUP CREATE ... MKSTREAM; an existing group is fine.
  absl::Status EnsureGroup();
  // The group's last-delivered id (XINFO GROUPS). INTERNAL if the group is missing.
  absl::StatusOr<std::string> LastDelivered();
  // Moves the group to `to` if its last-delivered id is still `from`; whether it moved.
  absl::StatusOr<bool> MoveGroup(const std::string& from, const std::string& to);
  absl::Status Handle(const StreamEntry& entry);
  void Pause(std::chrono::milliseconds d);

  RedisClient& redis_;
  RegistryEventsGroupOptions options_;
  Handler handler_;
  Reconcile reconcile_;
  EventConsumer consumer_;
  std::atomic<bool> consuming_{false};
  std::atomic<int64_t> reconciles_{0};

  absl::Mutex lifecycle_mu_;                           // serialises Start and Stop
  std::thread thread_ ABSL_GUARDED_BY(lifecycle_mu_);  // the start check
  absl::Mutex stop_mu_;                                // Stop sets stop_ under it, to wake Pause
  std::atomic<bool> stop_{false};
};

}  // namespace cadre::matching
