#pragma once

#include <grpcpp/support/status.h>

#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace cadre {

// Longest message ToGrpcStatus sends, in bytes; longer ones are cut (at a UTF-8
// character boundary) and end "...".
inline constexpr size_t kMaxStatusMessageBytes = 1024;

// The one conversion from absl::Status to grpc::Status: an explicit switch over every
// code, and nothing about our internals (Redis error text, key names) reaches a caller.
// - Caller errors (INVALID_ARGUMENT, NOT_FOUND, PERMISSION_DENIED, RESOURCE_EXHAUSTED for
//   the caller's own rate limit and sizes, ...) keep their code and message.
// - UNAVAILABLE and DEADLINE_EXCEEDED (a store or peer that did not answer, a full
//   worker queue or connection pool) become UNAVAILABLE, which callers may retry; the
//   message is the status's caller message (WithCallerMessage, services/common/base/
//   errors.h) or else kStoreUnavailableMessage. The detail is logged as a warning.
// - INTERNAL, UNKNOWN, DATA_LOSS: logged as an error, sent as "internal error" (or the
//   caller message).
// A caller message, when a status has one, is what the caller sees for every code.
// Every message sent is at most kMaxStatusMessageBytes. `request_id`, if not empty, goes
// into the log lines so that an operator can find the call.
grpc::Status ToGrpcStatus(const absl::Status& status, absl::string_view request_id = {});

}  // namespace cadre
