#include "services/matching/ranking.h"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/common/base/errors.h"
#include "services/common/base/page_token.h"
#include "services/common/base/status_macros.h"
#include "services/common/base/time_proto.h"
#include "services/common/base/validation.h"
#include "services/matching/domain/application_moves.h"
#include "services/matching/domain/application_rules.h"
#include "services/matching/domain/dates.h"
#include "services/matching/domain/errors.h"
#include "services/matching/domain/names.h"
#include "services/matching/domain/newest_first.h"
#include "services/matching/domain/policy.h"
#include "services/matching/domain/screening.h"
#include "services/matching/domain/why.h"
#include "services/matching/view/recommender.h"

namespace cadre::matching {
namespace {

namespace v1 = cadre::v1;

constexpr int kDefaultRankPage = 50;
constexpr int kDefaultRecommendPage = 10;
constexpr int kMaxRecommendPage = 50;

struct PartWords {
  const char* part;
  const char* description;
};

// What each part rewards, in the order of a score's parts (scoring.h says why).
constexpr PartWords kPartWords[] = {
    {"lived_experience", "the share of the role's topics in the person's lived experience"},
    {"skills", "the share of the expertise the role seeks among the person's skills or expertise"},
    {"expertise", "the share of the expertise the role seeks in the person's declared expertise"},
    {"availability", "hours the person has to spare beyond what the role asks"},
    {"location", "in the role's region, or the role is remote or national (half for hybrid)"},
    {"spread",
     "fewer placements held now and in the last 24 months: reaching beyond the usual "
     "few"},
};

// An offset page token over a ranking (rankings are recomputed each call).
absl::StatusOr<int> OffsetOf(const std::string& token, const std::string& fingerprint) {
  if (token.empty()) return 0;
  CADRE_ASSIGN_OR_RETURN(std::string text, DecodePageToken(token, fingerprint));
  int offset = 0;
  if (!absl::SimpleAtoi(text, &offset) || offset < 0) {
    return InvalidField("page_token", "is not a token this service gave");
  }
  return offset;
}

// The applicant a RecommendRoles call is about: the caller themself, or the one an admin
// names. PERMISSION_DENIED for any other key or name; INVALID_ARGUMENT for a malformed one.
absl::StatusOr<std::string> ApplicantAsked(const Principal& caller,
                                           const v1::RecommendRolesRequest& request) {
  if (request.applicant().empty()) return SelfApplicantId(caller);
  CADRE_ASSIGN_OR_RETURN(std::string applicant_id,
                         ParseApplicantName(request.applicant(), "applicant"));
  CADRE_RETURN_IF_ERROR(MayActAsApplicant(caller, applicant_id));
  return applicant_id;
}

// The person's part of a recommendation, as of `now` (London's date for "today"). It
// points into `person`, which must outlive it; the caller sets the rest.
RecommendQuery QueryFor(const PersonForMatching& person,
                        const Applications::PlacementCounts& counts, absl::Time now) {
  RecommendQuery q;
  q.profile = &person.applicant->applicant.profile();
  q.credentials = person.credentials;
  q.active_placements = counts.active;
  q.placements_last_24_months = counts.last_24_months;
  q.today = DateIn(now, LondonTime());
  q.now = now;
  return q;
}

v1::RoleMatch MatchProto(const RoleRecommendation& r, const v1::Profile& profile,
                         int policy_version) {
  v1::RoleMatch match;
  match.set_role(r.role->name());
  match.set_title(r.role->title());
  match.set_body(r.role->body());
  *match.mutable_score() = ScoreProto(r.score, policy_version);
  *match.mutable_screening() = ToProto(r.screening);
  match.set_why(WhyForApplicant(*r.role, profile, r.score, r.screening));
  return match;
}

// One application as ranked: its place in the applications read, and what ranks it.
struct RankedApplicant {
  size_t index = 0;
  Screening screening;
  Score score;
  int64_t submit_ms = 0;
  bool eligible = false;
};

}  // namespace

v1::ScoringPolicy PolicyProto(const ScoringPolicy& policy) {
  const double weights[] = {policy.lived_experience, policy.skills,   policy.expertise,
                            policy.availability,     policy.location, policy.spread};
  v1::ScoringPolicy out;
  out.set_version(policy.version);
  double total = 0;
  for (size_t i = 0; i < std::size(kPartWords); ++i) {
    v1::PolicyWeight* w = out.add_weights();
    w->set_part(kPartWords[i].part);
    w->set_weight(weights[i]);
    w->set_description(kPartWords[i].description);
    total += weights[i];
  }
  out.set_total_weight(total);
  return out;
}

v1::MatchScore ScoreProto(const Score& score, int policy_version) {
  v1::MatchScore out;
  for (const ScorePart& part : score.parts) {
    v1::ScorePart* p = out.add_parts();
    p->set_part(part.name);
    p->set_weight(part.weight);
    p->set_fraction(part.fraction);
    p->set_points(part.points);
    p->set_reason(part.reason);
  }
  out.set_total(score.total);
  out.set_policy_version(policy_version);
  return out;
}

v1::ScoringPolicy Ranking::Policy() const { return PolicyProto(DefaultScoringPolicy()); }

absl::StatusOr<v1::Role> Ranking::LoadRole(const std::string& name) {
  const absl::optional<int64_t> id = RoleIdOf(name);
  if (!id) return InvalidField("role", "must look like roles/{id}");
  if (OpenRolePtr role = roles_->Find(*id)) return *role;
  return registry_->Get(name);
}

absl::StatusOr<v1::RankApplicantsResponse> Ranking::RankApplicants(
    const Principal& caller, const v1::RankApplicantsRequest& request) {
  CADRE_RETURN_IF_ERROR(RequireAuthenticated(caller));
  CADRE_RETURN_IF_ERROR(
      CheckEnum(request.state(), v1::ApplicationState_IsValid, "state", /*required=*/false));
  CADRE_ASSIGN_OR_RETURN(int size,
                         EffectivePageSize(request.page_size(), kDefaultRankPage, kMaxPage));
  CADRE_ASSIGN_OR_RETURN(v1::Role role, LoadRole(request.role()));
  CADRE_RETURN_IF_ERROR(MayActAsBody(caller, role.body()));
  const std::string fingerprint = FilterFingerprint(request);
  CADRE_ASSIGN_OR_RETURN(int offset, OffsetOf(request.page_token(), fingerprint));
  CADRE_ASSIGN_OR_RETURN(std::vector<StoredApplication> apps,
                         store_->ListForRole(RoleIdFromName(role.name())));
  const absl::Time now = clock_->Now();
  const v1::Date today = DateIn(now, LondonTime());
  const ScoringPolicy& policy = DefaultScoringPolicy();
  // The applications asked for, and their people read in two round trips for them all.
  // Every one of the role's applications counts towards the steps awaited.
  AwaitingSteps awaiting;
  std::vector<StoredApplication> wanted;
  std::vector<std::string> applicant_ids;
  for (StoredApplication& stored : apps) {
    stored.application = applications_->Decorated(std::move(stored.application));
    awaiting.Add(stored.application);
    const v1::ApplicationState state = stored.application.state();
    const bool asked = request.state() == v1::APPLICATION_STATE_UNSPECIFIED
                           ? IsLive(state)
                           : state == request.state();
    if (!asked) continue;
    applicant_ids.emplace_back(absl::StripPrefix(stored.application.applicant(), "applicants/"));
    wanted.push_back(std::move(stored));
  }
  CADRE_ASSIGN_OR_RETURN(
      std::vector<PersonForMatching> people,
      store_->ReadPeople(applicant_ids, ApplicationStore::PeopleRead::kForRanking));
  // Everyone is screened and scored to rank them, the reasons in the body's voice ("they
  // hold ..."); only the page asked for becomes protos.
  std::vector<RankedApplicant> ranked;
  ranked.reserve(wanted.size());
  for (size_t i = 0; i < wanted.size(); ++i) {
    const PersonForMatching& person = people[i];
    if (!person.applicant) continue;  // erased meanwhile
    const Applications::PlacementCounts counts =
        applications_->CountPlacementsOf(person.placements);
    const v1::Profile& profile = person.applicant->applicant.profile();
    RankedApplicant r{.index = i,
                      .screening = Screen({.role = role,
                                           .minimum_age = role.minimum_age(),
                                           .profile = profile,
                                           .credentials = person.credentials,
                                           .active_placements = counts.active,
                                           .today = today},
                                          Voice::kBody),
                      .score = ScoreFor(policy, role, profile, counts.active, counts.last_24_months,
                                        Voice::kBody),
                      .submit_ms = MillisOf(wanted[i].application.submit_time())};
    r.eligible = r.screening.eligible();
    ranked.push_back(std::move(r));
  }
  std::sort(ranked.begin(), ranked.end(),
            [&wanted](const RankedApplicant& a, const RankedApplicant& b) {
              if (a.eligible != b.eligible) return a.eligible;
              if (a.score.total != b.score.total) return a.score.total > b.score.total;
              if (a.submit_ms != b.submit_ms) return a.submit_ms < b.submit_ms;
              return wanted[a.index].application.name() < wanted[b.index].application.name();
            });
  v1::RankApplicantsResponse response;
  response.set_total(static_cast<int>(ranked.size()));
  awaiting.SetOn(response);
  for (int i = offset; i < static_cast<int>(ranked.size()) && i < offset + size; ++i) {
    const RankedApplicant& r = ranked[i];
    v1::ApplicantMatch* match = response.add_applicants();
    *match->mutable_application() = std::move(wanted[r.index].application);
    ForTheBody(*match->mutable_application());
    match->set_display_name(people[r.index].applicant->applicant.profile().display_name());
    *match->mutable_score() = ScoreProto(r.score, policy.version);
    *match->mutable_screening() = ToProto(r.screening);
  }
  if (offset + size < static_cast<int>(ranked.size())) {
    response.set_next_page_token(EncodePageToken(absl::StrCat(offset + size), fingerprint));
  }
  return response;
}

absl::StatusOr<v1::RecommendRolesResponse> Ranking::RecommendRoles(
    const Principal& caller, const v1::RecommendRolesRequest& request) {
  CADRE_ASSIGN_OR_RETURN(const std::string applicant_id, ApplicantAsked(caller, request));
  if (!request.role().empty()) return RecommendRole(applicant_id, request.role());
  CADRE_ASSIGN_OR_RETURN(
      int size, EffectivePageSize(request.page_size(), kDefaultRecommendPage, kMaxRecommendPage));
  const std::string fingerprint = FilterFingerprint(request);
  CADRE_ASSIGN_OR_RETURN(int offset, OffsetOf(request.page_token(), fingerprint));
  if (offset >= kMaxRecommendations) {
    return InvalidField("page_token", "is past the last recommendation");
  }
  CADRE_ASSIGN_OR_RETURN(PersonForMatching person, store_->ReadPerson(applicant_id));
  if (!person.applicant) return ApplicantNotFound(ApplicantName(applicant_id));
  const Applications::PlacementCounts counts = applications_->CountPlacementsOf(person.placements);
  // Roles the person has a live application to, or holds, are not recommended again.
  absl::flat_hash_set<int64_t> exclude(person.live_role_ids.begin(), person.live_role_ids.end());
  exclude.insert(counts.active_role_ids.begin(), counts.active_role_ids.end());
  const ScoringPolicy& policy = DefaultScoringPolicy();
  RecommendQuery query = QueryFor(person, counts, clock_->Now());
  query.limit = std::min(offset + size, kMaxRecommendations);
  query.include_ineligible = request.include_ineligible();
  query.exclude = &exclude;
  const Recommendations found = Recommend(*roles_, policy, query);
  v1::RecommendRolesResponse response;
  response.set_roles_considered(found.considered);
  response.set_roles_scored(found.scored);
  response.set_open_roles(found.open_roles);
  for (int i = offset; i < static_cast<int>(found.ranked.size()) && i < offset + size; ++i) {
    *response.add_matches() = MatchProto(found.ranked[i], *query.profile, policy.version);
  }
  // A full page that is not the last possible one may have more after it.
  if (static_cast<int>(found.ranked.size()) == offset + size &&
      offset + size < kMaxRecommendations) {
    response.set_next_page_token(EncodePageToken(absl::StrCat(offset + size), fingerprint));
  }
  return response;
}

absl::StatusOr<v1::RecommendRolesResponse> Ranking::RecommendRole(const std::string& applicant_id,
                                                                  const std::string& role) {
  const absl::optional<int64_t> role_id = RoleIdOf(role);
  if (!role_id) return InvalidField("role", "must look like roles/{id}");
  CADRE_ASSIGN_OR_RETURN(PersonForMatching person, store_->ReadPerson(applicant_id));
  if (!person.applicant) return ApplicantNotFound(ApplicantName(applicant_id));
  const Applications::PlacementCounts counts = applications_->CountPlacementsOf(person.placements);
  const ScoringPolicy& policy = DefaultScoringPolicy();
  const RecommendQuery query = QueryFor(person, counts, clock_->Now());
  const Recommendations found = RecommendOne(*roles_, policy, query, *role_id);
  if (found.ranked.empty()) return RoleNotOpenToScreen(role);
  v1::RecommendRolesResponse response;
  response.set_roles_considered(found.considered);
  response.set_roles_scored(found.scored);
  response.set_open_roles(found.open_roles);
  *response.add_matches() = MatchProto(found.ranked.front(), *query.profile, policy.version);
  return response;
}

}  // namespace cadre::matching
