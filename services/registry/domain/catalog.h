#pragma once

// The registry's in-memory view: every body, role, avenue and role type, with indexes
// that answer role listings without scanning every role. Pure C++ (no Redis, no gRPC):
// it is fed by ViewSync from the store's records and events, and by the service after
// each write it makes.
//
// Each record carries its version; a put with a version not newer than the one held is
// ignored, so events may arrive twice or after a reload without harm.
//
// Each role also keeps its wire bytes: the Role serialised exactly as GetRole answers it
// (etag set) when it takes no applications, made once per version when the role is put,
// so that reads send bytes and never serialise a role (domain/wire.h writes a ListRoles
// page from them). accepting_applications depends on the time of the read, so the view
// holds every role with it false (a put clears it); a read of a role that accepts adds
// the field's three bytes (wire.h).
//
// Role index: for every filter value a posting set of role ids in descending order
// ("state:2", "body:RXF", "level:3", "topic:diabetes", "word:dementia"...). A query takes
// the smallest posting set among its filters, walks it from the cursor (towards older
// roles for the next page, towards newer ones for the previous page) and checks the
// remaining conditions on each candidate. The role queries are in catalog_query.cc.
//
// Thread-safe: readers share a lock; writers take it alone.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/btree_map.h"
#include "absl/container/btree_set.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "cadre/v1/registry.pb.h"
#include "cadre/v1/registry_events.pb.h"
#include "services/registry/domain/wire.h"

namespace cadre::registry {

// What ListRoles asks for. Zero / empty / nullopt fields do not filter.
struct RoleQuery {
  std::string body_code;
  cadre::v1::BodyKind body_kind = cadre::v1::BODY_KIND_UNSPECIFIED;
  cadre::v1::InvolvementLevel level = cadre::v1::INVOLVEMENT_LEVEL_UNSPECIFIED;
  cadre::v1::EngagementRung rung = cadre::v1::ENGAGEMENT_RUNG_UNSPECIFIED;
  cadre::v1::Region region = cadre::v1::REGION_UNSPECIFIED;
  absl::optional<bool> remote;
  absl::optional<int> max_hours_per_month;
  std::string topic;
  std::string expertise;
  cadre::v1::RoleState state = cadre::v1::ROLE_STATE_OPEN;
  absl::optional<absl::Time> closing_after;
  std::vector<std::string> words;
  // Set for public listings: only roles that take applications at this time (no
  // closing time, or a later one; see domain/closing.h).
  absl::optional<absl::Time> accepting_at;
};

using RolePtr = std::shared_ptr<const cadre::v1::Role>;
using BodyPtr = std::shared_ptr<const cadre::v1::Body>;
using AvenuePtr = std::shared_ptr<const cadre::v1::Avenue>;
using RoleTypePtr = std::shared_ptr<const cadre::v1::RoleType>;

// A role and its wire bytes, of the same version (both null when there is no role).
struct RoleAndWire {
  RolePtr role;
  WirePtr wire;
};

struct RolePage {
  std::vector<RolePtr> roles;  // newest first
  std::vector<WirePtr> wire;   // wire[i]: roles[i] serialised, as answered
  // Set when a role older than the last one matches: the last role's id, for
  // QueryRoles to give the next page.
  absl::optional<int64_t> next_after_id;
  // Set when a role newer than the first one matches: the first role's id (on an empty
  // page, the cursor's), for QueryRolesBefore to give the previous page.
  absl::optional<int64_t> previous_before_id;
  // The view's position (see Catalog::SetViewPosition) when the page was read, under the
  // same lock: the page reflects at least every event up to it.
  std::string view_position;
};

class Catalog {
 public:
  // Records are stored with `etag` set to their version. Each returns whether it applied.
  bool PutBody(cadre::v1::Body body, int64_t version);
  bool PutRole(cadre::v1::Role role, int64_t version);
  bool PutAvenue(cadre::v1::Avenue avenue, int64_t version);
  bool RemoveAvenue(int64_t id, int64_t version);
  bool PutRoleType(cadre::v1::RoleType role_type, int64_t version);
  // Applies an event's snapshot.
  bool Apply(const cadre::v1::RegistryEvent& event);
  // Takes every record of `loaded` (a catalog filled apart, e.g. by a full reload) and
  // its view position in one step, so readers and writers never see a half-loaded view;
  // `loaded` gets the old records.
  void ReplaceWith(Catalog& loaded);

  // The id of the last `registry:events` entry whose change the view holds ("" for none).
  // Set only once that entry's change (and every earlier one) is in the view, so that a
  // reader is never told of a position ahead of what it read.
  void SetViewPosition(std::string event_id);
  std::string view_position() const;

  BodyPtr FindBody(const std::string& code) const;
  RolePtr FindRole(int64_t id) const;
  RoleAndWire FindRoleAndWire(int64_t id) const;
  AvenuePtr FindAvenue(int64_t id) const;
  RoleTypePtr FindRoleType(const std::string& id) const;

  // The page after a cursor: roles matching `query`, newest (highest id) first, with ids
  // below `after_id` when set; at most `limit`.
  // Cost: a seek in the smallest posting set among the query's filters (O(log n)), then
  // one step per candidate until `limit` match and one more match (the next page), plus,
  // with a cursor, a walk back from it to the first newer match (the previous page).
  RolePage QueryRoles(const RoleQuery& query, absl::optional<int64_t> after_id, int limit) const;
  // The page before a cursor: the `limit` roles matching `query` with ids above
  // `before_id` that are nearest to it, still newest first. When fewer than `limit` are
  // above it, the page is the first page (the newest `limit`, as QueryRoles without a
  // cursor gives, topped up with roles at or below `before_id`), so that a first page is
  // always full when enough roles match. Costs the same as QueryRoles, walking the other
  // way: a seek, one step per candidate towards newer ids until `limit` match and one
  // more, and the walk on from the cursor to the first older match.
  RolePage QueryRolesBefore(const RoleQuery& query, int64_t before_id, int limit) const;

  // Bodies by code after `after_code`, filtered by kind and region when set.
  std::vector<BodyPtr> ListBodies(cadre::v1::BodyKind kind, cadre::v1::Region region,
                                  const std::string& after_code, int limit) const;
  // Avenues by id after `after_id`.
  std::vector<AvenuePtr> ListAvenues(const std::string& body_code, cadre::v1::BodyKind kind,
                                     cadre::v1::Region region, int64_t after_id, int limit) const;
  std::vector<RoleTypePtr> ListRoleTypes(cadre::v1::InvolvementLevel level) const;

  // Everything the involvement map needs at `now`, read under one lock: open_roles are the
  // roles that take applications at `now` (past their closing time, a role is off the map).
  struct MapSnapshot {
    std::vector<BodyPtr> bodies;
    std::vector<AvenuePtr> avenues;
    std::vector<RolePtr> open_roles;
    // The earliest closing time among open_roles (InfiniteFuture when none has one): a map
    // built from the snapshot holds until then, or until the catalog changes.
    absl::Time next_closing = absl::InfiniteFuture();
  };
  MapSnapshot SnapshotForMap(absl::Time now) const;

  // Ids of OPEN roles whose closing time is at or before `closing_by`, newest first: the
  // candidates for the registry's close of undecided roles (see domain/closing.h).
  std::vector<int64_t> OpenRolesClosingBy(absl::Time closing_by) const;

  // Grows by one on every applied change; lets callers cache derived answers.
  int64_t generation() const;
  size_t role_count() const;
  // What the roles' wire bytes cost in memory, in bytes: for each role its string's
  // heap block (when not held inline), the std::string and the shared pointer to it.
  size_t WireBytesForTest() const;

 private:
  using Postings = absl::btree_set<int64_t, std::greater<int64_t>>;
  struct RoleEntry {
    // Both point into one StoredRole (catalog.cc): one block and one count per version.
    RolePtr role;
    WirePtr wire;
    int64_t version = 0;
    std::vector<std::string> keys;  // posting keys, sorted
  };
  template <typename T>
  struct Versioned {
    std::shared_ptr<const T> value;
    int64_t version = 0;
  };

  std::vector<std::string> PostingKeys(const cadre::v1::Role& role) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);
  // The query's posting keys, sorted.
  static std::vector<std::string> QueryKeys(const RoleQuery& query);
  static bool MatchesUnindexed(const cadre::v1::Role& role, const RoleQuery& query);
  // The smallest posting set among `keys`; null when one of them has none (nothing
  // matches).
  const Postings* Driver(const std::vector<std::string>& keys) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);
  // Role `id`'s entry if it matches `query` (`keys`: QueryKeys(query)), else null.
  const RoleEntry* Match(int64_t id, const std::vector<std::string>& keys,
                         const RoleQuery& query) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  // Appends the matches from `from` on (towards older ids) to `page` until it holds
  // `limit`; the next match after that sets next_after_id.
  void TakeOlder(const Postings& driver, Postings::const_iterator from,
                 const std::vector<std::string>& keys, const RoleQuery& query, int limit,
                 RolePage& page) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  // Whether a role before `to` in `driver` (a newer one) matches, walking back from `to`.
  bool AnyNewer(const Postings& driver, Postings::const_iterator to,
                const std::vector<std::string>& keys, const RoleQuery& query) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  absl::btree_map<std::string, Versioned<cadre::v1::Body>> bodies_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<int64_t, RoleEntry> roles_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, Postings> postings_ ABSL_GUARDED_BY(mu_);
  absl::btree_map<int64_t, Versioned<cadre::v1::Avenue>> avenues_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<int64_t, int64_t> avenue_tombstones_ ABSL_GUARDED_BY(mu_);
  absl::btree_map<std::string, Versioned<cadre::v1::RoleType>> role_types_ ABSL_GUARDED_BY(mu_);
  int64_t generation_ ABSL_GUARDED_BY(mu_) = 0;
  std::string view_position_ ABSL_GUARDED_BY(mu_);
};

// Whether a role can be done from home (remote or hybrid).
bool IsRemote(const cadre::v1::Role& role);

}  // namespace cadre::registry
