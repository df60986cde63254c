#pragma once

// The pure parts of the Connect protocol's unary form (https://connectrpc.com/docs/protocol/)
// that the gateway's transcoder (services/gateway/connect/) uses: error codes and their
// HTTP statuses, the error body, content types, the headers' values and the GET query.
// No gRPC and no HTTP library here: codes are absl::StatusCode (the same numbers as gRPC's),
// a query is the decoded parameters.

#include <map>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"

namespace cadre::gateway {

// How a message is written on the wire.
enum class ConnectEncoding { kJson, kProto };

// Connect's name of a code: "not_found", "invalid_argument"... ("unknown" for OK and for
// numbers outside 1–16, which no error should carry).
absl::string_view ConnectCodeName(absl::StatusCode code);

// The HTTP status of an error with `code`, by the Connect protocol's table: canceled 499,
// unknown 500, invalid_argument 400, deadline_exceeded 504, not_found 404, already_exists
// 409, permission_denied 403, resource_exhausted 429, failed_precondition 400, aborted 409,
// out_of_range 400, unimplemented 501, internal 500, unavailable 503, data_loss 500,
// unauthenticated 401; anything else 500. (A route that names no method is answered 404
// unimplemented, as the protocol says for an unknown method: the caller decides that.)
int HttpStatusForCode(absl::StatusCode code);

// Longest error message put in an error body, in bytes; longer ones are cut (at a UTF-8
// character boundary) and end "...". The services cap theirs at the same 1 KB.
inline constexpr size_t kMaxConnectMessageBytes = 1024;

// The JSON body of a Connect error: {"code":"not_found","message":"..."}; no "message"
// when it is empty.
std::string ConnectErrorJson(absl::StatusCode code, absl::string_view message);

// The encoding a POST's Content-Type names: "application/json" (with or without
// "; charset=utf-8", any case) or "application/proto"; nullopt for any other type (415).
absl::optional<ConnectEncoding> EncodingForContentType(absl::string_view content_type);

// The Content-Type of a response (success) in `encoding`.
absl::string_view ContentTypeFor(ConnectEncoding encoding);

// The Connect-Protocol-Version header: absent ("") or "1". INVALID_ARGUMENT otherwise.
absl::Status CheckProtocolVersion(absl::string_view header);

// Longest Connect-Timeout-Ms value, in digits (the protocol's limit: up to 10 digits).
inline constexpr size_t kMaxTimeoutDigits = 10;

// The Connect-Timeout-Ms header as a duration: "" → ZeroDuration (the caller sets none);
// 1–10 ASCII digits → that many milliseconds, at least 1 ms (a zero timeout has passed
// already; zero would read as "none" to Upstream::Prepare). INVALID_ARGUMENT for anything
// else.
absl::StatusOr<absl::Duration> ParseTimeoutMs(absl::string_view header);

// A request's compression (Content-Encoding, or GET's `compression`): "" or "identity"
// is accepted; anything else (gzip included: the gateway does not decompress requests,
// whose bodies are small) is UNIMPLEMENTED naming the encoding. Responses are still
// compressed by the front door when the client accepts gzip.
absl::Status CheckRequestCompression(absl::string_view encoding);

// A unary GET's request, from its decoded query parameters:
//   connect=v1 (optional; anything else INVALID_ARGUMENT), encoding=json|proto
//   (required), message=<the request> (required; may be empty for an empty proto
//   message), base64=1 (optional: `message` is URL-safe base64, padding optional; the
//   standard alphabet is accepted too), compression=identity (optional; see
//   CheckRequestCompression). Unknown parameters are ignored (a cache-buster).
struct ConnectRequestMessage {
  ConnectEncoding encoding = ConnectEncoding::kJson;
  std::string message;  // the request's bytes (JSON text or serialised proto)
};
// INVALID_ARGUMENT naming the parameter that is missing or wrong; UNIMPLEMENTED for a
// compression other than identity.
absl::StatusOr<ConnectRequestMessage> ParseGetQuery(
    const std::multimap<std::string, std::string>& query);

// The key of an Authorization header: "" when there is none (anonymous), the key of
// "Bearer <key>" (scheme in any case; the key one token of visible ASCII, at most
// kMaxBearerKeyBytes). UNAUTHENTICATED for anything else (Basic, an empty key, spaces).
inline constexpr size_t kMaxBearerKeyBytes = 512;
absl::StatusOr<std::string> BearerKey(absl::string_view authorization);

// How long a shared cache or a browser may keep a public read (a GET answered OK to a
// caller with no key), in seconds: short, since roles open and close; long enough that a
// linked map or listing visited by many is answered by caches.
inline constexpr int kPublicReadMaxAgeSeconds = 30;

// The Cache-Control of a Connect response. A successful GET without Authorization is a
// public read: "public, max-age=30" (the answer is what anyone gets). Anything with
// Authorization: "private, no-store" (it may hold what only that caller may see). A POST
// and any error: "no-store".
std::string CacheControlFor(bool get, bool has_authorization, bool ok);

}  // namespace cadre::gateway
