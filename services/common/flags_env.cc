#include "services/common/flags_env.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "absl/flags/reflection.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "services/common/base/status_macros.h"

namespace cadre {
namespace {

constexpr absl::string_view kFromCommandLine = "the command line";

bool IsHelp(absl::string_view arg) {
  return arg == "--help" || arg == "-help" || arg == "-h" || arg == "--helpshort" ||
         arg == "--helpfull";
}

bool IsInteger(const absl::CommandLineFlag& flag) {
  return flag.IsOfType<int>() || flag.IsOfType<int64_t>() || flag.IsOfType<uint32_t>() ||
         flag.IsOfType<uint64_t>() || flag.IsOfType<int16_t>() || flag.IsOfType<uint16_t>();
}

// What a value of the flag looks like, for --help and for messages.
absl::string_view Placeholder(const absl::CommandLineFlag& flag) {
  if (flag.IsOfType<std::string>()) return "<string>";
  if (IsInteger(flag)) return "<int>";
  if (flag.IsOfType<double>() || flag.IsOfType<float>()) return "<number>";
  return "<value>";
}

// Sets `flag` from `value`; `source` says where the value came from (a variable's name or
// the command line). INVALID_ARGUMENT naming the flag and the source.
absl::Status SetFromString(absl::CommandLineFlag& flag, absl::string_view value,
                           absl::string_view source) {
  std::string text(value);
  if (flag.IsOfType<bool>()) {
    // absl reads true/false, t/f, yes/no, y/n and 1/0; the services always took on/off too.
    const std::string lower = absl::AsciiStrToLower(text);
    if (lower == "on") text = "true";
    if (lower == "off") text = "false";
  }
  std::string error;
  if (flag.ParseFrom(text, &error)) return absl::OkStatus();
  std::string expected;
  if (flag.IsOfType<bool>()) {
    expected = "is not a boolean (true/false)";
  } else if (IsInteger(flag)) {
    expected = "is not a valid integer";
  } else {
    expected = absl::StrCat("is not a valid ", Placeholder(flag), ": ", error);
  }
  return absl::InvalidArgumentError(
      absl::StrFormat("flag --%s (from %s): \"%s\" %s", flag.Name(), source, value, expected));
}

}  // namespace

std::string ParsedFlags::SourceOf(absl::string_view flag_name) const {
  auto it = sources_.find(flag_name);
  return it == sources_.end() ? "the default" : it->second;
}

std::string FlagEnvName(absl::string_view flag_name) {
  return absl::StrCat("CADRE_", absl::AsciiStrToUpper(flag_name));
}

absl::StatusOr<ParsedFlags> ParseServiceFlags(int argc, const char* const* argv,
                                              const ServiceFlags& service) {
  ParsedFlags parsed;
  // --help shows the defaults, whatever else the command line or the environment holds.
  for (int i = 1; i < argc; ++i) {
    if (IsHelp(argv[i])) {
      parsed.help_requested_ = true;
      return parsed;
    }
  }
  // The service's flags by name. ParseFrom needs the mutable handle the registry holds;
  // only the listed flags may be set, never one a library happens to define.
  std::map<std::string, absl::CommandLineFlag*, std::less<>> known;
  for (const absl::CommandLineFlag* listed : service.flags) {
    known.emplace(std::string(listed->Name()), absl::FindCommandLineFlag(listed->Name()));
  }

  // The environment first, so that the command line overrides it.
  for (const auto& [name, flag] : known) {
    const std::string env = FlagEnvName(name);
    if (const char* value = std::getenv(env.c_str()); value != nullptr) {
      CADRE_RETURN_IF_ERROR(SetFromString(*flag, value, env));
      parsed.sources_[name] = env;
    }
  }

  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (!absl::ConsumePrefix(&arg, "--") || arg.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("unexpected argument \"", argv[i], "\": flags are --name=value"));
    }
    absl::string_view name = arg;
    absl::string_view value;
    const size_t eq = arg.find('=');
    const bool has_value = eq != absl::string_view::npos;
    if (has_value) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
    }
    auto it = known.find(name);
    bool negated = false;
    if (it == known.end() && !has_value && absl::StartsWith(name, "no")) {
      // --noverbose for a boolean flag `verbose`.
      auto positive = known.find(name.substr(2));
      if (positive != known.end() && positive->second->IsOfType<bool>()) {
        it = positive;
        negated = true;
      }
    }
    if (it == known.end()) {
      return absl::InvalidArgumentError(absl::StrCat("unknown flag --", name));
    }
    absl::CommandLineFlag& flag = *it->second;
    if (!has_value) {
      if (flag.IsOfType<bool>()) {
        value = negated ? "false" : "true";
      } else if (i + 1 < argc) {
        value = argv[++i];
      } else {
        return absl::InvalidArgumentError(absl::StrCat("flag --", name, " needs a value"));
      }
    }
    CADRE_RETURN_IF_ERROR(SetFromString(flag, value, kFromCommandLine));
    parsed.sources_[it->first] = std::string(kFromCommandLine);
  }
  return parsed;
}

std::string ServiceFlagsHelp(const ServiceFlags& service) {
  std::string out = service.usage;
  if (!out.empty() && out.back() != '\n') out.push_back('\n');
  absl::StrAppend(&out,
                  "\nFlags (each also read from the environment variable shown; the command line "
                  "wins):\n");
  for (const absl::CommandLineFlag* flag : service.flags) {
    const std::string env = FlagEnvName(flag->Name());
    if (flag->IsOfType<bool>()) {
      absl::StrAppend(&out, "  --[no]", flag->Name(), "  ", flag->Help(), " (default ",
                      flag->DefaultValue(), "; ", env, ")\n");
    } else if (flag->IsOfType<std::string>()) {
      absl::StrAppend(&out, "  --", flag->Name(), "=<string>  ", flag->Help(), " (default \"",
                      flag->DefaultValue(), "\"; ", env, ")\n");
    } else {
      absl::StrAppend(&out, "  --", flag->Name(), "=", Placeholder(*flag), "  ", flag->Help(),
                      " (default ", flag->DefaultValue(), "; ", env, ")\n");
    }
  }
  return out;
}

ParsedFlags ParseServiceFlagsOrExit(int argc, const char* const* argv,
                                    const ServiceFlags& service) {
  absl::StatusOr<ParsedFlags> parsed = ParseServiceFlags(argc, argv, service);
  if (!parsed.ok()) {
    std::fprintf(stderr, "%s: %s (--help lists the flags)\n", argc > 0 ? argv[0] : "",
                 std::string(parsed.status().message()).c_str());
    std::exit(kExitBadConfiguration);
  }
  if (parsed->help_requested()) {
    std::fputs(ServiceFlagsHelp(service).c_str(), stdout);
    std::exit(0);
  }
  return *std::move(parsed);
}

}  // namespace cadre
