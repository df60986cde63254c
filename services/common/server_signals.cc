#include <pthread.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "services/common/drainable.h"
#include "services/common/logging.h"
#include "services/common/server.h"

namespace cadre {
namespace {

// The watcher waits in sigwait with the signals blocked. When main called
// BlockShutdownSignals before making threads, every thread blocks them and the kernel
// leaves them pending for sigwait. Otherwise a thread that does not block them takes the
// signal and the handler forwards it to the watcher (pthread_kill is async-signal-safe).
pthread_t g_watcher;

// Never destroyed: a drain may still be running on a detached thread at exit.
absl::Mutex& TargetMutex() {
  static auto* mu = new absl::Mutex;
  return *mu;
}
Drainable* g_target ABSL_GUARDED_BY(TargetMutex()) = nullptr;

sigset_t ShutdownSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

void ForwardToWatcher(int signo) { pthread_kill(g_watcher, signo); }

// True from a signal until the drain it started has finished.
std::atomic<bool> g_draining{false};

void WatchSignals() {
  const sigset_t set = ShutdownSignals();
  for (;;) {
    int signo = 0;
    if (sigwait(&set, &signo) != 0) {
      continue;
    }
    const char* name = signo == SIGTERM ? "SIGTERM" : "SIGINT";
    if (g_draining.exchange(true)) {
      log::Warn("second signal while draining: exiting now", {{"signal", name}});
      std::_Exit(1);
    }
    log::Info("signal received: draining", {{"signal", name}});
    // Drain on another thread, so that a second signal still reaches this loop.
    std::thread([] {
      absl::MutexLock lock(&TargetMutex());
      if (g_target != nullptr) {
        g_target->Shutdown();
      }
      // Under the lock: once the target's ForgetShutdownTarget returns, a signal drains again.
      g_draining = false;
    }).detach();
  }
}

}  // namespace

void ForgetShutdownTarget(Drainable* target) {
  absl::MutexLock lock(&TargetMutex());
  if (g_target == target) {
    g_target = nullptr;
  }
}

void BlockShutdownSignals() {
  const sigset_t set = ShutdownSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
}

void Server::ShutdownOnSignals(Server* server) { cadre::ShutdownOnSignals(server); }

void ShutdownOnSignals(Drainable* target) {
  std::signal(SIGPIPE, SIG_IGN);
  {
    absl::MutexLock lock(&TargetMutex());
    g_target = target;
  }
  static std::once_flag once;
  std::call_once(once, [] {
    // The watcher must start with the signals blocked (it inherits this thread's mask):
    // were one delivered to it, the handler would forward it to itself forever.
    const sigset_t set = ShutdownSignals();
    sigset_t old;
    pthread_sigmask(SIG_BLOCK, &set, &old);
    std::thread watcher(WatchSignals);
    g_watcher = watcher.native_handle();
    watcher.detach();
    pthread_sigmask(SIG_SETMASK, &old, nullptr);

    struct sigaction action = {};
    action.sa_handler = ForwardToWatcher;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
  });
}

}  // namespace cadre
