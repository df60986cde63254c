#pragma once

// Structured logs: one JSON object a line on stderr, e.g.
// {"time":"2026-11-26T20:15:02.123Z","level":"info","service":"registry",
//  "msg":"role created","request_id":"...","role":"roles/42"}
// Keys in this order: time (UTC, milliseconds), level (debug, info, warn, error), service,
// msg, request_id when the line has one, then the fields in the order given. A field
// named "request_id" takes the place of the thread's request id (no key appears twice).
//
// The lines go through spdlog: one logger named after the service, writing synchronously
// to a stderr sink whose formatter makes the JSON. Each line reaches stderr before Write
// returns, and warnings and errors are flushed at once, so a killed process keeps its
// last error. gRPC's and protobuf's own log lines come out the same way, with a "source"
// field ("grpc", "protobuf") and a "location" ("file:line"); gRPC filters its own lines
// first (environment variable GRPC_VERBOSITY, ERROR unless set).
//
// Never log secrets or personal data (names, emails, free text a person wrote): ids only.

#include <initializer_list>
#include <string>
#include <utility>

#include "absl/strings/string_view.h"

namespace cadre::log {

enum class Level { kDebug, kInfo, kWarn, kError };

// Call once at start-up (tests may call it again). `level`: "debug", "info", "warn" or
// "error"; anything else logs a warning and means "info". Also routes gRPC's and
// protobuf's logs here. Thread-safe, but lines written during the call may still carry
// the previous service name.
void Init(absl::string_view service, absl::string_view level);

using Field = std::pair<absl::string_view, std::string>;

// Thread-safe, like Write.
bool Enabled(Level level);
void Write(Level level, absl::string_view msg, std::initializer_list<Field> fields = {});

inline void Debug(absl::string_view msg, std::initializer_list<Field> fields = {}) {
  Write(Level::kDebug, msg, fields);
}
inline void Info(absl::string_view msg, std::initializer_list<Field> fields = {}) {
  Write(Level::kInfo, msg, fields);
}
inline void Warn(absl::string_view msg, std::initializer_list<Field> fields = {}) {
  Write(Level::kWarn, msg, fields);
}
inline void Error(absl::string_view msg, std::initializer_list<Field> fields = {}) {
  Write(Level::kError, msg, fields);
}

// The request id of the call this thread is working for, or "" when none: every line the
// thread writes carries it. spdlog 1.10 has no per-call context, so it lives in a
// thread-local, set by ScopedRequestId. The server's interceptor sets it while a handler
// runs on gRPC's thread; a WorkerPool task runs with the id of the thread that submitted
// it.
std::string CurrentRequestId();

// Sets this thread's request id for the scope's lifetime, then restores the one before
// (scopes nest). Not movable: it must end on the thread and in the scope it began.
class ScopedRequestId {
 public:
  explicit ScopedRequestId(absl::string_view request_id);
  ~ScopedRequestId();
  ScopedRequestId(const ScopedRequestId&) = delete;
  ScopedRequestId& operator=(const ScopedRequestId&) = delete;

 private:
  std::string previous_;
};

// Escapes a string for a JSON string literal (without the quotes). Valid UTF-8 passes
// through; each byte that is not part of a valid sequence becomes \ufffd.
std::string JsonEscape(absl::string_view s);

}  // namespace cadre::log
