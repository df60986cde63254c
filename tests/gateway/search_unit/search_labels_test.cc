// The labels the search, role and menu pages add: counts in words, tag lists, how quickly
// a body acknowledges, and why a role takes no applications.

#include <gtest/gtest.h>

#include "services/common/base/time_proto.h"
#include "services/gateway/domain/labels.h"

namespace cadre::gateway {
namespace {

TEST(CountLabel, OneIsSingular) {
  EXPECT_EQ(CountLabel(1, "place", "places"), "1 place");
  EXPECT_EQ(CountLabel(2, "place", "places"), "2 places");
  EXPECT_EQ(CountLabel(0, "place", "places"), "0 places");
}

TEST(TagListLabel, JoinsTagsInWords) {
  google::protobuf::RepeatedPtrField<std::string> tags;
  EXPECT_EQ(TagListLabel(tags, "None"), "None");
  tags.Add("mental-health");
  tags.Add("finance");
  EXPECT_EQ(TagListLabel(tags, "None"), "mental health, finance");
}

TEST(AcknowledgementLabel, SaysTheMedianOrThatThereAreTooFewApplications) {
  cadre::v1::Figure median;
  median.set_value(2.5);
  median.set_based_on(12);
  median.set_shown("2.5 days");
  EXPECT_EQ(AcknowledgementLabel(median, 90),
            "Half of applications in the last 90 days were acknowledged within 2.5 days");
  median.set_value(0.04);
  median.set_shown("0.0 days");
  EXPECT_EQ(AcknowledgementLabel(median, 90),
            "Half of applications in the last 90 days were acknowledged within a day");
  cadre::v1::Figure withheld;
  withheld.set_withheld(true);
  withheld.set_shown("<5");
  EXPECT_EQ(AcknowledgementLabel(withheld, 90),
            "Not enough applications yet to say how quickly this organisation replies");
}

TEST(NotAcceptingLabel, SaysPlainlyWhyARoleTakesNoApplications) {
  cadre::v1::Role role;
  role.set_state(cadre::v1::ROLE_STATE_OPEN);
  role.set_accepting_applications(true);
  EXPECT_EQ(NotAcceptingLabel(role), "");
  role.set_accepting_applications(false);
  *role.mutable_closing_time() =
      ToTimestamp(absl::FromCivil(absl::CivilSecond(2026, 12, 1, 17, 0, 0), absl::UTCTimeZone()));
  EXPECT_EQ(NotAcceptingLabel(role),
            "Applications closed on 1 December 2026. It is no longer taking applications.");
  role.set_state(cadre::v1::ROLE_STATE_FILLED);
  EXPECT_EQ(NotAcceptingLabel(role),
            "This role has been filled. It is no longer taking applications.");
  role.set_state(cadre::v1::ROLE_STATE_CLOSED);
  EXPECT_EQ(NotAcceptingLabel(role), "This role has closed. It is no longer taking applications.");
  role.set_state(cadre::v1::ROLE_STATE_CANCELLED);
  EXPECT_EQ(NotAcceptingLabel(role),
            "This role was cancelled. It is no longer taking applications.");
}

}  // namespace
}  // namespace cadre::gateway
