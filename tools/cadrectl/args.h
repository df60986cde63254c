#pragma once

// Command-line parsing for cadrectl: GNU-style long flags (`--level 3`, `--level=3`),
// boolean flags (`--expenses`, `--expenses=false`), positionals, and `--` to end flags.
// '-' and '_' in flag names are the same (`--key_file` is `--key-file`). Mistakes are
// usage errors (errors.h) that name the flag.

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "services/common/base/status_macros.h"

namespace cadre::cadrectl {

struct FlagSpec {
  absl::string_view name;   // without dashes, e.g. "duration-months"
  absl::string_view value;  // placeholder in help, e.g. "N"; empty for a boolean flag
  absl::string_view help;
  bool takes_value() const { return !value.empty(); }
};

// The flags and positionals of one command line. Flag names are canonical ('-').
class ParsedArgs {
 public:
  bool Has(absl::string_view name) const;
  // The flag's value ("true"/"false" for boolean flags); "" when absent.
  const std::string& Get(absl::string_view name) const;
  // Usage error if the flag was already given.
  absl::Status Set(absl::string_view name, absl::string_view value);
  const std::map<std::string, std::string, std::less<>>& flags() const { return flags_; }

  std::vector<std::string> positionals;

 private:
  std::map<std::string, std::string, std::less<>> flags_;
};

// "key_file" → "key-file".
std::string CanonicalFlagName(absl::string_view name);

// `flags` followed by `more`, e.g. `WithFlags({{"kind", "KIND", "..."}}, PagingFlags(200))`.
std::vector<FlagSpec> WithFlags(std::vector<FlagSpec> flags, absl::Span<const FlagSpec> more);

// Parses `tokens` against `specs` into `args` (which may already hold flags; a flag
// given twice is a usage error). With `stop_at_positional`, stops at the first
// positional and returns its index; otherwise parses everything and returns
// tokens.size(). Usage errors: unknown flag, missing value, value on a boolean flag.
absl::StatusOr<size_t> ParseArgs(absl::Span<const std::string> tokens,
                                 absl::Span<const FlagSpec> specs, bool stop_at_positional,
                                 ParsedArgs* args);

// Typed reads of flags that are present (call Has first). All return usage errors that
// name the flag.
// An integer in [min, max].
absl::StatusOr<int> IntFlag(const ParsedArgs& args, absl::string_view name, int min, int max);
// true/false, yes/no, 1/0, on/off.
absl::StatusOr<bool> BoolFlag(const ParsedArgs& args, absl::string_view name);
// Comma-separated items, trimmed, empty items dropped ("a, b," → {"a", "b"}).
std::vector<std::string> ListFlag(const ParsedArgs& args, absl::string_view name);

// If flag `name` was given, reads it as IntFlag does and passes it to `set` on
// `message`, e.g. `OptionalInt(args, "places", 1, 100, role, &Role::set_places)`.
template <typename Message, typename Int>
absl::Status OptionalInt(const ParsedArgs& args, absl::string_view name, int min, int max,
                         Message* message, void (Message::*set)(Int)) {
  if (!args.Has(name)) return absl::OkStatus();
  CADRE_ASSIGN_OR_RETURN(int value, IntFlag(args, name, min, max));
  (message->*set)(value);
  return absl::OkStatus();
}

// Usage error "--NAME: required" for the first of `names` not given.
absl::Status RequireFlags(const ParsedArgs& args, absl::Span<const absl::string_view> names);

// True if any of the flags of `specs` was given.
bool AnyGiven(const ParsedArgs& args, absl::Span<const FlagSpec> specs);

// A resource name from a full name ("roles/42") or a bare id ("42"). A name with another
// collection ("bodies/RXF" where roles are wanted) is a usage error naming `what`.
absl::StatusOr<std::string> ResourceName(absl::string_view collection, absl::string_view text,
                                         absl::string_view what);

}  // namespace cadre::cadrectl
