#pragma once

// StatusIs(code) for absl::Status, absl::StatusOr<T> and grpc::Status; our own, since
// Debian's Abseil ships no status matchers.

#include <gmock/gmock.h>
#include <grpcpp/support/status.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace cadre::testing {

inline absl::Status ToAbsl(const absl::Status& s) { return s; }
template <typename T>
absl::Status ToAbsl(const absl::StatusOr<T>& s) {
  return s.status();
}
inline absl::Status ToAbsl(const grpc::Status& s) {
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

#define CADRE_ASSERT_OK(expr) ASSERT_THAT((expr), ::cadre::testing::StatusIs(absl::StatusCode::kOk))
#define CADRE_EXPECT_OK(expr) EXPECT_THAT((expr), ::cadre::testing::StatusIs(absl::StatusCode::kOk))

}  // namespace cadre::testing
