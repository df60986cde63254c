#pragma once

// Resource names of the matching service (AIP-122): "applicants/{id}" and
// "applicants/{id}/credentials/{n}". Each has one canonical form, so names serve as keys.

#include <cstdint>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cadre::matching {

// "applicants/{id}". `id` is not checked.
std::string ApplicantName(absl::string_view id);

// The id of "applicants/{id}", or INVALID_ARGUMENT naming `field` when the name is not of
// that shape or the id is not IsApplicantId.
absl::StatusOr<std::string> ParseApplicantName(absl::string_view name, absl::string_view field);

// Exactly kApplicantIdLength (16) characters of a-z and 2-7 (RFC 4648 base32, lower-case:
// no 0, 1, 8 or 9, so an id read aloud or copied by hand is not mistaken).
bool IsApplicantId(absl::string_view id);

// A new applicant id: 16 base32 characters (80 bits) from successive 64-bit draws of
// `random`, which should be a cryptographically strong source (ids are not secrets, but
// must not be guessable from one another). Calls `random` twice.
std::string NewApplicantId(absl::FunctionRef<uint64_t()> random);

// "applicants/{id}/credentials/{n}". Neither part is checked.
std::string CredentialName(absl::string_view applicant_id, int64_t n);

struct CredentialRef {
  std::string applicant_id;
  int64_t n = 0;  // 1 to 2^52, written without leading zeros
};

// The parts of "applicants/{id}/credentials/{n}", or INVALID_ARGUMENT naming `field`.
absl::StatusOr<CredentialRef> ParseCredentialName(absl::string_view name, absl::string_view field);

// "applications/{id}" and "placements/{id}": the id has the shape of an applicant id
// (IsApplicantId: 16 random base32 characters); a placement has the id of the application
// that was accepted. Neither part is checked by the makers.
std::string ApplicationName(absl::string_view id);
std::string PlacementName(absl::string_view id);
// The id, or INVALID_ARGUMENT naming `field`.
absl::StatusOr<std::string> ParseApplicationName(absl::string_view name, absl::string_view field);
absl::StatusOr<std::string> ParsePlacementName(absl::string_view name, absl::string_view field);

// "bodies/{code}" with an ODS code (3–6 of A-Z and 0-9) or a Cadre-issued one ("CDR" and
// 4–12 digits). The same rule as the registry's ParseBodyName
// (services/registry/domain/names.cc), restated here because domain libraries do not
// link one another.
bool IsBodyName(absl::string_view name);

}  // namespace cadre::matching
