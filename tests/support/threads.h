#pragma once

// Runs `body(t)` on `count` threads at once (t = 0 .. count-1) and waits for all, for
// tests that check what happens under concurrent use.

#include <functional>
#include <thread>
#include <vector>

namespace cadre::testing {

inline void RunOnThreads(int count, const std::function<void(int)>& body) {
  std::vector<std::thread> threads;
  threads.reserve(count);
  for (int t = 0; t < count; ++t) threads.emplace_back(body, t);
  for (std::thread& thread : threads) thread.join();
}

}  // namespace cadre::testing
