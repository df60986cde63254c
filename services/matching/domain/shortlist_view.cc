#include "services/matching/domain/shortlist_view.h"

#include "services/matching/domain/dates.h"

namespace cadre::matching {

cadre::v1::Profile ShortlistProfile(const cadre::v1::Profile& p) {
  // Copied field by field, not copied whole and cleared: an allow-list fails closed.
  cadre::v1::Profile out;
  out.set_display_name(p.display_name());
  out.set_region(p.region());
  *out.mutable_lived_experience() = p.lived_experience();
  *out.mutable_skills() = p.skills();
  *out.mutable_expertise() = p.expertise();
  out.set_availability_hours_per_month(p.availability_hours_per_month());
  *out.mutable_access_needs() = p.access_needs();
  out.set_access_needs_note(p.access_needs_note());
  out.set_attendance(p.attendance());
  return out;
}

bool MeetsMinimumAge(const cadre::v1::Date& birth, int minimum_age, const cadre::v1::Date& today) {
  if (minimum_age <= 0) return true;
  return CompareDates(birth, today) <= 0 && AgeOn(birth, today) >= minimum_age;
}

}  // namespace cadre::matching
