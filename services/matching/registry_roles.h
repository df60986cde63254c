#pragma once

// The matching service's calls to the registry about roles: reading one (the matching
// service's principal may read every role, whatever its state) and marking one filled
// when every place has been accepted (the one state change that principal may make).
// Each call carries the matching service's key and a deadline, and blocks.
//
// Errors: the registry's status (FAILED_PRECONDITION when the role is no longer OPEN,
// NOT_FOUND, UNAVAILABLE when it cannot be reached in time).

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "cadre/v1/registry.pb.h"
#include "services/matching/registry_caller.h"

namespace cadre::matching {

class RegistryRoles {
 public:
  RegistryRoles(const std::shared_ptr<grpc::ChannelInterface>& channel,
                const std::string& service_key, absl::Duration deadline)
      : registry_(channel, service_key, deadline,
                  "the role registry is unavailable; retry shortly") {}

  absl::StatusOr<cadre::v1::Role> Get(const std::string& role_name) const;
  // CloseRole with state FILLED and `reason`.
  absl::StatusOr<cadre::v1::Role> MarkFilled(const std::string& role_name,
                                             const std::string& reason) const;

 private:
  RegistryCaller registry_;
};

}  // namespace cadre::matching
