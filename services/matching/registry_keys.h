#pragma once

// The matching service's calls to the registry, which owns every key: an applicant's
// secret is made here and only its SHA-256 is registered there. Each call carries the
// matching service's own key and a deadline, and blocks (call it from a worker thread).
//
// Errors: the registry's status as it answered (UNAVAILABLE when it cannot be reached or
// the deadline passes), with the caller-safe message "the key service is unavailable;
// retry shortly" on UNAVAILABLE and DEADLINE_EXCEEDED.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "cadre/v1/registry.grpc.pb.h"
#include "services/matching/registry_caller.h"

namespace cadre::matching {

class RegistryKeys {
 public:
  // `service_key`: the matching service's key (never logged); `deadline` per call.
  RegistryKeys(const std::shared_ptr<grpc::ChannelInterface>& channel,
               const std::string& service_key, absl::Duration deadline);

  // Registers the hash of an applicant's new secret; returns its key id.
  absl::StatusOr<std::string> Register(const std::string& applicant_id,
                                       const std::string& key_sha256, absl::Time expire_time,
                                       const std::string& label);
  // Revokes one applicant key by its hash; whether a live key was revoked.
  absl::StatusOr<bool> RevokeOne(const std::string& key_sha256);
  // Revokes every key of the applicant; how many.
  absl::StatusOr<int> RevokeAll(const std::string& applicant_id);
  absl::StatusOr<cadre::v1::ListSubjectKeysResponse> List(const std::string& applicant_id);

 private:
  RegistryCaller registry_;
};

}  // namespace cadre::matching
