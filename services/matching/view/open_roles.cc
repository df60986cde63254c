#include "services/matching/view/open_roles.h"

#include <algorithm>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace cadre::matching {

absl::optional<int64_t> RoleIdOf(absl::string_view name) {
  constexpr absl::string_view kPrefix = "roles/";
  if (!absl::ConsumePrefix(&name, kPrefix)) return absl::nullopt;
  // Canonical only ("roles/2", never "roles/02" or "roles/+2"), as the registry names roles.
  if (name.empty() || name.front() < '1' || name.front() > '9') return absl::nullopt;
  int64_t id = 0;
  if (!absl::SimpleAtoi(name, &id) || id <= 0 || absl::StrCat(id) != name) return absl::nullopt;
  return id;
}

bool OpenRoles::Apply(cadre::v1::Role role, int64_t version) {
  const absl::optional<int64_t> id = RoleIdOf(role.name());
  if (!id.has_value() || version <= 0) return false;
  const bool open = role.state() == cadre::v1::ROLE_STATE_OPEN;
  OpenRolePtr value;
  if (open) {
    // Built before the lock: readers are not held up by a copy.
    role.set_etag(absl::StrCat(version));
    value = std::make_shared<const cadre::v1::Role>(std::move(role));
  }
  absl::MutexLock lock(&mu_);
  Entry& entry = entries_[*id];
  if (entry.version >= version) return false;  // a new entry has version 0
  if (entry.role != nullptr) --open_count_;
  if (value != nullptr) {
    ++open_count_;
    index_.Put(*id, value);  // replaces the older version's features
  } else {
    index_.Remove(*id);
  }
  entry.role = std::move(value);
  entry.version = version;
  return true;
}

OpenRolePtr OpenRoles::Find(int64_t id) const {
  absl::ReaderMutexLock lock(&mu_);
  auto it = entries_.find(id);
  return it == entries_.end() ? nullptr : it->second.role;
}

int64_t OpenRoles::VersionOf(int64_t id) const {
  absl::ReaderMutexLock lock(&mu_);
  auto it = entries_.find(id);
  return it == entries_.end() ? 0 : it->second.version;
}

size_t OpenRoles::Size() const {
  absl::ReaderMutexLock lock(&mu_);
  return open_count_;
}

std::vector<OpenRolePtr> OpenRoles::Snapshot() const {
  std::vector<std::pair<int64_t, OpenRolePtr>> by_id;
  {
    absl::ReaderMutexLock lock(&mu_);
    by_id.reserve(open_count_);
    for (const auto& [id, entry] : entries_) {
      if (entry.role != nullptr) by_id.emplace_back(id, entry.role);
    }
  }
  std::sort(by_id.begin(), by_id.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<OpenRolePtr> roles;
  roles.reserve(by_id.size());
  for (auto& [id, role] : by_id) roles.push_back(std::move(role));
  return roles;
}

void OpenRoles::ForEach(const std::function<void(const cadre::v1::Role&)>& visit) const {
  for (const OpenRolePtr& role : Snapshot()) visit(*role);
}

void OpenRoles::ReadIndex(absl::FunctionRef<void(const RoleIndex&)> read) const {
  absl::ReaderMutexLock lock(&mu_);
  read(index_);
}

void OpenRoles::ReplaceWith(OpenRoles& loaded) {
  if (&loaded == this) return;
  absl::flat_hash_map<int64_t, Entry> taken;
  size_t taken_count = 0;
  RoleIndex taken_index;
  {
    absl::MutexLock lock(&loaded.mu_);
    taken.swap(loaded.entries_);
    std::swap(taken_count, loaded.open_count_);
    std::swap(taken_index, loaded.index_);
  }
  {
    absl::MutexLock lock(&mu_);
    entries_.swap(taken);
    open_count_ = taken_count;
    // The loaded set's features name its own dictionary's ids: both come over together.
    std::swap(index_, taken_index);
  }
  // `taken` and `taken_index` (the old entries and indexes) are freed here, outside both
  // locks.
}

}  // namespace cadre::matching
