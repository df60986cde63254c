#include "services/matching/application_store.h"

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/common/base/status_macros.h"
#include "services/common/base/time_proto.h"
#include "services/common/outbox.h"
#include "services/matching/application_scripts.h"
#include "services/matching/domain/application_rules.h"

namespace cadre::matching {
namespace {

constexpr int kRequestTtlSeconds = 86400;  // a day to retry a submission
constexpr char kOffersKey[] = "matching:offers";
constexpr char kRolesAppliedKey[] = "matching:roles-applied";
constexpr char kFillQueueKey[] = "matching:fill-queue";

std::string AppKey(const std::string& id) { return absl::StrCat("matching:application:", id); }
std::string PlacementKey(const std::string& id) { return absl::StrCat("matching:placement:", id); }
std::string AppsOfApplicant(const std::string& aid) {
  return absl::StrCat("matching:applications:applicant:", aid);
}
std::string AppsOfRole(int64_t role_id) {
  return absl::StrCat("matching:applications:role:", role_id);
}
std::string AppsOfBody(const std::string& code) {
  return absl::StrCat("matching:applications:body:", code);
}
std::string PlacementsOfApplicant(const std::string& aid) {
  return absl::StrCat("matching:placements:applicant:", aid);
}
std::string PlacementsOfRole(int64_t role_id) {
  return absl::StrCat("matching:placements:role:", role_id);
}
std::string PlacementsOfBody(const std::string& code) {
  return absl::StrCat("matching:placements:body:", code);
}
std::string LiveKey(const std::string& aid) { return absl::StrCat("matching:live:", aid); }
std::string ActiveKey(const std::string& aid) { return absl::StrCat("matching:active:", aid); }
std::string AcceptedKey(int64_t role_id) { return absl::StrCat("matching:accepted:", role_id); }

std::string IdOf(absl::string_view name, absl::string_view prefix) {
  absl::ConsumePrefix(&name, prefix);
  return std::string(name);
}

// The event and the audit entry of one change to `resource`.
OutboxWrite Announce(const std::string& resource, int64_t version, const std::string& applicant,
                     const std::string& role, const std::string& body, const std::string& state,
                     const Change& change) {
  cadre::v1::MatchingEvent event;
  event.set_type(change.event);
  event.set_resource(resource);
  event.set_version(version);
  *event.mutable_time() = ToTimestamp(change.time);
  event.set_actor(change.actor);
  event.set_applicant(applicant);
  event.set_role(role);
  event.set_body(body);
  event.set_state(state);
  OutboxWrite write;
  write.actor = change.actor;
  write.events = {
      .key = kEventsKey,
      .max_len = kEventsMaxLen,
      .entries = {OutboxFields{{"type", cadre::v1::MatchingEvent::Type_Name(change.event)},
                               {"pb", event.SerializeAsString()}}}};
  write.audit = {.key = kAuditKey,
                 .max_len = kAuditMaxLen,
                 .entries = {OutboxFields{{"action", change.action},
                                          {"resource", resource},
                                          {"version", absl::StrCat(version)},
                                          {"state", state}}}};
  return write;
}

OutboxWrite AnnounceApplication(const cadre::v1::Application& app, int64_t version,
                                const Change& change) {
  return Announce(app.name(), version, app.applicant(), app.role(), app.body(),
                  cadre::v1::ApplicationState_Name(app.state()), change);
}

ApplicationResult FromOutbox(const OutboxResult& outbox) {
  ApplicationResult result;
  switch (outbox.outcome) {
    case OutboxOutcome::kWritten:
      return result;
    case OutboxOutcome::kDuplicate:
      result.outcome = ApplicationOutcome::kDuplicate;
      result.prior_resource = outbox.prior_resource;
      return result;
    case OutboxOutcome::kRateLimited:  // no rate is set on these writes
    case OutboxOutcome::kRefused:
      break;
  }
  const std::string& word = outbox.refusal;
  result.outcome = word == "NOTFOUND"    ? ApplicationOutcome::kNotFound
                   : word == "LIVE"      ? ApplicationOutcome::kLive
                   : word == "TOOMANY"   ? ApplicationOutcome::kTooMany
                   : word == "FULL"      ? ApplicationOutcome::kFull
                   : word == "MOSTROLES" ? ApplicationOutcome::kMostRoles
                                         : ApplicationOutcome::kStale;
  if (result.outcome == ApplicationOutcome::kLive) {
    result.prior_resource = absl::StrCat("applications/", outbox.detail);
  }
  return result;
}

std::string StoredBytes(const cadre::v1::Application& app) {
  return ForStorage(app).SerializeAsString();
}

std::string StoredBytes(cadre::v1::Placement placement) {
  placement.clear_etag();
  return placement.SerializeAsString();
}

// A {v, pb} hash as read by HMGET: the message with its etag, or nullopt when absent.
template <typename Message>
absl::StatusOr<absl::optional<std::pair<Message, int64_t>>> ParseVersioned(const RedisReply& reply,
                                                                           const std::string& id) {
  using Result = absl::optional<std::pair<Message, int64_t>>;
  if (reply.elements.size() != 2 || reply.elements[0].is_nil()) return Result();
  int64_t version = 0;
  Message message;
  if (!absl::SimpleAtoi(reply.elements[0].str, &version) ||
      !message.ParseFromString(reply.elements[1].str)) {
    return absl::InternalError(absl::StrCat("record ", id, " does not parse"));
  }
  message.set_etag(absl::StrCat(version));
  return Result(std::make_pair(std::move(message), version));
}

// The records an index names, newest first: the ids, then every {v, pb} in one pipeline.
// A record gone meanwhile is left out.
template <typename Message, typename Stored>
absl::StatusOr<std::vector<Stored>> ListVersioned(RedisClient& redis, const std::string& index,
                                                  std::string (*key_of)(const std::string&)) {
  CADRE_ASSIGN_OR_RETURN(RedisReply ids, redis.Command({"ZREVRANGE", index, "0", "-1"}));
  std::vector<std::vector<std::string>> reads;
  reads.reserve(ids.elements.size());
  for (const RedisReply& id : ids.elements) reads.push_back({"HMGET", key_of(id.str), "v", "pb"});
  std::vector<Stored> out;
  if (reads.empty()) return out;
  CADRE_ASSIGN_OR_RETURN(std::vector<RedisReply> replies, redis.Pipeline(reads));
  out.reserve(replies.size());
  for (size_t i = 0; i < replies.size(); ++i) {
    CADRE_ASSIGN_OR_RETURN(auto parsed, ParseVersioned<Message>(replies[i], ids.elements[i].str));
    if (parsed) out.push_back({std::move(parsed->first), parsed->second});
  }
  return out;
}

}  // namespace

int64_t RoleIdFromName(const std::string& role_name) {
  int64_t id = 0;
  absl::string_view rest = role_name;
  if (!absl::ConsumePrefix(&rest, "roles/") || !absl::SimpleAtoi(rest, &id) || id <= 0) return 0;
  return id;
}

std::string BodyCodeFromName(const std::string& body_name) {
  absl::string_view rest = body_name;
  if (!absl::ConsumePrefix(&rest, "bodies/")) return "";
  return std::string(rest);
}

absl::StatusOr<ApplicationResult> ApplicationStore::Submit(const cadre::v1::Application& app,
                                                           int max_live,
                                                           const std::string& request_id,
                                                           const Change& change) {
  const std::string id = IdOf(app.name(), "applications/");
  const std::string aid = IdOf(app.applicant(), "applicants/");
  const int64_t role_id = RoleIdFromName(app.role());
  OutboxWrite write = AnnounceApplication(app, 1, change);
  write.keys = {ApplicantKey(aid),
                AppKey(id),
                AppsOfApplicant(aid),
                AppsOfRole(role_id),
                AppsOfBody(BodyCodeFromName(app.body())),
                LiveKey(aid),
                kRolesAppliedKey};
  write.args = {id, StoredBytes(app), absl::StrCat(role_id),
                absl::StrCat(absl::ToUnixMillis(change.time)), absl::StrCat(max_live)};
  if (!request_id.empty()) {
    write.request = {
        .key = absl::StrCat("matching:request:", change.actor, ":application:", request_id),
        .resource = app.name(),
        .ttl_seconds = kRequestTtlSeconds};
  }
  CADRE_ASSIGN_OR_RETURN(OutboxResult outbox, SubmitScript().Run(*redis_, write));
  return FromOutbox(outbox);
}

absl::StatusOr<absl::optional<StoredApplication>> ApplicationStore::Get(const std::string& id) {
  CADRE_ASSIGN_OR_RETURN(RedisReply reply, redis_->Command({"HMGET", AppKey(id), "v", "pb"}));
  CADRE_ASSIGN_OR_RETURN(auto parsed, ParseVersioned<cadre::v1::Application>(reply, id));
  if (!parsed) return absl::optional<StoredApplication>();
  return absl::optional<StoredApplication>(
      StoredApplication{std::move(parsed->first), parsed->second});
}

absl::StatusOr<ApplicationResult> ApplicationStore::Move(const StoredApplication& record,
                                                         const MoveEffects& effects,
                                                         const Change& change) {
  const cadre::v1::Application& app = record.application;
  const std::string id = IdOf(app.name(), "applications/");
  OutboxWrite write = AnnounceApplication(app, record.version + 1, change);
  write.keys = {AppKey(id), LiveKey(IdOf(app.applicant(), "applicants/")), kOffersKey};
  write.args = {id,
                absl::StrCat(record.version),
                StoredBytes(app),
                absl::StrCat(RoleIdFromName(app.role())),
                effects.ends ? "1" : "0",
                effects.offer_until ? absl::StrCat(absl::ToUnixMillis(*effects.offer_until)) : ""};
  CADRE_ASSIGN_OR_RETURN(OutboxResult outbox, MoveScript().Run(*redis_, write));
  return FromOutbox(outbox);
}

absl::StatusOr<ApplicationResult> ApplicationStore::Accept(const Acceptance& a,
                                                           const Change& change) {
  const cadre::v1::Application& app = a.accepted.application;
  const std::string id = IdOf(app.name(), "applications/");
  const std::string aid = IdOf(app.applicant(), "applicants/");
  const int64_t role_id = RoleIdFromName(app.role());
  const std::string code = BodyCodeFromName(app.body());
  OutboxWrite write = AnnounceApplication(app, a.accepted.version + 1, change);
  // The placement's start is announced too: the event stream says what began.
  cadre::v1::MatchingEvent started;
  started.set_type(cadre::v1::MatchingEvent::PLACEMENT_STARTED);
  started.set_resource(a.placement.name());
  started.set_version(1);
  *started.mutable_time() = ToTimestamp(change.time);
  started.set_actor(change.actor);
  started.set_applicant(app.applicant());
  started.set_role(app.role());
  started.set_body(app.body());
  started.set_state(cadre::v1::PlacementState_Name(a.placement.state()));
  write.events.entries.push_back(
      OutboxFields{{"type", cadre::v1::MatchingEvent::Type_Name(started.type())},
                   {"pb", started.SerializeAsString()}});
  write.keys = {AppKey(id),
                LiveKey(aid),
                kOffersKey,
                AcceptedKey(role_id),
                PlacementKey(id),
                PlacementsOfApplicant(aid),
                PlacementsOfRole(role_id),
                PlacementsOfBody(code),
                ActiveKey(aid),
                kFillQueueKey};
  write.args = {id,
                absl::StrCat(a.accepted.version),
                StoredBytes(app),
                absl::StrCat(role_id),
                StoredBytes(a.placement),
                absl::StrCat(a.places),
                absl::StrCat(a.most_roles),
                absl::StrCat(absl::ToUnixMillis(change.time)),
                absl::StrCat(absl::ToUnixMillis(a.fill_at))};
  CADRE_ASSIGN_OR_RETURN(OutboxResult outbox, AcceptScript().Run(*redis_, write));
  return FromOutbox(outbox);
}

absl::StatusOr<std::vector<StoredApplication>> ApplicationStore::ListApplications(
    const std::string& index) {
  return ListVersioned<cadre::v1::Application, StoredApplication>(*redis_, index, AppKey);
}

absl::StatusOr<std::vector<StoredApplication>> ApplicationStore::ListForApplicant(
    const std::string& applicant_id) {
  return ListApplications(AppsOfApplicant(applicant_id));
}
absl::StatusOr<std::vector<StoredApplication>> ApplicationStore::ListForRole(int64_t role_id) {
  return ListApplications(AppsOfRole(role_id));
}
absl::StatusOr<std::vector<StoredApplication>> ApplicationStore::ListForBody(
    const std::string& body_code) {
  return ListApplications(AppsOfBody(body_code));
}

absl::StatusOr<std::vector<std::string>> ApplicationStore::DueOffers(absl::Time now, int limit) {
  CADRE_ASSIGN_OR_RETURN(RedisReply reply, redis_->Command({"ZRANGEBYSCORE", kOffersKey, "-inf",
                                                            absl::StrCat(absl::ToUnixMillis(now)),
                                                            "LIMIT", "0", absl::StrCat(limit)}));
  std::vector<std::string> ids;
  for (const RedisReply& e : reply.elements) ids.push_back(e.str);
  return ids;
}

absl::StatusOr<std::vector<int64_t>> ApplicationStore::RolesApplied() {
  CADRE_ASSIGN_OR_RETURN(RedisReply reply,
                         redis_->Command({"ZRANGE", kRolesAppliedKey, "0", "-1"}));
  std::vector<int64_t> ids;
  for (const RedisReply& e : reply.elements) {
    int64_t id = 0;
    if (absl::SimpleAtoi(e.str, &id)) ids.push_back(id);
  }
  return ids;
}

absl::StatusOr<int> ApplicationStore::AcceptedCount(int64_t role_id) {
  CADRE_ASSIGN_OR_RETURN(RedisReply reply, redis_->Command({"GET", AcceptedKey(role_id)}));
  int count = 0;
  if (!reply.is_nil() && !absl::SimpleAtoi(reply.str, &count)) {
    return absl::InternalError(absl::StrCat("accepted count of role ", role_id, " does not parse"));
  }
  return count;
}

absl::StatusOr<absl::optional<StoredPlacement>> ApplicationStore::GetPlacement(
    const std::string& id) {
  CADRE_ASSIGN_OR_RETURN(RedisReply reply, redis_->Command({"HMGET", PlacementKey(id), "v", "pb"}));
  CADRE_ASSIGN_OR_RETURN(auto parsed, ParseVersioned<cadre::v1::Placement>(reply, id));
  if (!parsed) return absl::optional<StoredPlacement>();
  return absl::optional<StoredPlacement>(StoredPlacement{std::move(parsed->first), parsed->second});
}

absl::StatusOr<ApplicationResult> ApplicationStore::UpdatePlacement(const StoredPlacement& record,
                                                                    bool ends,
                                                                    const Change& change) {
  const cadre::v1::Placement& p = record.placement;
  const std::string id = IdOf(p.name(), "placements/");
  OutboxWrite write = Announce(p.name(), record.version + 1, p.applicant(), p.role(), p.body(),
                               cadre::v1::PlacementState_Name(p.state()), change);
  write.keys = {PlacementKey(id), ActiveKey(IdOf(p.applicant(), "applicants/"))};
  write.args = {id, absl::StrCat(record.version), StoredBytes(p), ends ? "1" : "0"};
  CADRE_ASSIGN_OR_RETURN(OutboxResult outbox, PlacementScript().Run(*redis_, write));
  return FromOutbox(outbox);
}

absl::StatusOr<std::vector<StoredPlacement>> ApplicationStore::ListPlacements(
    const std::string& index) {
  return ListVersioned<cadre::v1::Placement, StoredPlacement>(*redis_, index, PlacementKey);
}

absl::StatusOr<std::vector<StoredPlacement>> ApplicationStore::PlacementsForApplicant(
    const std::string& applicant_id) {
  return ListPlacements(PlacementsOfApplicant(applicant_id));
}
absl::StatusOr<std::vector<StoredPlacement>> ApplicationStore::PlacementsForRole(int64_t role_id) {
  return ListPlacements(PlacementsOfRole(role_id));
}
absl::StatusOr<std::vector<StoredPlacement>> ApplicationStore::PlacementsForBody(
    const std::string& body_code) {
  return ListPlacements(PlacementsOfBody(body_code));
}

absl::StatusOr<int> ApplicationStore::ActivePlacements(const std::string& applicant_id) {
  CADRE_ASSIGN_OR_RETURN(RedisReply reply, redis_->Command({"SCARD", ActiveKey(applicant_id)}));
  return static_cast<int>(reply.integer);
}

absl::StatusOr<PersonForMatching> ApplicationStore::ReadPerson(const std::string& applicant_id) {
  CADRE_ASSIGN_OR_RETURN(std::vector<PersonForMatching> people, ReadPeople({applicant_id}));
  return std::move(people.front());
}

absl::StatusOr<std::vector<PersonForMatching>> ApplicationStore::ReadPeople(
    const std::vector<std::string>& applicant_ids, PeopleRead read) {
  const bool all = read == PeopleRead::kAll;
  const size_t per_person = all ? 5 : 4;  // commands a person
  std::vector<std::vector<std::string>> reads;
  reads.reserve(applicant_ids.size() * per_person);
  for (const std::string& id : applicant_ids) {
    reads.push_back(all ? ApplicantStore::GetCommand(id) : ApplicantStore::GetProfileCommand(id));
    reads.push_back(CredentialStore::ListCommand(id));
    reads.push_back({"SCARD", ActiveKey(id)});
    reads.push_back({"ZREVRANGE", PlacementsOfApplicant(id), "0", "-1"});
    if (all) reads.push_back({"HKEYS", LiveKey(id)});
  }
  std::vector<PersonForMatching> people(applicant_ids.size());
  if (reads.empty()) return people;
  CADRE_ASSIGN_OR_RETURN(std::vector<RedisReply> replies, redis_->Pipeline(reads));
  if (replies.size() != reads.size()) return absl::InternalError("a pipelined read answered short");
  // The placements' records, for everyone at once: a second round trip, only if any.
  std::vector<std::vector<std::string>> placement_reads;
  std::vector<std::pair<size_t, std::string>> placement_owner;  // person, placement id
  for (size_t i = 0; i < applicant_ids.size(); ++i) {
    const std::string& id = applicant_ids[i];
    PersonForMatching& person = people[i];
    RedisReply* r = &replies[i * per_person];
    CADRE_ASSIGN_OR_RETURN(person.applicant, ApplicantStore::ParseGet(std::move(r[0]), id));
    CADRE_ASSIGN_OR_RETURN(person.credentials, CredentialStore::ParseList(r[1], id));
    person.active_placements = static_cast<int>(r[2].integer);
    for (const RedisReply& placement : r[3].elements) {
      placement_reads.push_back({"HMGET", PlacementKey(placement.str), "v", "pb"});
      placement_owner.emplace_back(i, placement.str);
    }
    if (!all) continue;
    for (const RedisReply& role : r[4].elements) {
      int64_t role_id = 0;
      if (absl::SimpleAtoi(role.str, &role_id)) person.live_role_ids.push_back(role_id);
    }
  }
  if (placement_reads.empty()) return people;
  CADRE_ASSIGN_OR_RETURN(std::vector<RedisReply> records, redis_->Pipeline(placement_reads));
  for (size_t k = 0; k < records.size() && k < placement_owner.size(); ++k) {
    CADRE_ASSIGN_OR_RETURN(
        auto parsed, ParseVersioned<cadre::v1::Placement>(records[k], placement_owner[k].second));
    if (parsed) {
      people[placement_owner[k].first].placements.push_back(
          {std::move(parsed->first), parsed->second});
    }
  }
  return people;
}

absl::StatusOr<std::vector<int64_t>> ApplicationStore::ClaimDueFills(absl::Time now,
                                                                     absl::Duration lease,
                                                                     int limit) {
  CADRE_ASSIGN_OR_RETURN(
      RedisReply reply,
      redis_->Eval(ClaimScript(), {kFillQueueKey},
                   {absl::StrCat(absl::ToUnixMillis(now)),
                    absl::StrCat(absl::ToInt64Milliseconds(lease)), absl::StrCat(limit)}));
  std::vector<int64_t> ids;
  for (const RedisReply& e : reply.elements) {
    int64_t id = 0;
    if (absl::SimpleAtoi(e.str, &id)) ids.push_back(id);
  }
  return ids;
}

absl::Status ApplicationStore::FillDone(int64_t role_id) {
  return redis_->Command({"ZREM", kFillQueueKey, absl::StrCat(role_id)}).status();
}

absl::Status ApplicationStore::RetryFill(int64_t role_id, absl::Time at) {
  return redis_
      ->Command({"ZADD", kFillQueueKey, "XX", absl::StrCat(absl::ToUnixMillis(at)),
                 absl::StrCat(role_id)})
      .status();
}

absl::Status ApplicationStore::EraseApplicant(const std::string& applicant_id) {
  CADRE_ASSIGN_OR_RETURN(std::vector<StoredApplication> apps, ListForApplicant(applicant_id));
  CADRE_ASSIGN_OR_RETURN(std::vector<StoredPlacement> placements,
                         PlacementsForApplicant(applicant_id));
  std::vector<std::vector<std::string>> commands;
  for (const StoredApplication& a : apps) {
    const std::string id = IdOf(a.application.name(), "applications/");
    commands.push_back({"DEL", AppKey(id)});
    commands.push_back({"ZREM", AppsOfRole(RoleIdFromName(a.application.role())), id});
    commands.push_back({"ZREM", AppsOfBody(BodyCodeFromName(a.application.body())), id});
    commands.push_back({"ZREM", kOffersKey, id});
  }
  for (const StoredPlacement& p : placements) {
    const std::string id = IdOf(p.placement.name(), "placements/");
    commands.push_back({"DEL", PlacementKey(id)});
    commands.push_back({"ZREM", PlacementsOfRole(RoleIdFromName(p.placement.role())), id});
    commands.push_back({"ZREM", PlacementsOfBody(BodyCodeFromName(p.placement.body())), id});
  }
  commands.push_back({"DEL", AppsOfApplicant(applicant_id), PlacementsOfApplicant(applicant_id),
                      LiveKey(applicant_id), ActiveKey(applicant_id)});
  return redis_->Transaction(commands).status();
}

}  // namespace cadre::matching
