// cadre-matching: flags and environment → options; start the app; wait. Nothing else.

#include <string>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "services/common/base/clock.h"
#include "services/common/flags_env.h"
#include "services/common/logging.h"
#include "services/common/process.h"
#include "services/common/server.h"
#include "services/matching/matching_app.h"
#include "services/matching/matching_flags.h"

int main(int argc, char** argv) {
  cadre::PrepareServingProcess();
  // Exits 0 after --help, 2 for an unknown flag or a malformed value.
  const cadre::ParsedFlags flags =
      cadre::ParseServiceFlagsOrExit(argc, argv, cadre::matching::MatchingFlags());
  auto options = cadre::matching::MatchingOptionsFromFlags(flags);
  cadre::log::Init("matching", absl::GetFlag(FLAGS_log_level));
  if (!options.ok()) {
    cadre::log::Error("bad configuration", {{"error", std::string(options.status().message())}});
    return cadre::kExitBadConfiguration;
  }
  if (options->admin_key.empty()) {
    cadre::log::Warn("no admin key configured: admin calls will fail");
  }
  if (options->service_key.empty() && options->service_keys_dir.empty()) {
    cadre::log::Warn("no service key configured: sign-up and sign-in will fail");
  }

  cadre::RealClock clock;
  auto app = cadre::matching::MatchingApp::Start(*std::move(options), &clock);
  if (!app.ok()) {
    cadre::log::Error("cannot start", {{"error", std::string(app.status().message())}});
    return app.status().code() == absl::StatusCode::kInvalidArgument ? cadre::kExitBadConfiguration
                                                                     : 1;
  }
  cadre::log::Info("serving", {{"port", absl::StrCat((*app)->port())},
                               {"metrics_port", absl::StrCat((*app)->metrics_port())}});
  cadre::Server::ShutdownOnSignals(&(*app)->server());
  (*app)->Wait();
  (*app)->Shutdown();
  cadre::log::Info("stopped");
  return 0;
}
