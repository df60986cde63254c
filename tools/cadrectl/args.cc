#include "tools/cadrectl/args.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "services/common/base/status_macros.h"
#include "tools/cadrectl/errors.h"

namespace cadre::cadrectl {
namespace {

const FlagSpec* FindSpec(absl::Span<const FlagSpec> specs, absl::string_view canonical) {
  for (const FlagSpec& spec : specs) {
    if (CanonicalFlagName(spec.name) == canonical) return &spec;
  }
  return nullptr;
}

}  // namespace

std::string CanonicalFlagName(absl::string_view name) {
  return absl::StrReplaceAll(name, {{"_", "-"}});
}

std::vector<FlagSpec> WithFlags(std::vector<FlagSpec> flags, absl::Span<const FlagSpec> more) {
  flags.insert(flags.end(), more.begin(), more.end());
  return flags;
}

bool ParsedArgs::Has(absl::string_view name) const {
  return flags_.find(CanonicalFlagName(name)) != flags_.end();
}

const std::string& ParsedArgs::Get(absl::string_view name) const {
  static const std::string* const kEmpty = new std::string();
  auto it = flags_.find(CanonicalFlagName(name));
  return it == flags_.end() ? *kEmpty : it->second;
}

absl::Status ParsedArgs::Set(absl::string_view name, absl::string_view value) {
  auto [it, inserted] = flags_.emplace(CanonicalFlagName(name), std::string(value));
  if (!inserted) return UsageError(absl::StrCat("--", it->first, ": given more than once"));
  return absl::OkStatus();
}

absl::StatusOr<size_t> ParseArgs(absl::Span<const std::string> tokens,
                                 absl::Span<const FlagSpec> specs, bool stop_at_positional,
                                 ParsedArgs* args) {
  bool flags_ended = false;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string& token = tokens[i];
    const bool is_flag = !flags_ended && absl::StartsWith(token, "-") && token != "-";
    if (!is_flag) {
      if (stop_at_positional) return i;
      args->positionals.push_back(token);
      continue;
    }
    if (token == "--") {
      flags_ended = true;
      continue;
    }
    if (token == "-h") {
      CADRE_RETURN_IF_ERROR(args->Set("help", "true"));
      continue;
    }
    if (!absl::StartsWith(token, "--")) {
      return UsageError(absl::StrCat(token, ": unknown flag (flags are long: --name)"));
    }
    absl::string_view body = absl::string_view(token).substr(2);
    absl::string_view name = body;
    absl::string_view inline_value;
    bool has_inline_value = false;
    if (size_t eq = body.find('='); eq != absl::string_view::npos) {
      name = body.substr(0, eq);
      inline_value = body.substr(eq + 1);
      has_inline_value = true;
    }
    const std::string canonical = CanonicalFlagName(name);
    const FlagSpec* spec = FindSpec(specs, canonical);
    if (spec == nullptr) return UsageError(absl::StrCat("--", name, ": unknown flag"));
    if (!spec->takes_value()) {
      CADRE_RETURN_IF_ERROR(args->Set(canonical, has_inline_value ? inline_value : "true"));
      if (has_inline_value) CADRE_RETURN_IF_ERROR(BoolFlag(*args, canonical).status());
      continue;
    }
    if (has_inline_value) {
      CADRE_RETURN_IF_ERROR(args->Set(canonical, inline_value));
      continue;
    }
    // The next token is the value even if it starts with '-' (e.g. a negative number).
    if (i + 1 >= tokens.size()) {
      return UsageError(absl::StrCat("--", canonical, ": needs a value (", spec->value, ")"));
    }
    CADRE_RETURN_IF_ERROR(args->Set(canonical, tokens[++i]));
  }
  return tokens.size();
}

absl::StatusOr<int> IntFlag(const ParsedArgs& args, absl::string_view name, int min, int max) {
  const std::string& text = args.Get(name);
  int value = 0;
  if (!absl::SimpleAtoi(text, &value) || value < min || value > max) {
    return UsageError(absl::StrCat("--", CanonicalFlagName(name), ": '", text,
                                   "' is not a whole number from ", min, " to ", max));
  }
  return value;
}

absl::StatusOr<bool> BoolFlag(const ParsedArgs& args, absl::string_view name) {
  const std::string text = absl::AsciiStrToLower(args.Get(name));
  if (text == "true" || text == "yes" || text == "1" || text == "on") return true;
  if (text == "false" || text == "no" || text == "0" || text == "off") return false;
  return UsageError(
      absl::StrCat("--", CanonicalFlagName(name), ": '", args.Get(name), "' is not true or false"));
}

std::vector<std::string> ListFlag(const ParsedArgs& args, absl::string_view name) {
  std::vector<std::string> items;
  for (absl::string_view item : absl::StrSplit(args.Get(name), ',')) {
    item = absl::StripAsciiWhitespace(item);
    if (!item.empty()) items.emplace_back(item);
  }
  return items;
}

absl::Status RequireFlags(const ParsedArgs& args, absl::Span<const absl::string_view> names) {
  for (absl::string_view name : names) {
    if (!args.Has(name)) return UsageError(absl::StrCat("--", name, ": required"));
  }
  return absl::OkStatus();
}

bool AnyGiven(const ParsedArgs& args, absl::Span<const FlagSpec> specs) {
  for (const FlagSpec& spec : specs) {
    if (args.Has(spec.name)) return true;
  }
  return false;
}

absl::StatusOr<std::string> ResourceName(absl::string_view collection, absl::string_view text,
                                         absl::string_view what) {
  text = absl::StripAsciiWhitespace(text);
  const std::string prefix = absl::StrCat(collection, "/");
  absl::string_view id = text;
  if (absl::StrContains(text, '/')) {
    if (!absl::StartsWith(text, prefix)) {
      return UsageError(absl::StrCat(what, ": '", text, "' is not a name like ", prefix, "ID"));
    }
    id = text.substr(prefix.size());
  }
  if (id.empty() || absl::StrContains(id, '/')) {
    return UsageError(absl::StrCat(what, ": '", text, "' is not a name like ", prefix, "ID"));
  }
  return absl::StrCat(prefix, id);
}

}  // namespace cadre::cadrectl
