#include "services/matching/registry_keys.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "services/common/base/errors.h"

namespace cadre::matching {

RegistryKeys::RegistryKeys(const std::shared_ptr<grpc::ChannelInterface>& channel,
                           const std::string& service_key, absl::Duration deadline)
    : registry_(channel, service_key, deadline, "the key service is unavailable; retry shortly") {}

absl::StatusOr<std::string> RegistryKeys::Register(const std::string& applicant_id,
                                                   const std::string& key_sha256,
                                                   absl::Time expire_time,
                                                   const std::string& label) {
  cadre::v1::RegisterApplicantKeyRequest request;
  request.set_applicant(applicant_id);
  request.set_key_sha256(key_sha256);
  *request.mutable_expire_time() =
      google::protobuf::util::TimeUtil::MillisecondsToTimestamp(absl::ToUnixMillis(expire_time));
  request.set_label(label);
  cadre::v1::RegisterApplicantKeyResponse response;
  if (absl::Status s =
          registry_.Call(&cadre::v1::Registry::Stub::RegisterApplicantKey, request, &response);
      !s.ok()) {
    return s;
  }
  return response.key_id();
}

absl::StatusOr<bool> RegistryKeys::RevokeOne(const std::string& key_sha256) {
  cadre::v1::RevokeApplicantKeyRequest request;
  request.set_key_sha256(key_sha256);
  cadre::v1::RevokeApplicantKeyResponse response;
  if (absl::Status s =
          registry_.Call(&cadre::v1::Registry::Stub::RevokeApplicantKey, request, &response);
      !s.ok()) {
    return s;
  }
  return response.revoked();
}

absl::StatusOr<int> RegistryKeys::RevokeAll(const std::string& applicant_id) {
  cadre::v1::RevokeSubjectKeysRequest request;
  request.set_kind(cadre::v1::PRINCIPAL_KIND_APPLICANT);
  request.set_subject(applicant_id);
  cadre::v1::RevokeSubjectKeysResponse response;
  if (absl::Status s =
          registry_.Call(&cadre::v1::Registry::Stub::RevokeSubjectKeys, request, &response);
      !s.ok()) {
    return s;
  }
  return response.revoked();
}

absl::StatusOr<cadre::v1::ListSubjectKeysResponse> RegistryKeys::List(
    const std::string& applicant_id) {
  cadre::v1::ListSubjectKeysRequest request;
  request.set_kind(cadre::v1::PRINCIPAL_KIND_APPLICANT);
  request.set_subject(applicant_id);
  cadre::v1::ListSubjectKeysResponse response;
  if (absl::Status s =
          registry_.Call(&cadre::v1::Registry::Stub::ListSubjectKeys, request, &response);
      !s.ok()) {
    return s;
  }
  return response;
}

}  // namespace cadre::matching
