#include "tools/openapi_gen/cli.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>

#include "absl/strings/str_cat.h"
#include "services/common/base/status_macros.h"
#include "tools/openapi_gen/descriptor_set.h"

namespace cadre::openapi {
namespace {

absl::Status WriteAtomically(const std::string& path, const std::string& text) {
  const std::string temporary = absl::StrCat(path, ".tmp");
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      return absl::InternalError(
          absl::StrCat("cannot write ", temporary, ": ", std::strerror(errno)));
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    std::remove(temporary.c_str());
    return absl::InternalError(
        absl::StrCat("cannot rename ", temporary, " to ", path, ": ", reason));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<GenOptions> ParseArgs(const std::vector<std::string>& args) {
  GenOptions options;
  std::map<std::string, std::string*> flags = {
      {"--descriptor_set", &options.descriptor_set}, {"--out", &options.out},
      {"--package", &options.api.package},           {"--title", &options.api.title},
      {"--version", &options.api.version},
  };
  std::map<std::string, bool> seen;
  for (const std::string& arg : args) {
    if (arg == "--help" || arg == "-h") {
      options.help = true;
      return options;
    }
    const size_t equals = arg.find('=');
    const std::string name = arg.substr(0, equals);
    auto flag = flags.find(name);
    if (flag == flags.end()) {
      return absl::InvalidArgumentError(absl::StrCat("unknown argument \"", arg, "\""));
    }
    if (equals == std::string::npos) {
      return absl::InvalidArgumentError(absl::StrCat(name, " needs a value: ", name, "=..."));
    }
    if (seen[name]) return absl::InvalidArgumentError(absl::StrCat(name, " given twice"));
    seen[name] = true;
    *flag->second = arg.substr(equals + 1);
  }
  if (options.descriptor_set.empty()) {
    return absl::InvalidArgumentError("--descriptor_set is required");
  }
  if (options.out.empty()) return absl::InvalidArgumentError("--out is required");
  return options;
}

absl::Status Generate(const GenOptions& options) {
  CADRE_ASSIGN_OR_RETURN(auto set, ReadDescriptorSet(options.descriptor_set));
  CADRE_ASSIGN_OR_RETURN(auto document, BuildOpenApi(set, options.api));
  return WriteAtomically(options.out, Serialize(document));
}

}  // namespace cadre::openapi
