#pragma once

// Waiting for a condition with a deadline, never a fixed sleep: polls `condition` every
// few milliseconds and returns as soon as it holds, or false once `limit` has passed.

#include <chrono>
#include <functional>

#include "absl/time/clock.h"

namespace cadre::testing {

inline bool WaitFor(const std::function<bool()>& condition,
                    std::chrono::milliseconds limit = std::chrono::seconds(10)) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > until) return false;
    absl::SleepFor(absl::Milliseconds(5));
  }
  return true;
}

}  // namespace cadre::testing
