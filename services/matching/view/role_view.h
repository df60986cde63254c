#pragma once

// A matching replica's view of the registry's open roles, kept the way the registry's own
// replicas keep theirs (services/registry/view_sync.h): load everything, then tail the
// registry's event stream on a connection of its own, so that every matching replica sees
// every change within about a second.
//
//  1. Load: every page of ListRoles (state OPEN), called as the matching service, into a
//     fresh OpenRoles that then replaces the old one whole. Each page says how far the
//     registry replica that answered it had read the event stream (view_position).
//  2. Tail: XREAD BLOCK on `registry:events` from the oldest of those positions: no page
//     can miss an event after it, and events a page already reflects are skipped by
//     their version (OpenRoles ignores versions not newer than it holds).
//  3. Trim: if the stream was trimmed past the view's position (events it never read are
//     gone), it logs a warning naming both ids and loads again.
//
// Until the first load the view is not loaded: the service answers UNAVAILABLE and its
// health says NOT_SERVING. The view is fresh while it is loaded, not reloading after a
// trim, and its last stream read answered within `fresh_window`. A registry that does not
// answer, or Redis down, costs retries with a growing back-off (up to
// `max_retry_backoff`), never a hang; Stop() cancels a call in flight.
//
// The service key goes in `authorization: Bearer <key>` and is never logged.

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "cadre/v1/registry.grpc.pb.h"
#include "cadre/v1/registry_events.pb.h"
#include "services/common/redis_client.h"
#include "services/matching/view/open_roles.h"

namespace cadre::matching {

struct RoleViewOptions {
  std::shared_ptr<grpc::Channel> registry;  // required
  // The matching service's key for the registry; empty: call anonymously (open roles are
  // public). A secret: never logged.
  std::string service_key;
  int page_size = 100;                                     // roles per ListRoles call, 1–100
  absl::Duration call_deadline = absl::Seconds(5);         // per ListRoles call
  absl::Duration block = absl::Milliseconds(500);          // XREAD BLOCK; also bounds Stop()
  absl::Duration fresh_window = absl::Seconds(3);          // > block, with room for a slow read
  absl::Duration retry_backoff = absl::Milliseconds(200);  // first wait after a failure
  absl::Duration max_retry_backoff = absl::Seconds(5);     // the wait doubles up to this
};

// Thread-safe.
class RoleView {
 public:
  // `redis` must outlive the view. Freshness is about the connection, so it reads the
  // real clock, not an injected one.
  RoleView(RedisClient* redis, RoleViewOptions options);
  ~RoleView();  // stops
  RoleView(const RoleView&) = delete;
  RoleView& operator=(const RoleView&) = delete;

  // Starts the view's thread. After Stop, Start carries on from where the view was (its
  // roles and stream position), as a replica that paused would.
  void Start();
  // Returns once the thread has ended: within one `block` or one cancelled call.
  void Stop();

  // Whether a load has completed (the roles are there to be read).
  bool IsLoaded() const;
  // Loaded, not reloading after a trim, and the stream read answered recently.
  bool IsFresh() const;
  // Wait until IsLoaded() / IsFresh() or `timeout` passes; return it.
  bool WaitUntilLoaded(absl::Duration timeout);
  bool WaitUntilFresh(absl::Duration timeout);

  // The open roles. Valid as long as the view.
  const OpenRoles& roles() const { return roles_; }

  // Loads completed (the first and every reload) and attempts that failed.
  int64_t loads() const { return loads_.load(); }
  int64_t failed_loads() const { return failed_loads_.load(); }

 private:
  void Run();
  // Reads every page into a fresh set and swaps it in; sets position_. UNAVAILABLE (and
  // the registry's other codes) when a call fails, CANCELLED when stopping.
  absl::Status Load();
  // One ListRoles call with the deadline and the key; cancellable by Stop().
  absl::Status CallListRoles(const cadre::v1::ListRolesRequest& request,
                             cadre::v1::ListRolesResponse* response);
  // Whether events after position_ were trimmed before this view read them; asked after a
  // read that returned events, before they are applied.
  absl::StatusOr<bool> GapBefore(const std::string& first_read_id);
  void ApplyEvent(const cadre::v1::RegistryEvent& event);
  void MarkStale(const absl::Status& cause);
  void ReportLoadFailure(const absl::Status& cause);
  bool Stopping() const { return stop_.load(); }
  // Sleeps for `d`, or less if Stop is called.
  void Pause(absl::Duration d);
  // The next back-off, doubling from retry_backoff up to max_retry_backoff.
  absl::Duration NextBackoff();
  // Wakes WaitUntilLoaded / WaitUntilFresh.
  void Notify();

  RedisClient* redis_;
  RoleViewOptions options_;
  std::unique_ptr<cadre::v1::Registry::Stub> stub_;
  std::unique_ptr<RedisConnection> connection_;  // the tail's own (XREAD BLOCK)
  OpenRoles roles_;

  // Owned by the view's thread (kept across Stop and Start).
  std::string position_ = "0-0";  // the last stream id the view has accounted for
  bool need_load_ = true;
  std::string last_load_error_;  // empty after a good load: each cause is logged once
  absl::Duration backoff_ = absl::ZeroDuration();
  bool stale_logged_ = false;

  std::atomic<bool> loaded_{false};
  std::atomic<bool> reloading_{false};
  std::atomic<int64_t> last_ok_nanos_{0};
  std::atomic<int64_t> loads_{0};
  std::atomic<int64_t> failed_loads_{0};

  absl::Mutex lifecycle_mu_;  // serialises Start and Stop
  std::thread thread_ ABSL_GUARDED_BY(lifecycle_mu_);
  absl::Mutex mu_;  // Stop sets stop_ under it (to wake Pause); guards call_
  absl::CondVar changed_;
  std::atomic<bool> stop_{false};
  grpc::ClientContext* call_ ABSL_GUARDED_BY(mu_) = nullptr;  // the ListRoles in flight
};

}  // namespace cadre::matching
