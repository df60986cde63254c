#include "bench/load_generator.h"

#include <algorithm>
#include <atomic>
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
  std::map<grpc::StatusCode, int64_t> error_codes;
  BenchClock::time_point last_counted{};  // the last completion counted
};

// The end of the measurement window, shared by the driver threads: it only moves
// earlier, when the first slot has made its LoadOptions::calls_per_slot calls and
// stop_at_first_done is set.
class WindowEnd {
 public:
  explicit WindowEnd(BenchClock::time_point end) : ns_(end.time_since_epoch().count()) {}
  BenchClock::time_point get() const {
    return BenchClock::time_point(BenchClock::duration(ns_.load(std::memory_order_relaxed)));
  }
  void LowerTo(BenchClock::time_point t) {
    const int64_t want = t.time_since_epoch().count();
    int64_t now = ns_.load(std::memory_order_relaxed);
    while (want < now && !ns_.compare_exchange_weak(now, want, std::memory_order_relaxed)) {
    }
  }

 private:
  std::atomic<int64_t> ns_;
};

struct DriveOptions {
  BenchClock::time_point begin;  // the end of the warm-up
  int64_t calls_per_slot = 0;    // 0: no limit
  bool stop_at_first_done = false;
};

// Polls `cq` for the completions of `slots`, restarting each slot until the window ends
// (or it has made its calls), then lets the outstanding calls finish. Records calls
// completing in [begin, end).
void Drive(grpc::CompletionQueue* cq, const std::vector<CallSlot*>& slots,
           const DriveOptions& options, WindowEnd* end, uint64_t seed, ThreadTally* tally) {
  std::mt19937_64 rng(seed);
  // Room for ~100k completions a second for 5 s on two threads without regrowing.
  tally->latencies_ns.reserve(1 << 18);
  for (CallSlot* slot : slots) {
    slot->calls_started = 1;
    slot->Start(cq, rng);
  }
  size_t outstanding = slots.size();
  void* tag = nullptr;
  bool ok = false;
  while (outstanding > 0 && cq->Next(&tag, &ok)) {
    auto* slot = static_cast<CallSlot*>(tag);
    const BenchClock::time_point now = BenchClock::now();
    if (now >= options.begin && now < end->get()) {
      tally->last_counted = now;
      if (ok && slot->status().ok()) {
        tally->latencies_ns.push_back(
            std::chrono::duration_cast<std::chrono::nanoseconds>(now - slot->start_time).count());
      } else {
        const grpc::StatusCode code = ok ? slot->status().error_code() : grpc::StatusCode::UNKNOWN;
        ++tally->error_codes[code];
        if (tally->errors++ == 0) {
          tally->first_error =
              absl::StrCat("code ", static_cast<int>(code), ": ", slot->status().error_message());
        }
      }
    }
    const bool calls_left =
        options.calls_per_slot == 0 || slot->calls_started < options.calls_per_slot;
    if (!calls_left && options.stop_at_first_done) {
      end->LowerTo(now + BenchClock::duration(1));  // this last call counted, no later one
    }
    if (calls_left && now < end->get()) {
      ++slot->calls_started;
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

  DriveOptions drive;
  drive.begin = BenchClock::now() + absl::ToChronoNanoseconds(options.warmup);
  drive.calls_per_slot = std::max<int64_t>(0, options.calls_per_slot);
  drive.stop_at_first_done = options.stop_at_first_done;
  WindowEnd end(drive.begin + absl::ToChronoNanoseconds(options.duration));
  std::vector<ThreadTally> tallies(thread_count);
  std::vector<std::thread> threads;
  threads.reserve(thread_count);
  std::random_device seeder;
  for (int t = 0; t < thread_count; ++t) {
    threads.emplace_back(Drive, queues[t].get(), std::cref(slots_by_thread[t]), std::cref(drive),
                         &end, (static_cast<uint64_t>(seeder()) << 32) | seeder(), &tallies[t]);
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
  for (const auto& slot : slots) {
    result.calls_made += slot->calls_started;
  }
  std::vector<int64_t> all;
  BenchClock::time_point last = drive.begin;
  for (ThreadTally& tally : tallies) {
    all.insert(all.end(), tally.latencies_ns.begin(), tally.latencies_ns.end());
    if (result.errors == 0 && tally.errors > 0) {
      result.first_error = tally.first_error;
    }
    result.errors += tally.errors;
    for (const auto& [code, count] : tally.error_codes) {
      result.error_codes[code] += count;
    }
    last = std::max(last, tally.last_counted);
  }
  std::sort(all.begin(), all.end());
  result.calls = static_cast<int64_t>(all.size());
  // A burst is over when its last call is answered; any other run at the window's end
  // (the full duration unless a slot's calls cut it short).
  const bool burst = drive.calls_per_slot > 0 && !drive.stop_at_first_done;
  const BenchClock::time_point measured_end = burst ? std::min(last, end.get()) : end.get();
  result.seconds = std::max(0.0, std::chrono::duration<double>(measured_end - drive.begin).count());
  result.qps = result.seconds > 0 ? static_cast<double>(all.size()) / result.seconds : 0;
  result.p50_ms = PercentileMs(all, 0.50);
  result.p99_ms = PercentileMs(all, 0.99);
  return result;
}

}  // namespace cadre::bench
