#pragma once

// The matching service's in-memory set of the registry's open roles, by numeric id, each
// with the version the registry gave it (the registry's record version: Role.etag in a
// ListRoles answer, RegistryEvent.version in an event; the same number).
//
// Changes come from a load (ListRoles pages) and from events, which may arrive twice, out
// of order across a reload, or older than what a page already showed. So a change is
// applied only when its version is newer than the one held; a role that leaves OPEN is
// dropped and leaves a tombstone with its last version, so that an older event (its
// publication, say) cannot bring it back. A tombstone is two integers; tombstones go when
// the set is replaced by a fresh load, which holds no closed role to guard.
//
// It also keeps indexes of its open roles (role_index.h) for recommendations, changed with
// the roles under the same lock, so a reader never sees a role without its features.
//
// Pure C++ (protobuf messages and Abseil only). Thread-safe: readers share a lock, and the
// roles handed out are immutable snapshots that stay valid after the set changes.

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/types/optional.h"
#include "cadre/v1/registry.pb.h"
#include "services/matching/view/role_index.h"

namespace cadre::matching {

// The id in a role name "roles/{id}" (canonical decimal, > 0), or nullopt.
absl::optional<int64_t> RoleIdOf(absl::string_view name);

class OpenRoles {
 public:
  OpenRoles() = default;
  OpenRoles(const OpenRoles&) = delete;
  OpenRoles& operator=(const OpenRoles&) = delete;

  // Applies `role` at `version` (> 0) if that is newer than what is held for its id (a
  // role or a tombstone): an OPEN role is put (its etag set to `version`, as the registry
  // answers it); any other state drops it and leaves a tombstone. Returns whether the set
  // changed its knowledge of the role; false for an old version or a name that is not
  // "roles/{id}".
  bool Apply(cadre::v1::Role role, int64_t version);

  // The open role with this id, or nullptr.
  OpenRolePtr Find(int64_t id) const;
  // The version known for `id`: of the open role held, or of its tombstone; 0 if none.
  int64_t VersionOf(int64_t id) const;
  // Open roles held.
  size_t Size() const;
  // Every open role, by ascending id, read under one lock.
  std::vector<OpenRolePtr> Snapshot() const;
  // Calls `visit` on each open role of a Snapshot, outside the lock (so `visit` may call
  // back into the set).
  void ForEach(const std::function<void(const cadre::v1::Role&)>& visit) const;

  // Calls `read` with the indexes of the open roles, under the reader lock, so that a
  // reader can go through tens of thousands of roles without copying them out. `read` must
  // not call back into the set, and should be quick: writers wait for it. What it reads
  // stays valid only during the call; to keep a role, copy its IndexedRole::role.
  void ReadIndex(absl::FunctionRef<void(const RoleIndex&)> read) const;

  // Takes every role and tombstone of `loaded` (a set filled apart by a full load) in one
  // step, so readers never see a half-loaded set; `loaded` is left empty.
  void ReplaceWith(OpenRoles& loaded);

 private:
  struct Entry {
    OpenRolePtr role;  // null: a tombstone
    int64_t version = 0;
  };

  mutable absl::Mutex mu_;
  absl::flat_hash_map<int64_t, Entry> entries_ ABSL_GUARDED_BY(mu_);
  size_t open_count_ ABSL_GUARDED_BY(mu_) = 0;
  RoleIndex index_ ABSL_GUARDED_BY(mu_);  // of the open roles in `entries_`
};

}  // namespace cadre::matching
