#pragma once

// Secrets kept in files (API keys mounted from a Kubernetes secret, say), so that they
// stay out of the command line and the process table.

#include <string>

#include "absl/status/statusor.h"

namespace cadre {

// Reads a whole file, trimming trailing white space (editors and `echo` add a newline
// the secret never had). NOT_FOUND if the file does not exist; FAILED_PRECONDITION if it
// cannot be opened or read. Messages name the path, never the contents.
absl::StatusOr<std::string> ReadSecretFile(const std::string& path);

}  // namespace cadre
