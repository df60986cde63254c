#pragma once

// Marking roles filled in the registry, from matching's outbox. When an acceptance takes
// a role's last place, the same script that writes it queues the role
// (matching:fill-queue, application_store.h); this worker then asks the registry to mark
// it FILLED (CloseRole, with a deadline). While the registry is down the call is retried
// every `retry_after`; FAILED_PRECONDITION (the role was closed or cancelled meanwhile)
// and NOT_FOUND are final: the queued call is dropped, not retried. Every replica runs a
// worker; a claim puts the role off by `lease`, so two rarely ask at once, and a second
// ask is harmless (FAILED_PRECONDITION: already filled).
//
// The role's remaining live applications are answered when the registry's ROLE_FILLED
// event comes back (role_endings.h), not here.

#include <condition_variable>
#include <mutex>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/common/base/clock.h"
#include "services/matching/application_store.h"
#include "services/matching/registry_roles.h"

namespace cadre::matching {

struct FillQueueOptions {
  absl::Duration every = absl::Seconds(1);        // how often the queue is read
  absl::Duration lease = absl::Seconds(30);       // a claimed role is put off this long
  absl::Duration retry_after = absl::Seconds(5);  // after the registry did not answer
};

// Thread-safe.
class FillQueue {
 public:
  FillQueue(ApplicationStore* store, const RegistryRoles* registry, const Clock* clock,
            FillQueueOptions options);
  ~FillQueue();  // stops

  void Start();
  void Stop();
  // Wakes the worker now (after an acceptance that may have filled a role).
  void Poke();
  // One pass over the due roles, on the caller's thread; how many were settled
  // (marked filled, or dropped as final).
  absl::StatusOr<int> RunOnce();

 private:
  void Run();

  ApplicationStore* store_;
  const RegistryRoles* registry_;
  const Clock* clock_;
  FillQueueOptions options_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool poked_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace cadre::matching
