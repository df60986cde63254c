#include "services/matching/accounts.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "services/common/auth.h"
#include "services/common/base/status_macros.h"
#include "services/common/logging.h"
#include "services/matching/domain/dates.h"
#include "services/matching/domain/email.h"
#include "services/matching/domain/errors.h"
#include "services/matching/domain/names.h"
#include "services/matching/domain/password_policy.h"
#include "services/matching/domain/policy.h"
#include "services/matching/domain/profile_rules.h"

namespace cadre::matching {
namespace {

using google::protobuf::util::TimeUtil;

constexpr char kEmailLabel[] = "email";
constexpr char kAddressLabel[] = "address";

google::protobuf::Timestamp ToProto(absl::Time t) {
  return TimeUtil::MillisecondsToTimestamp(absl::ToUnixMillis(t));
}

// What a store outcome other than kWritten means to the caller of an applicant's change.
absl::Status ChangeRefused(const StoreResult& result, const std::string& name) {
  switch (result.outcome) {
    case StoreOutcome::kWritten:
      return absl::OkStatus();
    case StoreOutcome::kEmailTaken:
      return EmailTaken();
    case StoreOutcome::kNotFound:
      return ApplicantNotFound(name);
    default:
      return cadre::EtagMismatch(name);
  }
}

}  // namespace

Accounts::Accounts(ApplicantStore* store, AttemptLimits* limits, RegistryKeys* registry,
                   const EmailKeyer* keyer, const Clock* clock, AccountsOptions options)
    : store_(store),
      limits_(limits),
      registry_(registry),
      keyer_(keyer),
      clock_(clock),
      options_(std::move(options)) {
  // A hash of a random password with the same parameters as real ones.
  auto secret = NewApplicantSecret();
  auto hash =
      HashPasswordWithParams(secret.ok() ? *secret : "dummy-password-for-timing", options_.scrypt);
  dummy_hash_ = hash.ok() ? *std::move(hash) : std::string();
}

absl::Status Accounts::CheckSignUpLimits(const Principal& caller, const std::string& email_key,
                                         const CallOrigin& origin) {
  if (caller.is_admin()) return absl::OkStatus();
  const absl::Time now = clock_->Now();
  if (options_.signups_per_address_hour > 0 && !origin.client_address.empty()) {
    CADRE_ASSIGN_OR_RETURN(
        bool allowed,
        limits_->Allow("signup-address", keyer_->Of(kAddressLabel, origin.client_address),
                       options_.signups_per_address_hour, absl::Hours(1), now));
    if (!allowed) return RateLimited("sign-ups from this address");
  }
  if (options_.signups_per_email_hour > 0) {
    CADRE_ASSIGN_OR_RETURN(
        bool allowed, limits_->Allow("signup-email", email_key, options_.signups_per_email_hour,
                                     absl::Hours(1), now));
    if (!allowed) return RateLimited("sign-ups for this email");
  }
  return absl::OkStatus();
}

absl::StatusOr<Accounts::NewKey> Accounts::IssueKey(const std::string& applicant_id,
                                                    absl::string_view label) {
  CADRE_ASSIGN_OR_RETURN(std::string secret, NewApplicantSecret());
  const absl::Time expire_time = clock_->Now() + options_.key_ttl;
  CADRE_RETURN_IF_ERROR(
      registry_->Register(applicant_id, Sha256Hex(secret), expire_time, std::string(label))
          .status());
  return NewKey{.secret = std::move(secret), .expire_time = expire_time};
}

absl::StatusOr<cadre::v1::SignUpResponse> Accounts::SignUp(const Principal& caller,
                                                           const cadre::v1::SignUpRequest& request,
                                                           const CallOrigin& origin) {
  const absl::Time now = clock_->Now();
  CADRE_RETURN_IF_ERROR(
      ValidateSignUp(request, DateIn(now, LondonTime()), options_.privacy_notice_version));
  CADRE_ASSIGN_OR_RETURN(std::string email, NormaliseEmail(request.email(), "email"));
  const std::string email_key = keyer_->Of(kEmailLabel, email);
  CADRE_RETURN_IF_ERROR(CheckSignUpLimits(caller, email_key, origin));
  // Cheap before the expensive: a held email costs no scrypt run.
  CADRE_ASSIGN_OR_RETURN(auto holder, store_->FindByEmailKey(email_key));
  if (holder.has_value()) return EmailTaken();
  CADRE_ASSIGN_OR_RETURN(std::string password_hash,
                         HashPasswordWithParams(request.password(), options_.scrypt));

  const std::string id = NewApplicantId(SecureRandom64);
  StoredApplicant record;
  cadre::v1::Applicant& applicant = record.applicant;
  applicant.set_name(ApplicantName(id));
  applicant.set_email(email);
  *applicant.mutable_profile() = request.profile();
  NormaliseNewProfile(applicant.mutable_profile());
  *applicant.mutable_consent() = request.consent();
  *applicant.mutable_consent()->mutable_agree_time() = ToProto(now);
  applicant.set_state(cadre::v1::APPLICANT_STATE_PENDING);
  *applicant.mutable_create_time() = ToProto(now);
  *applicant.mutable_update_time() = ToProto(now);
  record.password_hash = std::move(password_hash);
  record.email_key = email_key;
  const std::string actor = caller.is_admin() ? caller.Actor() : applicant.name();
  CADRE_ASSIGN_OR_RETURN(
      StoreResult created,
      store_->CreatePending(record, now + options_.pending_ttl,
                            Change{.action = "sign-up", .actor = actor, .time = now}));
  if (created.outcome != StoreOutcome::kWritten) return EmailTaken();
  record.version = 1;

  absl::StatusOr<NewKey> key = IssueKey(id, "sign-up");
  if (!key.ok()) {
    // Free the email now; the sweep removes the record if this fails too.
    if (auto removed = store_->RemovePending(id, clock_->Now()); !removed.ok()) {
      log::Warn(
          "pending sign-up left for the sweep",
          {{"applicant", applicant.name()}, {"error", std::string(removed.status().message())}});
    }
    return key.status();
  }
  applicant.set_state(cadre::v1::APPLICANT_STATE_ACTIVE);
  CADRE_ASSIGN_OR_RETURN(
      StoreResult activated,
      store_->Activate(record, Change{.event = cadre::v1::MatchingEvent::APPLICANT_SIGNED_UP,
                                      .action = "activate",
                                      .actor = actor,
                                      .time = clock_->Now()}));
  CADRE_RETURN_IF_ERROR(ChangeRefused(activated, applicant.name()));

  cadre::v1::SignUpResponse response;
  *response.mutable_applicant() = applicant;
  response.mutable_applicant()->set_etag(absl::StrCat(record.version + 1));
  response.set_key(key->secret);
  *response.mutable_key_expire_time() = ToProto(key->expire_time);
  return response;
}

absl::StatusOr<cadre::v1::SignInResponse> Accounts::SignIn(const Principal& /*caller*/,
                                                           const cadre::v1::SignInRequest& request,
                                                           const CallOrigin& origin) {
  if (request.email().size() > 254 || request.password().size() > kMaxPasswordBytes) {
    return SignInRefused();
  }
  const absl::Time now = clock_->Now();
  if (options_.signins_per_address_minute > 0 && !origin.client_address.empty()) {
    CADRE_ASSIGN_OR_RETURN(
        bool allowed,
        limits_->Allow("signin-address", keyer_->Of(kAddressLabel, origin.client_address),
                       options_.signins_per_address_minute, absl::Minutes(1), now));
    if (!allowed) return RateLimited("sign-ins from this address");
  }
  // A malformed email is simply not recognised; it still counts as a failure.
  absl::StatusOr<std::string> email = NormaliseEmail(request.email(), "email");
  const std::string email_key = keyer_->Of(kEmailLabel, email.ok() ? *email : request.email());
  CADRE_ASSIGN_OR_RETURN(bool locked, limits_->IsLocked(email_key, now));
  if (locked) return SignInLocked();

  absl::optional<StoredApplicant> stored;
  if (email.ok()) {
    CADRE_ASSIGN_OR_RETURN(auto id, store_->FindByEmailKey(email_key));
    if (id.has_value()) {
      CADRE_ASSIGN_OR_RETURN(stored, store_->Get(*id));
    }
  }
  const std::string& hash = stored.has_value() ? stored->password_hash : dummy_hash_;
  absl::StatusOr<bool> matches = VerifyPassword(request.password(), hash);
  if (!matches.ok()) {
    log::Error("a stored password hash does not parse",
               {{"applicant", stored.has_value() ? stored->applicant.name() : "(dummy)"}});
  }
  if (!stored.has_value() || !matches.ok() || !*matches) {
    CADRE_RETURN_IF_ERROR(limits_->RecordFailure(email_key, options_.lockout, now));
    return SignInRefused();
  }
  if (stored->applicant.state() != cadre::v1::APPLICANT_STATE_ACTIVE) return PendingApplicant();
  CADRE_ASSIGN_OR_RETURN(const std::string id,
                         ParseApplicantName(stored->applicant.name(), "applicant"));
  CADRE_ASSIGN_OR_RETURN(NewKey key, IssueKey(id, "sign-in"));
  cadre::v1::SignInResponse response;
  response.set_applicant(stored->applicant.name());
  response.set_key(key.secret);
  *response.mutable_key_expire_time() = ToProto(key.expire_time);
  return response;
}

absl::Status Accounts::SignOut(const Principal& caller, absl::string_view token) {
  CADRE_RETURN_IF_ERROR(SelfApplicantId(caller).status());
  return registry_->RevokeOne(Sha256Hex(token)).status();
}

absl::StatusOr<StoredApplicant> Accounts::LoadCheckingPassword(const Principal& caller,
                                                               absl::string_view password) {
  CADRE_ASSIGN_OR_RETURN(const std::string id, SelfApplicantId(caller));
  CADRE_ASSIGN_OR_RETURN(auto stored, store_->Get(id));
  if (!stored.has_value()) return ApplicantNotFound(ApplicantName(id));
  // Guessing the current password with a stolen key meets the sign-in lockout.
  const absl::Time now = clock_->Now();
  CADRE_ASSIGN_OR_RETURN(bool locked, limits_->IsLocked(stored->email_key, now));
  if (locked) return SignInLocked();
  CADRE_ASSIGN_OR_RETURN(bool matches, VerifyPassword(password, stored->password_hash));
  if (!matches) {
    CADRE_RETURN_IF_ERROR(limits_->RecordFailure(stored->email_key, options_.lockout, now));
    return WrongCurrentPassword();
  }
  return *std::move(stored);
}

absl::StatusOr<cadre::v1::Applicant> Accounts::ChangeEmail(
    const Principal& caller, const cadre::v1::ChangeEmailRequest& request) {
  CADRE_ASSIGN_OR_RETURN(std::string email, NormaliseEmail(request.new_email(), "new_email"));
  CADRE_ASSIGN_OR_RETURN(StoredApplicant stored,
                         LoadCheckingPassword(caller, request.current_password()));
  const absl::Time now = clock_->Now();
  stored.previous_email_key = stored.email_key;
  stored.email_key = keyer_->Of(kEmailLabel, email);
  stored.applicant.set_email(email);
  *stored.applicant.mutable_update_time() = ToProto(now);
  CADRE_ASSIGN_OR_RETURN(
      StoreResult result,
      store_->Update(stored, Change{.event = cadre::v1::MatchingEvent::APPLICANT_UPDATED,
                                    .action = "change-email",
                                    .actor = caller.Actor(),
                                    .time = now}));
  CADRE_RETURN_IF_ERROR(ChangeRefused(result, stored.applicant.name()));
  stored.applicant.set_etag(absl::StrCat(stored.version + 1));
  return stored.applicant;
}

absl::Status Accounts::ChangePassword(const Principal& caller,
                                      const cadre::v1::ChangePasswordRequest& request) {
  CADRE_ASSIGN_OR_RETURN(StoredApplicant stored,
                         LoadCheckingPassword(caller, request.current_password()));
  CADRE_RETURN_IF_ERROR(
      CheckPassword(request.new_password(), stored.applicant.email(), "new_password"));
  CADRE_ASSIGN_OR_RETURN(stored.password_hash,
                         HashPasswordWithParams(request.new_password(), options_.scrypt));
  const absl::Time now = clock_->Now();
  *stored.applicant.mutable_update_time() = ToProto(now);
  CADRE_ASSIGN_OR_RETURN(
      StoreResult result,
      store_->Update(stored, Change{.event = cadre::v1::MatchingEvent::APPLICANT_UPDATED,
                                    .action = "change-password",
                                    .actor = caller.Actor(),
                                    .time = now}));
  return ChangeRefused(result, stored.applicant.name());
}

absl::StatusOr<cadre::v1::ResetPasswordResponse> Accounts::ResetPassword(
    const Principal& caller, const cadre::v1::ResetPasswordRequest& request) {
  CADRE_RETURN_IF_ERROR(RequireAdmin(caller));
  CADRE_ASSIGN_OR_RETURN(const std::string id,
                         ParseApplicantName(request.applicant(), "applicant"));
  CADRE_ASSIGN_OR_RETURN(auto stored, store_->Get(id));
  if (!stored.has_value()) return ApplicantNotFound(request.applicant());
  CADRE_RETURN_IF_ERROR(
      CheckPassword(request.new_password(), stored->applicant.email(), "new_password"));
  CADRE_ASSIGN_OR_RETURN(stored->password_hash,
                         HashPasswordWithParams(request.new_password(), options_.scrypt));
  const absl::Time now = clock_->Now();
  *stored->applicant.mutable_update_time() = ToProto(now);
  CADRE_ASSIGN_OR_RETURN(
      StoreResult result,
      store_->Update(*stored, Change{.event = cadre::v1::MatchingEvent::APPLICANT_UPDATED,
                                     .action = "reset-password",
                                     .actor = caller.Actor(),
                                     .time = now}));
  CADRE_RETURN_IF_ERROR(ChangeRefused(result, request.applicant()));
  cadre::v1::ResetPasswordResponse response;
  CADRE_ASSIGN_OR_RETURN(const int revoked, registry_->RevokeAll(id));
  response.set_keys_revoked(revoked);
  return response;
}

absl::StatusOr<int> Accounts::SweepPending() {
  const absl::Time now = clock_->Now();
  CADRE_ASSIGN_OR_RETURN(std::vector<std::string> due, store_->DuePending(now, 100));
  int removed = 0;
  for (const std::string& id : due) {
    CADRE_ASSIGN_OR_RETURN(StoreResult result, store_->RemovePending(id, now));
    if (result.outcome == StoreOutcome::kWritten) ++removed;
  }
  return removed;
}

}  // namespace cadre::matching
