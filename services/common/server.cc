#include "services/common/server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <csignal>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "services/common/drainable.h"
#include "services/common/interceptors.h"
#include "services/common/logging.h"
#include "services/common/metrics_http.h"
#include "services/common/raw_method.h"
#include "services/common/redis_client.h"

namespace cadre {
namespace {

constexpr char kServingGauge[] = "cadre_serving";
constexpr char kServingHelp[] =
    "1 while the service reports SERVING (Redis answers and the service is ready), else 0.";

absl::StatusOr<std::string> ReadPemFile(const std::string& flag, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::InvalidArgumentError(absl::StrCat(flag, ": cannot read ", path));
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  return std::move(contents).str();
}

// Checks the PEM parses, so a wrong file is INVALID_ARGUMENT naming it rather than a
// port that fails to bind.
absl::Status CheckPem(const std::string& flag, const std::string& path, const std::string& pem,
                      bool is_key) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  bool ok = false;
  if (bio != nullptr) {
    if (is_key) {
      EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
      ok = key != nullptr;
      EVP_PKEY_free(key);
    } else {
      X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
      ok = cert != nullptr;
      X509_free(cert);
    }
    BIO_free(bio);
  }
  if (!ok) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, ": ", path, " holds no PEM ", is_key ? "private key" : "certificate"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeCredentials(
    const ServerOptions& options) {
  if (options.tls_cert_file.empty() && options.tls_key_file.empty()) {
    if (!options.tls_client_ca_file.empty()) {
      return absl::InvalidArgumentError(
          "tls_client_ca_file needs tls_cert_file and tls_key_file too");
    }
    return grpc::InsecureServerCredentials();
  }
  if (options.tls_cert_file.empty() || options.tls_key_file.empty()) {
    return absl::InvalidArgumentError("TLS needs both tls_cert_file and tls_key_file");
  }
  grpc::SslServerCredentialsOptions ssl(
      options.tls_client_ca_file.empty()
          ? GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE
          : GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  grpc::SslServerCredentialsOptions::PemKeyCertPair pair;
  absl::StatusOr<std::string> cert = ReadPemFile("tls_cert_file", options.tls_cert_file);
  absl::StatusOr<std::string> key = ReadPemFile("tls_key_file", options.tls_key_file);
  if (!cert.ok()) return cert.status();
  if (!key.ok()) return key.status();
  if (absl::Status s = CheckPem("tls_cert_file", options.tls_cert_file, *cert, false); !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckPem("tls_key_file", options.tls_key_file, *key, true); !s.ok()) {
    return s;
  }
  pair.cert_chain = *std::move(cert);
  pair.private_key = *std::move(key);
  ssl.pem_key_cert_pairs.push_back(std::move(pair));
  if (!options.tls_client_ca_file.empty()) {
    absl::StatusOr<std::string> ca = ReadPemFile("tls_client_ca_file", options.tls_client_ca_file);
    if (!ca.ok()) return ca.status();
    if (absl::Status s = CheckPem("tls_client_ca_file", options.tls_client_ca_file, *ca, false);
        !s.ok()) {
      return s;
    }
    ssl.pem_root_certs = *std::move(ca);
  }
  return grpc::SslServerCredentials(ssl);
}

// gRPC wants "[::1]:50051"; httplib wants the bare "::1".
std::string GrpcAddress(const std::string& host, int port) {
  if (host.find(':') != std::string::npos && host.front() != '[') {
    return absl::StrCat("[", host, "]:", port);
  }
  return absl::StrCat(host, ":", port);
}
std::string BareHost(const std::string& host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    return host.substr(1, host.size() - 2);
  }
  return host;
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, RedisClient* r) : options(std::move(o)), redis(r) {}

  void StartHealth();
  bool CheckHealth(std::string* reason) const;
  void SetHealth(bool ok, const std::string& reason);
  void HealthLoop();

  const ServerOptions options;
  RedisClient* const redis;
  std::vector<grpc::Service*> services;
  std::function<bool()> ready;

  // Declared before `server` so it outlives every call's interceptor.
  MetricsRegistry metrics;
  // How raw services record their calls, and the methods they record themselves.
  CallObservation observation{&metrics, options.log_every_call};
  std::set<std::string> observed_inline;
  std::unique_ptr<internal::MetricsHttpServer> http;
  std::unique_ptr<grpc::Server> server;
  int port = 0;
  int metrics_port = -1;

  // Start and Shutdown hold this while they change the lifecycle; Start holds it
  // throughout, so a Shutdown racing a Start waits for it and then drains.
  absl::Mutex lifecycle_mu;
  bool started ABSL_GUARDED_BY(lifecycle_mu) = false;
  bool shutdown_started ABSL_GUARDED_BY(lifecycle_mu) = false;

  absl::Mutex health_mu;
  bool health_frozen ABSL_GUARDED_BY(health_mu) = false;  // true once draining
  bool health_known ABSL_GUARDED_BY(health_mu) = false;
  std::atomic<bool> serving{false};  // read by /healthz without the lock

  absl::Notification stop_health;
  std::thread health_thread;
  absl::Notification done;
};

bool Server::Impl::CheckHealth(std::string* reason) const {
  if (redis != nullptr) {
    if (absl::Status s = redis->Ping(); !s.ok()) {
      *reason = absl::StrCat("redis: ", s.message());
      return false;
    }
  }
  if (ready && !ready()) {
    *reason = "service not ready";
    return false;
  }
  return true;
}

void Server::Impl::SetHealth(bool ok, const std::string& reason) {
  absl::MutexLock lock(&health_mu);
  if (health_frozen) {
    return;  // Draining: NOT_SERVING for good.
  }
  if (health_known && ok == serving.load()) {
    return;  // Unchanged: do not wake every Watch stream each interval.
  }
  health_known = true;
  serving.store(ok);
  grpc::HealthCheckServiceInterface* health = server->GetHealthCheckService();
  if (health != nullptr) {
    health->SetServingStatus("", ok);
    if (!options.service_name.empty()) {
      health->SetServingStatus(options.service_name, ok);
    }
  }
  metrics.SetGauge(kServingGauge, {}, ok ? 1 : 0, kServingHelp);
  if (ok) {
    log::Info("health: SERVING");
  } else {
    log::Warn("health: NOT_SERVING", {{"reason", reason}});
  }
}

void Server::Impl::HealthLoop() {
  while (!stop_health.WaitForNotificationWithTimeout(absl::FromChrono(options.health_interval))) {
    std::string reason;
    const bool ok = CheckHealth(&reason);
    SetHealth(ok, reason);
  }
}

void Server::Impl::StartHealth() {
  // gRPC starts with "" SERVING: hide that until the first check, which may wait for
  // a Redis connect timeout. The first verdict is in before Start returns.
  if (grpc::HealthCheckServiceInterface* health = server->GetHealthCheckService()) {
    health->SetServingStatus("", false);
    if (!options.service_name.empty()) {
      health->SetServingStatus(options.service_name, false);
    }
  }
  std::string reason;
  const bool ok = CheckHealth(&reason);
  SetHealth(ok, reason);
  health_thread = std::thread([this] { HealthLoop(); });
}

Server::Server(ServerOptions options, RedisClient* redis)
    : impl_(std::make_unique<Impl>(std::move(options), redis)) {}

Server::~Server() {
  ForgetShutdownTarget(this);
  Shutdown();
}

void Server::AddService(grpc::Service* service) {
  impl_->services.push_back(service);
  // Raw services observe their own calls inline (see CallObservation); the interceptor
  // watches the rest (health, reflection, typed services).
  if (auto* raw = dynamic_cast<RawService*>(service)) {
    raw->ObserveWith(&impl_->observation);
    impl_->observed_inline.insert(raw->paths().begin(), raw->paths().end());
  }
}

void Server::SetReadinessCheck(std::function<bool()> ready) { impl_->ready = std::move(ready); }

absl::Status Server::Start() {
  Impl& s = *impl_;
  absl::MutexLock lock(&s.lifecycle_mu);
  if (s.started || s.shutdown_started) {
    return absl::FailedPreconditionError("Server::Start called twice or after Shutdown");
  }
  std::signal(SIGPIPE, SIG_IGN);
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials = MakeCredentials(s.options);
  if (!credentials.ok()) {
    return credentials.status();
  }

  // Process-wide switches read by every ServerBuilder made afterwards.
  static std::once_flag once;
  std::call_once(once, [] {
    grpc::EnableDefaultHealthCheckService(true);
    grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  });

  // The metrics endpoint first: it is the cheaper one to undo if gRPC cannot bind.
  if (s.options.metrics_port >= 0) {
    s.http = std::make_unique<internal::MetricsHttpServer>(&s.metrics,
                                                           [&s] { return s.serving.load(); });
    if (absl::Status st = s.http->Start(BareHost(s.options.host), s.options.metrics_port);
        !st.ok()) {
      s.http.reset();
      return st;
    }
    s.metrics_port = s.http->port();
  }

  grpc::ServerBuilder builder;
  // No SO_REUSEPORT: a second instance on the same port must fail, not share it.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.AddListeningPort(GrpcAddress(s.options.host, s.options.port), *credentials, &s.port);
  builder.SetMaxReceiveMessageSize(s.options.max_message_bytes);
  for (grpc::Service* service : s.services) {
    builder.RegisterService(service);
  }
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> creators;
  creators.push_back(std::make_unique<internal::CallObserverFactory>(
      &s.metrics, s.options.log_every_call, s.observed_inline));
  builder.experimental().SetInterceptorCreators(std::move(creators));
  s.server = builder.BuildAndStart();
  if (s.server == nullptr || s.port == 0) {
    if (s.server != nullptr) {
      s.server->Shutdown();
      s.server.reset();
    }
    if (s.http != nullptr) {
      s.http->Stop();
      s.http.reset();
      s.metrics_port = -1;
    }
    s.port = 0;
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", GrpcAddress(s.options.host, s.options.port)));
  }
  s.started = true;
  s.StartHealth();
  log::Info("server started", {{"port", absl::StrCat(s.port)},
                               {"metrics_port", absl::StrCat(s.metrics_port)},
                               {"tls", s.options.tls_cert_file.empty()        ? "off"
                                       : s.options.tls_client_ca_file.empty() ? "tls"
                                                                              : "mtls"}});
  return absl::OkStatus();
}

int Server::port() const { return impl_->port; }
int Server::metrics_port() const { return impl_->metrics_port; }
MetricsRegistry& Server::metrics() { return impl_->metrics; }

void Server::Wait() { impl_->done.WaitForNotification(); }

void Server::Shutdown() {
  Impl& s = *impl_;
  bool already = false;
  bool was_started = false;
  {
    absl::MutexLock lock(&s.lifecycle_mu);
    already = s.shutdown_started;
    s.shutdown_started = true;
    was_started = s.started;
  }
  if (already) {
    s.done.WaitForNotification();  // Idempotent, and returns only once drained.
    return;
  }
  if (was_started) {
    {
      absl::MutexLock lock(&s.health_mu);
      s.health_frozen = true;
      s.serving.store(false);  // /healthz answers 503 while draining
    }
    s.metrics.SetGauge(kServingGauge, {}, 0, kServingHelp);
    log::Info("draining", {{"drain_timeout_ms", absl::StrCat(s.options.drain_timeout.count())}});
    // NOT_SERVING for every name, and no later change.
    if (grpc::HealthCheckServiceInterface* health = s.server->GetHealthCheckService()) {
      health->Shutdown();
    }
    // Refuses new calls at once; calls in flight get the drain timeout, then are
    // cancelled. Returns when every handler has returned.
    s.server->Shutdown(std::chrono::system_clock::now() + s.options.drain_timeout);
    s.stop_health.Notify();
    s.health_thread.join();
    if (s.http != nullptr) {
      s.http->Stop();
    }
    log::Info("server stopped");
  }
  s.done.Notify();
}

}  // namespace cadre
