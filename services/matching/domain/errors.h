#pragma once

// The matching service's catalogue of errors: every message a caller of the matching
// service can see is made here or by the shared constructors in
// services/common/base/errors.h. None of them quotes a password or an email.

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "services/common/base/errors.h"
#include "services/matching/domain/limits.h"

namespace cadre::matching {

// The shared constructors stay callable unqualified next to the overloads below.
using ::cadre::EtagMismatch;
using ::cadre::RateLimited;

// Sign-in failed. The same words whether the email is unknown or the password wrong, so
// that sign-in cannot be used to learn who has an account.
inline absl::Status SignInRefused() {
  return absl::UnauthenticatedError("email or password not recognised");
}

// Sign-up with an email already in use. (Sign-up does say so: the person needs to know
// to sign in instead; its own rate limit keeps it from being an address scanner.)
inline absl::Status EmailTaken() {
  return absl::AlreadyExistsError("an account with this email exists: sign in instead");
}

// Too many failed sign-ins for one email: a limit on the caller's attempts, hence
// RESOURCE_EXHAUSTED, not UNAUTHENTICATED (retrying with the right password does not
// help until the lock-out ends).
inline absl::Status SignInLocked() {
  return absl::ResourceExhaustedError(absl::StrCat(
      "too many failed sign-ins for this email: try again in ", kSignInLockMinutes, " minutes"));
}

// The caller's own rate limit on `what` ("sign-ups from this address").
inline absl::Status RateLimited(absl::string_view what) {
  return absl::ResourceExhaustedError(absl::StrCat("too many ", what, ": try again later"));
}

// ChangeEmail and ChangePassword ask for the current password again. Names no field, so
// that it reads the same whichever request carried it.
inline absl::Status WrongCurrentPassword() {
  return absl::PermissionDeniedError("current password not recognised");
}

// "applicants/abc... not found".
inline absl::Status ApplicantNotFound(absl::string_view name) { return NotFound(name); }

// "applicants/abc.../credentials/3 not found".
inline absl::Status CredentialNotFound(absl::string_view name) { return NotFound(name); }

// RecommendRoles named a role that matching's view does not hold open and taking
// applications (unknown, closed, filled, or past its closing time): "roles/7 is not open".
inline absl::Status RoleNotOpenToScreen(absl::string_view role) {
  return absl::NotFoundError(absl::StrCat(Echo(role), " is not open"));
}

// UpdateMyProfile (or another change) carried an etag that is no longer current.
inline absl::Status EtagMismatch() { return EtagMismatch("the profile"); }

// A person holds as many credentials as Cadre keeps. FAILED_PRECONDITION, not
// RESOURCE_EXHAUSTED: that code is kept for the caller's own rate limits and sizes.
inline absl::Status TooManyCredentials() {
  return absl::FailedPreconditionError(
      absl::StrCat("this person already holds ", kMaxCredentialsPerPerson,
                   " credentials, the most Cadre keeps; revoke one first"));
}

// A call that acts on "me" made with a key that is not an applicant's.
inline absl::Status NotAnApplicantKey() {
  return absl::PermissionDeniedError("this call needs an applicant's key");
}

// The account exists but its key is still being registered (state PENDING).
inline absl::Status PendingApplicant() {
  return absl::UnavailableError("your account is still being set up: try again shortly");
}

// A consent that names a privacy notice other than the current one.
inline absl::Status NotCurrentNotice(absl::string_view field, absl::string_view current) {
  return absl::FailedPreconditionError(absl::StrCat(
      field, ": the current privacy notice is ", current, ": read it and agree to that version"));
}

}  // namespace cadre::matching
