#pragma once

// What a command is: its place in the command line, its flags, and the function that
// runs it, and how it shows a result. Each resource group (keys.cc, bodies.cc, ...)
// lists its own commands; accounts.cc, applicants.cc, equality.cc, credentials.cc,
// applications.cc, placements.cc, match.cc and figures.cc call the matching service.

#include <istream>
#include <ostream>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "tools/cadrectl/args.h"
#include "tools/cadrectl/client.h"
#include "tools/cadrectl/output.h"

namespace cadre::cadrectl {

// Everything a command needs to run once.
struct Invocation {
  const ParsedArgs& args;  // the command's flags and positionals (after group and verb)
  const GlobalOptions& options;
  Client& client;
  std::istream& in;   // what --password-stdin and the like read
  std::ostream& out;  // results
  std::ostream& err;  // warnings
};

// Prints `message` as JSON with --json, with `print` (views.h) otherwise. INTERNAL if
// the JSON conversion fails.
template <typename Message>
absl::Status Show(Invocation& inv, const Message& message,
                  void (*print)(const Message&, std::ostream&)) {
  if (inv.options.json) return PrintJson(message, inv.out);
  print(message, inv.out);
  return absl::OkStatus();
}

struct Command {
  absl::string_view group;     // "roles"
  absl::string_view verb;      // "list"; "" for a command without verbs ("map")
  absl::string_view operands;  // positionals in help, e.g. "ROLE"; "" for none
  int min_operands = 0;
  int max_operands = 0;  // -1: any number
  absl::string_view summary;
  std::vector<FlagSpec> flags;
  // Returns usage errors (errors.h) for bad flag values, RPC errors from the call.
  absl::Status (*run)(Invocation& invocation) = nullptr;
  absl::string_view notes = {};  // more help: required flags, how updates work
};

std::vector<Command> KeyCommands();
std::vector<Command> StaffCommands();  // "staff": bodies' staff accounts (registry)
std::vector<Command> BodyCommands();
std::vector<Command> RoleCommands();
std::vector<Command> AvenueCommands();
std::vector<Command> RoleTypeCommands();
std::vector<Command> MapCommands();
std::vector<Command> AccountCommands();    // "applicants": sign-up, sign-in, passwords
std::vector<Command> ApplicantCommands();  // "applicants": profiles, export, erasure
std::vector<Command> EqualityCommands();
std::vector<Command> CredentialCommands();
std::vector<Command> ApplicationCommands();
std::vector<Command> PlacementCommands();
std::vector<Command> MatchCommands();   // "match": the scoring policy, recommend, rank
std::vector<Command> FigureCommands();  // "figures": a body's figures and equality counts

// All of the above, in the order help lists them.
const std::vector<Command>& AllCommands();

}  // namespace cadre::cadrectl
