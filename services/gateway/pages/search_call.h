#pragma once

// The registry's ListRoles for a parsed search, shared by the search page and its feed:
// the call, and a refusal that names a field of the form turned into that field's error.

#include <grpcpp/support/status.h>

#include "absl/types/optional.h"
#include "cadre/v1/registry.pb.h"
#include "services/gateway/domain/search_query.h"
#include "services/gateway/pages/page_kit.h"

namespace cadre::gateway {

struct SearchAnswer {
  grpc::Status status;  // OK, or why the registry refused or could not answer
  cadre::v1::ListRolesResponse page;
  // Set when the registry refused the search as INVALID_ARGUMENT naming a form field (a
  // page token it no longer takes, say): the form shows it at that field.
  absl::optional<SearchFieldError> field_error;
};

// UNAVAILABLE when no registry is configured.
SearchAnswer SearchRoles(const PageDeps& deps, const HttpRequest& request,
                         const cadre::v1::ListRolesRequest& search);

}  // namespace cadre::gateway
