#pragma once

// Subject access and erasure. ExportMyData gathers everything held about a person into
// one JSON document, asking each service that holds personal data for its part (today
// the registry: the person's keys, by id and label only). EraseApplicant removes every
// record, index entry and cache entry that holds their data, and publishes
// APPLICANT_ERASED, on which every service that holds their data acts (the registry
// revokes their keys; this service also asks it to at once).

#include "absl/status/statusor.h"
#include "cadre/v1/matching.pb.h"
#include "services/common/base/clock.h"
#include "services/common/base/principal.h"
#include "services/matching/applicant_store.h"
#include "services/matching/application_store.h"
#include "services/matching/credential_store.h"
#include "services/matching/equality.h"
#include "services/matching/registry_keys.h"

namespace cadre::matching {

// Thread-safe; its dependencies must outlive it.
class SubjectAccess {
 public:
  SubjectAccess(ApplicantStore* applicants, CredentialStore* credentials,
                ApplicationStore* applications, Equality* equality, RegistryKeys* registry,
                const Clock* clock)
      : applicants_(applicants),
        credentials_(credentials),
        applications_(applications),
        equality_(equality),
        registry_(registry),
        clock_(clock) {}

  absl::StatusOr<cadre::v1::ExportMyDataResponse> Export(
      const Principal& caller, const cadre::v1::ExportMyDataRequest& request);
  absl::Status Erase(const Principal& caller, const cadre::v1::EraseApplicantRequest& request);

 private:
  ApplicantStore* applicants_;
  CredentialStore* credentials_;
  ApplicationStore* applications_;
  Equality* equality_;
  RegistryKeys* registry_;
  const Clock* clock_;
};

}  // namespace cadre::matching
