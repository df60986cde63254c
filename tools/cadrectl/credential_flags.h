#pragma once

// Flags of `credentials grant` and the names of credentials, checked before any call.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "cadre/v1/matching.pb.h"
#include "tools/cadrectl/args.h"

namespace cadre::cadrectl {

// --kind --issued --expires --update-service --checked.
std::vector<FlagSpec> GrantFlags();

// The request granting the credential the flags describe to `applicant` (an operand:
// applicants/ID or ID), with `request_id` (may be empty). Usage errors: --kind missing
// or not a credential name; --issued missing for a DBS check; --expires missing;
// --checked without --update-service or missing with it; a bad date.
absl::StatusOr<cadre::v1::GrantCredentialRequest> GrantRequestFromFlags(
    const ParsedArgs& args, absl::string_view applicant, absl::string_view request_id);

// "applicants/ID/credentials/N" from `text`. Usage error naming `what` otherwise.
absl::StatusOr<std::string> CredentialName(absl::string_view text, absl::string_view what);

}  // namespace cadre::cadrectl
