#pragma once

// Credentials bodies grant people: a DBS check, a training module, an accreditation.
// Any body may grant one to a person by their applicant id (the person gives it to the
// body that checked them); admins to anyone. The granting body or an admin revokes it.
// The applicant sees their own; a body lists only those it granted. Expired and revoked
// credentials never count (credential_rules.h). Every method reads Redis.

#include <string>

#include "absl/status/statusor.h"
#include "cadre/v1/matching.pb.h"
#include "services/common/base/clock.h"
#include "services/common/base/principal.h"
#include "services/matching/credential_store.h"

namespace cadre::matching {

// Thread-safe; its dependencies must outlive it.
class Credentials {
 public:
  Credentials(CredentialStore* store, const Clock* clock) : store_(store), clock_(clock) {}

  absl::StatusOr<cadre::v1::Credential> Grant(const Principal& caller,
                                              const cadre::v1::GrantCredentialRequest& request);
  absl::StatusOr<cadre::v1::Credential> Revoke(const Principal& caller,
                                               const cadre::v1::RevokeCredentialRequest& request);
  absl::StatusOr<cadre::v1::ListCredentialsResponse> List(
      const Principal& caller, const cadre::v1::ListCredentialsRequest& request);

 private:
  // The credential as answered: its status as of today.
  cadre::v1::Credential WithStatus(cadre::v1::Credential credential) const;

  CredentialStore* store_;
  const Clock* clock_;
};

}  // namespace cadre::matching
