#pragma once

// A task run every `every` on a thread of its own until stopped: the sweeps services run
// (pending sign-ups, offers that lapse, roles whose closing time has passed). The first
// run is one `every` after construction. A run in progress finishes before Stop returns.

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "absl/time/time.h"

namespace cadre {

// Thread-safe: Stop from any thread, idempotent.
class Periodic {
 public:
  Periodic(absl::Duration every, std::function<void()> task);
  ~Periodic();  // stops
  Periodic(const Periodic&) = delete;
  Periodic& operator=(const Periodic&) = delete;

  void Stop();

 private:
  void Run();

  absl::Duration every_;
  std::function<void()> task_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace cadre
