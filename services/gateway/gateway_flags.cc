#include "services/gateway/gateway_flags.h"

#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/str_split.h"
#include "services/common/base/errors.h"
#include "services/common/base/status_macros.h"
#include "services/common/service_flags.h"

// The gateway's own flags; the rest are the kit's (services/common/service_flags.h), of
// which the gateway uses --host, the TLS files (HTTPS), --service_keys_dir (its own key,
// gateway.key) and the logs. Ranges in the help text are checked below.
ABSL_FLAG(int, port, 8080, "HTTP port, 0..65535 (0: any free port)");
ABSL_FLAG(int, metrics_port, 9080, "Prometheus /metrics port, -1..65535 (-1: none)");
ABSL_FLAG(std::string, registry, "127.0.0.1:50051", "the registry's gRPC address");
ABSL_FLAG(std::string, matching, "127.0.0.1:50052", "the matching service's gRPC address");
ABSL_FLAG(int, upstream_deadline_ms, 2000,
          "the longest one call to a service may take, ms, 10..60000");
ABSL_FLAG(std::string, web_root, "/usr/share/cadre/web",
          "the built web root: templates/, static/, openapi.json (make run: build/web)");
ABSL_FLAG(std::string, public_url, "http://127.0.0.1:8080",
          "the gateway's public address, for absolute links in feeds and embed snippets");
ABSL_FLAG(int, http_threads, 64,
          "request threads, 4..1024; each serves one open connection at a time");
ABSL_FLAG(int, keep_alive_requests, 100, "requests one connection may make, 1..10000");
ABSL_FLAG(int, keep_alive_seconds, 5, "an idle connection is closed after, seconds, 1..300");
ABSL_FLAG(int, read_timeout_seconds, 10,
          "a client that sends nothing for this long is dropped, seconds, 1..300");
ABSL_FLAG(int, max_body_kb, 64, "largest request body, KiB, 1..4096 (more: 413)");
ABSL_FLAG(int, anonymous_per_minute, 600,
          "requests a minute one address may make without a key, 0..1000000 (0: no limit)");
ABSL_FLAG(int, anonymous_burst, 120, "requests an idle address may make at once, 1..100000");
ABSL_FLAG(std::string, trusted_proxies, "",
          "comma-separated peer addresses (load balancers) whose X-Forwarded-For is believed");
ABSL_FLAG(std::string, session_key_file, "",
          "the key that seals web sessions at rest: a file of 64-hex-digit lines, the first "
          "sealing (make run makes .run/gateway-session.key)");
ABSL_FLAG(int, session_idle_minutes, 120,
          "a web session unused this long ends, minutes, 5..1440 (never past the key's expiry)");
ABSL_FLAG(std::string, privacy_notice_version, "2026-11",
          "the privacy notice sign-ups agree to: matching's --privacy_notice_version");
ABSL_FLAG(bool, log_every_request, true,
          "an access log line a request (never the query string); false: only 5xx and slow");

namespace cadre::gateway {

const ServiceFlags& GatewayFlags() {
  static const ServiceFlags* const flags = [] {
    auto* f = new ServiceFlags{
        .usage =
            "cadre-gateway: Cadre's web front door: the public pages (NHS.UK frontend) and\n"
            "the Connect JSON API of every service, over HTTP; calls the services over gRPC.\n"
            "Usage: cadre-gateway [--flag=value ...]",
        .flags = {&absl::GetFlagReflectionHandle(FLAGS_port),
                  &absl::GetFlagReflectionHandle(FLAGS_metrics_port),
                  &absl::GetFlagReflectionHandle(FLAGS_registry),
                  &absl::GetFlagReflectionHandle(FLAGS_matching),
                  &absl::GetFlagReflectionHandle(FLAGS_upstream_deadline_ms),
                  &absl::GetFlagReflectionHandle(FLAGS_web_root),
                  &absl::GetFlagReflectionHandle(FLAGS_public_url),
                  &absl::GetFlagReflectionHandle(FLAGS_http_threads),
                  &absl::GetFlagReflectionHandle(FLAGS_keep_alive_requests),
                  &absl::GetFlagReflectionHandle(FLAGS_keep_alive_seconds),
                  &absl::GetFlagReflectionHandle(FLAGS_read_timeout_seconds),
                  &absl::GetFlagReflectionHandle(FLAGS_max_body_kb),
                  &absl::GetFlagReflectionHandle(FLAGS_anonymous_per_minute),
                  &absl::GetFlagReflectionHandle(FLAGS_anonymous_burst),
                  &absl::GetFlagReflectionHandle(FLAGS_trusted_proxies),
                  &absl::GetFlagReflectionHandle(FLAGS_session_key_file),
                  &absl::GetFlagReflectionHandle(FLAGS_session_idle_minutes),
                  &absl::GetFlagReflectionHandle(FLAGS_privacy_notice_version),
                  &absl::GetFlagReflectionHandle(FLAGS_log_every_request)},
    };
    for (const absl::CommandLineFlag* flag : CommonServiceFlags()) f->flags.push_back(flag);
    return f;
  }();
  return *flags;
}

absl::StatusOr<GatewayOptions> GatewayOptionsFromFlags(const ParsedFlags& parsed) {
  GatewayOptions o;
  ServerOptions server;
  RedisOptions redis;
  CommonServiceOptions common;
  CADRE_RETURN_IF_ERROR(ReadCommonServiceFlags(parsed, &server, &redis, &common));
  o.http.host = server.host;
  o.metrics_host = server.host;
  o.http.tls_cert_file = server.tls_cert_file;
  o.http.tls_key_file = server.tls_key_file;
  o.service_keys_dir = common.service_keys_dir;
  CADRE_ASSIGN_OR_RETURN(o.http.port, parsed.InRange(FLAGS_port, 0, 65535));
  CADRE_ASSIGN_OR_RETURN(o.metrics_port, parsed.InRange(FLAGS_metrics_port, -1, 65535));
  o.upstream.targets = {{"cadre.v1.Registry", absl::GetFlag(FLAGS_registry)},
                        {"cadre.v1.Matching", absl::GetFlag(FLAGS_matching)}};
  CADRE_ASSIGN_OR_RETURN(const int deadline_ms,
                         parsed.InRange(FLAGS_upstream_deadline_ms, 10, 60000));
  o.upstream.deadline = absl::Milliseconds(deadline_ms);
  o.web_root = absl::GetFlag(FLAGS_web_root);
  o.public_url = absl::GetFlag(FLAGS_public_url);
  while (!o.public_url.empty() && o.public_url.back() == '/') o.public_url.pop_back();
  CADRE_ASSIGN_OR_RETURN(o.http.threads, parsed.InRange(FLAGS_http_threads, 4, 1024));
  CADRE_ASSIGN_OR_RETURN(o.http.keep_alive_max_requests,
                         parsed.InRange(FLAGS_keep_alive_requests, 1, 10000));
  CADRE_ASSIGN_OR_RETURN(const int keep_alive, parsed.InRange(FLAGS_keep_alive_seconds, 1, 300));
  o.http.keep_alive_timeout = absl::Seconds(keep_alive);
  CADRE_ASSIGN_OR_RETURN(const int read_timeout,
                         parsed.InRange(FLAGS_read_timeout_seconds, 1, 300));
  o.http.read_timeout = absl::Seconds(read_timeout);
  o.http.write_timeout = absl::Seconds(read_timeout);
  CADRE_ASSIGN_OR_RETURN(const int body_kb, parsed.InRange(FLAGS_max_body_kb, 1, 4096));
  o.http.max_body_bytes = static_cast<size_t>(body_kb) << 10;
  CADRE_ASSIGN_OR_RETURN(o.http.anonymous_limit.per_minute,
                         parsed.InRange(FLAGS_anonymous_per_minute, 0, 1000000));
  CADRE_ASSIGN_OR_RETURN(o.http.anonymous_limit.burst,
                         parsed.InRange(FLAGS_anonymous_burst, 1, 100000));
  o.http.trusted_proxies =
      absl::StrSplit(absl::GetFlag(FLAGS_trusted_proxies), ',', absl::SkipWhitespace());
  o.http.log_every_request = absl::GetFlag(FLAGS_log_every_request);
  o.redis = redis;
  o.session_key_file = absl::GetFlag(FLAGS_session_key_file);
  CADRE_ASSIGN_OR_RETURN(const int idle, parsed.InRange(FLAGS_session_idle_minutes, 5, 1440));
  o.session_idle = absl::Minutes(idle);
  o.privacy_notice_version = absl::GetFlag(FLAGS_privacy_notice_version);
  return o;
}

}  // namespace cadre::gateway
