#pragma once

// The gateway's way to the other services: one gRPC channel per upstream service, and the
// metadata every call carries. The gateway never authorises a visitor's call with its own
// key: a call carries the caller's bearer key (a JSON client's; from issue 9 a signed-in
// person's, from their session) or none, and the gateway's service key travels only in
// `x-cadre-forwarder`, beside `x-forwarded-for`, so that a service can trust the browser's
// address (services/matching/client_origin.h) and nothing more.
//
// Thread-safe: channels and stubs are shared by every request thread.

#include <grpcpp/client_context.h>

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "cadre/v1/matching.grpc.pb.h"
#include "cadre/v1/registry.grpc.pb.h"

namespace cadre::gateway {

struct UpstreamOptions {
  // gRPC targets by full service name: {"cadre.v1.Registry", "127.0.0.1:50051"}, ...
  std::map<std::string, std::string> targets;
  // The gateway's own service key (gateway.key in the service keys directory); empty:
  // services see the gateway's own address as the caller's.
  std::string service_key;
  // The longest any upstream call may take; a caller may ask for less (Connect-Timeout-Ms).
  absl::Duration deadline = absl::Seconds(2);
};

// Who a call is made for.
struct Caller {
  std::string bearer_key;      // the caller's own key, or "" (anonymous)
  std::string client_address;  // the browser's or client's address
  std::string request_id;
};

class Upstream {
 public:
  // INVALID_ARGUMENT naming the option when a target is empty or the deadline is not
  // positive. Channels connect lazily: a service that is down fails only its calls.
  static absl::StatusOr<std::unique_ptr<Upstream>> Create(UpstreamOptions options);

  // The channel to `service` ("cadre.v1.Registry"), or nullptr when none is configured.
  std::shared_ptr<grpc::Channel> ChannelFor(absl::string_view service) const;

  // Sets the deadline (the shorter of `deadline` and the options' deadline; zero or
  // negative: the options' deadline), the caller's key, x-cadre-forwarder and
  // x-forwarded-for, and x-request-id on `context`.
  void Prepare(grpc::ClientContext* context, const Caller& caller,
               absl::Duration deadline = absl::ZeroDuration()) const;

  // Typed stubs for the pages; nullptr when that service is not configured.
  cadre::v1::Registry::Stub* registry() const { return registry_.get(); }
  cadre::v1::Matching::Stub* matching() const { return matching_.get(); }

  absl::Duration deadline() const { return options_.deadline; }

 private:
  explicit Upstream(UpstreamOptions options);

  UpstreamOptions options_;
  std::map<std::string, std::shared_ptr<grpc::Channel>, std::less<>> channels_;
  std::unique_ptr<cadre::v1::Registry::Stub> registry_;
  std::unique_ptr<cadre::v1::Matching::Stub> matching_;
};

}  // namespace cadre::gateway
