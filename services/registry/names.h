#pragma once

// Resource names of the registry (AIP-122): "bodies/{code}", "roles/{id}",
// "avenues/{id}", "roleTypes/{id}".

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cadre::registry {

std::string BodyName(absl::string_view code);
std::string RoleName(int64_t id);
std::string AvenueName(int64_t id);
std::string RoleTypeName(absl::string_view id);

// Each returns INVALID_ARGUMENT naming `field` when the name is malformed.
absl::StatusOr<std::string> ParseBodyName(absl::string_view name, absl::string_view field);
absl::StatusOr<int64_t> ParseRoleName(absl::string_view name, absl::string_view field);
absl::StatusOr<int64_t> ParseAvenueName(absl::string_view name, absl::string_view field);
absl::StatusOr<std::string> ParseRoleTypeName(absl::string_view name, absl::string_view field);

// Format checks shared by validation and name parsing.
bool IsOdsCode(absl::string_view code);   // 3–6 of A-Z and 0-9
bool IsBodyCode(absl::string_view code);  // an ODS code or a Cadre-issued "CDR" + digits
bool IsSlug(absl::string_view s, size_t min, size_t max);  // a-z, 0-9, '-'
bool IsRequestId(absl::string_view s);                     // 1–64 of A-Z a-z 0-9 _ -

// Cadre-issued codes: "CDR" and at least four digits, e.g. "CDR0007". Seven characters or
// more, so never a valid ODS code.
std::string CadreIssuedCode(int64_t sequence);

}  // namespace cadre::registry
