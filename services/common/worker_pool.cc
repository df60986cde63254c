#include "services/common/worker_pool.h"

#include <utility>

#include "services/common/logging.h"

namespace cadre {

WorkerPool::WorkerPool(int threads, size_t max_queue) : max_queue_(max_queue) {
  threads_.reserve(threads);
  for (int i = 0; i < threads; ++i) {
    threads_.emplace_back([this] { Run(); });
  }
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
}

bool WorkerPool::Submit(std::function<void()> task) {
  Task queued{std::move(task), log::CurrentRequestId()};
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_ || queue_.size() >= max_queue_) return false;
    queue_.push_back(std::move(queued));
  }
  cv_.notify_one();
  return true;
}

void WorkerPool::Run() {
  for (;;) {
    Task task;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    // Set for every task, "" included, so that none inherits another's id.
    log::ScopedRequestId request_id(task.request_id);
    task.run();
    task.run = nullptr;  // what it captured is destroyed under the same id
  }
}

}  // namespace cadre
