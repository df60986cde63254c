#include "services/common/grpc_status.h"

#include <string>

#include "absl/types/optional.h"
#include "services/common/base/errors.h"
#include "services/common/logging.h"

namespace cadre {
namespace {

// The status a caller receives: `code` with the caller message if there is one, else
// `fallback`, capped.
grpc::Status Send(grpc::StatusCode code, const absl::Status& status, absl::string_view fallback) {
  const absl::optional<std::string> caller = CallerMessage(status);
  return grpc::Status(code, Shorten(caller ? *caller : fallback, kMaxStatusMessageBytes));
}

// Server trouble: the detail, which the caller does not see, goes to the log.
void LogDetail(log::Level level, absl::string_view what, const absl::Status& status,
               absl::string_view request_id) {
  log::Write(level, what,
             {{"code", absl::StatusCodeToString(status.code())},
              {"detail", Shorten(status.message(), kMaxStatusMessageBytes)},
              {"request_id", std::string(request_id)}});
}

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status, absl::string_view request_id) {
  switch (status.code()) {
    case absl::StatusCode::kOk:
      return grpc::Status::OK;
    case absl::StatusCode::kInvalidArgument:
      return Send(grpc::StatusCode::INVALID_ARGUMENT, status, status.message());
    case absl::StatusCode::kNotFound:
      return Send(grpc::StatusCode::NOT_FOUND, status, status.message());
    case absl::StatusCode::kAlreadyExists:
      return Send(grpc::StatusCode::ALREADY_EXISTS, status, status.message());
    case absl::StatusCode::kFailedPrecondition:
      return Send(grpc::StatusCode::FAILED_PRECONDITION, status, status.message());
    case absl::StatusCode::kAborted:
      return Send(grpc::StatusCode::ABORTED, status, status.message());
    case absl::StatusCode::kPermissionDenied:
      return Send(grpc::StatusCode::PERMISSION_DENIED, status, status.message());
    case absl::StatusCode::kUnauthenticated:
      return Send(grpc::StatusCode::UNAUTHENTICATED, status, status.message());
    case absl::StatusCode::kResourceExhausted:
      // The caller's own rate limit or sizes; server trouble is UNAVAILABLE (Busy).
      return Send(grpc::StatusCode::RESOURCE_EXHAUSTED, status, status.message());
    case absl::StatusCode::kOutOfRange:
      return Send(grpc::StatusCode::OUT_OF_RANGE, status, status.message());
    case absl::StatusCode::kCancelled:
      return Send(grpc::StatusCode::CANCELLED, status, status.message());
    case absl::StatusCode::kUnimplemented:
      return Send(grpc::StatusCode::UNIMPLEMENTED, status, status.message());
    case absl::StatusCode::kDeadlineExceeded:
    case absl::StatusCode::kUnavailable:
      // A store or peer that did not answer in time, or no free worker or connection:
      // the caller may retry.
      LogDetail(log::Level::kWarn, "unavailable", status, request_id);
      return Send(grpc::StatusCode::UNAVAILABLE, status, kStoreUnavailableMessage);
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kUnknown:
    case absl::StatusCode::kDataLoss:
    default:
      LogDetail(log::Level::kError, "internal error", status, request_id);
      return Send(grpc::StatusCode::INTERNAL, status, "internal error");
  }
}

}  // namespace cadre
