#include "services/registry/domain/erasure.h"

#include "absl/strings/match.h"
#include "services/common/base/validation.h"

namespace cadre::registry {

absl::optional<std::string> ErasedApplicant(const cadre::v1::MatchingEvent& event) {
  constexpr absl::string_view kPrefix = "applicants/";
  if (event.type() != cadre::v1::MatchingEvent::APPLICANT_ERASED) return absl::nullopt;
  const absl::string_view resource = event.resource();
  if (!absl::StartsWith(resource, kPrefix)) return absl::nullopt;
  const absl::string_view id = resource.substr(kPrefix.size());
  if (!IsRequestId(id)) return absl::nullopt;
  return std::string(id);
}

}  // namespace cadre::registry
