#include "services/matching/view/role_index.h"

#include <algorithm>
#include <utility>

namespace cadre::matching {
namespace {

absl::Time TimeOf(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

// Appends the distinct ids of `tags`, ascending; returns how many.
uint16_t AppendIds(const google::protobuf::RepeatedPtrField<std::string>& tags,
                   TagDictionary& dictionary, absl::InlinedVector<uint32_t, 8>& out) {
  const size_t start = out.size();
  for (const std::string& tag : tags) out.push_back(dictionary.Intern(tag));
  std::sort(out.begin() + start, out.end());
  out.erase(std::unique(out.begin() + start, out.end()), out.end());
  return static_cast<uint16_t>(out.size() - start);
}

}  // namespace

uint32_t TagDictionary::Intern(absl::string_view s) {
  return ids_.try_emplace(s, static_cast<uint32_t>(ids_.size())).first->second;
}

absl::optional<uint32_t> TagDictionary::Find(absl::string_view s) const {
  auto it = ids_.find(s);
  if (it == ids_.end()) return absl::nullopt;
  return it->second;
}

RoleIndex::Bucket& RoleIndex::BucketOf(const Slot& slot) {
  std::unique_ptr<Bucket>& bucket = slot.anywhere ? anywhere_ : by_region_[slot.region];
  if (bucket == nullptr) bucket = std::make_unique<Bucket>();
  return *bucket;
}

void RoleIndex::Put(int64_t id, OpenRolePtr role) {
  Remove(id);
  IndexedRole r;
  r.id = id;
  // A role with no closing time takes applications until it is filled or closed.
  r.closing_time = role->has_closing_time() ? TimeOf(role->closing_time()) : absl::InfiniteFuture();
  r.hours_per_month = role->time_commitment().hours_per_month();
  r.minimum_age = role->minimum_age();
  r.region = role->location().region();
  r.mode = role->location().mode();
  r.body = dictionary_.Intern(role->body());
  r.topic_count = AppendIds(role->topics(), dictionary_, r.tags);
  r.expertise_count = AppendIds(role->expertise_sought(), dictionary_, r.tags);
  r.credential_count = AppendIds(role->required_credentials(), dictionary_, r.tags);
  r.role = std::move(role);

  Slot slot;
  slot.anywhere = r.anywhere();
  slot.region = r.region;
  slot.hours_slot = HoursSlot(r.hours_per_month);
  std::vector<IndexedRole>& roles = BucketOf(slot)[slot.hours_slot];
  slot.index = roles.size();
  closing_times_.insert(r.closing_time);
  roles.push_back(std::move(r));
  slots_[id] = slot;
}

void RoleIndex::Remove(int64_t id) {
  auto it = slots_.find(id);
  if (it == slots_.end()) return;
  const Slot slot = it->second;
  slots_.erase(it);
  std::vector<IndexedRole>& roles = BucketOf(slot)[slot.hours_slot];
  closing_times_.erase(closing_times_.find(roles[slot.index].closing_time));
  // The last role of the slot takes the place of the one removed.
  if (slot.index + 1 != roles.size()) {
    roles[slot.index] = std::move(roles.back());
    slots_[roles[slot.index].id].index = slot.index;
  }
  roles.pop_back();
}

size_t RoleIndex::CountTakingApplications(absl::Time now) const {
  // Roles past their closing time are few (a body closes or fills them soon after), so
  // count those from the front.
  size_t closed = 0;
  for (auto it = closing_times_.begin(); it != closing_times_.end() && *it <= now; ++it) {
    ++closed;
  }
  return closing_times_.size() - closed;
}

const IndexedRole* RoleIndex::Find(int64_t id) const {
  auto it = slots_.find(id);
  if (it == slots_.end()) return nullptr;
  const Slot& slot = it->second;
  const std::unique_ptr<Bucket>& bucket =
      slot.anywhere ? anywhere_ : by_region_.find(slot.region)->second;
  return &(*bucket)[slot.hours_slot][slot.index];
}

}  // namespace cadre::matching
