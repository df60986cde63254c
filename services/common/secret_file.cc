#include "services/common/secret_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace cadre {

absl::StatusOr<std::string> ReadSecretFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    if (err == ENOENT) {
      return absl::NotFoundError(absl::StrCat("cannot open ", path, ": no such file"));
    }
    return absl::FailedPreconditionError(
        absl::StrCat("cannot open ", path, ": ", std::strerror(err)));
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) {
    return absl::FailedPreconditionError(absl::StrCat("cannot read ", path));
  }
  std::string s = std::move(contents).str();
  // Only trailing white space: leading spaces could be part of the secret.
  s.erase(s.find_last_not_of(" \t\r\n\f\v") + 1);
  return s;
}

}  // namespace cadre
