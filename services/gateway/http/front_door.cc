#include "services/gateway/http/front_door.h"

#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <random>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/notification.h"
#include "services/common/base/errors.h"
#include "services/common/logging.h"
#include "services/gateway/domain/security_headers.h"
#include "services/gateway/http/gzip.h"
#include "services/gateway/http/request_timing.h"

namespace cadre::gateway {
namespace {

// Connections the kernel may queue for accept(): cpp-httplib listens with a backlog of 5,
// which drops the SYNs of a burst of new visitors (each then waits a second or more for
// its retry); Linux lets a second listen() raise it.
constexpr int kListenBacklog = 1024;
constexpr size_t kMaxLoggedPath = 200;  // characters
constexpr absl::Duration kSlowRequest = absl::Seconds(1);
constexpr absl::Duration kStartTimeout = absl::Seconds(5);

std::string NewRequestId() {
  thread_local std::mt19937_64 random(std::random_device{}());
  return absl::StrCat(absl::Hex(random(), absl::kZeroPad16));
}

bool SaneRequestId(absl::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!absl::ascii_isalnum(c) && c != '-' && c != '_' && c != '.') return false;
  }
  return true;
}

bool Contains(const std::vector<std::string>& list, absl::string_view value) {
  for (const auto& item : list) {
    if (item == value) return true;
  }
  return false;
}

// The rightmost X-Forwarded-For address that is not one of our trusted proxies, when the
// peer is one; else the peer.
std::string ClientAddressOf(const httplib::Request& req, const std::vector<std::string>& trusted) {
  if (!Contains(trusted, req.remote_addr)) return req.remote_addr;
  const std::string forwarded = req.get_header_value("X-Forwarded-For");
  std::vector<absl::string_view> hops = absl::StrSplit(forwarded, ',', absl::SkipWhitespace());
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    const absl::string_view hop = absl::StripAsciiWhitespace(*it);
    if (!hop.empty() && hop.size() <= 64 && !Contains(trusted, hop)) return std::string(hop);
  }
  return req.remote_addr;
}

// Server-Timing on pages (RFC: W3C Server Timing), so that a browser's developer tools
// and the benchmarks see where a page's time went: session lookup, rendering, and the
// rest of the handler ("upstream": the service calls and building the view). Durations
// only, which say nothing about the person.
void AddServerTiming(absl::Duration total, HttpResponse* response) {
  if (!absl::StartsWith(response->content_type, "text/html")) return;
  const RequestTiming& t = CurrentRequestTiming();
  const absl::Duration upstream = std::max(total - t.session - t.render, absl::ZeroDuration());
  auto ms = [](absl::Duration d) { return absl::StrFormat("%.3f", absl::ToDoubleMilliseconds(d)); };
  response->SetHeader("Server-Timing",
                      absl::StrCat("session;dur=", ms(t.session), ", upstream;dur=", ms(upstream),
                                   ", render;dur=", ms(t.render), ", total;dur=", ms(total)));
}

// A body sent by length from memory: cpp-httplib does not compress it again.
void SendBody(httplib::Response& res, std::string body, const std::string& content_type) {
  auto data = std::make_shared<std::string>(std::move(body));
  const size_t size = data->size();
  res.set_content_provider(size, content_type,
                           [data](size_t offset, size_t length, httplib::DataSink& sink) {
                             return sink.write(data->data() + offset, length);
                           });
}

std::string ConnectErrorJson(int status) {
  const char* code = status == 429   ? "resource_exhausted"
                     : status == 413 ? "resource_exhausted"
                     : status == 404 ? "unimplemented"
                                     : "internal";
  const char* message = status == 429   ? "too many requests from this address; try again soon"
                        : status == 413 ? "request too large"
                        : status == 404 ? "no such method"
                                        : "internal error";
  return absl::StrCat("{\"code\":\"", code, "\",\"message\":\"", message, "\"}");
}

}  // namespace

struct FrontDoor::Impl {
  Impl(FrontDoorOptions o, const Clock* c, MetricsRegistry* m)
      : options(std::move(o)), clock(c), metrics(m), limiter(options.anonymous_limit, c) {}

  void Serve(const httplib::Request& req, httplib::Response& res, const RouteOptions& route,
             const HttpHandler& handler);
  HttpRequest Convert(const httplib::Request& req) const;
  void Finish(const httplib::Request& req, const HttpRequest& request, HttpResponse response,
              const RouteOptions& route, absl::Time start, httplib::Response& res);
  void ErrorResponse(int status, const HttpRequest& request, const RouteOptions& route,
                     HttpResponse* response);
  void ServeStaticFile(const httplib::Request& req, httplib::Response& res, const std::string& path,
                       const std::string& cache_control);

  const FrontDoorOptions options;
  const Clock* const clock;
  MetricsRegistry* const metrics;
  RateLimiter limiter;
  ErrorPageHandler error_page;
  std::function<bool()> ready_check;
  const StaticAssets* assets = nullptr;
  std::unique_ptr<httplib::Server> server;
  std::thread thread;
  int listen_fd = -1;  // the bound socket, from cpp-httplib's socket-options callback
  std::atomic<bool> started{false};
  std::atomic<bool> draining{false};
  absl::Mutex shutdown_mu;
  bool shut_down = false;  // guarded by shutdown_mu
  absl::Notification done;
};

HttpRequest FrontDoor::Impl::Convert(const httplib::Request& req) const {
  HttpRequest r;
  r.method = req.method;
  r.path = req.path;
  r.query.insert(req.params.begin(), req.params.end());
  for (const auto& [name, value] : req.headers) {
    r.headers.emplace(absl::AsciiStrToLower(name), value);
  }
  r.body = req.body;
  if (absl::StartsWithIgnoreCase(req.get_header_value("Content-Type"),
                                 "application/x-www-form-urlencoded")) {
    httplib::Params fields;
    httplib::detail::parse_query_text(req.body, fields);
    r.form.insert(fields.begin(), fields.end());
  } else if (req.is_multipart_form_data()) {
    // Forms with long text (a statement, a profile) post multipart/form-data: cpp-httplib
    // refuses url-encoded bodies over 8 KB. Files are not taken.
    for (const auto& [name, part] : req.files) {
      if (part.filename.empty()) r.form.emplace(name, part.content);
    }
  }
  for (size_t i = 1; i < req.matches.size(); ++i) r.path_params.push_back(req.matches[i].str());
  r.client_address = ClientAddressOf(req, options.trusted_proxies);
  const std::string id = req.get_header_value("X-Request-Id");
  r.request_id = SaneRequestId(id) ? id : NewRequestId();
  r.tls = !options.tls_cert_file.empty();
  return r;
}

void FrontDoor::Impl::ErrorResponse(int status, const HttpRequest& request,
                                    const RouteOptions& route, HttpResponse* response) {
  response->status = status;
  if (route.json_errors || error_page == nullptr) {
    response->content_type = "application/json";
    response->body = ConnectErrorJson(status);
    return;
  }
  error_page(status, request, response);
}

void FrontDoor::Impl::Serve(const httplib::Request& req, httplib::Response& res,
                            const RouteOptions& route, const HttpHandler& handler) {
  const absl::Time start = clock->Now();
  const HttpRequest request = Convert(req);
  HttpResponse response;
  absl::Duration retry_after;
  if (route.rate_limited && !(route.keyed_calls_exempt && req.has_header("Authorization")) &&
      !limiter.Allow(request.client_address, &retry_after)) {
    ErrorResponse(429, request, route, &response);
    response.SetHeader("Retry-After", absl::StrCat(absl::ToInt64Seconds(retry_after)));
  } else {
    try {
      CurrentRequestTiming() = RequestTiming();
      const absl::Time handler_start = absl::Now();  // a measurement: the real clock
      handler(request, &response);
      AddServerTiming(absl::Now() - handler_start, &response);
    } catch (const std::exception& e) {
      log::Error("handler threw", {{"route", route.name}, {"error", e.what()}});
      response = HttpResponse();
      ErrorResponse(500, request, route, &response);
    }
  }
  Finish(req, request, std::move(response), route, start, res);
}

void FrontDoor::Impl::Finish(const httplib::Request& req, const HttpRequest& request,
                             HttpResponse response, const RouteOptions& route, absl::Time start,
                             httplib::Response& res) {
  res.status = response.status;
  const bool handler_csp = !response.HeaderValue("Content-Security-Policy").empty();
  const bool handler_referrer = !response.HeaderValue("Referrer-Policy").empty();
  for (auto& [name, value] : SecurityHeaders({.tls = request.tls, .frameable = route.frameable})) {
    if (handler_csp && (name == "Content-Security-Policy" || name == "X-Frame-Options")) continue;
    if (handler_referrer && name == "Referrer-Policy") continue;  // a stricter one
    res.set_header(name, value);
  }
  if (response.HeaderValue("Cache-Control").empty()) res.set_header("Cache-Control", "no-cache");
  for (const auto& [name, value] : response.headers) res.set_header(name, value);
  res.set_header("X-Request-Id", request.request_id);
  const size_t bytes = response.body.size();
  if (response.status >= 400) {
    // cpp-httplib replaces an error's body sent by content provider; error pages are few.
    res.set_content(std::move(response.body), response.content_type);
  } else if (!response.body.empty()) {
    std::string body = std::move(response.body);
    if (body.size() >= kMinDynamicGzipBytes && IsCompressible(response.content_type)) {
      res.set_header("Vary", "Accept-Encoding");
      if (AcceptsGzip(req.get_header_value("Accept-Encoding"))) {
        std::string gzipped = Gzip(body, kDynamicGzipLevel);
        if (!gzipped.empty()) {
          body = std::move(gzipped);
          res.set_header("Content-Encoding", "gzip");
        }
      }
    }
    SendBody(res, std::move(body), response.content_type);
  }
  const absl::Duration took = clock->Now() - start;
  metrics->AddCounter("cadre_http_requests_total",
                      {{"route", route.name}, {"code", absl::StrCat(response.status)}}, 1,
                      "HTTP requests answered, by route and status");
  metrics->ObserveSeconds("cadre_http_request_duration_seconds", {{"route", route.name}},
                          absl::ToDoubleSeconds(took), "HTTP request latency by route");
  if (options.log_every_request || response.status >= 500 || took > kSlowRequest) {
    log::Info("http", {{"request_id", request.request_id},
                       {"method", request.method},
                       {"path", route.secret_path ? absl::StrCat("(", route.name, ")")
                                                  : request.path.substr(0, kMaxLoggedPath)},
                       {"status", absl::StrCat(response.status)},
                       {"bytes", absl::StrCat(bytes)},
                       {"ms", absl::StrFormat("%.2f", absl::ToDoubleMilliseconds(took))}});
  }
}

void FrontDoor::Impl::ServeStaticFile(const httplib::Request& req, httplib::Response& res,
                                      const std::string& path, const std::string& cache_control) {
  const StaticFile* file = assets == nullptr ? nullptr : assets->Find(path);
  if (file == nullptr) {
    res.status = 404;
    res.set_content("not found", "text/plain; charset=utf-8");
    return;
  }
  res.set_header("Cache-Control", cache_control);
  res.set_header("ETag", file->etag);
  res.set_header("X-Content-Type-Options", "nosniff");
  if (req.get_header_value("If-None-Match") == file->etag) {
    res.status = 304;
    return;
  }
  if (!file->gzipped.empty()) {
    res.set_header("Vary", "Accept-Encoding");
    if (AcceptsGzip(req.get_header_value("Accept-Encoding"))) {
      res.set_header("Content-Encoding", "gzip");
      SendBody(res, file->gzipped, file->content_type);
      return;
    }
  }
  SendBody(res, file->body, file->content_type);
}

FrontDoor::FrontDoor(FrontDoorOptions options, const Clock* clock, MetricsRegistry* metrics)
    : impl_(std::make_unique<Impl>(std::move(options), clock, metrics)) {
  const FrontDoorOptions& o = impl_->options;
  if (!o.tls_cert_file.empty() && !o.tls_key_file.empty()) {
    impl_->server =
        std::make_unique<httplib::SSLServer>(o.tls_cert_file.c_str(), o.tls_key_file.c_str());
  } else {
    impl_->server = std::make_unique<httplib::Server>();
  }
  httplib::Server& s = *impl_->server;
  const int threads = o.threads;
  s.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  s.set_keep_alive_max_count(o.keep_alive_max_requests);
  s.set_keep_alive_timeout(absl::ToInt64Seconds(o.keep_alive_timeout));
  s.set_read_timeout(std::chrono::microseconds(absl::ToInt64Microseconds(o.read_timeout)));
  s.set_write_timeout(std::chrono::microseconds(absl::ToInt64Microseconds(o.write_timeout)));
  s.set_payload_max_length(o.max_body_bytes);
  s.set_tcp_nodelay(true);
  s.set_socket_options([this](socket_t sock) {
    httplib::default_socket_options(sock);
    impl_->listen_fd = sock;
  });
  s.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok", "text/plain; charset=utf-8");
  });
  s.Get("/readyz", [this](const httplib::Request&, httplib::Response& res) {
    const bool ready = impl_->started && !impl_->draining &&
                       (impl_->ready_check == nullptr || impl_->ready_check());
    res.status = ready ? 200 : 503;
    res.set_content(ready ? "ready" : "not ready", "text/plain; charset=utf-8");
  });
  // Errors cpp-httplib finds itself (no route, 413, 400, 414): our page, or Connect JSON
  // on the Connect paths.
  s.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    const HttpRequest request = impl_->Convert(req);
    RouteOptions route{.name = "error", .json_errors = absl::StartsWith(req.path, "/cadre.")};
    HttpResponse response;
    impl_->ErrorResponse(res.status, request, route, &response);
    for (const auto& [name, value] : SecurityHeaders({.tls = request.tls})) {
      res.set_header(name, value);
    }
    res.set_content(response.body, response.content_type);
  });
}

FrontDoor::~FrontDoor() {
  ForgetShutdownTarget(this);
  Shutdown();
}

void FrontDoor::Route(const std::string& method, const std::string& pattern, RouteOptions options,
                      HttpHandler handler) {
  auto serve = [this, options = std::move(options), handler = std::move(handler)](
                   const httplib::Request& req, httplib::Response& res) {
    impl_->Serve(req, res, options, handler);
  };
  if (method == "POST") {
    impl_->server->Post(pattern, std::move(serve));
  } else {
    impl_->server->Get(pattern, std::move(serve));
  }
}

void FrontDoor::ServeStatic(const StaticAssets* assets) {
  impl_->assets = assets;
  impl_->server->Get("/static/([0-9a-f]+)/(.+)", [this](const httplib::Request& req,
                                                        httplib::Response& res) {
    const bool current = req.matches[1].str() == impl_->assets->version();
    // An old version's URL (a page from before a release) still gets
    // today's file, but not for a year.
    impl_->ServeStaticFile(req, res, req.matches[2].str(),
                           current ? "public, max-age=31536000, immutable" : "public, max-age=300");
  });
  impl_->server->Get(
      "/assets/images/(.+)", [this](const httplib::Request& req, httplib::Response& res) {
        impl_->ServeStaticFile(req, res, absl::StrCat("assets/images/", req.matches[1].str()),
                               "public, max-age=86400");
      });
  impl_->server->Get("/favicon.ico", [this](const httplib::Request& req, httplib::Response& res) {
    impl_->ServeStaticFile(req, res, "assets/images/favicon.ico", "public, max-age=86400");
  });
}

void FrontDoor::SetErrorPage(ErrorPageHandler handler) { impl_->error_page = std::move(handler); }

void FrontDoor::SetReadinessCheck(std::function<bool()> ready) {
  impl_->ready_check = std::move(ready);
}

bool FrontDoor::tls() const { return !impl_->options.tls_cert_file.empty(); }

absl::Status FrontDoor::Start() {
  httplib::Server& s = *impl_->server;
  if (!s.is_valid()) return InvalidField("tls_cert_file", "cannot be used with tls_key_file");
  const std::string& host = impl_->options.host;
  if (impl_->options.port == 0) {
    port_ = s.bind_to_any_port(host);
  } else {
    port_ = s.bind_to_port(host, impl_->options.port) ? impl_->options.port : -1;
  }
  if (port_ < 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", host, ":", impl_->options.port));
  }
  if (impl_->listen_fd >= 0 && ::listen(impl_->listen_fd, kListenBacklog) != 0) {
    log::Warn("could not raise the listen backlog", {{"backlog", absl::StrCat(kListenBacklog)}});
  }
  impl_->thread = std::thread([this] {
    impl_->server->listen_after_bind();
    impl_->done.Notify();
  });
  const absl::Time deadline = absl::Now() + kStartTimeout;
  while (!s.is_running() && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(1));
  impl_->started = true;
  return absl::OkStatus();
}

void FrontDoor::Shutdown() {
  absl::MutexLock lock(&impl_->shutdown_mu);
  if (impl_->shut_down) return;
  impl_->shut_down = true;
  impl_->draining = true;
  if (impl_->thread.joinable()) {
    impl_->server->stop();  // closes the socket; requests in flight finish first
    impl_->thread.join();
  } else {
    impl_->done.Notify();
  }
}

void FrontDoor::Wait() { impl_->done.WaitForNotification(); }

}  // namespace cadre::gateway
