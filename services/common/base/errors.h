#pragma once

// The error constructors every service's catalogue (`<service>/domain/errors.h`) is made
// of, so that the same kind of failure reads the same way in every service. Each message
// is safe to show a caller; text that echoes what a caller sent goes through Echo.
//
// Mapped to gRPC in exactly one place: services/common/grpc_status.h.

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/types/optional.h"

namespace cadre {

// Longest piece of caller input (a name, a mask path) quoted back in a message, in
// bytes; longer input is cut and ends "...".
inline constexpr size_t kMaxEchoBytes = 80;

// `text` as it may appear in a message: at most kMaxEchoBytes bytes, cut at a UTF-8
// character boundary.
std::string Echo(absl::string_view text);

// `text` if it has at most `max_bytes` bytes; else cut at a UTF-8 character boundary so
// that, with "..." added, it has at most `max_bytes` bytes (just "..." when `max_bytes`
// is below 4).
std::string Shorten(absl::string_view text, size_t max_bytes);

// A caller-safe message carried by a status whose own message is a detail for the log
// (UNAVAILABLE "no Redis connection became free in time" that callers see as "busy;
// retry shortly"). ToGrpcStatus sends the caller message and logs the detail. It is an
// absl::Status payload, so it survives copying and CADRE_RETURN_IF_ERROR.
inline constexpr char kCallerMessageUrl[] = "cadre.dev/caller_message";
absl::Status WithCallerMessage(absl::Status status, absl::string_view caller_message);
// The caller message of `status`, if it has one.
absl::optional<std::string> CallerMessage(const absl::Status& status);

// INVALID_ARGUMENT naming the field first: "role.title: must be 3 to 120 characters".
inline absl::Status InvalidField(absl::string_view field, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", problem));
}

// The request's bytes did not parse as the method's request message.
inline absl::Status UnreadableRequest() {
  return absl::InvalidArgumentError("the request could not be read");
}

inline absl::Status NotFound(absl::string_view resource) {
  return absl::NotFoundError(absl::StrCat(Echo(resource), " not found"));
}

inline absl::Status AlreadyExists(absl::string_view field, absl::string_view what) {
  return absl::AlreadyExistsError(absl::StrCat(field, ": ", Echo(what), " already exists"));
}

inline absl::Status EtagMismatch(absl::string_view resource) {
  return absl::AbortedError(absl::StrCat(
      Echo(resource), " was changed by someone else (etag mismatch); read it again and retry"));
}

inline absl::Status WrongState(absl::string_view resource, absl::string_view from,
                               absl::string_view action) {
  return absl::FailedPreconditionError(
      absl::StrCat(Echo(resource), " is ", from, " and cannot be ", action));
}

// The caller's own write rate limit.
inline absl::Status RateLimited() {
  return absl::ResourceExhaustedError(
      "too many changes by this caller in the last minute; retry in a minute");
}

// What callers see of Busy and StoreUnavailable.
inline constexpr char kBusyMessage[] = "busy; retry shortly";
inline constexpr char kStoreUnavailableMessage[] =
    "the service's store is unavailable; retry shortly";

// Server trouble the caller can do nothing about but retry: a full worker queue or
// connection pool. UNAVAILABLE, never RESOURCE_EXHAUSTED (that is the caller's own limit).
// `detail` (the real cause, e.g. "the worker queue is full") is for the log; callers see
// kBusyMessage.
inline absl::Status Busy(absl::string_view detail) {
  return WithCallerMessage(absl::UnavailableError(detail), kBusyMessage);
}
inline absl::Status Busy() { return Busy(kBusyMessage); }

// The store of record or a peer did not answer; the detail goes to the log, not here.
inline absl::Status StoreUnavailable() { return absl::UnavailableError(kStoreUnavailableMessage); }

// The call was cancelled (deadline passed, client gone, server draining) before its work
// ran; no change was made.
inline absl::Status CallCancelled() {
  return absl::CancelledError("the call was cancelled before it ran");
}

}  // namespace cadre
