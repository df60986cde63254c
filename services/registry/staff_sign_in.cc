// StaffAccounts: setting a password through a set-up link, signing in and out, and the
// sweep that removes deactivated accounts' emails.

#include <string>
#include <utility>
#include <vector>

#include "google/protobuf/util/time_util.h"
#include "services/common/base/errors.h"
#include "services/common/base/status_macros.h"
#include "services/common/base/validation.h"
#include "services/common/logging.h"
#include "services/registry/domain/limits.h"
#include "services/registry/domain/staff_errors.h"
#include "services/registry/domain/staff_validation.h"
#include "services/registry/staff_accounts.h"

namespace cadre::registry {
namespace {

using google::protobuf::util::TimeUtil;

// The label of the digests that stand for an email and a client address in the lock-out
// and limit keys (never the address itself).
constexpr char kEmailLabel[] = "staff-email:";
constexpr char kAddressLabel[] = "staff-address:";
// The actor of the registry's own changes (as RegistryWriter's).
constexpr char kRegistryActor[] = "registry";
// Accounts the email sweep looks at in one batch.
constexpr int kSweepBatch = 100;
// Keys a sign-in makes at most while the account keeps changing under it.
constexpr int kIssueKeyAttempts = 3;

google::protobuf::Timestamp ToProto(absl::Time t) {
  return TimeUtil::MillisecondsToTimestamp(absl::ToUnixMillis(t));
}

}  // namespace

absl::Status StaffAccounts::CheckAddress(const std::string& client_address, absl::Time now) {
  if (options_.signins_per_address_minute <= 0 || client_address.empty()) {
    return absl::OkStatus();
  }
  CADRE_ASSIGN_OR_RETURN(
      bool allowed, limits_->Allow("signin-address", Sha256Hex(kAddressLabel + client_address),
                                   options_.signins_per_address_minute, absl::Minutes(1), now));
  if (!allowed) return StaffAttemptsLimited("sign-ins from this address");
  return absl::OkStatus();
}

absl::StatusOr<cadre::v1::SignInStaffResponse> StaffAccounts::IssueKey(StoredStaff stored,
                                                                       absl::Status refused) {
  const std::string actor = stored.staff.name();  // the member signs themself in
  const std::string password_hash = stored.password_hash;
  for (int attempt = 1;; ++attempt) {
    const absl::Time now = clock_->Now();
    const absl::Time expire = now + options_.key_ttl;
    CADRE_ASSIGN_OR_RETURN(IssuedKey issued,
                           keys_->Create(NewKey{.kind = PrincipalKind::kBody,
                                                .subject = stored.body_code,
                                                .label = "staff sign-in",
                                                .expire_time = expire,
                                                .staff_id = stored.id,
                                                .staff_role = RoleFromProto(stored.staff.role())},
                                         actor, now));
    // A deactivation, a new role or a new link may have landed since the account was read
    // (a sign-in spends tens of ms in scrypt); its script revoked the keys there were
    // then, not this one. Read after the key exists, the account shows any change that
    // did not revoke it.
    CADRE_ASSIGN_OR_RETURN(absl::optional<StoredStaff> fresh, store_->Get(stored.id));
    if (fresh && fresh->version == stored.version) {
      CADRE_RETURN_IF_ERROR(store_->RecordSignIn(stored.id, now));
      *stored.staff.mutable_last_sign_in_time() = ToProto(now);
      cadre::v1::SignInStaffResponse response;
      *response.mutable_staff() = StaffWithEtag(stored);
      response.set_key(std::move(issued.secret));
      *response.mutable_key_expire_time() = ToProto(expire);
      return response;
    }
    CADRE_RETURN_IF_ERROR(
        keys_->RevokeHash(Sha256Hex(issued.secret), PrincipalKind::kBody, actor).status());
    // Still active with the password just checked (a new display name or role): a key as
    // the account is now.
    if (!fresh || fresh->staff.state() != cadre::v1::STAFF_STATE_ACTIVE ||
        fresh->password_hash != password_hash) {
      return refused;
    }
    if (attempt >= kIssueKeyAttempts) {
      return absl::AbortedError("the account changed while signing in: try again");
    }
    stored = *std::move(fresh);
  }
}

absl::StatusOr<cadre::v1::SignInStaffResponse> StaffAccounts::SetPassword(
    const cadre::v1::SetStaffPasswordRequest& req, const std::string& client_address) {
  const absl::Time now = clock_->Now();
  CADRE_RETURN_IF_ERROR(CheckAddress(client_address, now));
  if (!IsSetupTokenShape(req.setup_token())) return SetupTokenRefused();
  const std::string token_hash = Sha256Hex(req.setup_token());
  CADRE_ASSIGN_OR_RETURN(absl::optional<SetupRecord> setup, store_->FindSetup(token_hash));
  if (!setup || now >= setup->expire_time) return SetupTokenRefused();
  CADRE_ASSIGN_OR_RETURN(absl::optional<StoredStaff> stored, store_->Get(setup->staff_id));
  // A token the record no longer holds was replaced by a newer link or spent.
  if (!stored || stored->setup_hash != token_hash ||
      stored->staff.state() == cadre::v1::STAFF_STATE_DEACTIVATED) {
    return SetupTokenRefused();
  }
  if (!IsValidUtf8(req.password()) || Utf8Length(req.password()) < kMinPasswordLength ||
      Utf8Length(req.password()) > kMaxPasswordLength) {
    return InvalidField("password", absl::StrCat("must be ", kMinPasswordLength, " to ",
                                                 kMaxPasswordLength, " characters"));
  }
  CADRE_ASSIGN_OR_RETURN(stored->password_hash,
                         HashPasswordWithParams(req.password(), options_.scrypt));
  const StaffChange change{.actor = stored->staff.name(),
                           .action = "STAFF_PASSWORD_SET",
                           .time = clock_->Now(),
                           .rate_limit = 0,
                           .rate_subject = ""};
  stored->staff.set_state(cadre::v1::STAFF_STATE_ACTIVE);
  *stored->staff.mutable_update_time() = ToProto(change.time);
  // A new password ends every session of the account (someone who signed in with the old
  // one keeps nothing), as changing an applicant's password does.
  CADRE_ASSIGN_OR_RETURN(StaffWriteResult written, store_->Put(StaffPut{.record = &*stored,
                                                                        .set_password = true,
                                                                        .clear_setup = true,
                                                                        .revoke_keys = true},
                                                               change));
  // Another call spent the token (or the account changed) meanwhile: this one is refused.
  if (written.outcome != StaffWriteOutcome::kWritten) return SetupTokenRefused();
  ForgetKeys(written);
  ++stored->version;
  stored->setup_hash.clear();
  return IssueKey(*std::move(stored), SetupTokenRefused());
}

absl::StatusOr<cadre::v1::SignInStaffResponse> StaffAccounts::SignIn(
    const cadre::v1::SignInStaffRequest& req, const std::string& client_address) {
  if (req.email().size() > kMaxStaffEmail || req.password().size() > kMaxPasswordBytes) {
    return StaffSignInRefused();
  }
  const absl::Time now = clock_->Now();
  CADRE_RETURN_IF_ERROR(CheckAddress(client_address, now));
  // A malformed email is simply not recognised; it still counts as a failure.
  absl::StatusOr<std::string> email = NormaliseStaffEmail(req.email(), "email");
  const std::string email_key = Sha256Hex(kEmailLabel + (email.ok() ? *email : req.email()));
  CADRE_ASSIGN_OR_RETURN(bool locked, limits_->IsLocked(email_key, now));
  if (locked)
    return StaffSignInLocked(static_cast<int>(absl::ToInt64Minutes(options_.lockout.lock_for)));

  absl::optional<StoredStaff> stored;
  if (email.ok()) {
    CADRE_ASSIGN_OR_RETURN(absl::optional<std::string> id, store_->FindByEmail(*email));
    if (id) {
      CADRE_ASSIGN_OR_RETURN(stored, store_->Get(*id));
    }
  }
  // Exactly one scrypt run whatever the account's state: the dummy when there is no
  // password to check.
  const bool has_password = stored && !stored->password_hash.empty();
  absl::StatusOr<bool> matches =
      VerifyPassword(req.password(), has_password ? stored->password_hash : dummy_hash_);
  if (!matches.ok()) {
    log::Error("a stored password hash does not parse",
               {{"staff", has_password ? stored->staff.name() : "(dummy)"}});
  }
  const bool active = stored && stored->staff.state() == cadre::v1::STAFF_STATE_ACTIVE;
  if (!has_password || !active || !matches.ok() || !*matches) {
    CADRE_RETURN_IF_ERROR(limits_->RecordFailure(email_key, options_.lockout, now));
    return StaffSignInRefused();
  }
  return IssueKey(*std::move(stored), StaffSignInRefused());
}

absl::Status StaffAccounts::SignOut(const Principal& p, absl::string_view token) {
  CADRE_RETURN_IF_ERROR(RequireAuthenticated(p));
  if (!p.is_staff()) return NotAStaffKey();
  const std::string hash = Sha256Hex(token);
  CADRE_ASSIGN_OR_RETURN(bool revoked, keys_->RevokeHash(hash, PrincipalKind::kBody, p.Actor()));
  if (revoked) auth_->Forget(hash);
  return absl::OkStatus();
}

absl::StatusOr<int> StaffAccounts::SweepEmails() {
  const absl::Time before = clock_->Now() - options_.email_kept;
  int removed = 0;
  // Each pass takes the oldest; a removal takes the account off the list, so the next
  // pass sees the next ones. An account another replica changed meanwhile stays for the
  // next sweep.
  for (int pass = 0; pass < 1000; ++pass) {
    CADRE_ASSIGN_OR_RETURN(std::vector<std::string> ids,
                           store_->DeactivatedBefore(before, kSweepBatch));
    int done = 0;
    for (const std::string& id : ids) {
      CADRE_ASSIGN_OR_RETURN(absl::optional<StoredStaff> stored, store_->Get(id));
      if (!stored) continue;
      stored->staff.clear_email();
      const StaffChange change{.actor = kRegistryActor,
                               .action = "STAFF_EMAIL_REMOVED",
                               .time = clock_->Now(),
                               .rate_limit = 0,
                               .rate_subject = ""};
      CADRE_ASSIGN_OR_RETURN(
          StaffWriteResult written,
          store_->Put(StaffPut{.record = &*stored, .email_erased = true}, change));
      if (written.outcome == StaffWriteOutcome::kWritten) {
        ++removed;
        ++done;
      }
    }
    if (static_cast<int>(ids.size()) < kSweepBatch || done == 0) break;
  }
  return removed;
}

}  // namespace cadre::registry
