#pragma once

// A fixed set of threads that run blocking work (Redis round trips) off gRPC's callback
// threads, which must never block. The queue is bounded: when it is full, Submit refuses
// and the caller answers UNAVAILABLE "busy; retry shortly" (cadre::Busy) instead of
// queueing without limit.
// A task runs with the request id (log::CurrentRequestId) of the thread that submitted
// it, so the lines it logs name the call it works for.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace cadre {

// Thread-safe.
class WorkerPool {
 public:
  WorkerPool(int threads, size_t max_queue);
  ~WorkerPool();  // runs what is queued, then joins
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // False (and `task` not run) when the queue is full or the pool is stopping.
  bool Submit(std::function<void()> task);

 private:
  struct Task {
    std::function<void()> run;
    std::string request_id;  // the submitter's; "" when it had none
  };

  void Run();

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Task> queue_;
  size_t max_queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace cadre
