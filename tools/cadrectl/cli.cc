#include "tools/cadrectl/cli.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/base/status_macros.h"
#include "tools/cadrectl/errors.h"

namespace cadre::cadrectl {
namespace {

std::vector<const Command*> GroupCommands(absl::string_view group) {
  std::vector<const Command*> commands;
  for (const Command& command : AllCommands()) {
    if (command.group == group) commands.push_back(&command);
  }
  return commands;
}

std::string Verbs(const std::vector<const Command*>& commands) {
  std::vector<absl::string_view> verbs;
  verbs.reserve(commands.size());
  for (const Command* command : commands) verbs.push_back(command->verb);
  return absl::StrJoin(verbs, ", ");
}

std::string Groups() {
  std::vector<absl::string_view> groups;
  for (const Command& command : AllCommands()) {
    if (groups.empty() || groups.back() != command.group) groups.push_back(command.group);
  }
  return absl::StrJoin(groups, ", ");
}

absl::Status Dispatch(const std::vector<std::string>& tokens, const Getenv& getenv,
                      std::istream& in, std::ostream& out, std::ostream& err) {
  // Global flags may come before the command as well as after it.
  ParsedArgs args;
  CADRE_ASSIGN_OR_RETURN(size_t next, ParseArgs(tokens, GlobalFlags(), true, &args));
  const bool help = args.Has("help");
  if (next == tokens.size() || tokens[next] == "help") {
    if (help || (next < tokens.size() && tokens[next] == "help")) {
      PrintMainHelp(out);
      return absl::OkStatus();
    }
    return UsageError(absl::StrCat("no command given; commands: ", Groups()));
  }
  const std::string& group = tokens[next++];
  std::vector<const Command*> commands = GroupCommands(group);
  if (commands.empty()) {
    return UsageError(absl::StrCat("'", group, "' is not a command; commands: ", Groups()));
  }
  const Command* command = nullptr;
  if (commands.size() == 1 && commands[0]->verb.empty()) {
    command = commands[0];
  } else if (next == tokens.size() || absl::StartsWith(tokens[next], "-")) {
    if (help || (next < tokens.size() && (tokens[next] == "--help" || tokens[next] == "-h"))) {
      PrintGroupHelp(group, out);
      return absl::OkStatus();
    }
    return UsageError(absl::StrCat(group, ": say what to do: ", Verbs(commands)));
  } else {
    for (const Command* candidate : commands) {
      if (candidate->verb == tokens[next]) command = candidate;
    }
    if (command == nullptr) {
      return UsageError(absl::StrCat(group, " ", tokens[next], ": not a command; ", group,
                                     " takes: ", Verbs(commands)));
    }
    ++next;
  }

  std::vector<FlagSpec> specs(GlobalFlags().begin(), GlobalFlags().end());
  specs.insert(specs.end(), command->flags.begin(), command->flags.end());
  const std::vector<std::string> rest(tokens.begin() + static_cast<std::ptrdiff_t>(next),
                                      tokens.end());
  CADRE_RETURN_IF_ERROR(ParseArgs(rest, specs, false, &args).status());
  if (args.Has("help")) {
    PrintCommandHelp(*command, out);
    return absl::OkStatus();
  }
  const int operands = static_cast<int>(args.positionals.size());
  const std::string usage =
      absl::StrCat(command->group, command->verb.empty() ? "" : " ", command->verb);
  if (operands < command->min_operands) {
    return UsageError(absl::StrCat(usage, ": needs ", command->operands));
  }
  if (command->max_operands >= 0 && operands > command->max_operands) {
    return UsageError(
        absl::StrCat(usage, ": unexpected '", args.positionals[command->max_operands], "'"));
  }
  CADRE_ASSIGN_OR_RETURN(GlobalOptions options, ResolveGlobalOptions(args, getenv));
  Client client(options);
  Invocation invocation{args, options, client, in, out, err};
  return command->run(invocation);
}

}  // namespace

int RunCli(const std::vector<std::string>& args, const Getenv& getenv, std::istream& in,
           std::ostream& out, std::ostream& err) {
  absl::Status status = Dispatch(args, getenv, in, out, err);
  out.flush();
  if (status.ok() && !out) status = absl::UnknownError("cannot write the output");
  if (!status.ok()) {
    err << ErrorLine(status) << "\n";
    if (IsUsageError(status)) err << "(cadrectl --help, or cadrectl COMMAND --help)\n";
  }
  return ExitCodeFor(status);
}

}  // namespace cadre::cadrectl
