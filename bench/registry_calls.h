#pragma once

// The two calls the benchmark makes, as load-generator slots: GetRole of a random seeded
// role, and ListRoles filtered on region and level.

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "bench/load_generator.h"

namespace cadre::bench {

// GetRole of a role picked uniformly from `names` on every call. `names` must outlive
// the slots and not change while they run. With `parse`, answers are parsed into Role.
SlotFactory GetRoleSlots(const std::vector<std::string>* names, bool parse,
                         absl::Duration deadline);

// ListRoles of `page_size` roles with two filters, region and level, picked at random on
// every call: every (region, level) pair holds about 312 of the 10,000 seeded roles, so
// every answer is a full page. With `parse`, answers are parsed.
SlotFactory ListRolesSlots(int page_size, bool parse, absl::Duration deadline);

}  // namespace cadre::bench
