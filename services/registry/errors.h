#pragma once

// The registry's catalogue of errors: every message a caller can see is made here.

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace cadre::registry {

// INVALID_ARGUMENT naming the field first: "role.title: must be 3 to 120 characters".
inline absl::Status InvalidField(absl::string_view field, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", problem));
}

inline absl::Status NotFound(absl::string_view resource) {
  return absl::NotFoundError(absl::StrCat(resource, " not found"));
}

inline absl::Status AlreadyExists(absl::string_view field, absl::string_view what) {
  return absl::AlreadyExistsError(absl::StrCat(field, ": ", what, " already exists"));
}

inline absl::Status EtagMismatch(absl::string_view resource) {
  return absl::AbortedError(absl::StrCat(
      resource, " was changed by someone else (etag mismatch); read it again and retry"));
}

inline absl::Status WrongState(absl::string_view resource, absl::string_view from,
                               absl::string_view action) {
  return absl::FailedPreconditionError(
      absl::StrCat(resource, " is ", from, " and cannot be ", action));
}

}  // namespace cadre::registry
