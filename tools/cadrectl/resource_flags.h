#pragma once

// Flags that set fields of roles, avenues and role types, shared by their create and
// update commands, and the update-mask paths they stand for. Values are checked against
// the limits the proto states, so a typo fails here, naming the flag, before any call;
// the registry checks everything again.

#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "cadre/v1/registry.pb.h"
#include "tools/cadrectl/args.h"

namespace cadre::cadrectl {

// --hours, --duration-months, --pattern.
std::vector<FlagSpec> TimeFlags();
// Sets the fields whose flags are present; `*changed` is set if any was.
absl::Status ApplyTimeFlags(const ParsedArgs& args, cadre::v1::TimeCommitment* time, bool* changed);

// --region, --mode, --place.
std::vector<FlagSpec> LocationFlags();
absl::Status ApplyLocationFlags(const ParsedArgs& args, cadre::v1::Location* location,
                                bool* changed);

// Every flag of `roles create` but --body (which cannot change) and the global ones.
std::vector<FlagSpec> RoleFieldFlags();

// Sets on `role` each field whose flag is present and adds its update-mask path to
// `paths` ("time_commitment" for --hours, "location" for --mode, "support" for
// --payment...). Usage errors for bad values.
absl::Status ApplyRoleFlags(const ParsedArgs& args, cadre::v1::Role* role,
                            std::set<std::string>* paths);

// The paths of messages that flags set only in part: an update of one of them must
// start from the stored value, or the fields not given would be cleared.
bool NeedsCurrentRole(const std::set<std::string>& paths);

// The filters of `roles list` / `roles search`.
std::vector<FlagSpec> ListRolesFlags();
absl::Status ApplyListRolesFlags(const ParsedArgs& args, cadre::v1::ListRolesRequest* request);

// --page-size (1–`max`), --page-token, --all.
std::vector<FlagSpec> PagingFlags(int max);

}  // namespace cadre::cadrectl
