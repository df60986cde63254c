// What a body shortlisting sees of a person, and the minimum-age question.

#include "services/matching/domain/shortlist_view.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "tests/matching/unit/test_data.h"

namespace cadre::matching {
namespace {

using testdata::Day;
using testdata::Today;
using ::testing::UnorderedElementsAre;

// The names of the fields set in `m`.
std::vector<std::string> SetFields(const google::protobuf::Message& m) {
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  m.GetReflection()->ListFields(m, &fields);
  std::vector<std::string> names;
  names.reserve(fields.size());
  for (const auto* f : fields) names.push_back(f->name());
  return names;
}

TEST(ShortlistProfile, KeepsOnlyWhatShortlistingNeeds) {
  const cadre::v1::Profile full = testdata::ValidProfile();
  const cadre::v1::Profile shown = ShortlistProfile(full);
  EXPECT_THAT(SetFields(shown),
              UnorderedElementsAre("display_name", "region", "lived_experience", "skills",
                                   "expertise", "availability_hours_per_month", "access_needs",
                                   "access_needs_note", "attendance"));
  EXPECT_FALSE(shown.has_date_of_birth());
  EXPECT_TRUE(shown.declared_interests().empty());
  EXPECT_EQ(shown.max_concurrent_roles(), 0);
  EXPECT_EQ(shown.display_name(), full.display_name());
  EXPECT_EQ(shown.skills(0), "chairing");
  EXPECT_EQ(shown.access_needs_note(), full.access_needs_note());
}

TEST(ShortlistProfile, DropsUnknownFields) {
  cadre::v1::Profile full = testdata::ValidProfile();
  full.GetReflection()->MutableUnknownFields(&full)->AddVarint(999, 1);
  const cadre::v1::Profile shown = ShortlistProfile(full);
  EXPECT_TRUE(shown.GetReflection()->GetUnknownFields(shown).empty());
}

TEST(MeetsMinimumAge, ComparesWholeYearsOnToday) {
  EXPECT_TRUE(MeetsMinimumAge(Day(2008, 6, 15), 18, Today()));
  EXPECT_FALSE(MeetsMinimumAge(Day(2008, 6, 16), 18, Today()));
  EXPECT_TRUE(MeetsMinimumAge(Day(2010, 6, 16), 0, Today()));
  EXPECT_TRUE(MeetsMinimumAge(Day(2010, 6, 16), -3, Today()));
  EXPECT_FALSE(MeetsMinimumAge(Day(2030, 1, 1), 16, Today()));
}

TEST(MeetsMinimumAge, LeapDayBirthdays) {
  // 18 in 2026 (not a leap year): on 1 March, not 28 February.
  EXPECT_FALSE(MeetsMinimumAge(Day(2008, 2, 29), 18, Day(2026, 2, 28)));
  EXPECT_TRUE(MeetsMinimumAge(Day(2008, 2, 29), 18, Day(2026, 3, 1)));
}

}  // namespace
}  // namespace cadre::matching
