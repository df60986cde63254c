#include "services/matching/public_figures.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/common/base/errors.h"
#include "services/common/base/status_macros.h"
#include "services/matching/domain/figures.h"
#include "services/matching/domain/names.h"
#include "services/matching/domain/newest_first.h"
#include "services/matching/domain/policy.h"

namespace cadre::matching {
namespace {

constexpr size_t kMaxCachedBodies = 10000;

}  // namespace

absl::StatusOr<cadre::v1::BodyFigures> PublicFigures::Figures(
    const cadre::v1::GetBodyFiguresRequest& request) {
  if (!IsBodyName(request.body())) return InvalidField("body", "must look like bodies/{code}");
  const absl::Time now = clock_->Now();
  {
    absl::MutexLock lock(&mu_);
    auto it = cache_.find(request.body());
    if (it != cache_.end() && it->second.until > now) return it->second.figures;
  }
  CADRE_ASSIGN_OR_RETURN(cadre::v1::BodyFigures figures, Compute(request.body()));
  absl::MutexLock lock(&mu_);
  if (cache_.size() >= kMaxCachedBodies) cache_.clear();
  cache_[request.body()] = Cached{figures, now + cache_ttl_};
  return figures;
}

absl::StatusOr<cadre::v1::BodyFigures> PublicFigures::Compute(const std::string& body) {
  const std::string code(absl::StripPrefix(body, "bodies/"));
  CADRE_ASSIGN_OR_RETURN(std::vector<StoredApplication> apps, store_->ListForBody(code));
  CADRE_ASSIGN_OR_RETURN(std::vector<StoredPlacement> placements, store_->PlacementsForBody(code));
  FiguresInput in;
  in.body = body;
  in.now = clock_->Now();
  for (StoredApplication& a : apps) in.applications.push_back(std::move(a.application));
  // A leader is first-time when no placement of theirs, with any body, started before.
  absl::flat_hash_map<std::string, std::vector<int64_t>> starts;  // applicant → start ms
  for (StoredPlacement& p : placements) {
    const std::string& applicant = p.placement.applicant();
    if (!starts.contains(applicant)) {
      CADRE_ASSIGN_OR_RETURN(
          std::vector<StoredPlacement> theirs,
          store_->PlacementsForApplicant(std::string(absl::StripPrefix(applicant, "applicants/"))));
      std::vector<int64_t>& s = starts[applicant];
      for (const StoredPlacement& t : theirs) s.push_back(MillisOf(t.placement.start_time()));
    }
    const int64_t start = MillisOf(p.placement.start_time());
    const std::vector<int64_t>& s = starts[applicant];
    in.earlier_placements[p.placement.name()] =
        static_cast<int>(std::count_if(s.begin(), s.end(), [&](int64_t t) { return t < start; }));
    in.placements.push_back(std::move(p.placement));
  }
  return ComputeBodyFigures(in);
}

absl::StatusOr<cadre::v1::EqualityCounts> PublicFigures::EqualityOf(
    const Principal& caller, const cadre::v1::GetBodyEqualityCountsRequest& request) {
  std::string body = request.body();
  if (body.empty() && caller.kind == PrincipalKind::kBody) {
    body = absl::StrCat("bodies/", caller.subject);
  }
  if (!IsBodyName(body)) return InvalidField("body", "must look like bodies/{code}");
  CADRE_RETURN_IF_ERROR(MayActAsBody(caller, body));
  CADRE_ASSIGN_OR_RETURN(std::vector<StoredApplication> apps,
                         store_->ListForBody(std::string(absl::StripPrefix(body, "bodies/"))));
  absl::flat_hash_set<std::string> seen;
  std::vector<std::string> ids;
  for (const StoredApplication& a : apps) {
    std::string id(absl::StripPrefix(a.application.applicant(), "applicants/"));
    if (seen.insert(id).second) ids.push_back(std::move(id));
  }
  return equality_->CountsOf(ids);
}

}  // namespace cadre::matching
