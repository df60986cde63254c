#pragma once

// Subject access (UK GDPR article 15): everything Cadre holds about a person, as one
// JSON document the person can read and keep. Pure: the service gathers the parts.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "cadre/v1/matching.pb.h"
#include "google/protobuf/message.h"

namespace cadre::matching {

// One pretty-printed JSON object, keys in this order:
//   "exported_at":         RFC 3339 in UTC ("2026-03-01T12:00:00Z")
//   "applicant":           the Applicant
//   "equality_monitoring": the answers, or null when `monitoring` is null (none given)
//   "credentials":         [every Credential, as given]
//   "registry":            `registry_part` (the registry's ListSubjectKeysResponse:
//                          {"keys": [...]}), or null when it is null
// Messages are printed with Protobuf's JSON mapping, proto field names kept
// (display_name, not displayName) and fields at their defaults printed too, so that the
// person sees every field Cadre has. Only what is passed is printed: the password hash
// is not in any of these messages. INTERNAL if a part cannot be printed.
absl::StatusOr<std::string> BuildExport(const cadre::v1::Applicant& applicant,
                                        const cadre::v1::EqualityMonitoring* monitoring,
                                        absl::Span<const cadre::v1::Credential> credentials,
                                        const google::protobuf::Message* registry_part,
                                        absl::Time exported_at,
                                        absl::Span<const cadre::v1::Application> applications = {},
                                        absl::Span<const cadre::v1::Placement> placements = {});

}  // namespace cadre::matching
