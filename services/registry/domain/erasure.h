#pragma once

// What the registry does with the matching service's events (matching:events): an
// APPLICANT_ERASED event for "applicants/{id}" means every key of that applicant goes.
// Pure: the consumer (services/registry/erasure_consumer.h) reads and acknowledges.

#include <string>

#include "absl/types/optional.h"
#include "cadre/v1/matching_events.pb.h"

namespace cadre::registry {

// The id of the applicant whose keys `event` asks to revoke: set for APPLICANT_ERASED of
// a resource "applicants/{id}" with a well-formed id (1–64 of A-Z, a-z, 0-9, '_', '-');
// nullopt for every other event (ignored), and for an erasure of a resource of another
// shape (which the consumer logs).
absl::optional<std::string> ErasedApplicant(const cadre::v1::MatchingEvent& event);

}  // namespace cadre::registry
