#pragma once

// Reading the registry's event stream `registry:events` as the registry writes it: each
// entry is {type: the event type's name, pb: a serialised cadre.v1.RegistryEvent} (see
// services/registry/registry_store.h; the few lines that read it are repeated here, so
// that matching does not link the registry's store).
//
// Errors: UNAVAILABLE when Redis is unreachable; INTERNAL for a reply of an unexpected
// shape or a Redis error reply.

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/optional.h"
#include "cadre/v1/registry_events.pb.h"
#include "services/common/redis_client.h"
#include "services/matching/view/stream_position.h"

namespace cadre::matching {

// The registry's event stream.
inline constexpr char kRegistryEvents[] = "registry:events";

// The event in an entry's "pb" field, or nullopt (logged with the entry's id, never its
// bytes) when it does not parse.
absl::optional<cadre::v1::RegistryEvent> ParseRegistryEvent(const StreamEntry& entry);

// XINFO STREAM `stream`, on `connection`. A stream that does not exist is empty.
absl::StatusOr<StreamBounds> ReadStreamBounds(RedisConnection& connection,
                                              const std::string& stream);
// The same through the pool.
absl::StatusOr<StreamBounds> ReadStreamBounds(RedisClient& redis, const std::string& stream);

// One entry of the registry's stream: its id and the event, empty (TYPE_UNSPECIFIED) if
// the entry did not parse, so that a reader still moves past its id.
using RegistryStreamEntry = std::pair<std::string, cadre::v1::RegistryEvent>;

// Up to `count` events after `after_id`, waiting up to `block_ms` for some (XREAD BLOCK:
// `connection` must be a dedicated one whose read timeout allows for the block).
absl::StatusOr<std::vector<RegistryStreamEntry>> ReadRegistryEvents(RedisConnection& connection,
                                                                    const std::string& after_id,
                                                                    int block_ms, int count);

}  // namespace cadre::matching
