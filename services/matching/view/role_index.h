#pragma once

// The indexes OpenRoles keeps over its open roles so that a recommendation reads only the
// roles a person could take, in a compact form, instead of every role's message:
//   - each role's features: its topics and expertise_sought as small sorted integers (ids
//     of the set's tag dictionary), likewise its body and its required credentials,
//     hours_per_month, region, attendance mode, closing time and minimum age;
//   - buckets by where a person may take the role: one per region for roles in person or
//     hybrid there, and one for roles anyone may take wherever they live (remote, or
//     REGION_NATIONAL); within a bucket, roles by hours_per_month, so that a person's
//     availability skips the roles asking more.
//   - the closing times, to count the roles still taking applications.
//
// Not thread-safe: OpenRoles holds one under its lock and hands it to readers under the
// reader lock (OpenRoles::ReadIndex).

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/btree_set.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "absl/types/span.h"
#include "cadre/v1/common.pb.h"
#include "cadre/v1/registry.pb.h"

namespace cadre::matching {

using OpenRolePtr = std::shared_ptr<const cadre::v1::Role>;

// Strings as small integers: tags (topics, expertise), body names and credential names
// share one id space, so a string has one id wherever it appears. Only grows, as roles are
// indexed: a role's strings are bounded (at most 20 tags of at most 40 characters in each
// list, 10 credentials and one body), and a fresh load (OpenRoles::ReplaceWith) brings a fresh
// dictionary, which drops the strings of roles gone since. Readers look strings up and never
// insert.
class TagDictionary {
 public:
  // The id of `s`, added if new. Ids are 0, 1, 2... in order of first sight.
  uint32_t Intern(absl::string_view s);
  // The id of `s`, or nullopt if no indexed role ever named it.
  absl::optional<uint32_t> Find(absl::string_view s) const;
  size_t size() const { return ids_.size(); }

 private:
  absl::flat_hash_map<std::string, uint32_t> ids_;
};

// One open role as a recommendation reads it, 112 bytes. What every candidate's first
// look reads (its id, closing time, hours, where, body, minimum age and the counts of its
// tags) comes first, in 50 bytes; the tags and the message, read for fewer, after.
struct IndexedRole {
  int64_t id = 0;
  // Applications close at this time (absl::UnixEpoch() when the role gives none).
  absl::Time closing_time;
  int32_t hours_per_month = 0;
  int32_t minimum_age = 0;  // 0 for none
  cadre::v1::Region region = cadre::v1::REGION_UNSPECIFIED;
  cadre::v1::AttendanceMode mode = cadre::v1::ATTENDANCE_MODE_UNSPECIFIED;
  uint32_t body = 0;              // the body's name in the dictionary
  uint16_t topic_count = 0;       // distinct topics: the first ids of `tags`
  uint16_t expertise_count = 0;   // distinct expertise_sought: the next ones
  uint16_t credential_count = 0;  // distinct required_credentials: the rest
  // The distinct topics in ascending id order, then the distinct expertise_sought, then
  // the distinct required_credentials, likewise. Eight fit in place; more spill to the
  // heap.
  absl::InlinedVector<uint32_t, 8> tags;
  OpenRolePtr role;  // the message, for scoring in full and for handing out

  absl::Span<const uint32_t> topics() const {
    return absl::MakeConstSpan(tags.data(), topic_count);
  }
  absl::Span<const uint32_t> expertise() const {
    return absl::MakeConstSpan(tags.data() + topic_count, expertise_count);
  }
  absl::Span<const uint32_t> credentials() const {
    return absl::MakeConstSpan(tags.data() + topic_count + expertise_count, credential_count);
  }
  // Anyone may take it wherever they live: remote, or open anywhere in England.
  bool anywhere() const {
    return mode == cadre::v1::ATTENDANCE_MODE_REMOTE || region == cadre::v1::REGION_NATIONAL;
  }
};

class RoleIndex {
 public:
  // Roles asking more hours than this a month share one hours slot (the registry allows
  // 0–200).
  static constexpr int kMaxSlottedHours = 200;

  RoleIndex() = default;
  RoleIndex(RoleIndex&&) = default;
  RoleIndex& operator=(RoleIndex&&) = default;

  // Indexes `role` under `id`, replacing whatever was indexed under it.
  void Put(int64_t id, OpenRolePtr role);
  // Drops the role indexed under `id`; no-op if none is.
  void Remove(int64_t id);
  // Roles indexed.
  size_t size() const { return slots_.size(); }

  const TagDictionary& dictionary() const { return dictionary_; }

  // Roles whose closing time is after `now`: those taking applications.
  size_t CountTakingApplications(absl::Time now) const;

  // The role indexed under `id`, or nullptr.
  const IndexedRole* Find(int64_t id) const;

  // The visitors are templates, so that a reader's loop over tens of thousands of roles
  // makes no call per role. `visit(const IndexedRole&)`; no particular order.

  // Calls `visit` on every role in person or hybrid in `region` (not national) asking
  // from `min_hours` to `max_hours` a month (at most `max_hours`, without `min_hours`).
  template <typename Visit>
  void ForEachInRegion(cadre::v1::Region region, int min_hours, int max_hours,
                       Visit&& visit) const {
    auto it = by_region_.find(region);
    if (it != by_region_.end()) VisitBucket(*it->second, min_hours, max_hours, visit);
  }
  template <typename Visit>
  void ForEachInRegion(cadre::v1::Region region, int max_hours, Visit&& visit) const {
    ForEachInRegion(region, std::numeric_limits<int>::min(), max_hours, visit);
  }
  // Calls `visit` on every remote or national role asking from `min_hours` to `max_hours`
  // a month (at most `max_hours`, without `min_hours`).
  template <typename Visit>
  void ForEachAnywhere(int min_hours, int max_hours, Visit&& visit) const {
    if (anywhere_ != nullptr) VisitBucket(*anywhere_, min_hours, max_hours, visit);
  }
  template <typename Visit>
  void ForEachAnywhere(int max_hours, Visit&& visit) const {
    ForEachAnywhere(std::numeric_limits<int>::min(), max_hours, visit);
  }
  // Calls `visit` on every role in person or hybrid in a region other than `region` (and
  // not national).
  template <typename Visit>
  void ForEachInRegionsBut(cadre::v1::Region region, Visit&& visit) const {
    for (const auto& [other, bucket] : by_region_) {
      if (other != region) VisitAll(*bucket, visit);
    }
  }
  // Calls `visit` on every role.
  template <typename Visit>
  void ForEach(Visit&& visit) const {
    if (anywhere_ != nullptr) VisitAll(*anywhere_, visit);
    for (const auto& [region, bucket] : by_region_) VisitAll(*bucket, visit);
  }

 private:
  // Roles of one bucket by hours_per_month: slot h holds roles asking h hours (negative
  // ones in slot 0); the last slot holds those asking more than kMaxSlottedHours.
  using Bucket = std::array<std::vector<IndexedRole>, kMaxSlottedHours + 2>;

  // Where a role sits: its bucket, its hours slot, its index in the slot.
  struct Slot {
    bool anywhere = false;
    cadre::v1::Region region = cadre::v1::REGION_UNSPECIFIED;  // when not anywhere
    int hours_slot = 0;
    size_t index = 0;
  };

  static int HoursSlot(int32_t hours) { return std::clamp(hours, 0, kMaxSlottedHours + 1); }

  template <typename Visit>
  static void VisitAll(const Bucket& bucket, Visit& visit) {
    for (const std::vector<IndexedRole>& roles : bucket) {
      for (const IndexedRole& r : roles) visit(r);
    }
  }

  template <typename Visit>
  static void VisitBucket(const Bucket& bucket, int min_hours, int max_hours, Visit& visit) {
    if (min_hours > max_hours) return;
    const int last = HoursSlot(max_hours);
    for (int h = HoursSlot(min_hours); h <= last; ++h) {
      // The slots between the first and the last hold their hours exactly; slot 0 holds
      // negative hours too, and the last slot every hours above the others.
      if (h != 0 && h <= kMaxSlottedHours) {
        for (const IndexedRole& r : bucket[h]) visit(r);
      } else {
        for (const IndexedRole& r : bucket[h]) {
          if (r.hours_per_month >= min_hours && r.hours_per_month <= max_hours) visit(r);
        }
      }
    }
  }

  Bucket& BucketOf(const Slot& slot);

  TagDictionary dictionary_;
  // A Bucket is 4.9 KB of empty vectors; buckets are made only for regions in use.
  std::unique_ptr<Bucket> anywhere_;
  absl::flat_hash_map<int, std::unique_ptr<Bucket>> by_region_;
  absl::flat_hash_map<int64_t, Slot> slots_;
  absl::btree_multiset<absl::Time> closing_times_;
};

}  // namespace cadre::matching
