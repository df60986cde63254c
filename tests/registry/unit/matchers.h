#pragma once

// INVALID_ARGUMENT whose message starts with "<field>: ", as every registry validation
// error does, so a caller can tell which field to fix.

#include <gmock/gmock.h>

#include <string>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/support/status_matchers.h"

namespace cadre::registry::testdata {

MATCHER_P(InvalidAt, field, "is INVALID_ARGUMENT starting with \"" + std::string(field) + ": \"") {
  const absl::Status s = ::cadre::testing::ToAbsl(arg);
  *result_listener << "status is " << s.ToString();
  return s.code() == absl::StatusCode::kInvalidArgument &&
         absl::StartsWith(s.message(), absl::StrCat(field, ": "));
}

}  // namespace cadre::registry::testdata
