#pragma once

// How long a matching replica's view of the registry's open roles takes to load: the
// view's own code (services/matching/view/role_view.h: every page of ListRoles, state
// OPEN, 100 roles a page, then the tail of registry:events) run in this process against
// the running registry and its Redis, as a starting replica runs it.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace cadre::bench {

struct ViewLoad {
  absl::Duration took;  // from RoleView::Start to IsLoaded
  size_t roles = 0;     // open roles the view then held
};

// Builds a fresh RoleView (its own Redis connection and registry channel), starts it and
// waits until it is loaded, then stops it. `service_key` may be empty (open roles are
// public). DEADLINE_EXCEEDED if it has not loaded within `timeout`.
absl::StatusOr<ViewLoad> LoadRoleViewOnce(const std::string& registry_target,
                                          const std::string& redis_host, int redis_port,
                                          const std::string& service_key, absl::Duration timeout);

}  // namespace cadre::bench
