// cadrectl --help, cadrectl GROUP --help, cadrectl GROUP VERB --help.

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cadre/v1/matching.pb.h"
#include "cadre/v1/registry.pb.h"
#include "tools/cadrectl/cli.h"
#include "tools/cadrectl/enums.h"
#include "tools/cadrectl/errors.h"

namespace cadre::cadrectl {
namespace {

namespace v1 = cadre::v1;

std::string CommandLine(const Command& command) {
  std::string line = absl::StrCat(command.group);
  if (!command.verb.empty()) absl::StrAppend(&line, " ", command.verb);
  if (!command.operands.empty()) absl::StrAppend(&line, " ", command.operands);
  return line;
}

void PrintFlags(absl::Span<const FlagSpec> flags, std::ostream& out) {
  std::vector<std::string> left;
  size_t width = 0;
  for (const FlagSpec& flag : flags) {
    left.push_back(absl::StrCat("--", flag.name, flag.takes_value() ? " " : "", flag.value));
    width = std::max(width, left.back().size());
  }
  for (size_t i = 0; i < flags.size(); ++i) {
    out << "  " << left[i] << std::string(width - left[i].size() + 2, ' ') << flags[i].help << "\n";
  }
}

void PrintValues(std::ostream& out) {
  const std::pair<absl::string_view, std::vector<std::string>> values[] = {
      {"body kinds", Labels<v1::BodyKind>()},
      {"regions", Labels<v1::Region>()},
      {"rungs", Labels<v1::EngagementRung>()},
      {"modes", Labels<v1::AttendanceMode>()},
      {"payments", Labels<v1::PaymentKind>()},
      {"role states", Labels<v1::RoleState>()},
      {"avenue kinds", Labels<v1::AvenueKind>()},
      {"key kinds", Labels<v1::PrincipalKind>()},
      {"interests", Labels<v1::DeclaredInterest::Kind>()},
      {"applications", Labels<v1::ApplicationState>()},
      {"unsuccessful", Labels<v1::UnsuccessfulReason>()},
      {"placements", Labels<v1::PlacementState>()},
      {"pay choices", Labels<v1::PaymentChoice>()},
      {"staff roles", Labels<v1::StaffRole>()},
  };
  out << "\nValues (lower case; the proto names such as REGION_LONDON work too):\n";
  for (const auto& [what, labels] : values) {
    // Wrapped at about 90 columns, continuation lines indented under the first value.
    std::string line = absl::StrCat("  ", what, ":", std::string(14 - what.size(), ' '));
    const size_t indent = line.size();
    for (size_t i = 0; i < labels.size(); ++i) {
      const std::string item = absl::StrCat(labels[i], i + 1 < labels.size() ? "," : "");
      if (line.size() + item.size() > 90 && line.size() > indent) {
        out << line << "\n";
        line = std::string(indent, ' ');
      } else if (line.size() > indent) {
        line += " ";
      }
      line += item;
    }
    out << line << "\n";
  }
  out << "  levels:        1 open engagement, 2 one-off workshop or focus group,\n"
         "                 3 regular working group, 4 senior strategic role (\"level 3\" works)\n"
         "  dates:         2027-01-31 (a day in UK time) or RFC 3339, 2027-01-31T17:00:00Z\n"
         "  names:         bodies/RXF, roles/42, avenues/7, roleTypes/x, applicants/ID,\n"
         "                 applications/ID, placements/ID (or just the id);\n"
         "                 applicants/ID/credentials/N and bodies/RXF/staff/ID in full\n"
         "  equality:      cadrectl equality set --help lists each question's answers\n"
         "  tags:          comma-separated, each 1-40 of a-z, 0-9 and '-'\n";
}

void PrintExitStatus(std::ostream& out) {
  out << "\nExit status (errors go to stderr as \"error: CODE: message\"):\n"
      << "  " << kExitOk << "   success\n"
      << "  " << kExitFailure
      << "   a failure outside the call (e.g. the output could not be "
         "written)\n"
      << "  " << kExitUsage << "   usage: unknown command or flag, missing or bad value\n"
      << "  " << kExitRpcBase << "+N  the call failed with gRPC status N:\n";
  std::vector<std::string> codes;
  for (int code = 1; code <= 16; ++code) {
    codes.push_back(absl::StrCat(kExitRpcBase + code, " ",
                                 absl::StatusCodeToString(static_cast<absl::StatusCode>(code))));
  }
  for (size_t i = 0; i < codes.size(); i += 3) {
    std::string line = "      ";
    for (size_t j = i; j < std::min(i + 3, codes.size()); ++j) {
      absl::StrAppend(&line, codes[j]);
      if (j + 1 < std::min(i + 3, codes.size())) line.append(24 - codes[j].size(), ' ');
    }
    out << line << "\n";
  }
}

}  // namespace

void PrintMainHelp(std::ostream& out) {
  out << "cadrectl: Cadre's command-line client for operators, NHS bodies and applicants.\n\n"
         "Usage: cadrectl [global flags] COMMAND [flags] [operands]\n"
         "       cadrectl COMMAND --help\n\nCommands:\n";
  std::vector<std::string> lines;
  size_t width = 0;
  for (const Command& command : AllCommands()) {
    lines.push_back(CommandLine(command));
    width = std::max(width, lines.back().size());
  }
  for (size_t i = 0; i < lines.size(); ++i) {
    out << "  " << lines[i] << std::string(width - lines[i].size() + 2, ' ')
        << AllCommands()[i].summary << "\n";
  }
  out << "\nGlobal flags (anywhere on the line; '-' and '_' are the same in flag names):\n";
  PrintFlags(GlobalFlags(), out);
  out << "\nPublic reads (open roles, bodies, avenues, the menu, the map) need no key.\n"
         "Writes need an admin key or the owning body's key. applicants, equality,\n"
         "credentials, applications, placements, match and figures call the matching service\n"
         "(--matching_addr): sign-up and sign-in need no key and print one, which then acts\n"
         "only on that person's records; match policy and figures body need no key.\n"
         "Passwords are read from a file or stdin, never from a flag's value.\n";
  PrintValues(out);
  PrintExitStatus(out);
}

void PrintGroupHelp(absl::string_view group, std::ostream& out) {
  std::vector<const Command*> commands;
  size_t width = 0;
  for (const Command& command : AllCommands()) {
    if (command.group != group) continue;
    commands.push_back(&command);
    width = std::max(width, CommandLine(command).size());
  }
  out << "Usage:\n";
  for (const Command* command : commands) {
    const std::string line = CommandLine(*command);
    out << "  cadrectl " << line << std::string(width - line.size() + 2, ' ') << command->summary
        << "\n";
  }
  out << "\ncadrectl " << group << " VERB --help shows a command's flags.\n";
}

void PrintCommandHelp(const Command& command, std::ostream& out) {
  out << "Usage: cadrectl " << CommandLine(command) << " [flags]\n\n" << command.summary << "\n";
  if (!command.notes.empty()) out << command.notes << "\n";
  if (!command.flags.empty()) {
    out << "\nFlags:\n";
    PrintFlags(command.flags, out);
  }
  out << "\nGlobal flags:\n";
  PrintFlags(GlobalFlags(), out);
  out << "\ncadrectl --help lists the values enums take and the exit statuses.\n";
}

}  // namespace cadre::cadrectl
