#pragma once

// The registry's errors about bodies' staff accounts (the rest are in errors.h). No
// message quotes an email, a password or a token.

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "services/common/base/errors.h"

namespace cadre::registry {

// Unknown email, wrong password, an account not set up or deactivated: one answer.
inline absl::Status StaffSignInRefused() {
  return absl::UnauthenticatedError("email or password not recognised");
}

// Too many failed sign-ins for one email (any email, known or not).
inline absl::Status StaffSignInLocked(int minutes) {
  return absl::ResourceExhaustedError(
      absl::StrCat("too many failed sign-ins for this email: try again in ", minutes, " minutes"));
}

// The caller's own limit on `what` ("sign-ins from this address").
inline absl::Status StaffAttemptsLimited(absl::string_view what) {
  return absl::ResourceExhaustedError(absl::StrCat("too many ", what, ": try again later"));
}

// An unknown, expired or spent set-up token: one answer for all three.
inline absl::Status SetupTokenRefused() {
  return InvalidField("setup_token",
                      "is not a live set-up link (each works once, for 72 hours): ask a "
                      "manager of your body for a new one");
}

// Another invited or active account, of any body, holds the email.
inline absl::Status StaffEmailTaken() {
  return absl::AlreadyExistsError(
      "staff.email: a staff account with this email already exists (one email, one staff "
      "account across Cadre)");
}

// The body has as many accounts as it may hold.
inline absl::Status TooManyStaff(int max) {
  return absl::ResourceExhaustedError(
      absl::StrCat("a body may hold at most ", max, " staff accounts"));
}

// SignOutStaff with a key that is not a staff member's sign-in key.
inline absl::Status NotAStaffKey() {
  return absl::PermissionDeniedError(
      "only a staff member's sign-in key can be signed out here (revoke other keys with "
      "RevokeApiKey)");
}

}  // namespace cadre::registry
