// Catalog's role queries: the page after a cursor (QueryRoles) and the page before one
// (QueryRolesBefore), both newest first, over the posting sets in catalog.h.
//
// A posting set holds ids in descending order, so begin() is the newest role: the next
// page walks forwards from the cursor, the previous page walks backwards from it (a
// btree iterator steps either way at the same cost).

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "services/registry/domain/catalog.h"
#include "services/registry/domain/closing.h"
#include "services/registry/domain/names.h"

namespace cadre::registry {

std::vector<std::string> Catalog::QueryKeys(const RoleQuery& q) {
  std::vector<std::string> keys = {absl::StrCat("state:", q.state)};
  if (!q.body_code.empty()) keys.push_back(absl::StrCat("body:", q.body_code));
  if (q.body_kind != 0) keys.push_back(absl::StrCat("kind:", q.body_kind));
  if (q.level != 0) keys.push_back(absl::StrCat("level:", q.level));
  if (q.rung != 0) keys.push_back(absl::StrCat("rung:", q.rung));
  if (q.region != 0) keys.push_back(absl::StrCat("region:", q.region));
  if (q.remote) keys.push_back(absl::StrCat("remote:", *q.remote ? 1 : 0));
  if (!q.topic.empty()) keys.push_back(absl::StrCat("topic:", q.topic));
  if (!q.expertise.empty()) keys.push_back(absl::StrCat("expertise:", q.expertise));
  for (const auto& w : q.words) keys.push_back(absl::StrCat("word:", w));
  std::sort(keys.begin(), keys.end());
  return keys;
}

bool Catalog::MatchesUnindexed(const cadre::v1::Role& role, const RoleQuery& q) {
  if (q.max_hours_per_month && role.time_commitment().hours_per_month() > *q.max_hours_per_month) {
    return false;
  }
  if (q.closing_after) {
    if (!role.has_closing_time()) return true;  // no closing date: open until filled
    const absl::Time closes = absl::FromUnixNanos(
        google::protobuf::util::TimeUtil::TimestampToNanoseconds(role.closing_time()));
    if (closes <= *q.closing_after) return false;
  }
  if (q.accepting_at && !AcceptingApplications(role, *q.accepting_at)) return false;
  return true;
}

const Catalog::Postings* Catalog::Driver(const std::vector<std::string>& keys) const {
  const Postings* driver = nullptr;
  for (const auto& key : keys) {
    auto it = postings_.find(key);
    if (it == postings_.end()) return nullptr;  // a filter nothing matches
    if (driver == nullptr || it->second.size() < driver->size()) driver = &it->second;
  }
  return driver;
}

const Catalog::RoleEntry* Catalog::Match(int64_t id, const std::vector<std::string>& keys,
                                         const RoleQuery& query) const {
  const RoleEntry& entry = roles_.at(id);
  // Every query key must be among the role's own posting keys (both sorted).
  if (!std::includes(entry.keys.begin(), entry.keys.end(), keys.begin(), keys.end())) {
    return nullptr;
  }
  return MatchesUnindexed(*entry.role, query) ? &entry : nullptr;
}

void Catalog::TakeOlder(const Postings& driver, Postings::const_iterator from,
                        const std::vector<std::string>& keys, const RoleQuery& query, int limit,
                        RolePage& page) const {
  for (auto it = from; it != driver.end(); ++it) {
    const RoleEntry* entry = Match(*it, keys, query);
    if (entry == nullptr) continue;
    if (static_cast<int>(page.roles.size()) == limit) {
      page.next_after_id = NumericId(page.roles.back()->name());
      return;
    }
    page.roles.push_back(entry->role);
    page.wire.push_back(entry->wire);
  }
}

bool Catalog::AnyNewer(const Postings& driver, Postings::const_iterator to,
                       const std::vector<std::string>& keys, const RoleQuery& query) const {
  for (auto it = to; it != driver.begin();) {
    --it;
    if (Match(*it, keys, query) != nullptr) return true;
  }
  return false;
}

RolePage Catalog::QueryRoles(const RoleQuery& query, absl::optional<int64_t> after_id,
                             int limit) const {
  RolePage page;
  if (limit <= 0) {
    page.view_position = view_position();
    return page;
  }
  const std::vector<std::string> keys = QueryKeys(query);
  absl::ReaderMutexLock lock(&mu_);
  page.view_position = view_position_;
  const Postings* driver = Driver(keys);
  if (driver == nullptr) return page;
  const auto start = after_id ? driver->upper_bound(*after_id) : driver->begin();
  TakeOlder(*driver, start, keys, query, limit, page);
  // The ids between `start` and the first role did not match, so a newer match is one
  // before `start`: usually the previous page's last role, one step back.
  if (after_id && AnyNewer(*driver, start, keys, query)) {
    page.previous_before_id =
        page.roles.empty() ? *after_id : NumericId(page.roles.front()->name());
  }
  return page;
}

RolePage Catalog::QueryRolesBefore(const RoleQuery& query, int64_t before_id, int limit) const {
  RolePage page;
  if (limit <= 0) {
    page.view_position = view_position();
    return page;
  }
  const std::vector<std::string> keys = QueryKeys(query);
  absl::ReaderMutexLock lock(&mu_);
  page.view_position = view_position_;
  const Postings* driver = Driver(keys);
  if (driver == nullptr) return page;
  // The ids above `before_id` are [begin, cursor); walk them back from the cursor,
  // nearest first, until `limit` match and one more tells that a page comes before.
  const auto cursor = driver->lower_bound(before_id);
  std::vector<const RoleEntry*> newer;
  newer.reserve(static_cast<size_t>(limit));
  bool more_newer = false;
  for (auto it = cursor; it != driver->begin();) {
    --it;
    const RoleEntry* entry = Match(*it, keys, query);
    if (entry == nullptr) continue;
    if (static_cast<int>(newer.size()) == limit) {
      more_newer = true;
      break;
    }
    newer.push_back(entry);
  }
  page.roles.reserve(static_cast<size_t>(limit));
  page.wire.reserve(static_cast<size_t>(limit));
  for (auto it = newer.rbegin(); it != newer.rend(); ++it) {
    page.roles.push_back((*it)->role);
    page.wire.push_back((*it)->wire);
  }
  // On from the cursor: tops up a short first page, then finds whether a page follows
  // (the ids between the page's last role and the cursor did not match).
  TakeOlder(*driver, cursor, keys, query, limit, page);
  if (more_newer) page.previous_before_id = NumericId(page.roles.front()->name());
  return page;
}

}  // namespace cadre::registry
