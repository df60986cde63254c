#pragma once

// The display names of the bodies behind a page's roles (a Role names its body only as
// "bodies/{code}"): one GetBody a distinct body, all at once, within one upstream
// deadline. A body that cannot be read is left out, and the page shows its code instead,
// so that a page of roles never fails for want of a name.

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "cadre/v1/registry.pb.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "services/gateway/pages/page_kit.h"

namespace cadre::gateway {

// Body name ("bodies/RXF") → display name.
using BodyNames = absl::flat_hash_map<std::string, std::string>;

BodyNames LookUpBodyNames(const PageDeps& deps, const HttpRequest& request,
                          const google::protobuf::RepeatedPtrField<cadre::v1::Role>& roles);
// The same for the bodies named ("bodies/{code}", repeats asked once; any other name,
// such as a credential's granter "admin", is not asked for).
BodyNames LookUpBodyNames(const PageDeps& deps, const HttpRequest& request,
                          const std::vector<std::string>& bodies);

// The display name of `body`, or its code when it was not found.
std::string BodyNameOf(const BodyNames& names, const std::string& body);

}  // namespace cadre::gateway
