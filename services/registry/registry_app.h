#pragma once

// The composition root of the registry: builds the whole service from options and a
// clock (Redis → keys → auth → view → store → writer → workers → service → server) and
// starts it. main.cc and the tests both build the registry through this one class, so
// that what the tests run is what ships.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/common/base/clock.h"
#include "services/common/redis_client.h"
#include "services/common/server.h"
#include "services/registry/closing_sweep.h"
#include "services/registry/staff_accounts.h"

namespace cadre {
class WorkerPool;
}  // namespace cadre

namespace cadre::registry {

struct RegistryOptions {
  RedisOptions redis;
  ServerOptions server;  // service_name is set by the app
  // Threads for calls that wait on Redis, and how many calls may queue for them before
  // new ones are answered UNAVAILABLE "busy".
  int workers = 8;
  int worker_queue = 4096;  // calls
  // Threads that hash staff passwords (scrypt, about 32 MiB and tens of ms each), and how
  // many calls may wait for them.
  int password_threads = 2;
  int password_queue = 32;  // calls
  // Changes one body may make a clock minute, across replicas; 0: no limit.
  int writes_per_minute = 600;
  // The admin key (at least 32 characters), or empty for none (admin calls fail).
  std::string admin_key;
  // The directory of service keys, `<service>.key` each (services/common/service_keys.h);
  // empty: no service can call as itself.
  std::string service_keys_dir;
  // Whether to read the matching service's events (group "registry" on matching:events)
  // and revoke the keys of applicants it erased.
  bool consume_matching_events = true;
  // How long one read of an event stream waits for new entries; also bounds Shutdown.
  absl::Duration event_block = absl::Milliseconds(500);
  // How often the closing sweep runs (closing_sweep.h): announcements of closed
  // applications come within about this long of a closing time. More than 0;
  // InfiniteDuration: no sweep by itself (tests call SweepClosingNow).
  absl::Duration closing_sweep_every = absl::Seconds(15);
  // How long after its closing time a role still open is closed by the registry ("no
  // decision within 90 days"). More than 0.
  absl::Duration close_undecided_after = absl::Hours(24 * 90);
  // Bodies' staff accounts: link and key lives, how long a deactivated account keeps its
  // email, scrypt, lock-out and limits (writes_per_minute above applies to their changes).
  StaffOptions staff;
  // How often the sweep that removes deactivated accounts' emails runs. More than 0;
  // InfiniteDuration: no sweep by itself (tests call SweepStaffEmailsNow).
  absl::Duration staff_sweep_every = absl::Hours(1);
};

// Thread-safe for Shutdown from any thread.
class RegistryApp {
 public:
  // Builds and starts the registry: the view begins loading and the server listens
  // (NOT_SERVING until the view is loaded). INVALID_ARGUMENT for bad options (naming
  // the option; a service keys directory that cannot be read, or a file in it that does
  // not hold a key, naming the file), UNAVAILABLE when a port cannot be bound. `clock` must outlive
  // the app.
  static absl::StatusOr<std::unique_ptr<RegistryApp>> Start(RegistryOptions options,
                                                            const Clock* clock);
  ~RegistryApp();  // shuts down

  int port() const;
  int metrics_port() const;
  Server& server();
  // Whether the in-memory view is loaded and tailing the event stream.
  bool IsFresh() const;
  // Waits until the view is loaded or `timeout` passes; returns IsFresh().
  bool WaitUntilFresh(absl::Duration timeout);

  // The pool that runs calls waiting on Redis, for tests that must fill it.
  WorkerPool& WorkersForTest();

  // Runs one closing sweep now (it also runs every closing_sweep_every) and returns what
  // it changed; see ClosingSweep::RunOnce for the errors.
  absl::StatusOr<ClosingSweepCounts> SweepClosingNow();
  // Runs the staff email sweep now (it also runs every staff_sweep_every); how many
  // emails it removed.
  absl::StatusOr<int> SweepStaffEmailsNow();

  // Graceful drain (see Server::Shutdown); idempotent.
  void Shutdown();
  // Blocks until Shutdown has finished (from a signal or another thread).
  void Wait();

 private:
  struct Parts;
  explicit RegistryApp(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

}  // namespace cadre::registry
