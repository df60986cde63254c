#pragma once

// The parts of the OpenAPI document that come from the Connect protocol's unary form
// (https://connectrpc.com/docs/protocol) rather than from the protos: its error body and
// the query parameters of a GET.

#include <string>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "nlohmann/json.hpp"

namespace cadre::openapi {

// The Connect error codes, in the order of gRPC's numeric codes (1 canceled … 16
// unauthenticated). The body of every non-200 answer carries one as "code".
absl::Span<const absl::string_view> ConnectCodes();

// Component names: components.schemas.<kConnectErrorSchema>, and
// components.parameters.<each of kGetParameters> shared by every GET.
inline constexpr absl::string_view kConnectErrorSchema = "ConnectError";
inline constexpr absl::string_view kConnectErrorDetailSchema = "ConnectErrorDetail";
inline constexpr absl::string_view kEncodingParameter = "ConnectEncoding";
inline constexpr absl::string_view kBase64Parameter = "ConnectBase64";
inline constexpr absl::string_view kConnectParameter = "ConnectVersion";

// components.schemas.ConnectError and ConnectErrorDetail.
nlohmann::ordered_json ConnectErrorSchema();
nlohmann::ordered_json ConnectErrorDetailSchema();

// components.parameters: encoding (required, "json"), base64 (optional, "1") and connect
// (optional, "v1"), by the names above.
nlohmann::ordered_json SharedGetParameters();

// The `message` query parameter of a GET whose request is the schema `request_schema`.
nlohmann::ordered_json MessageParameter(absl::string_view request_schema);

// A `responses` object: 200 with `response_ref` (a schema or a $ref), and every other
// status ("default") with the Connect error.
nlohmann::ordered_json UnaryResponses(const nlohmann::ordered_json& response_ref);

}  // namespace cadre::openapi
