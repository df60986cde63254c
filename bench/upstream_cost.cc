#include "bench/upstream_cost.h"

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

#include "absl/strings/str_cat.h"
#include "bench/load_generator.h"
#include "bench/report.h"
#include "cadre/v1/registry.pb.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/grpcpp.h"
#include "services/gateway/connect/unary_bytes_call.h"

namespace cadre::bench {
namespace {

constexpr int kWarmupCalls = 50;
constexpr char kGetRole[] = "/cadre.v1.Registry/GetRole";
constexpr char kCallback[] = "gateway's CallUnaryBytes (callback, Notification)";
constexpr char kOwnQueue[] = "on the thread's own CompletionQueue";

// One call the other way: the request thread drives it on its own queue.
grpc::Status CallOnOwnQueue(const std::shared_ptr<grpc::Channel>& channel,
                            grpc::CompletionQueue* cq, const std::string& request,
                            std::string* response) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  grpc::GenericStub stub(channel);
  grpc::Slice slice(request);
  const grpc::ByteBuffer request_buffer(&slice, 1);
  grpc::ByteBuffer response_buffer;
  grpc::Status status;
  auto call = stub.PrepareUnaryCall(&context, kGetRole, request_buffer, cq);
  call->StartCall();
  call->Finish(&response_buffer, &status, &status);
  void* tag = nullptr;
  bool ok = false;
  if (!cq->Next(&tag, &ok) || !ok) {
    return grpc::Status(grpc::StatusCode::INTERNAL, "the queue gave no answer");
  }
  if (status.ok()) {
    std::vector<grpc::Slice> slices;
    (void)response_buffer.Dump(&slices);
    response->clear();
    for (const grpc::Slice& s : slices) {
      response->append(reinterpret_cast<const char*>(s.begin()), s.size());
    }
  }
  return status;
}

double ProcessCpuMicros() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto us = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_usec);
  };
  return us(usage.ru_utime) + us(usage.ru_stime);
}

UpstreamCallCost Measure(const std::string& how, const std::shared_ptr<grpc::Channel>& channel,
                         const std::string& request, int threads, int calls_per_thread) {
  std::vector<std::vector<int64_t>> latencies(threads);
  std::atomic<int64_t> ok_calls{0};
  auto run = [&](int t, int calls, bool record) {
    grpc::CompletionQueue cq;
    std::string response;
    for (int i = 0; i < calls; ++i) {
      const BenchClock::time_point start = BenchClock::now();
      grpc::Status status;
      if (how == kCallback) {
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
        status = cadre::gateway::CallUnaryBytes(channel, &context, kGetRole, request, &response);
      } else {
        status = CallOnOwnQueue(channel, &cq, request, &response);
      }
      if (record && status.ok()) {
        latencies[t].push_back(
            std::chrono::duration_cast<std::chrono::nanoseconds>(BenchClock::now() - start)
                .count());
        ++ok_calls;
      }
    }
    cq.Shutdown();
    void* tag = nullptr;
    bool ok = false;
    while (cq.Next(&tag, &ok)) {
    }
  };
  auto in_threads = [&](int calls, bool record) {
    std::vector<std::thread> pool;
    pool.reserve(threads);
    for (int t = 0; t < threads; ++t) pool.emplace_back(run, t, calls, record);
    for (std::thread& thread : pool) thread.join();
  };
  in_threads(kWarmupCalls, false);
  const double cpu_before = ProcessCpuMicros();
  in_threads(calls_per_thread, true);
  const double cpu = ProcessCpuMicros() - cpu_before;

  std::vector<int64_t> all;
  for (const auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  UpstreamCallCost cost;
  cost.how = how;
  cost.threads = threads;
  cost.calls = ok_calls.load();
  cost.p50_us = all.empty() ? 0 : static_cast<double>(all[all.size() / 2]) / 1e3;
  cost.cpu_us = cost.calls > 0 ? cpu / static_cast<double>(cost.calls) : 0;
  return cost;
}

}  // namespace

std::vector<UpstreamCallCost> MeasureUpstreamCalls(const std::string& registry,
                                                   const std::string& role_name,
                                                   int calls_per_thread,
                                                   const std::vector<int>& thread_counts) {
  // One channel, as the gateway has one per service.
  const std::shared_ptr<grpc::Channel> channel =
      grpc::CreateChannel(registry, grpc::InsecureChannelCredentials());
  cadre::v1::GetRoleRequest get;
  get.set_name(role_name);
  const std::string request = get.SerializeAsString();
  std::vector<UpstreamCallCost> out;
  for (int threads : thread_counts) {
    for (const char* how : {kCallback, kOwnQueue}) {
      out.push_back(Measure(how, channel, request, threads, calls_per_thread));
    }
  }
  return out;
}

std::string UpstreamCallTable(const std::vector<std::vector<UpstreamCallCost>>& runs) {
  if (runs.empty() || runs.front().empty()) return "";
  std::string out =
      "| how the request thread waits | threads | calls | p50 µs | CPU µs a call |\n"
      "|---|---:|---:|---:|---:|\n";
  for (size_t i = 0; i < runs.front().size(); ++i) {
    std::vector<double> p50;
    std::vector<double> cpu;
    std::vector<double> calls;
    for (const auto& run : runs) {
      if (i >= run.size()) continue;
      p50.push_back(run[i].p50_us);
      cpu.push_back(run[i].cpu_us);
      calls.push_back(static_cast<double>(run[i].calls));
    }
    absl::StrAppend(&out, "| ", runs.front()[i].how, " | ", runs.front()[i].threads, " | ",
                    MedianRange(calls, 0), " | ", MedianRange(p50, 0), " | ", MedianRange(cpu, 0),
                    " |\n");
  }
  return out;
}

}  // namespace cadre::bench
