#pragma once

// What SIGTERM and SIGINT stop: anything that drains gracefully. The kit's gRPC Server is
// one; the gateway's HTTP front door is another. See ShutdownOnSignals.

namespace cadre {

class Drainable {
 public:
  virtual ~Drainable() = default;
  // Graceful drain; idempotent. Returns once the drain has finished.
  virtual void Shutdown() = 0;
};

// Makes SIGTERM and SIGINT call `target->Shutdown()` (on a thread of its own), and ignores
// SIGPIPE. Call once from main, after the target has started. A second SIGTERM or SIGINT
// while draining exits at once (status 1). A target must call ForgetShutdownTarget(this)
// in its destructor.
void ShutdownOnSignals(Drainable* target);

// Stops ShutdownOnSignals from calling `target` (if it is the target); waits for a drain
// the watcher already started on it.
void ForgetShutdownTarget(Drainable* target);

}  // namespace cadre
