#pragma once

// The composition root of the gateway: builds it from options and a clock (web root →
// templates and static files → upstream channels → pages and the Connect routes → the
// front door and /metrics) and starts it. main.cc and the tests both build the gateway
// through this one class.
//
// The gateway holds no records but web sessions (Redis, under "gateway:", sealed with the
// session key): it calls the other services over gRPC for every page and JSON call.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/common/base/clock.h"
#include "services/common/redis_client.h"
#include "services/gateway/http/front_door.h"
#include "services/gateway/upstream/upstream.h"

namespace cadre::gateway {

struct GatewayOptions {
  FrontDoorOptions http;
  std::string metrics_host = "0.0.0.0";
  int metrics_port = 9080;  // 0: any free port; -1: none
  UpstreamOptions upstream;
  // Built by the build into <build>/web: templates/ (*.mustache), static/ (the NHS.UK
  // frontend and Cadre's CSS and script), openapi.json.
  std::string web_root;
  // The gateway's public address, for absolute links: "https://cadre.example.nhs.uk".
  std::string public_url = "http://127.0.0.1:8080";
  // Where gateway.key is (the gateway's own service key), unless upstream.service_key is
  // set; empty: none (services then count the gateway's address, not the browser's).
  std::string service_keys_dir;
  // Web sessions: Redis, and the file of keys that seal them (domain/session_seal.h).
  RedisOptions redis;
  std::string session_key_file;
  absl::Duration session_idle = absl::Hours(2);
  std::string privacy_notice_version = "2026-11";
};

// Thread-safe for Shutdown from any thread.
class GatewayApp {
 public:
  // INVALID_ARGUMENT naming the option for a web root that cannot be read (a template
  // that does not parse, a missing openapi.json), a missing or malformed gateway.key or
  // session key file;
  // UNAVAILABLE when a port cannot be bound. `clock` must outlive the app.
  static absl::StatusOr<std::unique_ptr<GatewayApp>> Start(GatewayOptions options,
                                                           const Clock* clock);
  ~GatewayApp();  // shuts down

  int port() const;
  int metrics_port() const;
  FrontDoor& server();

  // Graceful drain; idempotent.
  void Shutdown();
  // Blocks until Shutdown has finished.
  void Wait();

 private:
  struct Parts;
  explicit GatewayApp(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

}  // namespace cadre::gateway
