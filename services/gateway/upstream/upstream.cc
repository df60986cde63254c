#include "services/gateway/upstream/upstream.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

#include <chrono>

#include "absl/strings/str_cat.h"
#include "services/common/base/errors.h"

namespace cadre::gateway {

inline constexpr char kRegistryService[] = "cadre.v1.Registry";
inline constexpr char kMatchingService[] = "cadre.v1.Matching";

absl::StatusOr<std::unique_ptr<Upstream>> Upstream::Create(UpstreamOptions options) {
  for (const auto& [service, target] : options.targets) {
    if (target.empty()) return InvalidField(service, "needs a gRPC address");
  }
  if (options.deadline <= absl::ZeroDuration()) {
    return InvalidField("upstream_deadline", "must be more than 0");
  }
  return std::unique_ptr<Upstream>(new Upstream(std::move(options)));
}

Upstream::Upstream(UpstreamOptions options) : options_(std::move(options)) {
  for (const auto& [service, target] : options_.targets) {
    grpc::ChannelArguments args;
    // Retry a connection soon after a service comes back, rather than after the default
    // back-off of up to two minutes: a page of a restarted service works again in ~1 s.
    args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
    args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 200);
    channels_.emplace(service,
                      grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args));
  }
  if (auto channel = ChannelFor(kRegistryService)) {
    registry_ = cadre::v1::Registry::NewStub(channel);
  }
  if (auto channel = ChannelFor(kMatchingService)) {
    matching_ = cadre::v1::Matching::NewStub(channel);
  }
}

std::shared_ptr<grpc::Channel> Upstream::ChannelFor(absl::string_view service) const {
  auto found = channels_.find(service);
  return found == channels_.end() ? nullptr : found->second;
}

void Upstream::Prepare(grpc::ClientContext* context, const Caller& caller,
                       absl::Duration deadline) const {
  if (deadline <= absl::ZeroDuration() || deadline > options_.deadline) {
    deadline = options_.deadline;
  }
  context->set_deadline(std::chrono::system_clock::now() + absl::ToChronoMilliseconds(deadline));
  if (!caller.bearer_key.empty()) {
    context->AddMetadata("authorization", absl::StrCat("Bearer ", caller.bearer_key));
  }
  if (!options_.service_key.empty() && !caller.client_address.empty()) {
    context->AddMetadata("x-cadre-forwarder", options_.service_key);
    context->AddMetadata("x-forwarded-for", caller.client_address);
  }
  if (!caller.request_id.empty()) context->AddMetadata("x-request-id", caller.request_id);
}

}  // namespace cadre::gateway
