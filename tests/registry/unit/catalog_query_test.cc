// Catalog::QueryRoles: each ListRoles filter alone and together, newest-first order, and
// keyset paging that neither skips nor repeats a role while others are written.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "services/registry/domain/catalog.h"
#include "services/registry/domain/names.h"
#include "tests/registry/unit/test_data.h"

namespace cadre::registry {
namespace {

using cadre::v1::Role;
using testdata::MakeBody;
using testdata::MakeRole;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<int64_t> Ids(const RolePage& page) {
  std::vector<int64_t> ids;
  for (const auto& role : page.roles) ids.push_back(NumericId(role->name()));
  return ids;
}

// Bodies RXF (trust), QWE (ICB), CHA (charity), and six roles of varied kinds:
//   id body level rung        region     mode       hours topics           expertise   closes state
//   1  RXF  3     involve     London     hybrid     4     dementia         finance     2030   open
//   2  QWE  2     consult     North West in person  10    diabetes         law         -      open
//   3  RXF  4     collaborate London     remote     20    dementia,mat.    finance,gov 2028   open
//   4  CHA  1     inform      South West in person  0     cancer           -           -      draft
//   5  QWE  3     involve     London     in person  8     dementia         law         2031   open
//   6  RXF  3     involve     London     remote     4     dementia         finance     2030 closed
class QueryRolesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    catalog_.PutBody(MakeBody("RXF", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON), 1);
    catalog_.PutBody(MakeBody("QWE", cadre::v1::BODY_KIND_ICB, cadre::v1::REGION_NORTH_WEST), 1);
    catalog_.PutBody(MakeBody("CHA", cadre::v1::BODY_KIND_CHARITY, cadre::v1::REGION_NATIONAL), 1);
    Put(1, "RXF", [](Role& r) {
      r.set_title("Dementia board partner");
      r.set_summary("Sit on the board.");
    });
    Put(2, "QWE", [](Role& r) {
      r.set_title("Diabetes focus group");
      r.set_summary("One workshop.");
      r.set_level(cadre::v1::INVOLVEMENT_LEVEL_2);
      r.set_rung(cadre::v1::ENGAGEMENT_RUNG_CONSULT);
      r.mutable_location()->set_region(cadre::v1::REGION_NORTH_WEST);
      r.mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_IN_PERSON);
      r.mutable_time_commitment()->set_hours_per_month(10);
      Tags(r.mutable_topics(), {"diabetes"});
      Tags(r.mutable_expertise_sought(), {"law"});
      r.clear_closing_time();
    });
    Put(3, "RXF", [](Role& r) {
      r.set_title("Non-executive lay member");
      r.set_summary("Board governance for maternity.");
      r.set_level(cadre::v1::INVOLVEMENT_LEVEL_4);
      r.set_rung(cadre::v1::ENGAGEMENT_RUNG_COLLABORATE);
      r.mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_REMOTE);
      r.mutable_time_commitment()->set_hours_per_month(20);
      Tags(r.mutable_topics(), {"dementia", "maternity"});
      Tags(r.mutable_expertise_sought(), {"finance", "governance"});
      r.mutable_closing_time()->set_seconds(kYear2028);
    });
    Put(4, "CHA", [](Role& r) {
      r.set_title("Cancer survey");
      r.set_summary("Answer questions.");
      r.set_level(cadre::v1::INVOLVEMENT_LEVEL_1);
      r.set_rung(cadre::v1::ENGAGEMENT_RUNG_INFORM);
      r.mutable_location()->set_region(cadre::v1::REGION_SOUTH_WEST);
      r.mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_IN_PERSON);
      r.mutable_time_commitment()->set_hours_per_month(0);
      Tags(r.mutable_topics(), {"cancer"});
      r.clear_expertise_sought();
      r.clear_closing_time();
      r.set_state(cadre::v1::ROLE_STATE_DRAFT);
    });
    Put(5, "QWE", [](Role& r) {
      r.set_title("Dementia services reader");
      r.set_summary("Read leaflets.");
      r.mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_IN_PERSON);
      r.mutable_time_commitment()->set_hours_per_month(8);
      Tags(r.mutable_expertise_sought(), {"law"});
      r.mutable_closing_time()->set_seconds(kYear2031);
    });
    Put(6, "RXF", [](Role& r) {
      r.set_title("Dementia board partner (earlier)");
      r.set_summary("Sit on the board.");
      r.mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_REMOTE);
      r.set_state(cadre::v1::ROLE_STATE_CLOSED);
    });
  }

  static void Tags(google::protobuf::RepeatedPtrField<std::string>* tags,
                   std::initializer_list<const char*> values) {
    tags->Clear();
    for (const char* v : values) tags->Add(v);
  }

  void Put(int64_t id, const std::string& code, const std::function<void(Role&)>& change) {
    Role role = MakeRole(id, code);
    change(role);
    ASSERT_TRUE(catalog_.PutRole(role, 1));
  }

  std::vector<int64_t> Query(const std::function<void(RoleQuery&)>& change) const {
    RoleQuery q;
    change(q);
    return Ids(catalog_.QueryRoles(q, absl::nullopt, 100));
  }

  static constexpr int64_t kYear2028 = 1830297600;
  static constexpr int64_t kYear2029 = 1861920000;
  static constexpr int64_t kYear2031 = 1924992000;
  Catalog catalog_;
};

TEST_F(QueryRolesTest, DefaultListsOpenRolesNewestFirst) {
  EXPECT_THAT(Query([](RoleQuery&) {}), ElementsAre(5, 3, 2, 1));
}

TEST_F(QueryRolesTest, EachFilterAlone) {
  EXPECT_THAT(Query([](RoleQuery& q) { q.body_code = "RXF"; }), ElementsAre(3, 1));
  EXPECT_THAT(Query([](RoleQuery& q) { q.body_kind = cadre::v1::BODY_KIND_ICB; }),
              ElementsAre(5, 2));
  EXPECT_THAT(Query([](RoleQuery& q) { q.body_kind = cadre::v1::BODY_KIND_TRUST; }),
              ElementsAre(3, 1));
  EXPECT_THAT(Query([](RoleQuery& q) { q.level = cadre::v1::INVOLVEMENT_LEVEL_3; }),
              ElementsAre(5, 1));
  EXPECT_THAT(Query([](RoleQuery& q) { q.rung = cadre::v1::ENGAGEMENT_RUNG_COLLABORATE; }),
              ElementsAre(3));
  EXPECT_THAT(Query([](RoleQuery& q) { q.region = cadre::v1::REGION_LONDON; }),
              ElementsAre(5, 3, 1));
  EXPECT_THAT(Query([](RoleQuery& q) { q.remote = true; }), ElementsAre(3, 1));
  EXPECT_THAT(Query([](RoleQuery& q) { q.remote = false; }), ElementsAre(5, 2));
  EXPECT_THAT(Query([](RoleQuery& q) { q.max_hours_per_month = 8; }), ElementsAre(5, 1));
  EXPECT_THAT(Query([](RoleQuery& q) { q.max_hours_per_month = 0; }), IsEmpty());
  EXPECT_THAT(Query([](RoleQuery& q) { q.topic = "dementia"; }), ElementsAre(5, 3, 1));
  EXPECT_THAT(Query([](RoleQuery& q) { q.topic = "maternity"; }), ElementsAre(3));
  EXPECT_THAT(Query([](RoleQuery& q) { q.expertise = "finance"; }), ElementsAre(3, 1));
  EXPECT_THAT(Query([](RoleQuery& q) { q.state = cadre::v1::ROLE_STATE_DRAFT; }), ElementsAre(4));
  EXPECT_THAT(Query([](RoleQuery& q) { q.state = cadre::v1::ROLE_STATE_CLOSED; }), ElementsAre(6));
  EXPECT_THAT(Query([](RoleQuery& q) { q.state = cadre::v1::ROLE_STATE_FILLED; }), IsEmpty());
}

TEST_F(QueryRolesTest, ClosingAfterKeepsRolesWithoutAClosingTime) {
  EXPECT_THAT(Query([](RoleQuery& q) { q.closing_after = absl::FromUnixSeconds(kYear2029); }),
              ElementsAre(5, 2, 1));
  // A role closing exactly at the bound has closed by then.
  EXPECT_THAT(
      Query([](RoleQuery& q) { q.closing_after = absl::FromUnixSeconds(testdata::kYear2030); }),
      ElementsAre(5, 2));
}

// A public listing: only roles that take applications at that time. Role 6 (closed) is
// never among them; a role closing exactly at the time has stopped accepting.
TEST_F(QueryRolesTest, AcceptingAtKeepsRolesBeforeTheirClosingTimeOrWithoutOne) {
  EXPECT_THAT(Query([](RoleQuery& q) {
                q.accepting_at = absl::FromUnixSeconds(kYear2028) - absl::Seconds(1);
              }),
              ElementsAre(5, 3, 2, 1));
  EXPECT_THAT(Query([](RoleQuery& q) { q.accepting_at = absl::FromUnixSeconds(kYear2028); }),
              ElementsAre(5, 2, 1));
  EXPECT_THAT(
      Query([](RoleQuery& q) { q.accepting_at = absl::FromUnixSeconds(testdata::kYear2030); }),
      ElementsAre(5, 2));
  EXPECT_THAT(Query([](RoleQuery& q) { q.accepting_at = absl::FromUnixSeconds(kYear2031 + 1); }),
              ElementsAre(2));
  // With other filters, and with no limit the roles past their closing time are listed.
  EXPECT_THAT(Query([](RoleQuery& q) {
                q.accepting_at = absl::FromUnixSeconds(kYear2029);
                q.body_code = "RXF";
              }),
              ElementsAre(1));
  EXPECT_THAT(Query([](RoleQuery& q) { q.body_code = "RXF"; }), ElementsAre(3, 1));
}

TEST_F(QueryRolesTest, WordsMustAllAppearInTitleOrSummary) {
  EXPECT_THAT(Query([](RoleQuery& q) { q.words = {"dementia"}; }), ElementsAre(5, 1));
  EXPECT_THAT(Query([](RoleQuery& q) { q.words = {"board"}; }), ElementsAre(3, 1));
  EXPECT_THAT(Query([](RoleQuery& q) { q.words = {"dementia", "board"}; }), ElementsAre(1));
  EXPECT_THAT(Query([](RoleQuery& q) { q.words = {"dementia", "nowhere"}; }), IsEmpty());
}

TEST_F(QueryRolesTest, FiltersCombine) {
  EXPECT_THAT(Query([](RoleQuery& q) {
                q.region = cadre::v1::REGION_LONDON;
                q.topic = "dementia";
                q.remote = true;
              }),
              ElementsAre(3, 1));
  EXPECT_THAT(Query([](RoleQuery& q) {
                q.region = cadre::v1::REGION_LONDON;
                q.topic = "dementia";
                q.remote = true;
                q.level = cadre::v1::INVOLVEMENT_LEVEL_3;
              }),
              ElementsAre(1));
  EXPECT_THAT(Query([](RoleQuery& q) {
                q.body_code = "RXF";
                q.expertise = "finance";
                q.max_hours_per_month = 10;
              }),
              ElementsAre(1));
  EXPECT_THAT(Query([](RoleQuery& q) {
                q.body_kind = cadre::v1::BODY_KIND_ICB;
                q.region = cadre::v1::REGION_LONDON;
                q.words = {"dementia"};
              }),
              ElementsAre(5));
  EXPECT_THAT(Query([](RoleQuery& q) {
                q.body_code = "RXF";
                q.state = cadre::v1::ROLE_STATE_CLOSED;
                q.remote = true;
              }),
              ElementsAre(6));
  EXPECT_THAT(Query([](RoleQuery& q) {
                q.body_code = "QWE";
                q.body_kind = cadre::v1::BODY_KIND_TRUST;
              }),
              IsEmpty());
  EXPECT_THAT(Query([](RoleQuery& q) { q.topic = "no-such-topic"; }), IsEmpty());
}

TEST_F(QueryRolesTest, LimitAndCursor) {
  RolePage full = catalog_.QueryRoles(RoleQuery(), absl::nullopt, 4);
  EXPECT_THAT(Ids(full), ElementsAre(5, 3, 2, 1));
  EXPECT_FALSE(full.next_after_id.has_value());  // nothing more: no next page

  RolePage first = catalog_.QueryRoles(RoleQuery(), absl::nullopt, 3);
  EXPECT_THAT(Ids(first), ElementsAre(5, 3, 2));
  ASSERT_TRUE(first.next_after_id.has_value());
  EXPECT_EQ(*first.next_after_id, 2);
  RolePage second = catalog_.QueryRoles(RoleQuery(), first.next_after_id, 3);
  EXPECT_THAT(Ids(second), ElementsAre(1));
  EXPECT_FALSE(second.next_after_id.has_value());

  // A cursor between ids, or below every id.
  EXPECT_THAT(Ids(catalog_.QueryRoles(RoleQuery(), 4, 10)), ElementsAre(3, 2, 1));
  EXPECT_THAT(Ids(catalog_.QueryRoles(RoleQuery(), 1, 10)), IsEmpty());
}

TEST_F(QueryRolesTest, ChangedRoleMovesBetweenListings) {
  Role closed = *catalog_.FindRole(1);
  closed.set_state(cadre::v1::ROLE_STATE_FILLED);
  closed.clear_topics();
  closed.add_topics("stroke");
  closed.set_title("Stroke board partner");
  ASSERT_TRUE(catalog_.PutRole(closed, 2));
  EXPECT_THAT(Query([](RoleQuery&) {}), ElementsAre(5, 3, 2));
  EXPECT_THAT(Query([](RoleQuery& q) { q.state = cadre::v1::ROLE_STATE_FILLED; }), ElementsAre(1));
  EXPECT_THAT(Query([](RoleQuery& q) {
                q.state = cadre::v1::ROLE_STATE_FILLED;
                q.topic = "dementia";
              }),
              IsEmpty());
  EXPECT_THAT(Query([](RoleQuery& q) {
                q.state = cadre::v1::ROLE_STATE_FILLED;
                q.words = {"dementia"};
              }),
              IsEmpty());
  EXPECT_THAT(Query([](RoleQuery& q) {
                q.state = cadre::v1::ROLE_STATE_FILLED;
                q.words = {"stroke"};
              }),
              ElementsAre(1));
}

// Pages through every open "dementia" role, writing between pages: new matching roles
// and edits to every matching role, whether already listed or not.
TEST(QueryRolesPagingTest, EachRoleOnceWhileOthersAreWritten) {
  Catalog catalog;
  catalog.PutBody(MakeBody("RXF", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON), 1);
  auto make = [](int64_t id, bool dementia) {
    Role role = MakeRole(id, "RXF");
    role.clear_topics();
    role.add_topics(dementia ? "dementia" : "stroke");
    role.set_title(absl::StrCat("Role number ", id));
    return role;
  };
  std::set<int64_t> at_start;
  for (int64_t id = 1; id <= 60; ++id) {
    const bool dementia = id % 3 != 0;
    ASSERT_TRUE(catalog.PutRole(make(id, dementia), 1));
    if (dementia) at_start.insert(id);
  }
  RoleQuery query;
  query.topic = "dementia";

  std::vector<int64_t> seen;
  absl::optional<int64_t> after;
  int64_t next_id = 61;
  int64_t version = 2;
  for (int pages = 0; pages < 100; ++pages) {
    RolePage page = catalog.QueryRoles(query, after, 7);
    for (const auto& role : page.roles) {
      EXPECT_EQ(role->state(), cadre::v1::ROLE_STATE_OPEN);
      EXPECT_EQ(role->topics(0), "dementia");
      seen.push_back(NumericId(role->name()));
    }
    if (!page.next_after_id) break;
    after = page.next_after_id;
    // Between pages: two new matching roles and an edit of every role there at start.
    for (int i = 0; i < 2; ++i) ASSERT_TRUE(catalog.PutRole(make(next_id++, true), 1));
    for (int64_t id : at_start) {
      Role edited = *catalog.FindRole(id);
      edited.set_summary(absl::StrCat("edited at version ", version));
      ASSERT_TRUE(catalog.PutRole(edited, version));
    }
    ++version;
  }

  // Newest first, no repeats, and every role that matched from start to end was listed.
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end(), std::greater<int64_t>()));
  EXPECT_EQ(std::set<int64_t>(seen.begin(), seen.end()).size(), seen.size());
  EXPECT_EQ(std::set<int64_t>(seen.begin(), seen.end()), at_start);
}

TEST(QueryRolesPagingTest, RoleThatStopsMatchingIsNotListedLaterAndOthersStay) {
  Catalog catalog;
  for (int64_t id = 1; id <= 10; ++id) ASSERT_TRUE(catalog.PutRole(MakeRole(id, "RXF"), 1));
  RolePage first = catalog.QueryRoles(RoleQuery(), absl::nullopt, 4);
  EXPECT_THAT(Ids(first), ElementsAre(10, 9, 8, 7));
  // Role 5, not yet listed, is closed; role 9, already listed, is closed too.
  for (int64_t id : {5, 9}) {
    Role role = *catalog.FindRole(id);
    role.set_state(cadre::v1::ROLE_STATE_CLOSED);
    ASSERT_TRUE(catalog.PutRole(role, 2));
  }
  RolePage second = catalog.QueryRoles(RoleQuery(), first.next_after_id, 4);
  EXPECT_THAT(Ids(second), ElementsAre(6, 4, 3, 2));
  RolePage third = catalog.QueryRoles(RoleQuery(), second.next_after_id, 4);
  EXPECT_THAT(Ids(third), ElementsAre(1));
  EXPECT_FALSE(third.next_after_id.has_value());
}

}  // namespace
}  // namespace cadre::registry
