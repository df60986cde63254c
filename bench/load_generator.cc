#include "bench/load_generator.h"

#include <algorithm>
#include <cmath>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"

namespace cadre::bench {
namespace {

// What one driver thread saw inside the measurement window.
struct ThreadTally {
  std::vector<int64_t> latencies_ns;  // OK calls only
  int64_t errors = 0;
  std::string first_error;
};

// Polls `cq` for the completions of `slots`, restarting each slot until `stop`, then
// lets the outstanding calls finish. Records calls completing in [begin, stop).
void Drive(grpc::CompletionQueue* cq, const std::vector<CallSlot*>& slots,
           BenchClock::time_point begin, BenchClock::time_point stop, uint64_t seed,
           ThreadTally* tally) {
  std::mt19937_64 rng(seed);
  // Room for ~100k completions a second for 5 s on two threads without regrowing.
  tally->latencies_ns.reserve(1 << 18);
  for (CallSlot* slot : slots) {
    slot->Start(cq, rng);
  }
  size_t outstanding = slots.size();
  void* tag = nullptr;
  bool ok = false;
  while (outstanding > 0 && cq->Next(&tag, &ok)) {
    auto* slot = static_cast<CallSlot*>(tag);
    const BenchClock::time_point now = BenchClock::now();
    if (now >= begin && now < stop) {
      if (ok && slot->status().ok()) {
        tally->latencies_ns.push_back(
            std::chrono::duration_cast<std::chrono::nanoseconds>(now - slot->start_time).count());
      } else {
        if (tally->errors++ == 0) {
          tally->first_error = absl::StrCat("code ", static_cast<int>(slot->status().error_code()),
                                            ": ", slot->status().error_message());
        }
      }
    }
    if (now < stop) {
      slot->Start(cq, rng);
    } else {
      --outstanding;
    }
  }
}

double PercentileMs(const std::vector<int64_t>& sorted_ns, double q) {
  if (sorted_ns.empty()) {
    return 0;
  }
  const auto index =
      static_cast<size_t>(std::llround(q * static_cast<double>(sorted_ns.size() - 1)));
  return static_cast<double>(sorted_ns[std::min(index, sorted_ns.size() - 1)]) / 1e6;
}

}  // namespace

LoadResult RunClosedLoop(const std::string& target, const SlotFactory& factory,
                         const LoadOptions& options) {
  const int in_flight = std::max(1, options.in_flight);
  const int per_channel = std::max(1, options.calls_per_channel);
  const int channel_count = (in_flight + per_channel - 1) / per_channel;
  const int thread_count = std::clamp(options.driver_threads, 1, in_flight);

  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int i = 0; i < channel_count; ++i) {
    grpc::ChannelArguments args;
    // Without these, channels to one target share one subchannel, i.e. one connection.
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    args.SetInt("cadre.bench_channel_id", i);
    channels.push_back(grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args));
  }

  std::vector<std::unique_ptr<CallSlot>> slots;
  std::vector<std::vector<CallSlot*>> slots_by_thread(thread_count);
  for (int i = 0; i < in_flight; ++i) {
    slots.push_back(factory(channels[i / per_channel]));
    slots_by_thread[i % thread_count].push_back(slots.back().get());
  }
  std::vector<std::unique_ptr<grpc::CompletionQueue>> queues;
  queues.reserve(thread_count);
  for (int t = 0; t < thread_count; ++t) {
    queues.push_back(std::make_unique<grpc::CompletionQueue>());
  }

  const BenchClock::time_point begin =
      BenchClock::now() + absl::ToChronoNanoseconds(options.warmup);
  const BenchClock::time_point stop = begin + absl::ToChronoNanoseconds(options.duration);
  std::vector<ThreadTally> tallies(thread_count);
  std::vector<std::thread> threads;
  threads.reserve(thread_count);
  std::random_device seeder;
  for (int t = 0; t < thread_count; ++t) {
    threads.emplace_back(Drive, queues[t].get(), std::cref(slots_by_thread[t]), begin, stop,
                         (static_cast<uint64_t>(seeder()) << 32) | seeder(), &tallies[t]);
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  for (auto& queue : queues) {
    queue->Shutdown();
    void* tag = nullptr;
    bool ok = false;
    while (queue->Next(&tag, &ok)) {
    }
  }

  LoadResult result;
  std::vector<int64_t> all;
  for (ThreadTally& tally : tallies) {
    all.insert(all.end(), tally.latencies_ns.begin(), tally.latencies_ns.end());
    if (result.errors == 0 && tally.errors > 0) {
      result.first_error = tally.first_error;
    }
    result.errors += tally.errors;
  }
  std::sort(all.begin(), all.end());
  result.calls = static_cast<int64_t>(all.size());
  result.qps = static_cast<double>(all.size()) / absl::ToDoubleSeconds(options.duration);
  result.p50_ms = PercentileMs(all, 0.50);
  result.p99_ms = PercentileMs(all, 0.99);
  return result;
}

}  // namespace cadre::bench
