#include "services/matching/credential_store.h"

#include <algorithm>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "services/common/base/status_macros.h"
#include "services/common/outbox.h"
#include "services/matching/domain/names.h"

namespace cadre::matching {
namespace {

constexpr int kRequestTtlSeconds = 86400;  // a day to retry a grant

// K: the applicant, its credentials. A: op ('grant' | 'replace'), n, new bytes, the
// expected bytes (replace) or the cap (grant).
const OutboxScript& CredentialScript() {
  static const auto* const kScript = new OutboxScript({
      .guards = R"lua(
if A[1] == 'grant' then
  if redis.call('EXISTS', K[1]) == 0 then return {'NOTFOUND'} end
  if redis.call('HLEN', K[2]) >= tonumber(A[4]) then return {'TOOMANY'} end
else
  local cur = redis.call('HGET', K[2], A[2])
  if not cur then return {'NOTFOUND'} end
  if cur ~= A[4] then return {'STALE'} end
end
)lua",
      .writes = R"lua(
redis.call('HSET', K[2], A[2], A[3])
)lua",
  });
  return *kScript;
}

std::string Bytes(cadre::v1::Credential credential) {
  credential.clear_name();
  credential.clear_status();  // computed at each answer
  return credential.SerializeAsString();
}

StoreResult FromOutbox(const OutboxResult& outbox) {
  StoreResult result;
  if (outbox.outcome == OutboxOutcome::kDuplicate) {
    result.outcome = StoreOutcome::kDuplicate;
    result.prior_resource = outbox.prior_resource;
  } else if (outbox.outcome == OutboxOutcome::kRateLimited) {
    result.outcome = StoreOutcome::kRateLimited;
  } else if (outbox.outcome == OutboxOutcome::kRefused) {
    result.outcome = outbox.refusal == "NOTFOUND"  ? StoreOutcome::kNotFound
                     : outbox.refusal == "TOOMANY" ? StoreOutcome::kTooMany
                                                   : StoreOutcome::kStale;
  }
  return result;
}

absl::StatusOr<StoreResult> RunCredentialScript(RedisClient& redis, const std::string& applicant_id,
                                                int64_t n, std::vector<std::string> args,
                                                const std::string& request_id,
                                                const Change& change) {
  const std::string resource = CredentialName(applicant_id, n);
  cadre::v1::MatchingEvent event;
  event.set_type(change.event);
  event.set_resource(resource);
  event.set_version(1);
  *event.mutable_time() =
      google::protobuf::util::TimeUtil::MillisecondsToTimestamp(absl::ToUnixMillis(change.time));
  event.set_actor(change.actor);
  CADRE_ASSIGN_OR_RETURN(
      OutboxResult outbox,
      CredentialScript().Run(
          redis,
          OutboxWrite{
              .keys = {ApplicantKey(applicant_id), CredentialsKey(applicant_id)},
              .args = std::move(args),
              .actor = change.actor,
              .events = {.key = kEventsKey,
                         .max_len = kEventsMaxLen,
                         .entries = {OutboxFields{
                             {"type", cadre::v1::MatchingEvent::Type_Name(change.event)},
                             {"pb", event.SerializeAsString()}}}},
              .audit = {.key = kAuditKey,
                        .max_len = kAuditMaxLen,
                        .entries = {OutboxFields{
                            {"action", change.action}, {"resource", resource}, {"version", "1"}}}},
              .request = {.key = request_id.empty()
                                     ? ""
                                     : absl::StrCat("matching:request:", change.actor,
                                                    ":credential:", request_id),
                          .resource = resource,
                          .ttl_seconds = kRequestTtlSeconds},
              .rate = {},
          }));
  return FromOutbox(outbox);
}

}  // namespace

std::string CredentialsKey(const std::string& applicant_id) {
  return absl::StrCat("matching:credentials:", applicant_id);
}
std::string CredentialSeqKey(const std::string& applicant_id) {
  return absl::StrCat("matching:seq:credential:", applicant_id);
}

absl::StatusOr<int64_t> CredentialStore::NextNumber(const std::string& applicant_id) {
  CADRE_ASSIGN_OR_RETURN(RedisReply reply,
                         redis_->Command({"INCR", CredentialSeqKey(applicant_id)}));
  return reply.integer;
}

absl::StatusOr<StoreResult> CredentialStore::Grant(const std::string& applicant_id, int64_t n,
                                                   const cadre::v1::Credential& credential,
                                                   const std::string& request_id,
                                                   int max_per_person, const Change& change) {
  return RunCredentialScript(
      *redis_, applicant_id, n,
      {"grant", absl::StrCat(n), Bytes(credential), absl::StrCat(max_per_person)}, request_id,
      change);
}

absl::StatusOr<StoreResult> CredentialStore::Replace(const std::string& applicant_id, int64_t n,
                                                     const cadre::v1::Credential& expected,
                                                     const cadre::v1::Credential& revoked,
                                                     const Change& change) {
  return RunCredentialScript(*redis_, applicant_id, n,
                             {"replace", absl::StrCat(n), Bytes(revoked), Bytes(expected)}, "",
                             change);
}

absl::StatusOr<absl::optional<cadre::v1::Credential>> CredentialStore::Get(
    const std::string& applicant_id, int64_t n) {
  CADRE_ASSIGN_OR_RETURN(RedisReply reply,
                         redis_->Command({"HGET", CredentialsKey(applicant_id), absl::StrCat(n)}));
  if (reply.is_nil()) return absl::optional<cadre::v1::Credential>();
  cadre::v1::Credential credential;
  if (!credential.ParseFromString(reply.str)) {
    return absl::InternalError(
        absl::StrCat("credential ", n, " of ", applicant_id, " does not parse"));
  }
  credential.set_name(CredentialName(applicant_id, n));
  return absl::optional<cadre::v1::Credential>(std::move(credential));
}

std::vector<std::string> CredentialStore::ListCommand(const std::string& applicant_id) {
  return {"HGETALL", CredentialsKey(applicant_id)};
}

absl::StatusOr<std::vector<cadre::v1::Credential>> CredentialStore::List(
    const std::string& applicant_id) {
  CADRE_ASSIGN_OR_RETURN(RedisReply reply, redis_->Command(ListCommand(applicant_id)));
  return ParseList(reply, applicant_id);
}

absl::StatusOr<std::vector<cadre::v1::Credential>> CredentialStore::ParseList(
    const RedisReply& reply, const std::string& applicant_id) {
  std::vector<std::pair<int64_t, cadre::v1::Credential>> numbered;
  for (size_t i = 0; i + 1 < reply.elements.size(); i += 2) {
    int64_t n = 0;
    cadre::v1::Credential credential;
    if (!absl::SimpleAtoi(reply.elements[i].str, &n) ||
        !credential.ParseFromString(reply.elements[i + 1].str)) {
      return absl::InternalError(absl::StrCat("a credential of ", applicant_id, " does not parse"));
    }
    credential.set_name(CredentialName(applicant_id, n));
    numbered.emplace_back(n, std::move(credential));
  }
  std::sort(numbered.begin(), numbered.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<cadre::v1::Credential> credentials;
  credentials.reserve(numbered.size());
  for (auto& [n, credential] : numbered) credentials.push_back(std::move(credential));
  return credentials;
}

}  // namespace cadre::matching
