#pragma once

// The gateway's command-line flags (each with its CADRE_<NAME> environment fallback),
// read into GatewayOptions. The flags themselves are defined in gateway_flags.cc only;
// their own target is cadre_gateway_flags (see services/common/service_flags.h).

#include "absl/status/statusor.h"
#include "services/common/flags_env.h"
#include "services/gateway/gateway_app.h"

namespace cadre::gateway {

const ServiceFlags& GatewayFlags();

// INVALID_ARGUMENT naming the flag, and where its value came from, for a value out of
// range. The web root and the service keys are read by GatewayApp::Start.
absl::StatusOr<GatewayOptions> GatewayOptionsFromFlags(const ParsedFlags& parsed);

}  // namespace cadre::gateway
