#pragma once

// The whole of cadrectl behind main(): parse the command line, run the command, print
// any error as "error: CODE: message" and return the exit status (errors.h).

#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "tools/cadrectl/client.h"
#include "tools/cadrectl/command.h"

namespace cadre::cadrectl {

// `args` is argv without the program name; `in` is what --password-stdin reads.
int RunCli(const std::vector<std::string>& args, const Getenv& getenv, std::istream& in,
           std::ostream& out, std::ostream& err);

// Help texts (help.cc).
void PrintMainHelp(std::ostream& out);
void PrintGroupHelp(absl::string_view group, std::ostream& out);
void PrintCommandHelp(const Command& command, std::ostream& out);

}  // namespace cadre::cadrectl
