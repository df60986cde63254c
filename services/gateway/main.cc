// cadre-gateway: the kit's service main (services/common/service_main.h) with the
// gateway's flags and app. Nothing else.

#include "services/common/logging.h"
#include "services/common/service_main.h"
#include "services/gateway/gateway_app.h"
#include "services/gateway/gateway_flags.h"

namespace {

void WarnAbout(const cadre::gateway::GatewayOptions& options) {
  if (options.service_keys_dir.empty() && options.upstream.service_key.empty()) {
    cadre::log::Warn(
        "no service keys directory: services will count the gateway's address, not the "
        "browser's, for their per-address limits");
  }
}

}  // namespace

int main(int argc, char** argv) {
  return cadre::RunService<cadre::gateway::GatewayApp>(
      argc, argv,
      cadre::ServiceMainSpec<cadre::gateway::GatewayOptions>{
          .name = "gateway",
          .flags = cadre::gateway::GatewayFlags(),
          .read_options = cadre::gateway::GatewayOptionsFromFlags,
          .warn = WarnAbout});
}
