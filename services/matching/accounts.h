#pragma once

// People's accounts: sign-up, sign-in, sign-out, and changes of email and password. Every
// method blocks (Redis, the registry, scrypt): the service runs those that hash a
// password on its password pool and the rest on its workers.
//
// Sign-up writes the applicant as pending (reserving the email), makes the key, registers
// its hash with the registry, then marks the applicant active and returns the key once.
// When the registry cannot be reached the pending record is removed at once (and, should
// that fail too, by the sweep after `pending_ttl`), so the email is free again.
//
// Sign-in answers alike, in the same time, for an unknown email and a wrong password: an
// unknown email is checked against a dummy hash with the same cost. Failures count for
// any email, known or not; enough of them lock it (LockoutPolicy).

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "cadre/v1/matching.pb.h"
#include "services/common/attempt_limits.h"
#include "services/common/base/clock.h"
#include "services/common/base/principal.h"
#include "services/common/password.h"
#include "services/matching/applicant_store.h"
#include "services/matching/registry_keys.h"
#include "services/matching/secrets.h"

namespace cadre::matching {

struct AccountsOptions {
  absl::Duration key_ttl = absl::Hours(24 * 30);   // a new applicant key's life
  absl::Duration pending_ttl = absl::Minutes(10);  // a sign-up whose key never arrived
  std::string privacy_notice_version = "2026-11";  // the notice sign-ups must agree to
  ScryptParams scrypt = kDefaultScryptParams;      // tests use smaller ones
  LockoutPolicy lockout;
  int signups_per_address_hour = 10;  // per client address; 0: no limit
  int signups_per_email_hour = 3;     // per email
  int signins_per_address_minute = 30;
};

// Where a call came from, as far as the service can trust it: the gateway's vouched
// x-forwarded-for, else the peer address.
struct CallOrigin {
  std::string client_address;
};

// Thread-safe; its dependencies must outlive it.
class Accounts {
 public:
  Accounts(ApplicantStore* store, AttemptLimits* limits, RegistryKeys* registry,
           const EmailKeyer* keyer, const Clock* clock, AccountsOptions options);

  absl::StatusOr<cadre::v1::SignUpResponse> SignUp(const Principal& caller,
                                                   const cadre::v1::SignUpRequest& request,
                                                   const CallOrigin& origin);
  absl::StatusOr<cadre::v1::SignInResponse> SignIn(const Principal& caller,
                                                   const cadre::v1::SignInRequest& request,
                                                   const CallOrigin& origin);
  // Revokes the key `token` (the one the call carries); the caller must be an applicant.
  absl::Status SignOut(const Principal& caller, absl::string_view token);
  absl::StatusOr<cadre::v1::Applicant> ChangeEmail(const Principal& caller,
                                                   const cadre::v1::ChangeEmailRequest& request);
  // Revokes every key of the applicant and answers a new one for the caller.
  absl::StatusOr<cadre::v1::ChangePasswordResponse> ChangePassword(
      const Principal& caller, const cadre::v1::ChangePasswordRequest& request);
  absl::StatusOr<cadre::v1::ResetPasswordResponse> ResetPassword(
      const Principal& caller, const cadre::v1::ResetPasswordRequest& request);

  // Removes pending sign-ups whose time has passed; how many. Every replica may run it.
  absl::StatusOr<int> SweepPending();

 private:
  // Makes a key for the applicant, registers its hash; returns the secret and expiry.
  struct NewKey {
    std::string secret;
    absl::Time expire_time;
  };
  absl::StatusOr<NewKey> IssueKey(const std::string& applicant_id, absl::string_view label);
  // The applicant `caller` stands for, after checking `password` against it.
  absl::StatusOr<StoredApplicant> LoadCheckingPassword(const Principal& caller,
                                                       absl::string_view password);
  absl::Status CheckSignUpLimits(const Principal& caller, const std::string& email_key,
                                 const CallOrigin& origin);

  ApplicantStore* store_;
  AttemptLimits* limits_;
  RegistryKeys* registry_;
  const EmailKeyer* keyer_;
  const Clock* clock_;
  AccountsOptions options_;
  std::string dummy_hash_;  // checked for unknown emails, so that they cost the same
};

}  // namespace cadre::matching
