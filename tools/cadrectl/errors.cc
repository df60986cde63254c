#include "tools/cadrectl/errors.h"

#include <grpcpp/support/status.h>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"

namespace cadre::cadrectl {
namespace {

constexpr absl::string_view kUsagePayload = "type.cadre.dev/cadrectl.UsageError";
constexpr absl::string_view kRpcPayload = "type.cadre.dev/cadrectl.RpcError";

}  // namespace

absl::Status UsageError(absl::string_view message) {
  absl::Status status = absl::InvalidArgumentError(message);
  status.SetPayload(kUsagePayload, absl::Cord("1"));
  return status;
}

bool IsUsageError(const absl::Status& status) {
  return status.GetPayload(kUsagePayload).has_value();
}

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  // gRPC and Abseil share the numeric codes 0–16.
  absl::Status result(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  result.SetPayload(kRpcPayload, absl::Cord("1"));
  return result;
}

bool IsRpcError(const absl::Status& status) { return status.GetPayload(kRpcPayload).has_value(); }

int ExitCodeFor(const absl::Status& status) {
  if (status.ok()) return kExitOk;
  if (IsUsageError(status)) return kExitUsage;
  if (IsRpcError(status)) return kExitRpcBase + static_cast<int>(status.code());
  return kExitFailure;
}

std::string ErrorLine(const absl::Status& status) {
  return absl::StrCat("error: ", absl::StatusCodeToString(status.code()), ": ", status.message());
}

}  // namespace cadre::cadrectl
