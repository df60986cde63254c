#pragma once

// One blocking call to the registry as the matching service: its key in
// `authorization: Bearer <key>` (never logged) and a deadline. Shared by the registry
// clients (registry_keys.h, registry_roles.h); call from a worker thread.
//
// Errors: the registry's status as it answered, its message prefixed "registry: ";
// UNAVAILABLE (with the caller-safe message `unavailable_words`) when it cannot be
// reached or the deadline passes.

#include <grpcpp/client_context.h>

#include <chrono>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "cadre/v1/registry.grpc.pb.h"
#include "services/common/base/errors.h"

namespace cadre::matching {

class RegistryCaller {
 public:
  RegistryCaller(const std::shared_ptr<grpc::ChannelInterface>& channel,
                 const std::string& service_key, absl::Duration deadline,
                 std::string unavailable_words)
      : stub_(cadre::v1::Registry::NewStub(channel)),
        authorization_(service_key.empty() ? "" : absl::StrCat("Bearer ", service_key)),
        deadline_(deadline),
        unavailable_words_(std::move(unavailable_words)) {}

  template <typename Request, typename Response, typename Method>
  absl::Status Call(Method method, const Request& request, Response* response) const {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + absl::ToChronoMilliseconds(deadline_));
    if (!authorization_.empty()) context.AddMetadata("authorization", authorization_);
    return FromGrpc(((*stub_).*method)(&context, request, response));
  }

 private:
  absl::Status FromGrpc(const grpc::Status& status) const {
    if (status.ok()) return absl::OkStatus();
    const auto code = static_cast<absl::StatusCode>(status.error_code());
    absl::Status result(code, absl::StrCat("registry: ", status.error_message()));
    if (code == absl::StatusCode::kUnavailable || code == absl::StatusCode::kDeadlineExceeded) {
      return WithCallerMessage(absl::UnavailableError(result.message()), unavailable_words_);
    }
    return result;
  }

  std::unique_ptr<cadre::v1::Registry::Stub> stub_;
  std::string authorization_;  // "Bearer <key>", or empty
  absl::Duration deadline_;
  std::string unavailable_words_;
};

}  // namespace cadre::matching
