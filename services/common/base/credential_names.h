#pragma once

// The names of credentials: what a role may require (registry) and a person may hold
// (matching). Pure.
//
//   "dbs-basic" < "dbs-standard" < "dbs-enhanced"   DBS checks; a higher level satisfies
//                                                    a requirement of a lower one
//   "modules/{id}"                                   a training module; id is a slug of
//                                                    1–64 characters
//   an accreditation slug                            3–40 characters of a-z, 0-9 and '-',
//                                                    starting with a letter, not "dbs-…"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace cadre {

inline constexpr size_t kMaxCredentialNameLength = 72;  // "modules/" + 64

enum class CredentialForm { kDbs, kModule, kAccreditation };

// The form of `name`; false if it is none of them.
bool ParseCredentialForm(absl::string_view name, CredentialForm* form);
bool IsCredentialName(absl::string_view name);
// 1 basic, 2 standard, 3 enhanced; 0 for anything else.
int DbsLevel(absl::string_view name);
// Whether holding `held` meets a requirement of `required` (both valid names): the same
// name, or a DBS check of at least the required level.
bool CredentialSatisfies(absl::string_view held, absl::string_view required);
// OK, or INVALID_ARGUMENT "<field>: ..." saying which forms a credential name takes.
absl::Status CheckCredentialName(absl::string_view name, absl::string_view field);

}  // namespace cadre
