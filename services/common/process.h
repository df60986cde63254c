#pragma once

namespace cadre {

// The process-wide settings of a serving process. Call first thing in main, before any
// thread exists (every service's main does; so does the benchmark's no-op service, so
// that both are measured under the same settings):
// - BlockShutdownSignals() (server.h);
// - Abseil's mutex deadlock detection off. Debian builds Abseil without NDEBUG, so every
//   absl::Mutex::Lock (gRPC's own locks included) records lock order in one global graph
//   under one global lock: measured 90 ns a lock against 26 ns without, and a point of
//   contention between threads. Tests keep it on, where it finds lock-order mistakes.
void PrepareServingProcess();

}  // namespace cadre
