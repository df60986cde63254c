#pragma once

// The involvement map for each set of filters, kept serialised until the catalog
// changes or the first closing time among its roles passes (a role past its closing time
// is off the map), so that the public map page costs one build and one serialisation per
// change rather than one per visit, and an answer sends the kept bytes.

#include <cstdint>
#include <map>
#include <memory>
#include <tuple>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "cadre/v1/registry.pb.h"
#include "services/registry/domain/catalog.h"
#include "services/registry/domain/wire.h"

namespace cadre::registry {

// Thread-safe. `catalog` must outlive the cache.
class MapCache {
 public:
  explicit MapCache(const Catalog* catalog) : catalog_(catalog) {}

  // The serialised cadre.v1.InvolvementMap at `now` for the filters of `request` (body
  // kind, region, level; validated by ValidateGetInvolvementMap, so at most 10 × 9 × 5
  // entries are ever kept), built from the catalog when it has changed since the last
  // build for these filters, or when `now` has reached the earliest closing time among
  // the open roles that build read. (The clock is taken not to go back.)
  // Never null.
  WirePtr Get(const cadre::v1::GetInvolvementMapRequest& request, absl::Time now);

 private:
  using Filters = std::tuple<int, int, int>;  // body kind, region, level
  struct Entry {
    int64_t generation = -1;  // of the catalog the map was built from
    absl::Time expires;       // the earliest closing time among its roles
    WirePtr bytes;            // the map, serialised
  };

  const Catalog* catalog_;
  absl::Mutex mu_;
  std::map<Filters, Entry> entries_ ABSL_GUARDED_BY(mu_);
};

}  // namespace cadre::registry
