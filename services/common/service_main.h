#pragma once

// The main() of every Cadre service, written once: the process settings, flags and
// environment → options, logging, start the app, serve until SIGTERM or SIGINT, drain.
// A service's main.cc is then a few lines:
//
//   int main(int argc, char** argv) {
//     return cadre::RunService<cadre::matching::MatchingApp>(
//         argc, argv, {.name = "matching",
//                      .flags = cadre::matching::MatchingFlags(),
//                      .read_options = cadre::matching::MatchingOptionsFromFlags,
//                      .warn = WarnAbout});
//   }
//
// App must have: static StatusOr<unique_ptr<App>> Start(Options, const Clock*), port(),
// metrics_port(), server() (a Drainable: the kit's Server, or the gateway's front door),
// Wait() and Shutdown(). Exit status: 0 after a clean stop or
// --help, 2 for bad configuration (flags, environment, options the app refuses as
// INVALID_ARGUMENT), 1 when it could not start (a port in use).

#include <string>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "services/common/base/clock.h"
#include "services/common/drainable.h"
#include "services/common/flags_env.h"
#include "services/common/logging.h"
#include "services/common/process.h"
#include "services/common/service_flags.h"

namespace cadre {

template <typename Options>
struct ServiceMainSpec {
  const char* name = "";  // "registry": logs' "service" field
  const ServiceFlags& flags;
  absl::StatusOr<Options> (*read_options)(const ParsedFlags&) = nullptr;
  // Logs warnings about a configuration that starts but will fail some calls; optional.
  void (*warn)(const Options&) = nullptr;
};

template <typename App, typename Options>
int RunService(int argc, char** argv, const ServiceMainSpec<Options>& spec) {
  PrepareServingProcess();
  // Exits 0 after --help, 2 for an unknown flag or a malformed value.
  const ParsedFlags flags = ParseServiceFlagsOrExit(argc, argv, spec.flags);
  absl::StatusOr<Options> options = spec.read_options(flags);
  log::Init(spec.name, absl::GetFlag(FLAGS_log_level));
  if (!options.ok()) {
    log::Error("bad configuration", {{"error", std::string(options.status().message())}});
    return kExitBadConfiguration;
  }
  if (spec.warn != nullptr) spec.warn(*options);

  RealClock clock;
  auto app = App::Start(*std::move(options), &clock);
  if (!app.ok()) {
    log::Error("cannot start", {{"error", std::string(app.status().message())}});
    return app.status().code() == absl::StatusCode::kInvalidArgument ? kExitBadConfiguration : 1;
  }
  log::Info("serving", {{"port", absl::StrCat((*app)->port())},
                        {"metrics_port", absl::StrCat((*app)->metrics_port())}});
  ShutdownOnSignals(&(*app)->server());
  (*app)->Wait();
  (*app)->Shutdown();
  log::Info("stopped");
  return 0;
}

}  // namespace cadre
