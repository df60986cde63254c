#include "services/registry/domain/catalog.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/registry/domain/closing.h"
#include "services/registry/domain/names.h"
#include "services/registry/domain/text_search.h"

namespace cadre::registry {
namespace {

// One version of a role and its wire bytes in one allocation; the view's RolePtr and
// WirePtr alias it.
struct StoredRole {
  cadre::v1::Role role;
  std::string wire;
};

}  // namespace

bool IsRemote(const cadre::v1::Role& role) {
  return role.location().mode() == cadre::v1::ATTENDANCE_MODE_REMOTE ||
         role.location().mode() == cadre::v1::ATTENDANCE_MODE_HYBRID;
}

bool Catalog::PutBody(cadre::v1::Body body, int64_t version) {
  absl::MutexLock lock(&mu_);
  auto& slot = bodies_[body.ods_code()];
  if (slot.value && slot.version >= version) return false;
  body.set_etag(absl::StrCat(version));
  slot.value = std::make_shared<const cadre::v1::Body>(std::move(body));
  slot.version = version;
  ++generation_;
  return true;
}

std::vector<std::string> Catalog::PostingKeys(const cadre::v1::Role& role) const {
  const std::string code(BodyCodeOf(role.body()));
  std::vector<std::string> keys = {
      absl::StrCat("state:", role.state()),
      absl::StrCat("body:", code),
      absl::StrCat("level:", role.level()),
      absl::StrCat("rung:", role.rung()),
      absl::StrCat("region:", role.location().region()),
      absl::StrCat("remote:", IsRemote(role) ? 1 : 0),
  };
  if (auto it = bodies_.find(code); it != bodies_.end()) {
    keys.push_back(absl::StrCat("kind:", it->second.value->kind()));
  }
  for (const auto& t : role.topics()) keys.push_back(absl::StrCat("topic:", t));
  for (const auto& e : role.expertise_sought()) keys.push_back(absl::StrCat("expertise:", e));
  for (auto& w : IndexWords(absl::StrCat(role.title(), " ", role.summary()))) {
    keys.push_back(absl::StrCat("word:", w));
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

bool Catalog::PutRole(cadre::v1::Role role, int64_t version) {
  const int64_t id = NumericId(role.name());
  if (id <= 0) return false;
  {
    // The replica that made a write applies it, then sees its event: skip the echo
    // before serialising, rather than serialise it to throw it away.
    absl::ReaderMutexLock lock(&mu_);
    auto it = roles_.find(id);
    if (it != roles_.end() && it->second.role && it->second.version >= version) return false;
  }
  // Serialised outside the lock, so readers do not wait on it. accepting_applications
  // is the reader's to set, at the time of the read (an event's snapshot carries the
  // value at the time of its write).
  role.set_etag(absl::StrCat(version));
  role.clear_accepting_applications();
  auto stored = std::make_shared<StoredRole>();
  stored->role = std::move(role);
  stored->wire = stored->role.SerializeAsString();
  absl::MutexLock lock(&mu_);
  RoleEntry& entry = roles_[id];
  if (entry.role && entry.version >= version) return false;
  for (const auto& key : entry.keys) {
    auto it = postings_.find(key);
    if (it == postings_.end()) continue;
    it->second.erase(id);
    if (it->second.empty()) postings_.erase(it);
  }
  entry.keys = PostingKeys(stored->role);
  for (const auto& key : entry.keys) postings_[key].insert(id);
  entry.role = RolePtr(stored, &stored->role);
  entry.wire = WirePtr(stored, &stored->wire);
  entry.version = version;
  ++generation_;
  return true;
}

bool Catalog::PutAvenue(cadre::v1::Avenue avenue, int64_t version) {
  const int64_t id = NumericId(avenue.name());
  if (id <= 0) return false;
  absl::MutexLock lock(&mu_);
  if (auto t = avenue_tombstones_.find(id); t != avenue_tombstones_.end() && t->second >= version) {
    return false;
  }
  auto& slot = avenues_[id];
  if (slot.value && slot.version >= version) return false;
  avenue.set_etag(absl::StrCat(version));
  slot.value = std::make_shared<const cadre::v1::Avenue>(std::move(avenue));
  slot.version = version;
  ++generation_;
  return true;
}

bool Catalog::RemoveAvenue(int64_t id, int64_t version) {
  absl::MutexLock lock(&mu_);
  auto it = avenues_.find(id);
  if (it != avenues_.end() && it->second.version >= version) return false;
  auto tomb = avenue_tombstones_.find(id);
  if (it == avenues_.end() && tomb != avenue_tombstones_.end() && tomb->second >= version) {
    return false;  // already removed
  }
  if (it != avenues_.end()) avenues_.erase(it);
  avenue_tombstones_[id] = version;
  ++generation_;
  return true;
}

bool Catalog::PutRoleType(cadre::v1::RoleType role_type, int64_t version) {
  const std::string id = role_type.name().substr(role_type.name().find('/') + 1);
  absl::MutexLock lock(&mu_);
  auto& slot = role_types_[id];
  if (slot.value && slot.version >= version) return false;
  slot.value = std::make_shared<const cadre::v1::RoleType>(std::move(role_type));
  slot.version = version;
  ++generation_;
  return true;
}

bool Catalog::Apply(const cadre::v1::RegistryEvent& event) {
  switch (event.snapshot_case()) {
    case cadre::v1::RegistryEvent::kBody:
      return PutBody(event.body(), event.version());
    case cadre::v1::RegistryEvent::kRole:
      return PutRole(event.role(), event.version());
    case cadre::v1::RegistryEvent::kAvenue:
      if (event.type() == cadre::v1::RegistryEvent::AVENUE_DELETED) {
        return RemoveAvenue(NumericId(event.avenue().name()), event.version());
      }
      return PutAvenue(event.avenue(), event.version());
    case cadre::v1::RegistryEvent::kRoleType:
      return PutRoleType(event.role_type(), event.version());
    case cadre::v1::RegistryEvent::SNAPSHOT_NOT_SET:
      break;
  }
  return false;
}

void Catalog::ReplaceWith(Catalog& loaded) {
  if (&loaded == this) return;
  // Always lock in address order, so two catalogs swapping at once cannot deadlock.
  absl::Mutex* first = this < &loaded ? &mu_ : &loaded.mu_;
  absl::Mutex* second = this < &loaded ? &loaded.mu_ : &mu_;
  absl::MutexLock lock_first(first);
  absl::MutexLock lock_second(second);
  std::swap(bodies_, loaded.bodies_);
  std::swap(roles_, loaded.roles_);
  std::swap(postings_, loaded.postings_);
  std::swap(avenues_, loaded.avenues_);
  std::swap(avenue_tombstones_, loaded.avenue_tombstones_);
  std::swap(role_types_, loaded.role_types_);
  std::swap(view_position_, loaded.view_position_);
  generation_ = std::max(generation_, loaded.generation_) + 1;
}

void Catalog::SetViewPosition(std::string event_id) {
  absl::MutexLock lock(&mu_);
  view_position_ = std::move(event_id);
}

std::string Catalog::view_position() const {
  absl::ReaderMutexLock lock(&mu_);
  return view_position_;
}

BodyPtr Catalog::FindBody(const std::string& code) const {
  absl::ReaderMutexLock lock(&mu_);
  auto it = bodies_.find(code);
  return it == bodies_.end() ? nullptr : it->second.value;
}

RolePtr Catalog::FindRole(int64_t id) const {
  absl::ReaderMutexLock lock(&mu_);
  auto it = roles_.find(id);
  return it == roles_.end() ? nullptr : it->second.role;
}

RoleAndWire Catalog::FindRoleAndWire(int64_t id) const {
  absl::ReaderMutexLock lock(&mu_);
  auto it = roles_.find(id);
  if (it == roles_.end()) return {};
  return {it->second.role, it->second.wire};
}

AvenuePtr Catalog::FindAvenue(int64_t id) const {
  absl::ReaderMutexLock lock(&mu_);
  auto it = avenues_.find(id);
  return it == avenues_.end() ? nullptr : it->second.value;
}

RoleTypePtr Catalog::FindRoleType(const std::string& id) const {
  absl::ReaderMutexLock lock(&mu_);
  auto it = role_types_.find(id);
  return it == role_types_.end() ? nullptr : it->second.value;
}

std::vector<BodyPtr> Catalog::ListBodies(cadre::v1::BodyKind kind, cadre::v1::Region region,
                                         const std::string& after_code, int limit) const {
  std::vector<BodyPtr> out;
  absl::ReaderMutexLock lock(&mu_);
  for (auto it = bodies_.upper_bound(after_code); it != bodies_.end(); ++it) {
    const auto& body = *it->second.value;
    if (kind != 0 && body.kind() != kind) continue;
    if (region != 0 && body.region() != region) continue;
    out.push_back(it->second.value);
    if (static_cast<int>(out.size()) == limit + 1) break;
  }
  return out;
}

std::vector<AvenuePtr> Catalog::ListAvenues(const std::string& body_code, cadre::v1::BodyKind kind,
                                            cadre::v1::Region region, int64_t after_id,
                                            int limit) const {
  std::vector<AvenuePtr> out;
  absl::ReaderMutexLock lock(&mu_);
  for (auto it = avenues_.upper_bound(after_id); it != avenues_.end(); ++it) {
    const auto& avenue = *it->second.value;
    if (!body_code.empty() && BodyCodeOf(avenue.body()) != body_code) continue;
    if (region != 0 && avenue.location().region() != region) continue;
    if (kind != 0) {
      auto body = bodies_.find(BodyCodeOf(avenue.body()));
      if (body == bodies_.end() || body->second.value->kind() != kind) continue;
    }
    out.push_back(it->second.value);
    if (static_cast<int>(out.size()) == limit + 1) break;
  }
  return out;
}

std::vector<RoleTypePtr> Catalog::ListRoleTypes(cadre::v1::InvolvementLevel level) const {
  std::vector<RoleTypePtr> out;
  {
    absl::ReaderMutexLock lock(&mu_);
    for (const auto& [id, slot] : role_types_) {
      if (level == 0 || slot.value->level() == level) out.push_back(slot.value);
    }
  }
  std::sort(out.begin(), out.end(), [](const RoleTypePtr& a, const RoleTypePtr& b) {
    if (a->level() != b->level()) return a->level() < b->level();
    return a->title() < b->title();
  });
  return out;
}

Catalog::MapSnapshot Catalog::SnapshotForMap(absl::Time now) const {
  MapSnapshot snap;
  absl::ReaderMutexLock lock(&mu_);
  for (const auto& [code, slot] : bodies_) snap.bodies.push_back(slot.value);
  for (const auto& [id, slot] : avenues_) snap.avenues.push_back(slot.value);
  if (auto it = postings_.find(absl::StrCat("state:", cadre::v1::ROLE_STATE_OPEN));
      it != postings_.end()) {
    for (int64_t id : it->second) {
      const RolePtr& role = roles_.at(id).role;
      if (!AcceptingApplications(*role, now)) continue;
      if (absl::optional<absl::Time> closing = ClosingTime(*role)) {
        snap.next_closing = std::min(snap.next_closing, *closing);
      }
      snap.open_roles.push_back(role);
    }
  }
  return snap;
}

std::vector<int64_t> Catalog::OpenRolesClosingBy(absl::Time closing_by) const {
  std::vector<int64_t> ids;
  absl::ReaderMutexLock lock(&mu_);
  auto it = postings_.find(absl::StrCat("state:", cadre::v1::ROLE_STATE_OPEN));
  if (it == postings_.end()) return ids;
  for (int64_t id : it->second) {
    const absl::optional<absl::Time> closing = ClosingTime(*roles_.at(id).role);
    if (closing && *closing <= closing_by) ids.push_back(id);
  }
  return ids;
}

int64_t Catalog::generation() const {
  absl::ReaderMutexLock lock(&mu_);
  return generation_;
}

size_t Catalog::role_count() const {
  absl::ReaderMutexLock lock(&mu_);
  return roles_.size();
}

size_t Catalog::WireBytesForTest() const {
  absl::ReaderMutexLock lock(&mu_);
  const std::string empty;
  size_t total = 0;
  for (const auto& [id, entry] : roles_) {
    total += sizeof(WirePtr) + sizeof(std::string);
    // A string longer than its inline buffer holds capacity + 1 bytes on the heap.
    if (entry.wire->capacity() > empty.capacity()) total += entry.wire->capacity() + 1;
  }
  return total;
}

}  // namespace cadre::registry
