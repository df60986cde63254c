// cadrectl: Cadre's command-line client. Everything but reading argv and the
// environment lives in cli.cc, so that tests can run it in-process.

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "tools/cadrectl/cli.h"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  auto getenv = [](absl::string_view name) {
    const char* value = std::getenv(std::string(name).c_str());
    return std::string(value == nullptr ? "" : value);
  };
  return cadre::cadrectl::RunCli(args, getenv, std::cin, std::cout, std::cerr);
}
