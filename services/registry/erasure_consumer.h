#pragma once

// The registry's reader of the matching service's events: consumer group "registry" on
// `matching:events` (layout: services/common/matching_event_stream.h). An
// APPLICANT_ERASED event revokes every key of that applicant (again, harmlessly, if it is
// delivered twice) and drops them from this replica's key cache; every other event is
// acknowledged and ignored; an entry that does not parse is logged by its id and
// acknowledged. A Redis failure leaves the entry pending, to be handled again.

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "services/common/api_keys.h"
#include "services/common/auth.h"
#include "services/common/event_consumer.h"
#include "services/common/redis_client.h"

namespace cadre::registry {

// Thread-safe: Start and Stop from any thread; its parts must outlive it.
class ErasureConsumer {
 public:
  // `block`: how long one read waits for new entries (also bounds Stop).
  ErasureConsumer(RedisClient* redis, ApiKeyStore* keys, Authenticator* auth, absl::Duration block);

  void Start() { consumer_.Start(); }
  void Stop() { consumer_.Stop(); }

 private:
  absl::Status Handle(const StreamEntry& entry);

  ApiKeyStore* keys_;
  Authenticator* auth_;
  EventConsumer consumer_;
};

}  // namespace cadre::registry
