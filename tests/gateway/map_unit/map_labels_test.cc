// The map pages' words: counts with their nouns, and withheld figures.

#include <gtest/gtest.h>

#include "services/gateway/domain/labels.h"

namespace cadre::gateway {
namespace {

TEST(CountLabel, OneIsSingularEverythingElsePlural) {
  EXPECT_EQ(OpenRolesLabel(0), "0 open roles");
  EXPECT_EQ(OpenRolesLabel(1), "1 open role");
  EXPECT_EQ(OpenRolesLabel(2), "2 open roles");
  EXPECT_EQ(WaysInLabel(1), "1 way in");
  EXPECT_EQ(WaysInLabel(5), "5 ways in");
  EXPECT_EQ(OrganisationsLabel(1), "1 organisation");
  EXPECT_EQ(OrganisationsLabel(14), "14 organisations");
  EXPECT_EQ(CountLabel(1, "placement", "placements"), "1 placement");
}

TEST(OpenRolesAndWaysInLabel, WhatIsOpenLeavingOutANone) {
  EXPECT_EQ(OpenRolesAndWaysInLabel(12, 5), "12 open roles and 5 ways in");
  EXPECT_EQ(OpenRolesAndWaysInLabel(1, 1), "1 open role and 1 way in");
  EXPECT_EQ(OpenRolesAndWaysInLabel(3, 0), "3 open roles");
  EXPECT_EQ(OpenRolesAndWaysInLabel(0, 1), "1 way in");
  EXPECT_EQ(OpenRolesAndWaysInLabel(0, 0), "nothing open just now");
}

TEST(WithheldFigureLabel, FewerThanFiveOrNoneAtAll) {
  EXPECT_EQ(WithheldFigureLabel("<5", "applications"), "<5 applications so far");
  EXPECT_EQ(WithheldFigureLabel("none", "applications"), "Not enough applications yet");
  EXPECT_EQ(WithheldFigureLabel("none", "placements"), "Not enough placements yet");
}

}  // namespace
}  // namespace cadre::gateway
