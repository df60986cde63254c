#include "services/common/server_signals.h"

#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "services/common/logging.h"
#include "services/common/server.h"

namespace cadre {
namespace {

// A signal handler may only do async-signal-safe things: it writes the signal number to
// this pipe and the watcher thread does the rest.
int g_signal_pipe[2] = {-1, -1};

// Never destroyed: a drain may still be running on a detached thread at exit.
absl::Mutex& TargetMutex() {
  static auto* mu = new absl::Mutex;
  return *mu;
}
Server* g_target ABSL_GUARDED_BY(TargetMutex()) = nullptr;

void OnSignal(int signo) {
  const int saved_errno = errno;
  const auto byte = static_cast<unsigned char>(signo);
  (void)!::write(g_signal_pipe[1], &byte, 1);
  errno = saved_errno;
}

sigset_t ShutdownSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

void WatchSignals() {
  // Take the signals on this thread even when main blocked them in every other one.
  const sigset_t set = ShutdownSignals();
  pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
  int received = 0;
  for (;;) {
    unsigned char byte = 0;
    const ssize_t n = ::read(g_signal_pipe[0], &byte, 1);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return;
    }
    const char* name = byte == SIGTERM ? "SIGTERM" : "SIGINT";
    if (++received == 1) {
      log::Info("signal received: draining", {{"signal", name}});
      // Drain on another thread, so that a second signal still reaches this loop.
      std::thread([] {
        absl::MutexLock lock(&TargetMutex());
        if (g_target != nullptr) {
          g_target->Shutdown();
        }
      }).detach();
    } else {
      log::Warn("second signal while draining: exiting now", {{"signal", name}});
      std::_Exit(1);
    }
  }
}

}  // namespace

namespace internal {

void ForgetSignalTarget(Server* server) {
  absl::MutexLock lock(&TargetMutex());
  if (g_target == server) {
    g_target = nullptr;
  }
}

}  // namespace internal

void BlockShutdownSignals() {
  const sigset_t set = ShutdownSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
}

void Server::ShutdownOnSignals(Server* server) {
  std::signal(SIGPIPE, SIG_IGN);
  {
    absl::MutexLock lock(&TargetMutex());
    g_target = server;
  }
  static std::once_flag once;
  std::call_once(once, [] {
    if (::pipe2(g_signal_pipe, O_CLOEXEC) != 0) {
      log::Error("cannot create the signal pipe: SIGTERM will not drain");
      return;
    }
    // Never block in the handler: if the pipe were somehow full, a signal is dropped.
    ::fcntl(g_signal_pipe[1], F_SETFL, ::fcntl(g_signal_pipe[1], F_GETFL) | O_NONBLOCK);
    struct sigaction action = {};
    action.sa_handler = OnSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
    std::thread(WatchSignals).detach();
  });
}

}  // namespace cadre
