#pragma once

// Command-line flags with environment fallbacks, validated at start-up.
//
// A flag `--redis_port=6380` (or `--redis_port 6380`) wins over the environment variable
// `CADRE_REDIS_PORT`, which wins over the default. Unknown flags, values of the wrong
// type and values out of range are errors: a service fails fast at start-up with a
// message naming the flag.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace cadre {

class Flags {
 public:
  // Declares flags before Parse. `help` is shown by --help.
  void AddString(const std::string& name, std::string default_value, std::string help);
  void AddInt(const std::string& name, int64_t default_value, int64_t min, int64_t max,
              std::string help);
  void AddBool(const std::string& name, bool default_value, std::string help);

  // Parses argv (argv[0] skipped) and the environment. INVALID_ARGUMENT naming the flag
  // on any error. `--help` gives FAILED_PRECONDITION with the usage text as message.
  absl::Status Parse(int argc, const char* const* argv);

  std::string GetString(const std::string& name) const;
  int64_t GetInt(const std::string& name) const;
  bool GetBool(const std::string& name) const;
  std::string Usage() const;

  // CADRE_ + upper-cased name.
  static std::string EnvName(const std::string& name);

 private:
  enum class Type { kString, kInt, kBool };
  struct Flag {
    Type type = Type::kString;
    std::string value;
    int64_t min = 0;
    int64_t max = 0;
    std::string help;
  };
  absl::Status Set(const std::string& name, const std::string& value, const std::string& source);
  std::map<std::string, Flag> flags_;
};

// Reads a whole file, trimming trailing white space (for key files). NOT_FOUND if absent.
absl::StatusOr<std::string> ReadSecretFile(const std::string& path);

}  // namespace cadre
