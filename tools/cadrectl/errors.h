#pragma once

// How cadrectl fails: usage errors (exit 2) are told apart from failed calls (exit
// 10 + the gRPC status code) by a payload on the absl::Status, so every layer can keep
// returning plain absl::Status.

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace grpc {
class Status;
}  // namespace grpc

namespace cadre::cadrectl {

// Exit statuses. Documented in `cadrectl --help`; scripts rely on them.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;   // a local failure outside the call
inline constexpr int kExitUsage = 2;     // bad command line
inline constexpr int kExitRpcBase = 10;  // a failed call exits 10 + its gRPC code (11–26)

// An INVALID_ARGUMENT status marked as a command-line mistake. `message` should name
// the flag, e.g. "--level: must be 1, 2, 3 or 4".
absl::Status UsageError(absl::string_view message);
bool IsUsageError(const absl::Status& status);

// The status of a failed call, with the server's code and message, marked as an RPC
// failure. OK stays OK.
absl::Status FromGrpcStatus(const grpc::Status& status);
bool IsRpcError(const absl::Status& status);

// The process exit status for `status` (see the constants above).
int ExitCodeFor(const absl::Status& status);

// "error: PERMISSION_DENIED: the key does not belong to bodies/RXF" — the line printed
// to stderr.
std::string ErrorLine(const absl::Status& status);

}  // namespace cadre::cadrectl
