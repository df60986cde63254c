#include "services/matching/credentials.h"

#include <utility>

#include "google/protobuf/util/time_util.h"
#include "services/common/base/errors.h"
#include "services/common/base/status_macros.h"
#include "services/common/base/validation.h"
#include "services/matching/domain/credential_rules.h"
#include "services/matching/domain/dates.h"
#include "services/matching/domain/errors.h"
#include "services/matching/domain/limits.h"
#include "services/matching/domain/names.h"
#include "services/matching/domain/policy.h"

namespace cadre::matching {
namespace {

google::protobuf::Timestamp ToProto(absl::Time t) {
  return google::protobuf::util::TimeUtil::MillisecondsToTimestamp(absl::ToUnixMillis(t));
}

}  // namespace

cadre::v1::Credential Credentials::WithStatus(cadre::v1::Credential credential) const {
  credential.set_status(StatusOn(credential, DateIn(clock_->Now(), LondonTime())));
  return credential;
}

absl::StatusOr<cadre::v1::Credential> Credentials::Grant(
    const Principal& caller, const cadre::v1::GrantCredentialRequest& request) {
  CADRE_RETURN_IF_ERROR(MayGrantCredential(caller));
  CADRE_ASSIGN_OR_RETURN(const std::string id,
                         ParseApplicantName(request.applicant(), "applicant"));
  CADRE_RETURN_IF_ERROR(ValidateRequestId(request.request_id(), "request_id"));
  const absl::Time now = clock_->Now();
  CADRE_RETURN_IF_ERROR(
      ValidateGrant(request.credential(), DateIn(now, LondonTime()), "credential"));
  cadre::v1::Credential credential = request.credential();
  // The body's credential, whoever of its staff granted it; the audit entry names them.
  credential.set_granted_by(GrantedBy(caller));
  *credential.mutable_grant_time() = ToProto(now);
  credential.clear_revoke_reason();
  credential.clear_revoke_time();
  CADRE_ASSIGN_OR_RETURN(const int64_t n, store_->NextNumber(id));
  CADRE_ASSIGN_OR_RETURN(
      StoreResult result,
      store_->Grant(id, n, credential, request.request_id(), kMaxCredentialsPerPerson,
                    Change{.event = cadre::v1::MatchingEvent::CREDENTIAL_GRANTED,
                           .action = "grant-credential",
                           .actor = caller.Actor(),
                           .time = now}));
  switch (result.outcome) {
    case StoreOutcome::kWritten:
      credential.set_name(CredentialName(id, n));
      return WithStatus(std::move(credential));
    case StoreOutcome::kDuplicate: {
      CADRE_ASSIGN_OR_RETURN(CredentialRef prior,
                             ParseCredentialName(result.prior_resource, "request_id"));
      CADRE_ASSIGN_OR_RETURN(auto stored, store_->Get(prior.applicant_id, prior.n));
      if (!stored.has_value()) return CredentialNotFound(result.prior_resource);
      return WithStatus(*std::move(stored));
    }
    case StoreOutcome::kTooMany:
      return TooManyCredentials();
    default:
      return ApplicantNotFound(request.applicant());
  }
}

absl::StatusOr<cadre::v1::Credential> Credentials::Revoke(
    const Principal& caller, const cadre::v1::RevokeCredentialRequest& request) {
  CADRE_RETURN_IF_ERROR(RequireAuthenticated(caller));
  // A viewer changes nothing: told so before anything is looked up.
  CADRE_RETURN_IF_ERROR(NotAViewer(caller));
  CADRE_ASSIGN_OR_RETURN(CredentialRef ref, ParseCredentialName(request.name(), "name"));
  CADRE_RETURN_IF_ERROR(ValidateRevokeReason(request.reason(), "reason"));
  CADRE_ASSIGN_OR_RETURN(auto stored, store_->Get(ref.applicant_id, ref.n));
  // A body that did not grant it is told it does not exist, not that it may not.
  if (!stored.has_value() || !MayRevokeCredential(caller, stored->granted_by()).ok()) {
    return CredentialNotFound(request.name());
  }
  if (stored->has_revoke_time()) return WithStatus(*std::move(stored));  // already revoked
  const absl::Time now = clock_->Now();
  cadre::v1::Credential revoked = *stored;
  revoked.set_revoke_reason(request.reason());
  *revoked.mutable_revoke_time() = ToProto(now);
  CADRE_ASSIGN_OR_RETURN(
      StoreResult result,
      store_->Replace(ref.applicant_id, ref.n, *stored, revoked,
                      Change{.event = cadre::v1::MatchingEvent::CREDENTIAL_REVOKED,
                             .action = "revoke-credential",
                             .actor = caller.Actor(),
                             .time = now}));
  if (result.outcome == StoreOutcome::kNotFound) return CredentialNotFound(request.name());
  if (result.outcome != StoreOutcome::kWritten) return cadre::EtagMismatch(request.name());
  return WithStatus(std::move(revoked));
}

absl::StatusOr<cadre::v1::ListCredentialsResponse> Credentials::List(
    const Principal& caller, const cadre::v1::ListCredentialsRequest& request) {
  std::string id;
  if (request.applicant().empty()) {
    CADRE_ASSIGN_OR_RETURN(id, SelfApplicantId(caller));
  } else {
    CADRE_ASSIGN_OR_RETURN(id, ParseApplicantName(request.applicant(), "applicant"));
    if (caller.kind != PrincipalKind::kBody) {
      CADRE_RETURN_IF_ERROR(MayActAsApplicant(caller, id));
    }
  }
  CADRE_ASSIGN_OR_RETURN(std::vector<cadre::v1::Credential> all, store_->List(id));
  cadre::v1::ListCredentialsResponse response;
  for (cadre::v1::Credential& credential : all) {
    // A body sees only what it granted: nothing else about the person.
    if (!MaySeeCredential(caller, id, credential)) continue;
    *response.add_credentials() = WithStatus(std::move(credential));
  }
  return response;
}

}  // namespace cadre::matching
