#pragma once

// Bodies' staff accounts: who may, validate, apply, store. Every method blocks (Redis,
// and scrypt for SetPassword and SignIn): the service runs those that hash a password on
// its password pool and the rest on its workers.
//
// Who may: a body's own key, a manager of the body's staff, or an admin creates, lists,
// changes and deactivates the body's staff and issues set-up links (RequireAdmin-
// OrBodyManager: recruiters and viewers PERMISSION_DENIED); a member also reads their
// own account. SetPassword and SignIn need no key: the set-up token, or the email and
// password, stand for the member.
//
// Keys: a member's key is the body's kind with their id and role (ApiKeyStore). A change
// of role, a deactivation, a new set-up link and a password set through one revoke every
// key of the member at once,
// in the same script as the change (on this replica's key cache too; other replicas'
// caches within their TTL).
//
// Sign-in answers alike, in the same time, for an unknown email, a wrong password, an
// account not yet set up and a deactivated one: each runs scrypt once (against a dummy
// hash when there is no password to check) and counts as a failure for the email's
// lock-out.
//
// Errors: INVALID_ARGUMENT naming the field; NOT_FOUND (no such body or account);
// PERMISSION_DENIED; ALREADY_EXISTS (the email is held); FAILED_PRECONDITION
// (deactivated); ABORTED (etag mismatch); UNAUTHENTICATED (sign-in refused);
// RESOURCE_EXHAUSTED (locked, over a limit, or the write rate); UNAVAILABLE (Redis).

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "cadre/v1/registry.pb.h"
#include "services/common/api_keys.h"
#include "services/common/attempt_limits.h"
#include "services/common/auth.h"
#include "services/common/base/clock.h"
#include "services/common/base/principal.h"
#include "services/common/password.h"
#include "services/registry/domain/catalog.h"
#include "services/registry/staff_store.h"

namespace cadre::registry {

struct StaffOptions {
  absl::Duration setup_ttl = absl::Hours(72);  // a set-up link's life (--staff_setup_hours)
  absl::Duration key_ttl = absl::Hours(12);    // a sign-in key's life (--staff_key_hours)
  // How long a deactivated account keeps its email (--staff_email_kept_days).
  absl::Duration email_kept = absl::Hours(24 * 30);
  ScryptParams scrypt = kDefaultScryptParams;  // tests use smaller ones
  LockoutPolicy lockout;                       // as applicants'
  int signins_per_address_minute = 30;         // per client address; 0: no limit
  int writes_per_minute = 0;                   // changes one caller may make; 0: none
};

// Thread-safe; its dependencies must outlive it.
class StaffAccounts {
 public:
  StaffAccounts(StaffStore* store, ApiKeyStore* keys, Authenticator* auth, AttemptLimits* limits,
                const Catalog* catalog, const Clock* clock, StaffOptions options);

  absl::StatusOr<cadre::v1::CreateStaffResponse> Create(const Principal& p,
                                                        const cadre::v1::CreateStaffRequest& req);
  absl::StatusOr<cadre::v1::Staff> Get(const Principal& p, const cadre::v1::GetStaffRequest& req);
  absl::StatusOr<cadre::v1::ListStaffResponse> List(const Principal& p,
                                                    const cadre::v1::ListStaffRequest& req);
  absl::StatusOr<cadre::v1::Staff> Update(const Principal& p,
                                          const cadre::v1::UpdateStaffRequest& req);
  absl::StatusOr<cadre::v1::Staff> Deactivate(const Principal& p,
                                              const cadre::v1::DeactivateStaffRequest& req);
  absl::StatusOr<cadre::v1::StaffSetupLink> IssueSetupLink(
      const Principal& p, const cadre::v1::IssueStaffSetupLinkRequest& req);

  // `client_address`: where the call came from (client_origin.h), for the per-address
  // limit; "" for none.
  absl::StatusOr<cadre::v1::SignInStaffResponse> SetPassword(
      const cadre::v1::SetStaffPasswordRequest& req, const std::string& client_address);
  absl::StatusOr<cadre::v1::SignInStaffResponse> SignIn(const cadre::v1::SignInStaffRequest& req,
                                                        const std::string& client_address);
  // Revokes the key `token` (the one the call carries); the caller must be a staff member.
  absl::Status SignOut(const Principal& p, absl::string_view token);

  // Removes the email of accounts deactivated more than email_kept ago; how many. Every
  // replica may run it (each removal is a compare-and-set).
  absl::StatusOr<int> SweepEmails();

 private:
  // The account `name` names, after checking `p` may manage its body (or, with
  // `self_ok`, is the member).
  absl::StatusOr<StoredStaff> LoadFor(const Principal& p, absl::string_view name,
                                      absl::string_view field, bool self_ok);
  // A new set-up link for `stored` (its keys revoked), written as `p`.
  absl::StatusOr<cadre::v1::StaffSetupLink> NewLink(const Principal& p, StoredStaff stored);
  // Drops the keys a change revoked (in its own script) from this replica's key cache.
  void ForgetKeys(const StaffWriteResult& written);
  // A sign-in key for the member as `stored` (read before the password was checked);
  // records the sign-in. If the account changed meanwhile, the key is revoked and, while
  // the account is still active with the same password, made again for it as it is now;
  // else `refused`.
  absl::StatusOr<cadre::v1::SignInStaffResponse> IssueKey(StoredStaff stored, absl::Status refused);
  absl::Status CheckAddress(const std::string& client_address, absl::Time now);
  StaffChange ChangeBy(const Principal& p, absl::string_view action) const;

  StaffStore* store_;
  ApiKeyStore* keys_;
  Authenticator* auth_;
  AttemptLimits* limits_;
  const Catalog* catalog_;
  const Clock* clock_;
  StaffOptions options_;
  std::string dummy_hash_;  // checked when there is no password, so that it costs the same
};

// The account as callers see it: the record with its etag.
cadre::v1::Staff StaffWithEtag(const StoredStaff& stored);

}  // namespace cadre::registry
