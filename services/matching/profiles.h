#pragma once

// Reading and changing people's profiles: the applicant their own, admins anyone's, the
// notifications service only a person's contact details. Every method reads Redis:
// call it from a worker thread.

#include <string>

#include "absl/status/statusor.h"
#include "cadre/v1/matching.pb.h"
#include "services/common/base/clock.h"
#include "services/common/base/principal.h"
#include "services/matching/applicant_store.h"

namespace cadre::matching {

// Thread-safe; its dependencies must outlive it.
class Profiles {
 public:
  Profiles(ApplicantStore* store, const Clock* clock, std::string privacy_notice_version)
      : store_(store), clock_(clock), privacy_notice_version_(std::move(privacy_notice_version)) {}

  absl::StatusOr<cadre::v1::Applicant> GetMine(const Principal& caller);
  absl::StatusOr<cadre::v1::Applicant> UpdateMine(const Principal& caller,
                                                  const cadre::v1::UpdateMyProfileRequest& request);
  absl::StatusOr<cadre::v1::Applicant> Get(const Principal& caller,
                                           const cadre::v1::GetApplicantRequest& request);
  absl::StatusOr<cadre::v1::ListApplicantsResponse> List(
      const Principal& caller, const cadre::v1::ListApplicantsRequest& request);
  absl::StatusOr<cadre::v1::Contact> GetContact(const Principal& caller,
                                                const cadre::v1::GetContactRequest& request);

 private:
  // The active applicant `id`; NOT_FOUND for none (and for one still pending).
  absl::StatusOr<StoredApplicant> Load(const std::string& id);

  ApplicantStore* store_;
  const Clock* clock_;
  std::string privacy_notice_version_;
};

}  // namespace cadre::matching
