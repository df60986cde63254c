#include "services/registry/names.h"

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "services/registry/errors.h"

namespace cadre::registry {
namespace {

constexpr int64_t kMaxId = int64_t{1} << 52;

absl::StatusOr<int64_t> ParseNumericName(absl::string_view name, absl::string_view prefix,
                                         absl::string_view field) {
  if (!absl::ConsumePrefix(&name, prefix)) {
    return InvalidField(field, absl::StrCat("must look like ", prefix, "{id}"));
  }
  int64_t id = 0;
  if (name.empty() || name.size() > 16 || !absl::c_all_of(name, absl::ascii_isdigit) ||
      !absl::SimpleAtoi(name, &id) || id <= 0 || id > kMaxId) {
    return InvalidField(field, absl::StrCat("must look like ", prefix, "{id} with a number id"));
  }
  return id;
}

}  // namespace

std::string BodyName(absl::string_view code) { return absl::StrCat("bodies/", code); }
std::string RoleName(int64_t id) { return absl::StrCat("roles/", id); }
std::string AvenueName(int64_t id) { return absl::StrCat("avenues/", id); }
std::string RoleTypeName(absl::string_view id) { return absl::StrCat("roleTypes/", id); }

bool IsOdsCode(absl::string_view code) {
  return code.size() >= 3 && code.size() <= 6 && absl::c_all_of(code, [](char c) {
           return absl::ascii_isupper(c) || absl::ascii_isdigit(c);
         });
}

bool IsBodyCode(absl::string_view code) {
  if (IsOdsCode(code)) return true;
  absl::string_view digits = code;
  return absl::ConsumePrefix(&digits, "CDR") && digits.size() >= 4 && digits.size() <= 12 &&
         absl::c_all_of(digits, absl::ascii_isdigit);
}

bool IsSlug(absl::string_view s, size_t min, size_t max) {
  return s.size() >= min && s.size() <= max && s.front() != '-' && s.back() != '-' &&
         absl::c_all_of(s, [](char c) {
           return absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '-';
         });
}

bool IsRequestId(absl::string_view s) {
  return !s.empty() && s.size() <= 64 &&
         absl::c_all_of(s, [](char c) { return absl::ascii_isalnum(c) || c == '_' || c == '-'; });
}

std::string CadreIssuedCode(int64_t sequence) { return absl::StrFormat("CDR%04d", sequence); }

absl::StatusOr<std::string> ParseBodyName(absl::string_view name, absl::string_view field) {
  if (!absl::ConsumePrefix(&name, "bodies/") || !IsBodyCode(name)) {
    return InvalidField(field, "must look like bodies/{code} with an ODS or Cadre code");
  }
  return std::string(name);
}

absl::StatusOr<int64_t> ParseRoleName(absl::string_view name, absl::string_view field) {
  return ParseNumericName(name, "roles/", field);
}

absl::StatusOr<int64_t> ParseAvenueName(absl::string_view name, absl::string_view field) {
  return ParseNumericName(name, "avenues/", field);
}

absl::StatusOr<std::string> ParseRoleTypeName(absl::string_view name, absl::string_view field) {
  if (!absl::ConsumePrefix(&name, "roleTypes/") || !IsSlug(name, 3, 60)) {
    return InvalidField(field, "must look like roleTypes/{id}, id 3 to 60 of a-z, 0-9 and '-'");
  }
  return std::string(name);
}

}  // namespace cadre::registry
