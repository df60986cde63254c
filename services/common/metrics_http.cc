#include "services/common/metrics_http.h"

#include <httplib.h>
#include <sys/socket.h>

#include <chrono>
#include <thread>

#include "absl/strings/str_cat.h"
#include "services/common/logging.h"

namespace cadre::internal {

struct MetricsHttpServer::Impl {
  httplib::Server http;
  std::thread thread;
};

MetricsHttpServer::MetricsHttpServer(MetricsRegistry* metrics, std::function<bool()> serving)
    : impl_(std::make_unique<Impl>()) {
  httplib::Server& http = impl_->http;
  // Scrapes and probes are rare and tiny: two workers, not httplib's default of eight.
  http.new_task_queue = [] { return new httplib::ThreadPool(2); };
  // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, which would let a second
  // process silently share the port.
  http.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  // A scraper's idle keep-alive connection holds a worker; keep Stop quick.
  http.set_keep_alive_timeout(1);
  http.Get("/metrics", [metrics](const httplib::Request&, httplib::Response& res) {
    res.set_content(metrics->RenderPrometheus(), "text/plain; version=0.0.4; charset=utf-8");
  });
  http.Get("/healthz",
           [serving = std::move(serving)](const httplib::Request&, httplib::Response& res) {
             if (serving()) {
               res.set_content("ok\n", "text/plain");
             } else {
               res.status = 503;
               res.set_content("not serving\n", "text/plain");
             }
           });
}

MetricsHttpServer::~MetricsHttpServer() { Stop(); }

absl::Status MetricsHttpServer::Start(const std::string& host, int port) {
  httplib::Server& http = impl_->http;
  if (port == 0) {
    port_ = http.bind_to_any_port(host);
  } else {
    port_ = http.bind_to_port(host, port) ? port : -1;
  }
  if (port_ < 0) {
    port_ = -1;
    return absl::UnavailableError(absl::StrCat("cannot bind the metrics port ", host, ":", port));
  }
  impl_->thread = std::thread([this] { impl_->http.listen_after_bind(); });
  // httplib's stop() does nothing until the accept loop runs: wait for it so that a
  // Stop() right after Start() cannot leave the thread listening forever.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!http.is_running()) {
    if (std::chrono::steady_clock::now() > deadline) {
      log::Error("metrics endpoint did not start", {{"port", absl::StrCat(port_)}});
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return absl::OkStatus();
}

void MetricsHttpServer::Stop() {
  if (!impl_->thread.joinable()) {
    return;
  }
  impl_->http.stop();
  impl_->thread.join();
}

}  // namespace cadre::internal
