#pragma once

// Debian's Abseil 20220623 has no status macros; these are ours.

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define CADRE_STATUS_CONCAT_INNER(a, b) a##b
#define CADRE_STATUS_CONCAT(a, b) CADRE_STATUS_CONCAT_INNER(a, b)

// Returns the status from the enclosing function if `expr` is not OK.
#define CADRE_RETURN_IF_ERROR(expr)                \
  do {                                             \
    ::absl::Status cadre_status_ = (expr);         \
    if (!cadre_status_.ok()) return cadre_status_; \
  } while (false)

// `CADRE_ASSIGN_OR_RETURN(auto x, F());` assigns the value of F() or returns its status.
#define CADRE_ASSIGN_OR_RETURN(lhs, rexpr) \
  CADRE_ASSIGN_OR_RETURN_IMPL(CADRE_STATUS_CONCAT(cadre_statusor_, __LINE__), lhs, rexpr)

// `lhs` is a declaration (`auto x`) and `statusor` a name: neither can be parenthesised.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define CADRE_ASSIGN_OR_RETURN_IMPL(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                \
  if (!statusor.ok()) return statusor.status();           \
  lhs = std::move(statusor).value()
// NOLINTEND(bugprone-macro-parentheses)
