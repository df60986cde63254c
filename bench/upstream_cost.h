#pragma once

// How the gateway's request threads wait for the service they call, measured alone in
// this process against the registry: the gateway's own CallUnaryBytes
// (services/gateway/connect/unary_bytes_call.h: gRPC's callback API, the answer handed to
// the waiting thread through a Notification, so every call wakes one of gRPC's threads and
// then the request thread) against the same call made on the calling thread's own
// CompletionQueue (the thread waits in cq.Next and drives the call itself, as gRPC's
// generated blocking stubs do). GetRole of one role, `threads` threads each making calls
// one after another.

#include <string>
#include <vector>

namespace cadre::bench {

struct UpstreamCallCost {
  std::string how;
  int threads = 0;
  int64_t calls = 0;  // that succeeded
  double p50_us = 0;  // latency of one call, median
  double cpu_us = 0;  // this process's CPU (user + system, every thread) per call
};

// Both ways at each of `thread_counts`, `calls_per_thread` calls each (after 50 not
// counted). `registry` is "127.0.0.1:PORT".
std::vector<UpstreamCallCost> MeasureUpstreamCalls(const std::string& registry,
                                                   const std::string& role_name,
                                                   int calls_per_thread,
                                                   const std::vector<int>& thread_counts);

// | how | threads | calls | p50 µs | CPU µs a call |, the median (range) over runs.
std::string UpstreamCallTable(const std::vector<std::vector<UpstreamCallCost>>& runs);

}  // namespace cadre::bench
