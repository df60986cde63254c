#include "services/common/config.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"

namespace cadre {
namespace {

absl::StatusOr<bool> ParseBool(const std::string& value) {
  std::string v = absl::AsciiStrToLower(value);
  if (v == "true" || v == "1" || v == "yes" || v == "on") {
    return true;
  }
  if (v == "false" || v == "0" || v == "no" || v == "off") {
    return false;
  }
  return absl::InvalidArgumentError("not a boolean");
}

// Reading a flag that was never declared is a programming error, not bad input: fail
// loudly at the first run rather than return a silent default.
[[noreturn]] void Undeclared(const std::string& name, const char* type) {
  std::fprintf(stderr, "cadre::Flags: %s flag --%s was not declared\n", type, name.c_str());
  std::abort();
}

}  // namespace

void Flags::AddString(const std::string& name, std::string default_value, std::string help) {
  flags_[name] = Flag{Type::kString, std::move(default_value), 0, 0, std::move(help)};
}

void Flags::AddInt(const std::string& name, int64_t default_value, int64_t min, int64_t max,
                   std::string help) {
  flags_[name] = Flag{Type::kInt, absl::StrCat(default_value), min, max, std::move(help)};
}

void Flags::AddBool(const std::string& name, bool default_value, std::string help) {
  flags_[name] = Flag{Type::kBool, default_value ? "true" : "false", 0, 0, std::move(help)};
}

std::string Flags::EnvName(const std::string& name) {
  return absl::StrCat("CADRE_", absl::AsciiStrToUpper(name));
}

absl::Status Flags::Set(const std::string& name, const std::string& value,
                        const std::string& source) {
  auto it = flags_.find(name);
  if (it == flags_.end()) {
    return absl::InvalidArgumentError(absl::StrCat("unknown flag --", name));
  }
  Flag& flag = it->second;
  switch (flag.type) {
    case Type::kString:
      flag.value = value;
      return absl::OkStatus();
    case Type::kInt: {
      int64_t n = 0;
      if (!absl::SimpleAtoi(value, &n)) {
        return absl::InvalidArgumentError(
            absl::StrFormat("flag --%s (from %s): \"%s\" is not an integer", name, source, value));
      }
      if (n < flag.min || n > flag.max) {
        return absl::InvalidArgumentError(
            absl::StrFormat("flag --%s (from %s): %d is out of range [%d, %d]", name, source, n,
                            flag.min, flag.max));
      }
      flag.value = absl::StrCat(n);
      return absl::OkStatus();
    }
    case Type::kBool: {
      absl::StatusOr<bool> b = ParseBool(value);
      if (!b.ok()) {
        return absl::InvalidArgumentError(absl::StrFormat(
            "flag --%s (from %s): \"%s\" is not a boolean (true/false)", name, source, value));
      }
      flag.value = *b ? "true" : "false";
      return absl::OkStatus();
    }
  }
  return absl::InternalError("unreachable");
}

absl::Status Flags::Parse(int argc, const char* const* argv) {
  // The environment first, so that the command line overrides it.
  for (const auto& [name, flag] : flags_) {
    const std::string env = EnvName(name);
    if (const char* value = std::getenv(env.c_str()); value != nullptr) {
      if (absl::Status s = Set(name, value, env); !s.ok()) {
        return s;
      }
    }
  }
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h" || arg == "-help") {
      return absl::FailedPreconditionError(Usage());
    }
    if (!absl::ConsumePrefix(&arg, "--") || arg.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("unexpected argument \"", argv[i], "\": flags are --name=value"));
    }
    std::string name;
    std::string value;
    bool has_value = false;
    if (size_t eq = arg.find('='); eq != absl::string_view::npos) {
      name = std::string(arg.substr(0, eq));
      value = std::string(arg.substr(eq + 1));
      has_value = true;
    } else {
      name = std::string(arg);
    }
    auto it = flags_.find(name);
    if (!has_value && it == flags_.end() && absl::StartsWith(name, "no")) {
      // --noverbose for a declared bool flag `verbose`.
      auto negated = flags_.find(name.substr(2));
      if (negated != flags_.end() && negated->second.type == Type::kBool) {
        negated->second.value = "false";
        continue;
      }
    }
    if (it == flags_.end()) {
      return absl::InvalidArgumentError(absl::StrCat("unknown flag --", name));
    }
    if (!has_value) {
      if (it->second.type == Type::kBool) {
        it->second.value = "true";
        continue;
      }
      if (i + 1 >= argc) {
        return absl::InvalidArgumentError(absl::StrCat("flag --", name, " needs a value"));
      }
      value = argv[++i];
    }
    if (absl::Status s = Set(name, value, "command line"); !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

std::string Flags::GetString(const std::string& name) const {
  auto it = flags_.find(name);
  if (it == flags_.end() || it->second.type != Type::kString) {
    Undeclared(name, "string");
  }
  return it->second.value;
}

int64_t Flags::GetInt(const std::string& name) const {
  auto it = flags_.find(name);
  if (it == flags_.end() || it->second.type != Type::kInt) {
    Undeclared(name, "int");
  }
  int64_t n = 0;
  // Always parses: Set and AddInt store only canonical integers.
  (void)absl::SimpleAtoi(it->second.value, &n);
  return n;
}

bool Flags::GetBool(const std::string& name) const {
  auto it = flags_.find(name);
  if (it == flags_.end() || it->second.type != Type::kBool) {
    Undeclared(name, "bool");
  }
  return it->second.value == "true";
}

std::string Flags::Usage() const {
  std::string out = "Flags (each also read from the environment variable shown):\n";
  for (const auto& [name, flag] : flags_) {
    switch (flag.type) {
      case Type::kString:
        absl::StrAppend(&out, "  --", name, "=<string>  ", flag.help, " (default \"", flag.value,
                        "\"; ", EnvName(name), ")\n");
        break;
      case Type::kInt:
        absl::StrAppend(&out, "  --", name, "=<int>  ", flag.help, " (", flag.min, "..", flag.max,
                        ", default ", flag.value, "; ", EnvName(name), ")\n");
        break;
      case Type::kBool:
        absl::StrAppend(&out, "  --[no]", name, "  ", flag.help, " (default ", flag.value, "; ",
                        EnvName(name), ")\n");
        break;
    }
  }
  return out;
}

absl::StatusOr<std::string> ReadSecretFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    if (err == ENOENT) {
      return absl::NotFoundError(absl::StrCat("cannot open ", path, ": no such file"));
    }
    return absl::FailedPreconditionError(
        absl::StrCat("cannot open ", path, ": ", std::strerror(err)));
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) {
    return absl::FailedPreconditionError(absl::StrCat("cannot read ", path));
  }
  std::string s = std::move(contents).str();
  // Only trailing white space: editors and `echo` add a newline the secret never had.
  s.erase(s.find_last_not_of(" \t\r\n\f\v") + 1);
  return s;
}

}  // namespace cadre
