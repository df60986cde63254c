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

// The parts of names already checked (stored records, parsed requests): the code of
// "bodies/RXF" ("RXF"); the numeric id of "roles/42" or "avenues/7" (42, 7). Empty and 0
// for names that are not of that shape.
absl::string_view BodyCodeOf(absl::string_view body_name);
int64_t NumericId(absl::string_view name);

// Each returns INVALID_ARGUMENT naming `field` when the name is malformed or not in its
// one canonical form ("roles/2", never "roles/02"), so that names can serve as keys.
absl::StatusOr<std::string> ParseBodyName(absl::string_view name, absl::string_view field);
absl::StatusOr<int64_t> ParseRoleName(absl::string_view name, absl::string_view field);
absl::StatusOr<int64_t> ParseAvenueName(absl::string_view name, absl::string_view field);
absl::StatusOr<std::string> ParseRoleTypeName(absl::string_view name, absl::string_view field);

// Format checks shared by validation and name parsing.
bool IsOdsCode(absl::string_view code);   // 3–6 of A-Z and 0-9
bool IsBodyCode(absl::string_view code);  // an ODS code or a Cadre-issued "CDR" + digits

// Cadre-issued codes: "CDR" and at least four digits, e.g. "CDR0007". Seven characters or
// more, so never a valid ODS code.
std::string CadreIssuedCode(int64_t sequence);

}  // namespace cadre::registry
