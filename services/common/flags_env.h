#pragma once

// Start-up flags of a Cadre service: typed absl flags (`ABSL_FLAG` in the service's
// `<name>_flags.cc`, read only through `absl::GetFlag(FLAGS_x)`), each with an
// environment fallback.
//
// A flag on the command line (`--redis_port=6380` or `--redis_port 6380`) wins over the
// environment variable CADRE_REDIS_PORT, which wins over the default. Unknown flags,
// values of the wrong type and values out of range stop the service at start-up with a
// message naming the flag, and the variable when the value came from the environment.
//
// Why not absl::ParseCommandLine: in Abseil 20220623 it exits with status 1 both for
// --help and for any bad flag, while a Cadre service exits 0 for --help and 2 for bad
// configuration (scripts and orchestrators tell the two apart). So the command line is
// read here with absl's public reflection API (FindCommandLineFlag, ParseFrom), the same
// way as the environment.

#include <functional>
#include <map>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace cadre {

// The exit status of a service whose flags or environment are bad (as for a shell's usage
// errors); 1 is left for "could not start", 0 for --help.
inline constexpr int kExitBadConfiguration = 2;

// What a service passes to ParseServiceFlags.
struct ServiceFlags {
  // The first lines of --help: what the program is and how to call it.
  std::string usage;
  // The service's flags, in the order --help lists them; each has its CADRE_ fallback.
  // Build it with `&absl::GetFlagReflectionHandle(FLAGS_x)` so that a typo fails to compile.
  std::vector<const absl::CommandLineFlag*> flags;
};

// Where each flag's value came from, for messages about values out of range. A value:
// read-only once ParseServiceFlags has returned it.
class ParsedFlags {
 public:
  // Whether --help (or -h, -help, --helpshort, --helpfull) was asked for.
  bool help_requested() const { return help_requested_; }

  // "the command line", the environment variable's name, or "the default".
  std::string SourceOf(absl::string_view flag_name) const;

  // The flag's value, or INVALID_ARGUMENT naming the flag and where its value came from
  // when the value is outside [min, max].
  template <typename T>
  absl::StatusOr<T> InRange(const absl::Flag<T>& flag, std::type_identity_t<T> min,
                            std::type_identity_t<T> max) const {
    const T value = absl::GetFlag(flag);
    if (value < min || value > max) {
      const absl::string_view name = absl::GetFlagReflectionHandle(flag).Name();
      return absl::InvalidArgumentError(absl::StrCat("flag --", name, " (from ", SourceOf(name),
                                                     "): ", value, " is out of range [", min, ", ",
                                                     max, "]"));
    }
    return value;
  }

 private:
  friend absl::StatusOr<ParsedFlags> ParseServiceFlags(int argc, const char* const* argv,
                                                       const ServiceFlags& service);
  bool help_requested_ = false;
  std::map<std::string, std::string, std::less<>> sources_;  // flag name → source
};

// CADRE_ + the upper-cased flag name: "redis_port" → "CADRE_REDIS_PORT".
std::string FlagEnvName(absl::string_view flag_name);

// Sets each of `service.flags` whose CADRE_ variable is set from that variable, then
// every flag on the command line (argv[0] is skipped): `--name=value`, `--name value`,
// and for booleans `--name`, `--noname`, `--name=true|false` (also 1/0, yes/no, on/off).
// INVALID_ARGUMENT naming the flag, and the variable when it was one, for an unknown
// flag, a missing or malformed value, or an argument that is not a flag. The command
// line may only name flags of the process that are listed in `service.flags`. The flags
// are global to the process: call this from main() before any thread reads them (tests:
// under an absl::FlagSaver).
absl::StatusOr<ParsedFlags> ParseServiceFlags(int argc, const char* const* argv,
                                              const ServiceFlags& service);

// The --help text: `service.usage`, then each flag with its help, default and variable.
std::string ServiceFlagsHelp(const ServiceFlags& service);

// For main(): ParseServiceFlags, printing --help to stdout and exiting 0 when it was asked
// for, or printing the error to stderr and exiting 2 when the flags are bad.
ParsedFlags ParseServiceFlagsOrExit(int argc, const char* const* argv, const ServiceFlags& service);

}  // namespace cadre
