#include "services/matching/registry_keys.h"

#include <grpcpp/client_context.h>

#include <chrono>
#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "services/common/base/errors.h"

namespace cadre::matching {
namespace {

absl::Status FromGrpc(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  const auto code = static_cast<absl::StatusCode>(status.error_code());
  absl::Status result(code, absl::StrCat("registry: ", status.error_message()));
  if (code == absl::StatusCode::kUnavailable || code == absl::StatusCode::kDeadlineExceeded) {
    return WithCallerMessage(absl::UnavailableError(result.message()),
                             "the key service is unavailable; retry shortly");
  }
  return result;
}

}  // namespace

RegistryKeys::RegistryKeys(const std::shared_ptr<grpc::ChannelInterface>& channel,
                           const std::string& service_key, absl::Duration deadline)
    : stub_(cadre::v1::Registry::NewStub(channel)),
      authorization_(service_key.empty() ? "" : absl::StrCat("Bearer ", service_key)),
      deadline_(deadline) {}

template <typename Request, typename Response, typename Method>
absl::Status RegistryKeys::Call(Method method, const Request& request, Response* response) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + absl::ToChronoMilliseconds(deadline_));
  if (!authorization_.empty()) context.AddMetadata("authorization", authorization_);
  return FromGrpc(((*stub_).*method)(&context, request, response));
}

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
  if (absl::Status s = Call(&cadre::v1::Registry::Stub::RegisterApplicantKey, request, &response);
      !s.ok()) {
    return s;
  }
  return response.key_id();
}

absl::StatusOr<bool> RegistryKeys::RevokeOne(const std::string& key_sha256) {
  cadre::v1::RevokeApplicantKeyRequest request;
  request.set_key_sha256(key_sha256);
  cadre::v1::RevokeApplicantKeyResponse response;
  if (absl::Status s = Call(&cadre::v1::Registry::Stub::RevokeApplicantKey, request, &response);
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
  if (absl::Status s = Call(&cadre::v1::Registry::Stub::RevokeSubjectKeys, request, &response);
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
  if (absl::Status s = Call(&cadre::v1::Registry::Stub::ListSubjectKeys, request, &response);
      !s.ok()) {
    return s;
  }
  return response;
}

}  // namespace cadre::matching
