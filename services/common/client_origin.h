#pragma once

// What a service reads of a call's origin (the matching service for applicants, the
// registry for bodies' staff): the bearer token it carries and the client address to
// count sign-up and sign-in attempts against.

#include <string>

#include "absl/functional/function_ref.h"
#include "absl/strings/string_view.h"

namespace grpc {
class ServerContextBase;
}

namespace cadre {

// The token of `authorization: Bearer <token>`, or empty.
std::string BearerTokenOf(const grpc::ServerContextBase& context);

// The client's address: the first address of x-forwarded-for when the call also carries
// x-cadre-forwarder with the gateway's service key (the gateway vouches for it), else the
// peer's address without its port ("127.0.0.1", "::1"). Never logged.
// `vouches(token)`: whether `token` is the gateway's service key.
std::string ClientAddress(const grpc::ServerContextBase& context,
                          absl::FunctionRef<bool(absl::string_view token)> vouches);

}  // namespace cadre
