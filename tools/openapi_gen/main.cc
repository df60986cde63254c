// cadre-openapi-gen: writes openapi.json from a descriptor set. See README.md.

#include <iostream>
#include <string>
#include <vector>

#include "tools/openapi_gen/cli.h"

int main(int argc, char** argv) {
  auto options = cadre::openapi::ParseArgs(std::vector<std::string>(argv + 1, argv + argc));
  if (!options.ok()) {
    std::cerr << "cadre-openapi-gen: " << options.status().message() << "\n"
              << cadre::openapi::kUsage;
    return 2;
  }
  if (options->help) {
    std::cout << cadre::openapi::kUsage;
    return 0;
  }
  if (absl::Status status = cadre::openapi::Generate(*options); !status.ok()) {
    std::cerr << "cadre-openapi-gen: " << status.message() << "\n";
    return 1;
  }
  return 0;
}
