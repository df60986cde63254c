#pragma once

// Flags that set fields of roles, avenues and role types, shared by their create and
// update commands, and the update-mask paths they stand for. Values are checked against
// the limits the proto states, so a typo fails here, naming the flag, before any call;
// the registry checks everything again.

#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "cadre/v1/registry.pb.h"
#include "tools/cadrectl/args.h"

namespace cadre::cadrectl {

// A field flag and the update-mask path of the field it sets.
struct MaskPath {
  absl::string_view flag;
  absl::string_view path;
};
// The paths of the flags of `mask` that were given, in the order of `mask`.
std::vector<std::string> GivenPaths(const ParsedArgs& args, absl::Span<const MaskPath> mask);

// If flag `name` was given, replaces `field` with its comma-separated tags: at most
// `max`, each 1-40 characters of a-z, 0-9 and '-' (the vocabulary of topics, expertise
// and access support). Usage errors name the flag.
absl::Status OptionalTags(const ParsedArgs& args, absl::string_view name, int max,
                          google::protobuf::RepeatedPtrField<std::string>* field);

// --hours, --duration-months, --pattern. AnyGiven(args, TimeFlags()) tells whether any
// was given.
std::vector<FlagSpec> TimeFlags();
// Sets the fields whose flags are present. Usage errors for bad values.
absl::Status ApplyTimeFlags(const ParsedArgs& args, cadre::v1::TimeCommitment* time);

// --region, --mode, --place.
std::vector<FlagSpec> LocationFlags();
absl::Status ApplyLocationFlags(const ParsedArgs& args, cadre::v1::Location* location);

// TimeFlags(), then LocationFlags(): what roles and avenues share.
std::vector<FlagSpec> TimeAndLocationFlags();

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

// The filters and paging flags of `roles list` / `roles search` (--all is read by
// ListPages, paging.h).
std::vector<FlagSpec> ListRolesFlags();
absl::Status ApplyListRolesFlags(const ParsedArgs& args, cadre::v1::ListRolesRequest* request);

}  // namespace cadre::cadrectl
