#include "services/gateway/connect/connect_handler.h"

#include <grpcpp/client_context.h>

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/base/errors.h"
#include "services/common/base/status_macros.h"
#include "services/common/logging.h"
#include "services/gateway/connect/connect_json.h"
#include "services/gateway/connect/connect_methods.h"
#include "services/gateway/connect/unary_bytes_call.h"
#include "services/gateway/domain/connect_protocol.h"

namespace cadre::gateway {
namespace {

constexpr char kAcceptedTypes[] = "application/json, application/proto";
constexpr char kRegistryService[] = "cadre.v1.Registry";

void WriteError(const absl::Status& status, int http_status, HttpResponse* response) {
  response->status = http_status;
  response->content_type = "application/json";
  response->body = ConnectErrorJson(status.code(), status.message());
  response->SetHeader("Cache-Control", CacheControlFor(false, false, false));
}

void WriteError(const absl::Status& status, HttpResponse* response) {
  WriteError(status, HttpStatusForCode(status.code()), response);
}

// A call's status as Connect sends it: the same code (gRPC's numbers are absl's), and the
// message as the service wrote it for callers. gRPC's own messages for a service it
// could not reach or that did not answer in time name internal addresses ("failed to
// connect to all addresses; last error: ... ipv4:10.0.0.7:50051 ..."): those are logged
// and the caller gets ours; the services' own UNAVAILABLE messages pass.
absl::Status FromGrpc(const grpc::Status& status, const ConnectMethod& method,
                      const std::string& request_id) {
  const int code = static_cast<int>(status.error_code());
  const std::string& message = status.error_message();
  if (code < 1 || code > 16) return absl::UnknownError(message);
  const auto absl_code = static_cast<absl::StatusCode>(code);
  const bool from_service = message == kBusyMessage || message == kStoreUnavailableMessage;
  if ((absl_code == absl::StatusCode::kUnavailable && !from_service) ||
      absl_code == absl::StatusCode::kDeadlineExceeded) {
    log::Warn("upstream call failed", {{"request_id", request_id},
                                       {"method", method.grpc_path},
                                       {"code", std::string(ConnectCodeName(absl_code))},
                                       {"detail", message}});
    const std::string& service = method.descriptor->service()->full_name();
    return absl::Status(absl_code,
                        absl_code == absl::StatusCode::kUnavailable
                            ? absl::StrCat(service, " is unavailable; retry shortly")
                            : absl::StrCat(service, " did not answer within the deadline"));
  }
  return absl::Status(absl_code, message);
}

// {service, method} from the route's captures, or else from "/<service>/<method>".
std::pair<std::string, std::string> Names(const HttpRequest& request) {
  if (request.path_params.size() == 2) return {request.path_params[0], request.path_params[1]};
  std::vector<std::string> parts = absl::StrSplit(request.path, '/');
  if (parts.size() != 3 || !parts[0].empty()) return {"", ""};
  return {parts[1], parts[2]};
}

// A POST's message in `encoding` (from its content type, checked before: 415), or
// UNIMPLEMENTED for a compressed body.
absl::StatusOr<ConnectRequestMessage> ReadPost(const HttpRequest& request,
                                               ConnectEncoding encoding) {
  CADRE_RETURN_IF_ERROR(CheckRequestCompression(request.Header("content-encoding")));
  ConnectRequestMessage incoming;
  incoming.encoding = encoding;
  incoming.message = request.body;
  return incoming;
}

}  // namespace

void ConnectHandler::Handle(const HttpRequest& request, HttpResponse* response) const {
  const bool get = request.method == "GET" || request.method == "HEAD";
  const auto [service, method_name] = Names(request);
  ConnectMethod method;
  const std::shared_ptr<grpc::Channel> channel = upstream_->ChannelFor(service);
  if (channel == nullptr || !FindConnectMethod(service, method_name, &method)) {
    return WriteError(absl::UnimplementedError(
                          absl::StrCat("no such method: /", Echo(service), "/", Echo(method_name))),
                      404, response);
  }
  if (get && !method.no_side_effects) {
    response->SetHeader("Allow", "POST");
    return WriteError(absl::UnimplementedError(absl::StrCat(
                          method.grpc_path, " changes things: call it with POST, not GET")),
                      405, response);
  }
  // The caller's own key or none; never a cookie (see the header).
  const std::string authorization = request.Header("authorization");
  const absl::StatusOr<std::string> key = BearerKey(authorization);
  if (!key.ok()) return WriteError(key.status(), response);

  absl::optional<ConnectEncoding> post_encoding;
  if (!get) {
    post_encoding = EncodingForContentType(request.Header("content-type"));
    if (!post_encoding) {
      response->SetHeader("Accept-Post", kAcceptedTypes);
      return WriteError(absl::UnimplementedError(
                            absl::StrCat("content type \"", Echo(request.Header("content-type")),
                                         "\" is not supported: send ", kAcceptedTypes)),
                        415, response);
    }
  }
  if (absl::Status s = CheckProtocolVersion(request.Header("connect-protocol-version")); !s.ok()) {
    return WriteError(s, response);
  }
  absl::StatusOr<ConnectRequestMessage> incoming =
      get ? ParseGetQuery(request.query) : ReadPost(request, *post_encoding);
  if (!incoming.ok()) return WriteError(incoming.status(), response);
  const absl::StatusOr<absl::Duration> timeout =
      ParseTimeoutMs(request.Header("connect-timeout-ms"));
  if (!timeout.ok()) return WriteError(timeout.status(), response);

  std::string request_bytes;
  if (incoming->encoding == ConnectEncoding::kJson) {
    absl::StatusOr<std::string> bytes =
        JsonToMessageBytes(*method.request_prototype, incoming->message);
    if (!bytes.ok()) return WriteError(bytes.status(), response);
    request_bytes = *std::move(bytes);
  } else {
    request_bytes = std::move(incoming->message);  // passed through; the service parses it
  }

  grpc::ClientContext context;
  upstream_->Prepare(&context,
                     Caller{.bearer_key = *key,
                            .client_address = request.client_address,
                            .request_id = request.request_id},
                     *timeout);
  std::string answer;
  const grpc::Status status =
      CallUnaryBytes(channel, &context, method.grpc_path, request_bytes, &answer);
  if (!status.ok()) return WriteError(FromGrpc(status, method, request.request_id), response);

  if (incoming->encoding == ConnectEncoding::kJson) {
    // The registry's public reads (no key: no personal data) are printed once per answer.
    const bool public_read = method.no_side_effects && authorization.empty() &&
                             method.descriptor->service()->full_name() == kRegistryService;
    absl::StatusOr<std::string> json = public_read
                                           ? public_json_.Print(*method.response_prototype, answer)
                                           : MessageBytesToJson(*method.response_prototype, answer);
    if (!json.ok()) return WriteError(json.status(), response);
    response->body = *std::move(json);
  } else {
    response->body = std::move(answer);
  }
  response->status = 200;
  response->content_type = std::string(ContentTypeFor(incoming->encoding));
  response->SetHeader("Cache-Control", CacheControlFor(get, !authorization.empty(), true));
  // A shared cache keeps the anonymous answer for anonymous callers only: an admin's
  // ListRoles sees more than the public's.
  if (get) response->SetHeader("Vary", "Authorization");
}

}  // namespace cadre::gateway
