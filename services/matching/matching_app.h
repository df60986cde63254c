#pragma once

// The composition root of the matching service: builds the whole service from options
// and a clock (Redis → keys → auth → store → registry client → accounts, profiles →
// pools → view of the registry → service → server) and starts it. main.cc and the tests
// both build the service through this one class.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/common/base/clock.h"
#include "services/common/redis_client.h"
#include "services/common/server.h"
#include "services/matching/accounts.h"
#include "services/matching/applications.h"
#include "services/matching/fill_queue.h"
#include "services/matching/view/open_roles.h"

namespace cadre::matching {

struct MatchingOptions {
  RedisOptions redis;
  ServerOptions server;  // service_name is set by the app
  int workers = 8;       // threads for calls that wait on Redis
  int worker_queue = 4096;
  int password_threads = 2;      // scrypt runs here (about 32 MiB and tens of ms each)
  int password_queue = 32;       // calls waiting for it; more are UNAVAILABLE "busy"
  std::string admin_key;         // empty: none
  std::string service_keys_dir;  // the service keys this service recognises
  std::string registry_target = "127.0.0.1:50051";
  std::string service_key;  // the matching service's own key, for the registry
  absl::Duration registry_deadline = absl::Seconds(2);
  std::string email_hmac_key;                            // at least 32 bytes
  absl::Duration sweep_every = absl::Seconds(30);        // pending sign-ups removed
  absl::Duration offer_sweep_every = absl::Seconds(30);  // offers past reply-by lapsed
  AccountsOptions accounts;
  ApplicationsOptions applications;
  FillQueueOptions fill_queue;
};

// Thread-safe for Shutdown from any thread.
class MatchingApp {
 public:
  // INVALID_ARGUMENT for bad options (naming the option), UNAVAILABLE when a port cannot
  // be bound. `clock` must outlive the app.
  static absl::StatusOr<std::unique_ptr<MatchingApp>> Start(MatchingOptions options,
                                                            const Clock* clock);
  ~MatchingApp();  // shuts down

  int port() const;
  int metrics_port() const;
  Server& server();
  // Waits until the view of the registry's open roles is loaded (the service answers
  // UNAVAILABLE and health is NOT_SERVING until then), or `timeout` passes.
  bool WaitUntilLoaded(absl::Duration timeout);
  // Removes due pending sign-ups now (the sweep also runs every `sweep_every`).
  absl::StatusOr<int> SweepPendingNow();
  // Lapses offers past their reply-by time now (also every `offer_sweep_every`).
  absl::StatusOr<int> LapseOffersNow();
  // One pass of the fill queue now (it also runs every `fill_queue.every`).
  absl::StatusOr<int> RunFillQueueNow();
  // The view of the registry's open roles (tests wait on it).
  const OpenRoles& open_roles() const;
  // Events of the registry handled by this replica's consumer of the shared group.
  int64_t RegistryEventsHandled() const;

  void Shutdown();  // graceful drain; idempotent
  void Wait();      // until Shutdown has finished

 private:
  struct Parts;
  explicit MatchingApp(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

}  // namespace cadre::matching
