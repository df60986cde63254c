#include "bench/http_load.h"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <memory>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/blocking_counter.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"

namespace cadre::bench {
namespace {

// What one thread saw inside the measurement window.
struct ThreadTally {
  std::vector<int64_t> latencies_ns;  // 2xx answers only
  int64_t errors = 0;
  std::string first_error;
  int64_t requests_made = 0;  // warm-up and drain included
};

std::unique_ptr<httplib::Client> NewClient(const std::string& host, int port,
                                           absl::Duration timeout, bool accept_gzip) {
  auto client = std::make_unique<httplib::Client>(host, port);
  const auto chrono_timeout = absl::ToChronoMicroseconds(timeout);
  client->set_keep_alive(true);
  client->set_tcp_nodelay(true);
  client->set_connection_timeout(chrono_timeout);
  client->set_read_timeout(chrono_timeout);
  client->set_write_timeout(chrono_timeout);
  client->set_decompress(accept_gzip);
  return client;
}

httplib::Headers HeadersOf(const HttpCall& call, bool accept_gzip) {
  httplib::Headers headers(call.headers.begin(), call.headers.end());
  headers.emplace("Accept-Encoding", accept_gzip ? "gzip" : "identity");
  return headers;
}

httplib::Result Send(httplib::Client& client, const HttpCall& call, bool accept_gzip) {
  const httplib::Headers headers = HeadersOf(call, accept_gzip);
  if (call.method == "POST") {
    return client.Post(call.path, headers, call.body, call.content_type);
  }
  return client.Get(call.path, headers);
}

// Why a request counts as an error, or "" when it is a 2xx answer.
std::string ErrorOf(const httplib::Result& result) {
  if (!result) {
    return absl::StrCat("request failed: ", httplib::to_string(result.error()));
  }
  if (result->status < 200 || result->status > 299) {
    return absl::StrCat("HTTP ", result->status, ": ", result->body.substr(0, 200));
  }
  return "";
}

// How the threads start together: each opens its connection (one at a time, under
// `connect_mu`), counts down `connected` and waits for `go`; then `begin` and `end` are set.
struct StartLine {
  absl::Mutex connect_mu;
  absl::BlockingCounter connected;
  absl::Notification go;
  BenchClock::time_point begin;  // written before `go`
  BenchClock::time_point end;
  explicit StartLine(int threads) : connected(threads) {}
};

// Opens the client's keep-alive connection (GET /healthz, not counted) before the clock
// starts: the cpp-httplib server listens with a backlog of 5, so 64 clients connecting at
// once would have SYNs dropped and retried a second or more later, inside the window.
// Later reconnections (the server's keep-alive limit) happen inside the window, as they
// would for any client.
void Connect(httplib::Client& client, StartLine* start) {
  {
    absl::MutexLock lock(&start->connect_mu);
    (void)client.Get("/healthz");
  }
  start->connected.DecrementCount();
  start->go.WaitForNotification();
}

// Sends requests one after another until the window ends; records the answers arriving
// in [begin, end).
void Drive(const std::string& host, int port, const HttpFillFor& fill_for,
           const HttpLoadOptions& options, StartLine* start, int thread, uint64_t seed,
           ThreadTally* tally) {
  std::mt19937_64 rng(seed);
  const HttpFill fill = fill_for(thread);
  const bool observing = !options.observe_header.empty() && options.observe;
  std::unique_ptr<httplib::Client> client =
      NewClient(host, port, options.timeout, options.accept_gzip);
  tally->latencies_ns.reserve(1 << 16);
  Connect(*client, start);
  const BenchClock::time_point begin = start->begin;
  const BenchClock::time_point end = start->end;
  HttpCall call;
  for (BenchClock::time_point now = BenchClock::now(); now < end;) {
    call = HttpCall();
    fill(rng, &call);
    const BenchClock::time_point start = BenchClock::now();
    ++tally->requests_made;
    const httplib::Result result = Send(*client, call, options.accept_gzip);
    now = BenchClock::now();
    if (now < begin || now >= end) {
      continue;
    }
    std::string error = ErrorOf(result);
    if (error.empty() && options.check_body) error = options.check_body(result->body);
    if (error.empty()) {
      tally->latencies_ns.push_back(
          std::chrono::duration_cast<std::chrono::nanoseconds>(now - start).count());
      if (observing) options.observe(thread, result->get_header_value(options.observe_header));
    } else if (tally->errors++ == 0) {
      tally->first_error = error;
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

LoadResult RunHttpClosedLoop(const std::string& host, int port, const HttpFill& fill,
                             const HttpLoadOptions& options) {
  return RunHttpClosedLoopByThread(
      host, port, [&fill](int) { return fill; }, options);
}

LoadResult RunHttpClosedLoopByThread(const std::string& host, int port, const HttpFillFor& fill_for,
                                     const HttpLoadOptions& options) {
  const int threads_wanted = std::clamp(options.in_flight, 1, 1024);
  StartLine start(threads_wanted);
  std::vector<ThreadTally> tallies(threads_wanted);
  std::vector<std::thread> threads;
  threads.reserve(threads_wanted);
  std::random_device seeder;
  for (int t = 0; t < threads_wanted; ++t) {
    threads.emplace_back(Drive, std::cref(host), port, std::cref(fill_for), std::cref(options),
                         &start, t, (static_cast<uint64_t>(seeder()) << 32) | seeder(),
                         &tallies[t]);
  }
  start.connected.Wait();
  start.begin = BenchClock::now() + absl::ToChronoNanoseconds(options.warmup);
  start.end = start.begin + absl::ToChronoNanoseconds(options.duration);
  start.go.Notify();
  for (std::thread& thread : threads) {
    thread.join();
  }

  LoadResult result;
  std::vector<int64_t> all;
  for (ThreadTally& tally : tallies) {
    all.insert(all.end(), tally.latencies_ns.begin(), tally.latencies_ns.end());
    if (result.errors == 0 && tally.errors > 0) {
      result.first_error = tally.first_error;
    }
    result.errors += tally.errors;
    result.calls_made += tally.requests_made;
  }
  std::sort(all.begin(), all.end());
  result.calls = static_cast<int64_t>(all.size());
  result.seconds = absl::ToDoubleSeconds(options.duration);
  result.qps = result.seconds > 0 ? static_cast<double>(all.size()) / result.seconds : 0;
  result.p50_ms = PercentileMs(all, 0.50);
  result.p99_ms = PercentileMs(all, 0.99);
  return result;
}

HttpAnswer HttpOnce(const std::string& host, int port, const HttpCall& call, bool accept_gzip,
                    absl::Duration timeout) {
  std::unique_ptr<httplib::Client> client = NewClient(host, port, timeout, accept_gzip);
  const httplib::Result result = Send(*client, call, accept_gzip);
  HttpAnswer answer;
  if (!result) {
    answer.error = httplib::to_string(result.error());
    return answer;
  }
  answer.status = result->status;
  answer.body = result->body;
  for (const auto& [name, value] : result->headers) {
    answer.headers.emplace(name, value);
  }
  return answer;
}

absl::Status WaitUntilGatewayReady(const std::string& host, int port, absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  HttpCall call;
  call.path = "/readyz";
  while (absl::Now() < deadline) {
    if (HttpOnce(host, port, call, false, absl::Seconds(1)).status == 200) {
      return absl::OkStatus();
    }
    absl::SleepFor(absl::Milliseconds(100));
  }
  return absl::DeadlineExceededError("the gateway's /readyz did not answer 200");
}

}  // namespace cadre::bench
