#pragma once

// The Connect protocol's unary form (https://connectrpc.com/docs/protocol/) for every unary
// RPC of every service the upstream reaches, transcoded generically from the descriptors:
//
//   POST /cadre.v1.<Service>/<Method>   Content-Type application/json or application/proto
//   GET  /cadre.v1.<Service>/<Method>?connect=v1&encoding=json|proto&message=...[&base64=1]
//        (NO_SIDE_EFFECTS methods only; others 405 with Allow: POST)
//
// JSON is Protobuf's own JSON mapping (lowerCamelCase names; unknown fields are
// INVALID_ARGUMENT). application/proto passes the bytes through both ways unparsed: the
// services parse every request themselves (services/common/raw_method.h answers bytes that
// do not parse INVALID_ARGUMENT), and the gateway has no reason to look inside.
//
// Errors are Connect's: {"code":"not_found","message":"..."} in application/json with the
// HTTP status of the code (services/gateway/domain/connect_protocol.h); the services'
// messages pass through, since they are already written for callers (gRPC's own, for a
// service it cannot reach or that timed out, name addresses: logged, and replaced by ours:
// UNAVAILABLE 503, fast, or DEADLINE_EXCEEDED 504 at the deadline). An unknown service or
// method (or a streaming one) is 404 unimplemented; a content type other than JSON or
// proto 415; compressed requests are refused (unimplemented), responses are gzipped by the
// front door when the client accepts it.
//
// Credentials: only `Authorization: Bearer <key>`, passed on as the caller's own key
// (Upstream::Prepare); anything else in Authorization is 401 unauthenticated. Cookies are
// never read here, now or when the web pages get sessions: the JSON API's only credential
// is a header that a browser never attaches to a cross-site request by itself, which is
// why it needs no CSRF defence. Nor are other request headers passed on as gRPC metadata
// (a caller could otherwise send x-cadre-forwarder or x-forwarded-for of its choosing).
//
// Thread-safe: Handle is called from every request thread at once.

#include "services/gateway/connect/json_print_cache.h"
#include "services/gateway/http/http_types.h"
#include "services/gateway/upstream/upstream.h"

namespace cadre::gateway {

class ConnectHandler {
 public:
  // `upstream` outlives the handler; its channels say which services are served.
  explicit ConnectHandler(const Upstream* upstream) : upstream_(upstream) {}

  // Answers one Connect request. The service and method are the route's two captures
  // (request.path_params), or else read from the path "/<service>/<method>". Blocks until
  // the upstream call ends, at most the upstream's deadline (Connect-Timeout-Ms may
  // shorten it).
  void Handle(const HttpRequest& request, HttpResponse* response) const;

 private:
  const Upstream* const upstream_;
  // The registry's anonymous reads, printed once (json_print_cache.h).
  mutable JsonPrintCache public_json_;
};

}  // namespace cadre::gateway
