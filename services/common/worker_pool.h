#pragma once

// A fixed set of threads that run blocking work (Redis round trips) off gRPC's callback
// threads, which must never block. The queue is bounded: when it is full, Submit refuses
// and the caller answers RESOURCE_EXHAUSTED instead of queueing without limit.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
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
  void Run();

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  size_t max_queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace cadre
