#pragma once

// The registry's command-line flags (each with its CADRE_<NAME> environment fallback),
// read into RegistryOptions. The flags themselves are defined in registry_flags.cc only.

#include <string>

#include "absl/flags/declare.h"
#include "absl/status/statusor.h"
#include "services/common/flags_env.h"
#include "services/registry/registry_app.h"

// Read by main.cc to start logging; every other flag reaches the code through the options.
ABSL_DECLARE_FLAG(std::string, log_level);

namespace cadre::registry {

// The registry's flags and the first lines of its --help, for ParseServiceFlags.
const ServiceFlags& RegistryFlags();

// Reads the parsed flags into options (the admin key from --admin_key_file when given,
// else --admin_key). INVALID_ARGUMENT naming the flag, and where its value came from,
// for a value out of range; NOT_FOUND or FAILED_PRECONDITION naming the path when the
// admin key file cannot be read. The service keys directory is read by RegistryApp::Start.
absl::StatusOr<RegistryOptions> RegistryOptionsFromFlags(const ParsedFlags& parsed);

}  // namespace cadre::registry
