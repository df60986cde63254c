// Catalog::QueryRolesBefore, the previous page: read back from a page's first role it
// gives the page before exactly as it was read forwards, newest first; a short read at
// the newest end is the (full) first page; and, while roles are written, reading back
// neither skips nor repeats a role relative to the cursor. Also the previous-page id that
// QueryRoles gives with a cursor.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/registry/domain/catalog.h"
#include "services/registry/domain/names.h"
#include "tests/registry/unit/test_data.h"

namespace cadre::registry {
namespace {

using cadre::v1::Role;
using testdata::MakeRole;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<int64_t> Ids(const RolePage& page) {
  std::vector<int64_t> ids;
  for (const auto& role : page.roles) ids.push_back(NumericId(role->name()));
  return ids;
}

// Roles 1..`count`, open; every third one (3, 6, ...) about stroke, the others dementia.
void Fill(Catalog& catalog, int64_t count) {
  for (int64_t id = 1; id <= count; ++id) {
    Role role = MakeRole(id, "RXF");
    role.clear_topics();
    role.add_topics(id % 3 == 0 ? "stroke" : "dementia");
    EXPECT_TRUE(catalog.PutRole(role, 1));
  }
}

void Close(Catalog& catalog, int64_t id, int64_t version) {
  Role role = *catalog.FindRole(id);
  role.set_state(cadre::v1::ROLE_STATE_CLOSED);
  ASSERT_TRUE(catalog.PutRole(role, version));
}

// Every page forwards, from the first.
std::vector<RolePage> Forwards(const Catalog& catalog, const RoleQuery& query, int limit) {
  std::vector<RolePage> pages = {catalog.QueryRoles(query, absl::nullopt, limit)};
  while (pages.back().next_after_id && pages.size() < 1000) {
    pages.push_back(catalog.QueryRoles(query, pages.back().next_after_id, limit));
  }
  return pages;
}

void ExpectSamePage(const RolePage& got, const RolePage& want) {
  EXPECT_EQ(Ids(got), Ids(want));
  EXPECT_EQ(got.next_after_id, want.next_after_id);
  EXPECT_EQ(got.previous_before_id, want.previous_before_id);
  ASSERT_EQ(got.wire.size(), want.wire.size());
  for (size_t i = 0; i < got.wire.size(); ++i) EXPECT_EQ(*got.wire[i], *want.wire[i]);
}

TEST(QueryRolesBeforeTest, ForwardPagesReadBackAreTheSamePages) {
  Catalog catalog;
  Fill(catalog, 45);
  RoleQuery dementia;
  dementia.topic = "dementia";  // 30 of the 45, with gaps in the ids
  RoleQuery accepting;
  accepting.accepting_at = testdata::BeforeClosing();
  for (const RoleQuery& query : {RoleQuery(), dementia, accepting}) {
    for (int limit : {1, 7, 10, 15, 30, 45, 100}) {
      SCOPED_TRACE(absl::StrCat("limit ", limit, " topic '", query.topic, "'"));
      const std::vector<RolePage> pages = Forwards(catalog, query, limit);
      ASSERT_FALSE(pages.empty());
      EXPECT_FALSE(pages.front().previous_before_id.has_value());  // the first page
      EXPECT_FALSE(pages.back().next_after_id.has_value());        // the last page
      for (size_t k = 1; k < pages.size(); ++k) {
        ASSERT_FALSE(pages[k].roles.empty());
        ASSERT_TRUE(pages[k].previous_before_id.has_value()) << "page " << k;
        EXPECT_EQ(*pages[k].previous_before_id, Ids(pages[k]).front());
        // Back from page k is page k - 1, as it was read forwards.
        SCOPED_TRACE(absl::StrCat("back from page ", k));
        ExpectSamePage(catalog.QueryRolesBefore(query, *pages[k].previous_before_id, limit),
                       pages[k - 1]);
      }
    }
  }
}

TEST(QueryRolesBeforeTest, BackwardsThenForwardsAgain) {
  Catalog catalog;
  Fill(catalog, 45);
  RolePage last = catalog.QueryRoles(RoleQuery(), 11, 10);
  EXPECT_THAT(Ids(last), ElementsAre(10, 9, 8, 7, 6, 5, 4, 3, 2, 1));
  EXPECT_FALSE(last.next_after_id.has_value());
  ASSERT_EQ(last.previous_before_id, 10);
  RolePage before = catalog.QueryRolesBefore(RoleQuery(), 10, 10);
  EXPECT_THAT(Ids(before), ElementsAre(20, 19, 18, 17, 16, 15, 14, 13, 12, 11));
  ASSERT_EQ(before.next_after_id, 11);
  EXPECT_EQ(before.previous_before_id, 20);
  ExpectSamePage(catalog.QueryRoles(RoleQuery(), before.next_after_id, 10), last);
}

// A cursor that no longer names a role, or names none: the nearest ids either side.
TEST(QueryRolesBeforeTest, CursorBetweenIdsOrOutsideThem) {
  Catalog catalog;
  Fill(catalog, 12);
  RoleQuery dementia;
  dementia.topic = "dementia";  // 11 10 8 7 5 4 2 1
  EXPECT_THAT(Ids(catalog.QueryRolesBefore(dementia, 6, 3)), ElementsAre(10, 8, 7));
  // Below every id: the oldest roles, the last page.
  RolePage oldest = catalog.QueryRolesBefore(dementia, 0, 3);
  EXPECT_THAT(Ids(oldest), ElementsAre(4, 2, 1));
  EXPECT_EQ(oldest.previous_before_id, 4);
  EXPECT_FALSE(oldest.next_after_id.has_value());
  // Above every id: nothing is newer, so the first page.
  RolePage first = catalog.QueryRolesBefore(dementia, 1000, 3);
  EXPECT_THAT(Ids(first), ElementsAre(11, 10, 8));
  EXPECT_FALSE(first.previous_before_id.has_value());
  EXPECT_EQ(first.next_after_id, 8);
}

// Roles 20, 19 and 18 close after the first page was read: back from the second page,
// two roles are newer than its first, so the answer is the first page as it is now, full.
TEST(QueryRolesBeforeTest, AShortReadAtTheNewestEndIsTheFullFirstPage) {
  Catalog catalog;
  Fill(catalog, 20);
  RolePage first = catalog.QueryRoles(RoleQuery(), absl::nullopt, 5);
  EXPECT_THAT(Ids(first), ElementsAre(20, 19, 18, 17, 16));
  RolePage second = catalog.QueryRoles(RoleQuery(), first.next_after_id, 5);
  EXPECT_THAT(Ids(second), ElementsAre(15, 14, 13, 12, 11));
  for (int64_t id : {20, 19, 18}) Close(catalog, id, 2);

  RolePage back = catalog.QueryRolesBefore(RoleQuery(), *second.previous_before_id, 5);
  EXPECT_THAT(Ids(back), ElementsAre(17, 16, 15, 14, 13));
  EXPECT_FALSE(back.previous_before_id.has_value());
  EXPECT_EQ(back.next_after_id, 13);
  ExpectSamePage(back, catalog.QueryRoles(RoleQuery(), absl::nullopt, 5));

  // Fewer roles than a page: all of them, with no page either side.
  RoleQuery stroke;
  stroke.topic = "stroke";  // 15 12 9 6 3
  RolePage all = catalog.QueryRolesBefore(stroke, 9, 10);
  EXPECT_THAT(Ids(all), ElementsAre(15, 12, 9, 6, 3));
  EXPECT_FALSE(all.previous_before_id.has_value());
  EXPECT_FALSE(all.next_after_id.has_value());
}

TEST(QueryRolesBeforeTest, NothingMatchesOrNoLimit) {
  Catalog catalog;
  Fill(catalog, 5);
  RoleQuery none;
  none.topic = "no-such-topic";
  for (const RolePage& page :
       {catalog.QueryRolesBefore(none, 3, 10), catalog.QueryRolesBefore(RoleQuery(), 3, 0)}) {
    EXPECT_THAT(Ids(page), IsEmpty());
    EXPECT_FALSE(page.previous_before_id.has_value());
    EXPECT_FALSE(page.next_after_id.has_value());
  }
}

// A forwards page past every remaining role is empty; it can still go back from its
// cursor, to the roles newer than it. A forwards page has a previous page while a role
// newer than its first matches.
TEST(QueryRolesBeforeTest, ForwardPagesGoBackWhileANewerRoleMatches) {
  Catalog catalog;
  Fill(catalog, 5);
  RolePage past = catalog.QueryRoles(RoleQuery(), 1, 10);
  EXPECT_THAT(Ids(past), IsEmpty());
  EXPECT_EQ(past.previous_before_id, 1);
  EXPECT_FALSE(past.next_after_id.has_value());
  EXPECT_THAT(Ids(catalog.QueryRolesBefore(RoleQuery(), 1, 2)), ElementsAre(3, 2));
  // Newer than the first role, the cursor's own role still matches: a previous page.
  EXPECT_EQ(catalog.QueryRoles(RoleQuery(), 4, 10).previous_before_id, 3);
  // Once nothing newer matches, no previous page: this is the first page now.
  Close(catalog, 5, 2);
  Close(catalog, 4, 2);
  RolePage now_first = catalog.QueryRoles(RoleQuery(), 4, 10);
  EXPECT_THAT(Ids(now_first), ElementsAre(3, 2, 1));
  EXPECT_FALSE(now_first.previous_before_id.has_value());
}

// Pages back from the oldest role to the newest while, between pages, new roles are
// added at the newest end, a role not yet listed is closed and every open role is
// edited. Newer than each cursor, each role comes once, and every role that matched from
// start to end is listed; only the first page (no previous) may hold roles at or below
// its cursor (its top-up).
TEST(QueryRolesBeforeTest, EachRoleOnceBackwardsWhileOthersAreWritten) {
  Catalog catalog;
  Fill(catalog, 60);
  RoleQuery query;
  query.topic = "dementia";
  std::set<int64_t> throughout;
  for (int64_t id = 1; id <= 60; ++id) {
    if (id % 3 != 0) throughout.insert(id);
  }

  std::vector<std::vector<int64_t>> pages;  // as read: oldest page first
  int64_t cursor = 0;
  int64_t next_id = 61;
  int64_t version = 2;
  for (int reads = 0; reads < 100; ++reads) {
    RolePage page = catalog.QueryRolesBefore(query, cursor, 7);
    pages.emplace_back();
    for (const auto& role : page.roles) {
      EXPECT_EQ(role->state(), cadre::v1::ROLE_STATE_OPEN);
      const int64_t id = NumericId(role->name());
      if (id > cursor) {
        pages.back().push_back(id);
      } else {
        EXPECT_FALSE(page.previous_before_id.has_value()) << id << " at or below " << cursor;
      }
    }
    if (!page.previous_before_id) break;
    cursor = *page.previous_before_id;
    EXPECT_EQ(cursor, Ids(page).front());
    // Between pages: two new matching roles, the matching role six ids past the cursor
    // (not yet listed) closed, and an edit of every open role.
    for (int i = 0; i < 2; ++i) {
      Role role = MakeRole(next_id++, "RXF");
      role.clear_topics();
      role.add_topics("dementia");
      ASSERT_TRUE(catalog.PutRole(role, 1));
      throughout.insert(next_id - 1);
    }
    if (throughout.erase(cursor + 6) == 1) Close(catalog, cursor + 6, version);
    for (int64_t id = 1; id < next_id; ++id) {
      Role edited = *catalog.FindRole(id);
      if (edited.state() != cadre::v1::ROLE_STATE_OPEN) continue;
      edited.set_summary(absl::StrCat("edited at version ", version));
      ASSERT_TRUE(catalog.PutRole(edited, version));
    }
    ++version;
  }
  EXPECT_GT(pages.size(), 5u);

  // The pages in reverse are one listing, newest first: no repeats, no gaps.
  std::vector<int64_t> listing;
  for (auto page = pages.rbegin(); page != pages.rend(); ++page) {
    listing.insert(listing.end(), page->begin(), page->end());
  }
  EXPECT_TRUE(std::is_sorted(listing.begin(), listing.end(), std::greater<int64_t>()));
  EXPECT_EQ(std::set<int64_t>(listing.begin(), listing.end()).size(), listing.size());
  EXPECT_EQ(std::set<int64_t>(listing.begin(), listing.end()), throughout);
}

}  // namespace
}  // namespace cadre::registry
