#include "services/registry/domain/map_cache.h"

#include <utility>

#include "services/registry/domain/involvement_map.h"

namespace cadre::registry {

WirePtr MapCache::Get(const cadre::v1::GetInvolvementMapRequest& request, absl::Time now) {
  const Filters filters{request.body_kind(), request.region(), request.level()};
  // Read before the snapshot: a map stored under an older generation than its snapshot
  // is only rebuilt once more, never served stale.
  const int64_t generation = catalog_->generation();
  {
    absl::MutexLock lock(&mu_);
    auto it = entries_.find(filters);
    if (it != entries_.end() && it->second.generation == generation && now < it->second.expires) {
      return it->second.bytes;
    }
  }
  // Built outside the lock: two callers may build the same map at once, which is harmless.
  const Catalog::MapSnapshot snapshot = catalog_->SnapshotForMap(now);
  auto bytes = std::make_shared<const std::string>(
      BuildInvolvementMap(snapshot, request).SerializeAsString());
  absl::MutexLock lock(&mu_);
  entries_[filters] = Entry{generation, snapshot.next_closing, bytes};
  return bytes;
}

}  // namespace cadre::registry
