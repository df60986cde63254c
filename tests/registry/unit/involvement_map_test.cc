// The involvement map: every way into every body, grouped by kind and body, with totals.

#include "services/registry/domain/involvement_map.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/registry/unit/test_data.h"

namespace cadre::registry {
namespace {

using cadre::v1::BodyEntry;
using cadre::v1::BodyKindSection;
using cadre::v1::GetInvolvementMapRequest;
using cadre::v1::InvolvementMap;
using testdata::MakeAvenue;
using testdata::MakeBody;
using testdata::MakeRole;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// One line per body: "display name: avenues [..] roles [..]".
std::vector<std::string> Bodies(const BodyKindSection& section) {
  std::vector<std::string> out;
  for (const BodyEntry& e : section.bodies()) {
    std::string line = absl::StrCat(e.display_name(), ":");
    for (const auto& a : e.avenues()) absl::StrAppend(&line, " ", a.name());
    for (const auto& r : e.open_roles()) absl::StrAppend(&line, " ", r.name());
    out.push_back(line);
  }
  return out;
}

std::vector<int> Kinds(const InvolvementMap& map) {
  std::vector<int> kinds;
  for (const auto& s : map.sections()) kinds.push_back(s.kind());
  return kinds;
}

// Trusts RXF ("Mid Yorks Trust") and RAJ ("Alpha Trust"), the ICB QWE, and a charity
// EMP with nothing to offer.
//   avenues/1  RXF level 2 London      avenues/2 QWE level 2 North West
//   roles/10   RXF level 3 London hybrid
//   roles/11   RAJ level 4 North West in person
//   roles/12   QWE level 3 North West remote
//   roles/13   RXF draft (never on the map)
class InvolvementMapTest : public ::testing::Test {
 protected:
  void SetUp() override {
    catalog_.PutBody(MakeBody("RXF", cadre::v1::BODY_KIND_TRUST,
                              cadre::v1::REGION_NORTH_EAST_AND_YORKSHIRE, "Mid Yorks Trust"),
                     1);
    catalog_.PutBody(
        MakeBody("RAJ", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON, "Alpha Trust"), 1);
    catalog_.PutBody(
        MakeBody("QWE", cadre::v1::BODY_KIND_ICB, cadre::v1::REGION_NORTH_WEST, "North West ICB"),
        1);
    catalog_.PutBody(
        MakeBody("EMP", cadre::v1::BODY_KIND_CHARITY, cadre::v1::REGION_NATIONAL, "Empty Charity"),
        1);
    catalog_.PutAvenue(MakeAvenue(1, "RXF", cadre::v1::REGION_LONDON), 1);
    catalog_.PutAvenue(MakeAvenue(2, "QWE", cadre::v1::REGION_NORTH_WEST), 1);
    PutRole(10, "RXF", cadre::v1::INVOLVEMENT_LEVEL_3, cadre::v1::REGION_LONDON,
            cadre::v1::ATTENDANCE_MODE_HYBRID);
    PutRole(11, "RAJ", cadre::v1::INVOLVEMENT_LEVEL_4, cadre::v1::REGION_NORTH_WEST,
            cadre::v1::ATTENDANCE_MODE_IN_PERSON);
    PutRole(12, "QWE", cadre::v1::INVOLVEMENT_LEVEL_3, cadre::v1::REGION_NORTH_WEST,
            cadre::v1::ATTENDANCE_MODE_REMOTE);
    catalog_.PutRole(MakeRole(13, "RXF", cadre::v1::ROLE_STATE_DRAFT), 1);
  }

  void PutRole(int64_t id, const std::string& code, cadre::v1::InvolvementLevel level,
               cadre::v1::Region region, cadre::v1::AttendanceMode mode) {
    cadre::v1::Role role = MakeRole(id, code);
    role.set_level(level);
    role.mutable_location()->set_region(region);
    role.mutable_location()->set_mode(mode);
    ASSERT_TRUE(catalog_.PutRole(role, 1));
  }

  InvolvementMap Build(cadre::v1::BodyKind kind, cadre::v1::Region region,
                       cadre::v1::InvolvementLevel level) const {
    GetInvolvementMapRequest request;
    request.set_body_kind(kind);
    request.set_region(region);
    request.set_level(level);
    return BuildInvolvementMap(catalog_.SnapshotForMap(testdata::BeforeClosing()), request);
  }

  static constexpr auto kAnyKind = cadre::v1::BODY_KIND_UNSPECIFIED;
  static constexpr auto kAnywhere = cadre::v1::REGION_UNSPECIFIED;
  static constexpr auto kAnyLevel = cadre::v1::INVOLVEMENT_LEVEL_UNSPECIFIED;
  Catalog catalog_;
};

TEST_F(InvolvementMapTest, GroupsEveryBodyByKindThenDisplayName) {
  InvolvementMap map = Build(kAnyKind, kAnywhere, kAnyLevel);
  ASSERT_THAT(Kinds(map), ElementsAre(cadre::v1::BODY_KIND_ICB, cadre::v1::BODY_KIND_TRUST,
                                      cadre::v1::BODY_KIND_CHARITY));
  EXPECT_THAT(Bodies(map.sections(0)), ElementsAre("North West ICB: avenues/2 roles/12"));
  EXPECT_THAT(Bodies(map.sections(1)),
              ElementsAre("Alpha Trust: roles/11", "Mid Yorks Trust: avenues/1 roles/10"));
  EXPECT_THAT(Bodies(map.sections(2)), ElementsAre("Empty Charity:"));  // shown, though empty

  EXPECT_EQ(map.sections(1).open_roles(), 2);
  EXPECT_EQ(map.sections(1).avenues(), 1);
  EXPECT_EQ(map.sections(2).open_roles(), 0);
  EXPECT_EQ(map.open_roles(), 3);
  EXPECT_EQ(map.avenues(), 2);

  const BodyEntry& mid_yorks = map.sections(1).bodies(1);
  EXPECT_EQ(mid_yorks.body(), "bodies/RXF");
  EXPECT_EQ(mid_yorks.region(), cadre::v1::REGION_NORTH_EAST_AND_YORKSHIRE);
}

TEST_F(InvolvementMapTest, TotalsByLevelAndRegion) {
  InvolvementMap map = Build(kAnyKind, kAnywhere, kAnyLevel);
  ASSERT_EQ(map.by_level_size(), 3);
  EXPECT_EQ(map.by_level(0).level(), cadre::v1::INVOLVEMENT_LEVEL_2);
  EXPECT_EQ(map.by_level(0).avenues(), 2);
  EXPECT_EQ(map.by_level(0).open_roles(), 0);
  EXPECT_EQ(map.by_level(1).level(), cadre::v1::INVOLVEMENT_LEVEL_3);
  EXPECT_EQ(map.by_level(1).open_roles(), 2);
  EXPECT_EQ(map.by_level(2).level(), cadre::v1::INVOLVEMENT_LEVEL_4);
  EXPECT_EQ(map.by_level(2).open_roles(), 1);

  // By the role's or avenue's own region, not its body's.
  ASSERT_EQ(map.by_region_size(), 2);
  EXPECT_EQ(map.by_region(0).region(), cadre::v1::REGION_LONDON);
  EXPECT_EQ(map.by_region(0).open_roles(), 1);
  EXPECT_EQ(map.by_region(0).avenues(), 1);
  EXPECT_EQ(map.by_region(1).region(), cadre::v1::REGION_NORTH_WEST);
  EXPECT_EQ(map.by_region(1).open_roles(), 2);
  EXPECT_EQ(map.by_region(1).avenues(), 1);
}

TEST_F(InvolvementMapTest, KindFilterStillShowsEmptyBodiesOfThatKind) {
  InvolvementMap trusts = Build(cadre::v1::BODY_KIND_TRUST, kAnywhere, kAnyLevel);
  ASSERT_THAT(Kinds(trusts), ElementsAre(cadre::v1::BODY_KIND_TRUST));
  EXPECT_EQ(trusts.open_roles(), 2);
  EXPECT_EQ(trusts.avenues(), 1);

  InvolvementMap charities = Build(cadre::v1::BODY_KIND_CHARITY, kAnywhere, kAnyLevel);
  ASSERT_THAT(Kinds(charities), ElementsAre(cadre::v1::BODY_KIND_CHARITY));
  EXPECT_THAT(Bodies(charities.sections(0)), ElementsAre("Empty Charity:"));
  EXPECT_EQ(charities.open_roles(), 0);
  EXPECT_THAT(charities.by_level(), IsEmpty());
}

TEST_F(InvolvementMapTest, RegionFilterUsesItemRegionAndHidesEmptyBodies) {
  InvolvementMap map = Build(kAnyKind, cadre::v1::REGION_NORTH_WEST, kAnyLevel);
  ASSERT_THAT(Kinds(map), ElementsAre(cadre::v1::BODY_KIND_ICB, cadre::v1::BODY_KIND_TRUST));
  EXPECT_THAT(Bodies(map.sections(0)), ElementsAre("North West ICB: avenues/2 roles/12"));
  // Alpha Trust is in London but offers a North West role; Mid Yorks offers nothing there.
  EXPECT_THAT(Bodies(map.sections(1)), ElementsAre("Alpha Trust: roles/11"));
  EXPECT_EQ(map.open_roles(), 2);
  EXPECT_EQ(map.avenues(), 1);
  ASSERT_EQ(map.by_region_size(), 1);
  EXPECT_EQ(map.by_region(0).region(), cadre::v1::REGION_NORTH_WEST);
}

TEST_F(InvolvementMapTest, LevelFilterHidesOtherLevelsAndEmptyBodies) {
  InvolvementMap map = Build(kAnyKind, kAnywhere, cadre::v1::INVOLVEMENT_LEVEL_3);
  ASSERT_THAT(Kinds(map), ElementsAre(cadre::v1::BODY_KIND_ICB, cadre::v1::BODY_KIND_TRUST));
  EXPECT_THAT(Bodies(map.sections(0)), ElementsAre("North West ICB: roles/12"));
  EXPECT_THAT(Bodies(map.sections(1)), ElementsAre("Mid Yorks Trust: roles/10"));
  EXPECT_EQ(map.avenues(), 0);
  ASSERT_EQ(map.by_level_size(), 1);
  EXPECT_EQ(map.by_level(0).level(), cadre::v1::INVOLVEMENT_LEVEL_3);
  EXPECT_EQ(map.by_level(0).open_roles(), 2);
}

TEST_F(InvolvementMapTest, FiltersCombineAndMayLeaveNothing) {
  InvolvementMap map = Build(cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_NORTH_WEST,
                             cadre::v1::INVOLVEMENT_LEVEL_4);
  ASSERT_THAT(Kinds(map), ElementsAre(cadre::v1::BODY_KIND_TRUST));
  EXPECT_THAT(Bodies(map.sections(0)), ElementsAre("Alpha Trust: roles/11"));

  InvolvementMap none = Build(cadre::v1::BODY_KIND_CHARITY, cadre::v1::REGION_LONDON, kAnyLevel);
  EXPECT_THAT(none.sections(), IsEmpty());
  EXPECT_EQ(none.open_roles(), 0);
}

TEST_F(InvolvementMapTest, RoleSummaryCarriesWhatTheMapShows) {
  InvolvementMap map = Build(kAnyKind, kAnywhere, kAnyLevel);
  const cadre::v1::RoleSummary& s = map.sections(1).bodies(1).open_roles(0);
  EXPECT_EQ(s.name(), "roles/10");
  EXPECT_EQ(s.title(), testdata::ValidRole().title());
  EXPECT_EQ(s.level(), cadre::v1::INVOLVEMENT_LEVEL_3);
  EXPECT_EQ(s.region(), cadre::v1::REGION_LONDON);
  EXPECT_TRUE(s.remote());  // hybrid counts as remote
  EXPECT_EQ(s.time_commitment().hours_per_month(), 4);
  EXPECT_THAT(s.expertise_sought(), ElementsAre("finance", "lived-experience-of-dementia"));
  EXPECT_EQ(s.closing_time().seconds(), testdata::kYear2030);

  cadre::v1::Role in_person = MakeRole(1, "RXF");
  in_person.mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_IN_PERSON);
  in_person.clear_closing_time();
  cadre::v1::RoleSummary other = Summarize(in_person);
  EXPECT_FALSE(other.remote());
  EXPECT_FALSE(other.has_closing_time());
}

}  // namespace
}  // namespace cadre::registry
