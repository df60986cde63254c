// RegistryService: the API key handlers. The registry owns every key: bodies', admins',
// services' and (registered by the matching service, which alone sees their secrets)
// applicants'. Each revocation drops the keys from this replica's key cache at once.

#include <string>
#include <vector>

#include "google/protobuf/util/time_util.h"
#include "services/common/base/status_macros.h"
#include "services/common/service_keys.h"
#include "services/registry/domain/errors.h"
#include "services/registry/domain/limits.h"
#include "services/registry/domain/policy.h"
#include "services/registry/domain/validation.h"
#include "services/registry/registry_service.h"

namespace cadre::registry {
namespace {

static_assert(kMatchingService == kMatchingSubject, "one name for the matching service");

google::protobuf::Timestamp ToTimestamp(absl::Time t) {
  return google::protobuf::util::TimeUtil::NanosecondsToTimestamp(absl::ToUnixNanos(t));
}

}  // namespace

void RegistryService::CreateApiKey(UnaryCall* call, const cadre::v1::CreateApiKeyRequest* req,
                                   cadre::v1::CreateApiKeyResponse* resp) {
  Serve(call, Mode::kWrite, [=, this](const Principal& p) -> absl::Status {
    CADRE_RETURN_IF_ERROR(RequireAuthenticated(p));
    CADRE_ASSIGN_OR_RETURN(Principal holder, ValidateCreateApiKey(*req, *d_.catalog));
    const absl::Time now = d_.clock->Now();
    CADRE_ASSIGN_OR_RETURN(
        absl::optional<absl::Time> expire,
        ValidateKeyExpiry(req->has_expire_time(), req->expire_time(), now, false, "expire_time"));
    CADRE_RETURN_IF_ERROR(CheckKeyIssue(p, holder));
    // Never a staff member's key (CheckKeyIssue): theirs come from signing in.
    CADRE_ASSIGN_OR_RETURN(
        IssuedKey issued,
        d_.keys->Create({holder.kind, holder.subject, req->label(), expire, "", StaffRole::kNone},
                        p.Actor(), now));
    resp->set_key_id(issued.key_id);
    resp->set_secret(issued.secret);
    return absl::OkStatus();
  });
}

void RegistryService::RevokeApiKey(UnaryCall* call, const cadre::v1::RevokeApiKeyRequest* req,
                                   cadre::v1::RevokeApiKeyResponse*) {
  Serve(call, Mode::kWrite, [=, this](const Principal& p) -> absl::Status {
    CADRE_RETURN_IF_ERROR(RequireAuthenticated(p));
    CADRE_RETURN_IF_ERROR(ValidateRevokeApiKey(*req));
    CADRE_ASSIGN_OR_RETURN(absl::optional<Principal> holder, d_.keys->FindById(req->key_id()));
    if (!holder) return KeyNotFound(req->key_id());
    CADRE_RETURN_IF_ERROR(CheckKeyRevoke(p, *holder));
    absl::StatusOr<std::string> hash = d_.keys->Revoke(req->key_id(), p.Actor());
    if (absl::IsNotFound(hash.status())) return KeyNotFound(req->key_id());
    CADRE_RETURN_IF_ERROR(hash.status());
    d_.auth->Forget(*hash);
    return absl::OkStatus();
  });
}

void RegistryService::RegisterApplicantKey(UnaryCall* call,
                                           const cadre::v1::RegisterApplicantKeyRequest* req,
                                           cadre::v1::RegisterApplicantKeyResponse* resp) {
  Serve(call, Mode::kWrite, [=, this](const Principal& p) -> absl::Status {
    CADRE_RETURN_IF_ERROR(CheckMatchingService(p));
    const absl::Time now = d_.clock->Now();
    CADRE_ASSIGN_OR_RETURN(ApplicantKeyRegistration r, ValidateRegisterApplicantKey(*req, now));
    CADRE_ASSIGN_OR_RETURN(*resp->mutable_key_id(),
                           d_.keys->Register({PrincipalKind::kApplicant, r.applicant, r.label,
                                              r.expire_time, "", StaffRole::kNone},
                                             r.key_sha256, p.Actor(), now));
    return absl::OkStatus();
  });
}

void RegistryService::RevokeApplicantKey(UnaryCall* call,
                                         const cadre::v1::RevokeApplicantKeyRequest* req,
                                         cadre::v1::RevokeApplicantKeyResponse* resp) {
  Serve(call, Mode::kWrite, [=, this](const Principal& p) -> absl::Status {
    CADRE_RETURN_IF_ERROR(CheckMatchingService(p));
    CADRE_RETURN_IF_ERROR(ValidateRevokeApplicantKey(*req));
    CADRE_ASSIGN_OR_RETURN(
        bool revoked, d_.keys->RevokeHash(req->key_sha256(), PrincipalKind::kApplicant, p.Actor()));
    if (revoked) d_.auth->Forget(req->key_sha256());
    resp->set_revoked(revoked);
    return absl::OkStatus();
  });
}

void RegistryService::RevokeSubjectKeys(UnaryCall* call,
                                        const cadre::v1::RevokeSubjectKeysRequest* req,
                                        cadre::v1::RevokeSubjectKeysResponse* resp) {
  Serve(call, Mode::kWrite, [=, this](const Principal& p) -> absl::Status {
    CADRE_RETURN_IF_ERROR(CheckSubjectKeysCaller(p));
    CADRE_ASSIGN_OR_RETURN(Principal holder, ValidateSubjectKeys(req->kind(), req->subject()));
    CADRE_RETURN_IF_ERROR(CheckSubjectKeysAccess(p, holder));
    CADRE_ASSIGN_OR_RETURN(std::vector<std::string> hashes,
                           d_.keys->RevokeSubject(holder.kind, holder.subject, p.Actor()));
    for (const std::string& hash : hashes) d_.auth->Forget(hash);
    resp->set_revoked(static_cast<int32_t>(hashes.size()));
    return absl::OkStatus();
  });
}

void RegistryService::ListSubjectKeys(UnaryCall* call, const cadre::v1::ListSubjectKeysRequest* req,
                                      cadre::v1::ListSubjectKeysResponse* resp) {
  // A write's mode: the answer is read from Redis, not from the view.
  Serve(call, Mode::kWrite, [=, this](const Principal& p) -> absl::Status {
    CADRE_RETURN_IF_ERROR(CheckSubjectKeysCaller(p));
    CADRE_ASSIGN_OR_RETURN(Principal holder, ValidateSubjectKeys(req->kind(), req->subject()));
    CADRE_RETURN_IF_ERROR(CheckSubjectKeysAccess(p, holder));
    CADRE_ASSIGN_OR_RETURN(
        std::vector<KeyRecord> keys,
        d_.keys->ListSubject(holder.kind, holder.subject, d_.clock->Now(), kMaxSubjectKeysListed));
    for (const KeyRecord& key : keys) {
      cadre::v1::SubjectKey* out = resp->add_keys();
      out->set_key_id(key.principal.key_id);
      out->set_label(key.label);
      *out->mutable_create_time() = ToTimestamp(key.create_time);
      if (key.expire_time) *out->mutable_expire_time() = ToTimestamp(*key.expire_time);
    }
    return absl::OkStatus();
  });
}

}  // namespace cadre::registry
