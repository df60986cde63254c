// cadre-registry: the kit's service main (services/common/service_main.h) with the
// registry's flags and app. Nothing else.

#include "services/common/logging.h"
#include "services/common/service_main.h"
#include "services/registry/registry_app.h"
#include "services/registry/registry_flags.h"

namespace {

void WarnAbout(const cadre::registry::RegistryOptions& options) {
  if (options.admin_key.empty()) cadre::log::Warn("no admin key configured: admin calls will fail");
}

}  // namespace

int main(int argc, char** argv) {
  return cadre::RunService<cadre::registry::RegistryApp>(
      argc, argv,
      cadre::ServiceMainSpec<cadre::registry::RegistryOptions>{
          .name = "registry",
          .flags = cadre::registry::RegistryFlags(),
          .read_options = cadre::registry::RegistryOptionsFromFlags,
          .warn = WarnAbout});
}
