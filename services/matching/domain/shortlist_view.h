#pragma once

// What a body shortlisting applicants to its roles may see of a person: the profile
// without the date of birth (a body learns only whether a role's minimum age is met) and
// without the declared interests (screening reads them; a shortlister does not need
// them). Never the email, the equality-monitoring answers or the consent. Pure.

#include "cadre/v1/common.pb.h"
#include "cadre/v1/matching.pb.h"

namespace cadre::matching {

// A new Profile with only display_name, region, lived_experience, skills, expertise,
// availability_hours_per_month, access_needs, access_needs_note and attendance copied:
// a field added to Profile stays hidden until it is listed here.
cadre::v1::Profile ShortlistProfile(const cadre::v1::Profile& p);

// Whether someone born on `birth` is at least `minimum_age` whole years old on `today`
// (true for a minimum of 0 or less: the role sets none).
bool MeetsMinimumAge(const cadre::v1::Date& birth, int minimum_age, const cadre::v1::Date& today);

}  // namespace cadre::matching
