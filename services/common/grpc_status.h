#pragma once

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace cadre {

// The one conversion from absl::Status to grpc::Status. Messages of caller errors
// (INVALID_ARGUMENT, NOT_FOUND, ...) are passed on; INTERNAL and UNKNOWN details are
// logged and replaced by a generic message, so nothing about our internals (Redis error
// text, key names) reaches a caller.
grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace cadre
