#include "services/gateway/domain/connect_protocol.h"

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "services/common/base/errors.h"

namespace cadre::gateway {
namespace {

// `text` as the inside of a JSON string: quotes, backslashes and control characters
// escaped; other bytes (UTF-8) as they are.
std::string JsonEscape(absl::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          absl::StrAppendFormat(&out, "\\u%04x", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
  return out;
}

// The first value of `name` in `query`, or nullopt.
absl::optional<std::string> Param(const std::multimap<std::string, std::string>& query,
                                  const std::string& name) {
  auto found = query.find(name);
  if (found == query.end()) return absl::nullopt;
  return found->second;
}

}  // namespace

absl::string_view ConnectCodeName(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kCancelled:
      return "canceled";  // Connect's spelling
    case absl::StatusCode::kUnknown:
      return "unknown";
    case absl::StatusCode::kInvalidArgument:
      return "invalid_argument";
    case absl::StatusCode::kDeadlineExceeded:
      return "deadline_exceeded";
    case absl::StatusCode::kNotFound:
      return "not_found";
    case absl::StatusCode::kAlreadyExists:
      return "already_exists";
    case absl::StatusCode::kPermissionDenied:
      return "permission_denied";
    case absl::StatusCode::kResourceExhausted:
      return "resource_exhausted";
    case absl::StatusCode::kFailedPrecondition:
      return "failed_precondition";
    case absl::StatusCode::kAborted:
      return "aborted";
    case absl::StatusCode::kOutOfRange:
      return "out_of_range";
    case absl::StatusCode::kUnimplemented:
      return "unimplemented";
    case absl::StatusCode::kInternal:
      return "internal";
    case absl::StatusCode::kUnavailable:
      return "unavailable";
    case absl::StatusCode::kDataLoss:
      return "data_loss";
    case absl::StatusCode::kUnauthenticated:
      return "unauthenticated";
    default:
      return "unknown";
  }
}

int HttpStatusForCode(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kCancelled:
      return 499;  // the client closed the request (nginx's code, as Connect uses it)
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kOutOfRange:
      return 400;
    case absl::StatusCode::kDeadlineExceeded:
      return 504;
    case absl::StatusCode::kNotFound:
      return 404;
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kAborted:
      return 409;
    case absl::StatusCode::kPermissionDenied:
      return 403;
    case absl::StatusCode::kResourceExhausted:
      return 429;
    case absl::StatusCode::kUnimplemented:
      return 501;
    case absl::StatusCode::kUnavailable:
      return 503;
    case absl::StatusCode::kUnauthenticated:
      return 401;
    case absl::StatusCode::kUnknown:
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kDataLoss:
    default:
      return 500;
  }
}

std::string ConnectErrorJson(absl::StatusCode code, absl::string_view message) {
  std::string json = absl::StrCat("{\"code\":\"", ConnectCodeName(code), "\"");
  if (!message.empty()) {
    absl::StrAppend(&json, ",\"message\":\"", JsonEscape(Shorten(message, kMaxConnectMessageBytes)),
                    "\"");
  }
  json += "}";
  return json;
}

absl::optional<ConnectEncoding> EncodingForContentType(absl::string_view content_type) {
  const std::string lower = absl::AsciiStrToLower(content_type);
  absl::string_view type = lower;
  absl::string_view params;
  if (const size_t semicolon = type.find(';'); semicolon != absl::string_view::npos) {
    params = absl::StripAsciiWhitespace(type.substr(semicolon + 1));
    type = type.substr(0, semicolon);
  }
  type = absl::StripAsciiWhitespace(type);
  if (type == "application/json") {
    // JSON is UTF-8 (RFC 8259): only that charset, said or not.
    if (params.empty() || params == "charset=utf-8" || params == "charset=\"utf-8\"") {
      return ConnectEncoding::kJson;
    }
    return absl::nullopt;
  }
  if (type == "application/proto" && params.empty()) return ConnectEncoding::kProto;
  return absl::nullopt;
}

absl::string_view ContentTypeFor(ConnectEncoding encoding) {
  return encoding == ConnectEncoding::kJson ? "application/json" : "application/proto";
}

absl::Status CheckProtocolVersion(absl::string_view header) {
  if (header.empty() || header == "1") return absl::OkStatus();
  return InvalidField("connect-protocol-version", "must be 1");
}

absl::StatusOr<absl::Duration> ParseTimeoutMs(absl::string_view header) {
  if (header.empty()) return absl::ZeroDuration();
  if (header.size() > kMaxTimeoutDigits) {
    return InvalidField("connect-timeout-ms", "must be at most 10 digits");
  }
  for (const char c : header) {
    if (!absl::ascii_isdigit(c)) return InvalidField("connect-timeout-ms", "must be digits");
  }
  int64_t ms = 0;
  if (!absl::SimpleAtoi(header, &ms)) return InvalidField("connect-timeout-ms", "must be digits");
  return absl::Milliseconds(ms > 0 ? ms : 1);
}

absl::Status CheckRequestCompression(absl::string_view encoding) {
  const std::string lower = absl::AsciiStrToLower(absl::StripAsciiWhitespace(encoding));
  if (lower.empty() || lower == "identity") return absl::OkStatus();
  return absl::UnimplementedError(
      absl::StrCat("request compression \"", Echo(lower),
                   "\" is not supported; send the request uncompressed (identity)"));
}

absl::StatusOr<ConnectRequestMessage> ParseGetQuery(
    const std::multimap<std::string, std::string>& query) {
  if (auto version = Param(query, "connect"); version && *version != "v1") {
    return InvalidField("connect", "must be v1");
  }
  ConnectRequestMessage request;
  const absl::optional<std::string> encoding = Param(query, "encoding");
  if (!encoding) return InvalidField("encoding", "is required: json or proto");
  if (*encoding == "json") {
    request.encoding = ConnectEncoding::kJson;
  } else if (*encoding == "proto") {
    request.encoding = ConnectEncoding::kProto;
  } else {
    return InvalidField("encoding", "must be json or proto");
  }
  if (auto compression = Param(query, "compression")) {
    if (absl::Status s = CheckRequestCompression(*compression); !s.ok()) return s;
  }
  absl::optional<std::string> message = Param(query, "message");
  if (!message) return InvalidField("message", "is required");
  const absl::optional<std::string> base64 = Param(query, "base64");
  if (base64 && *base64 != "1") return InvalidField("base64", "must be 1 or absent");
  if (base64) {
    // Padding is optional; absl's decoders accept it either way.
    if (!absl::WebSafeBase64Unescape(*message, &request.message) &&
        !absl::Base64Unescape(*message, &request.message)) {
      return InvalidField("message", "is not base64");
    }
  } else {
    request.message = std::move(*message);
  }
  return request;
}

absl::StatusOr<std::string> BearerKey(absl::string_view authorization) {
  if (authorization.empty()) return std::string();
  constexpr absl::string_view kScheme = "bearer ";
  const auto refuse = [] {
    return absl::UnauthenticatedError(
        "authorization: must be \"Bearer <key>\" (an API key), or absent for public reads");
  };
  if (authorization.size() <= kScheme.size() ||
      !absl::StartsWithIgnoreCase(authorization, kScheme)) {
    return refuse();
  }
  const absl::string_view key = absl::StripAsciiWhitespace(authorization.substr(kScheme.size()));
  if (key.empty() || key.size() > kMaxBearerKeyBytes) return refuse();
  for (const char c : key) {
    // One token of visible ASCII: no spaces, no control characters, no UTF-8.
    if (c <= 0x20 || c >= 0x7f) return refuse();
  }
  return std::string(key);
}

std::string CacheControlFor(bool get, bool has_authorization, bool ok) {
  if (has_authorization) return "private, no-store";
  if (get && ok) return absl::StrCat("public, max-age=", kPublicReadMaxAgeSeconds);
  return "no-store";
}

}  // namespace cadre::gateway
