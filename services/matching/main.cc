// cadre-matching: the kit's service main (services/common/service_main.h) with the
// matching service's flags and app. Nothing else.

#include "services/common/logging.h"
#include "services/common/service_main.h"
#include "services/matching/matching_app.h"
#include "services/matching/matching_flags.h"

namespace {

void WarnAbout(const cadre::matching::MatchingOptions& options) {
  if (options.admin_key.empty()) cadre::log::Warn("no admin key configured: admin calls will fail");
  if (options.service_key.empty() && options.service_keys_dir.empty()) {
    cadre::log::Warn("no service key configured: sign-up and sign-in will fail");
  }
}

}  // namespace

int main(int argc, char** argv) {
  return cadre::RunService<cadre::matching::MatchingApp>(
      argc, argv,
      cadre::ServiceMainSpec<cadre::matching::MatchingOptions>{
          .name = "matching",
          .flags = cadre::matching::MatchingFlags(),
          .read_options = cadre::matching::MatchingOptionsFromFlags,
          .warn = WarnAbout});
}
