#pragma once

// StatusIs(code) for absl::Status, absl::StatusOr<T> and grpc::Status; our own, since
// Debian's Abseil ships no status matchers. It includes no gRPC header (grpc::Status is
// read by its shape), so that the unit tests of domain code can use it.

#include <gmock/gmock.h>

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace cadre::testing {

inline absl::Status ToAbsl(const absl::Status& s) { return s; }
template <typename T>
absl::Status ToAbsl(const absl::StatusOr<T>& s) {
  return s.status();
}
// grpc::Status, or anything else with its error_code() and error_message().
template <typename GrpcStatus>
requires requires(const GrpcStatus& s) {
  s.error_code();
  s.error_message();
}
absl::Status ToAbsl(const GrpcStatus& s) {
  return absl::Status(static_cast<absl::StatusCode>(s.error_code()), s.error_message());
}

MATCHER_P(StatusIs, code, "has status code " + ::testing::PrintToString(code)) {
  absl::Status s = ToAbsl(arg);
  *result_listener << "status is " << s.ToString();
  return s.code() == static_cast<absl::StatusCode>(code);
}

// Code and a substring of the message, e.g. the field name in INVALID_ARGUMENT.
MATCHER_P2(StatusIs, code, substring,
           "has status code " + ::testing::PrintToString(code) + " and message containing " +
               ::testing::PrintToString(substring)) {
  absl::Status s = ToAbsl(arg);
  *result_listener << "status is " << s.ToString();
  return s.code() == static_cast<absl::StatusCode>(code) &&
         s.message().find(substring) != absl::string_view::npos;
}

// An OK absl::StatusOr<T> whose value equals `value`.
MATCHER_P(IsOkAndHolds, value, "is OK and holds " + ::testing::PrintToString(value)) {
  if (!arg.ok()) {
    *result_listener << "status is " << arg.status().ToString();
    return false;
  }
  return *arg == value;
}

// INVALID_ARGUMENT whose message starts with "<field>: ", as every validation error does,
// so that a caller can tell which field to fix.
MATCHER_P(InvalidAt, field, "is INVALID_ARGUMENT starting with \"" + std::string(field) + ": \"") {
  const absl::Status s = ToAbsl(arg);
  *result_listener << "status is " << s.ToString();
  return s.code() == absl::StatusCode::kInvalidArgument &&
         absl::StartsWith(s.message(), absl::StrCat(field, ": "));
}

#define CADRE_ASSERT_OK(expr) ASSERT_THAT((expr), ::cadre::testing::StatusIs(absl::StatusCode::kOk))
#define CADRE_EXPECT_OK(expr) EXPECT_THAT((expr), ::cadre::testing::StatusIs(absl::StatusCode::kOk))

}  // namespace cadre::testing
