#pragma once

// The Lua of the application store's writes (application_store.h), each an outbox body
// (services/common/outbox.h): guards that read only, then writes that cannot fail. Each
// names its keys (K) and arguments (A) in the order the store sends them. Built once;
// thread-safe.

#include "services/common/outbox.h"
#include "services/common/redis_client.h"

namespace cadre::matching {

// A new application: one live a role, under the cap on live applications.
const OutboxScript& SubmitScript();
// A move: compare-and-set on the version; the live entry and the offer's lapse follow.
const OutboxScript& MoveScript();
// An acceptance: the application, its placement and the role's accepted count, under
// the places (and the person's most roles); the last place queues the role to be filled.
const OutboxScript& AcceptScript();
// A placement's change (payment choice, end): compare-and-set on the version.
const OutboxScript& PlacementScript();
// Claims the fill queue's due roles, putting each off by the lease (not an outbox write).
const RedisScript& ClaimScript();

}  // namespace cadre::matching
