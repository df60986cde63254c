#include "services/registry/domain/names.h"

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "services/common/base/validation.h"
#include "services/registry/domain/errors.h"
#include "services/registry/domain/limits.h"

namespace cadre::registry {
namespace {

constexpr int64_t kMaxId = int64_t{1} << 52;

absl::StatusOr<int64_t> ParseNumericName(absl::string_view name, absl::string_view prefix,
                                         absl::string_view field) {
  if (!absl::ConsumePrefix(&name, prefix)) {
    return InvalidField(field, absl::StrCat("must look like ", prefix, "{id}"));
  }
  int64_t id = 0;
  // Canonical: no leading zero, so that one resource has exactly one name.
  if (name.empty() || name.size() > 16 || name.front() == '0' ||
      !absl::c_all_of(name, absl::ascii_isdigit) || !absl::SimpleAtoi(name, &id) || id <= 0 ||
      id > kMaxId) {
    return InvalidField(field, absl::StrCat("must look like ", prefix, "{id} with a number id"));
  }
  return id;
}

}  // namespace

absl::string_view BodyCodeOf(absl::string_view body_name) {
  return absl::ConsumePrefix(&body_name, "bodies/") ? body_name : absl::string_view();
}

int64_t NumericId(absl::string_view name) {
  const size_t slash = name.find('/');
  int64_t id = 0;
  if (slash == absl::string_view::npos || !absl::SimpleAtoi(name.substr(slash + 1), &id)) return 0;
  return id;
}

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
  if (!absl::ConsumePrefix(&name, "roleTypes/") || !IsSlug(name, kMinRoleTypeId, kMaxRoleTypeId)) {
    return InvalidField(field, "must look like roleTypes/{id}, id 3 to 60 of a-z, 0-9 and '-'");
  }
  return std::string(name);
}

}  // namespace cadre::registry
