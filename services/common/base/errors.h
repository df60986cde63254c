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

namespace cadre {

// Longest piece of caller input (a name, a mask path) quoted back in a message, in
// bytes; longer input is cut and ends "...".
inline constexpr size_t kMaxEchoBytes = 80;

// `text` as it may appear in a message: at most kMaxEchoBytes bytes, cut at a UTF-8
// character boundary.
std::string Echo(absl::string_view text);

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

// Server trouble the caller can do nothing about but retry: a full worker queue or
// connection pool. UNAVAILABLE, never RESOURCE_EXHAUSTED (that is the caller's own limit).
inline absl::Status Busy() { return absl::UnavailableError("busy; retry shortly"); }

// The store of record or a peer did not answer; the detail goes to the log, not here.
inline absl::Status StoreUnavailable() {
  return absl::UnavailableError("the service's store is unavailable; retry shortly");
}

}  // namespace cadre
