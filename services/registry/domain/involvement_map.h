#pragma once

// The involvement map: every way into every body (standing avenues and open roles),
// grouped by body kind and body, with totals by level and region. Pure.

#include "cadre/v1/registry.pb.h"
#include "services/registry/domain/catalog.h"

namespace cadre::registry {

// Filters of `request` (body kind, region, level) select avenues and roles by their own
// location and level and bodies by kind. With no region or level filter every body of a
// selected kind is listed, even one with nothing open today; otherwise only bodies with
// something that matches.
cadre::v1::InvolvementMap BuildInvolvementMap(const Catalog::MapSnapshot& snapshot,
                                              const cadre::v1::GetInvolvementMapRequest& request);

// The summary of an open role shown on the map.
cadre::v1::RoleSummary Summarize(const cadre::v1::Role& role);

}  // namespace cadre::registry
