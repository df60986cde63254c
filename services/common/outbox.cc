#include "services/common/outbox.h"

#include "absl/strings/str_cat.h"
#include "services/common/base/status_macros.h"

namespace cadre {
namespace {

// The kit's own KEYS (4) and ARGV (10) come first, at the fixed positions outbox.h
// lists; the body's follow. The Lua below and Run() must agree on them.

// Sets the body's K and A, and answers a repeated request id before anything else.
constexpr char kPreamble[] = R"lua(
local K = {unpack(KEYS, 5)}
local A = {unpack(ARGV, 11, 10 + tonumber(ARGV[8]))}
local outbox_out = {}
if ARGV[1] ~= '0' then
  local outbox_prior = redis.call('GET', KEYS[1])
  if outbox_prior then return {'DUP', outbox_prior} end
end
)lua";

// Only a change that passed the guards is counted: retries and conflicts cost nothing.
constexpr char kRateCount[] = R"lua(
if ARGV[3] ~= '0' then
  local outbox_n = redis.call('INCR', KEYS[2])
  if outbox_n == 1 then redis.call('EXPIRE', KEYS[2], ARGV[4]) end
  if outbox_n > tonumber(ARGV[3]) then return {'RATE'} end
end
)lua";

// The events, the audit entries (actor first) and the request id, after the writes.
constexpr char kEpilogue[] = R"lua(
do
  local outbox_at = 11 + tonumber(ARGV[8])
  local function outbox_append(stream, maxlen, count, head)
    for _ = 1, count do
      local n = tonumber(ARGV[outbox_at])
      local call = {'XADD', stream, 'MAXLEN', '~', maxlen, '*'}
      for _, v in ipairs(head) do call[#call + 1] = v end
      for i = outbox_at + 1, outbox_at + 2 * n do call[#call + 1] = ARGV[i] end
      redis.call(unpack(call))
      outbox_at = outbox_at + 1 + 2 * n
    end
  end
  outbox_append(KEYS[3], ARGV[5], tonumber(ARGV[9]), {})
  outbox_append(KEYS[4], ARGV[6], tonumber(ARGV[10]), {'actor', ARGV[7]})
  if ARGV[1] ~= '0' then
    redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[1])
  end
end
return {'OK', outbox_out}
)lua";

absl::Status CheckStream(const OutboxStream& stream, absl::string_view what) {
  if (stream.entries.empty()) return absl::OkStatus();
  if (stream.key.empty() || stream.max_len <= 0) {
    return absl::InternalError(absl::StrCat("outbox ", what, " stream needs a key and max_len"));
  }
  for (const OutboxFields& fields : stream.entries) {
    if (fields.empty()) return absl::InternalError(absl::StrCat("outbox ", what, " entry empty"));
  }
  return absl::OkStatus();
}

void AppendEntries(const OutboxStream& stream, std::vector<std::string>& args) {
  for (const OutboxFields& fields : stream.entries) {
    args.push_back(absl::StrCat(fields.size()));
    for (const auto& [field, value] : fields) {
      args.push_back(field);
      args.push_back(value);
    }
  }
}

// A reply element as text: a Lua number comes back as an integer reply.
std::string Text(const RedisReply& reply) {
  return reply.type == RedisReply::Type::kInteger ? absl::StrCat(reply.integer) : reply.str;
}

}  // namespace

OutboxScript::OutboxScript(const OutboxBody& body)
    : script_(absl::StrCat(kPreamble, "-- guards\n", body.guards, "\n", kRateCount, "-- writes\n",
                           body.writes, "\n", kEpilogue)) {}

absl::StatusOr<OutboxResult> OutboxScript::Run(RedisClient& redis, const OutboxWrite& w) const {
  CADRE_RETURN_IF_ERROR(CheckStream(w.events, "event"));
  CADRE_RETURN_IF_ERROR(CheckStream(w.audit, "audit"));
  const bool has_request = !w.request.key.empty();
  if (has_request && w.request.ttl_seconds <= 0) {
    return absl::InternalError("outbox request id needs a TTL");
  }
  const bool has_rate = !w.rate.key.empty() && w.rate.limit > 0;
  if (has_rate && w.rate.ttl_seconds <= 0) {
    return absl::InternalError("outbox rate counter needs a TTL");
  }

  std::vector<std::string> keys = {w.request.key, w.rate.key, w.events.key, w.audit.key};
  keys.insert(keys.end(), w.keys.begin(), w.keys.end());

  std::vector<std::string> args = {
      has_request ? absl::StrCat(w.request.ttl_seconds) : "0",
      w.request.resource,
      has_rate ? absl::StrCat(w.rate.limit) : "0",
      absl::StrCat(w.rate.ttl_seconds),
      absl::StrCat(w.events.max_len),
      absl::StrCat(w.audit.max_len),
      w.actor,
      absl::StrCat(w.args.size()),
      absl::StrCat(w.events.entries.size()),
      absl::StrCat(w.audit.entries.size()),
  };
  args.insert(args.end(), w.args.begin(), w.args.end());
  AppendEntries(w.events, args);
  AppendEntries(w.audit, args);

  CADRE_ASSIGN_OR_RETURN(RedisReply reply, redis.Eval(script_, keys, args));
  if (reply.type != RedisReply::Type::kArray || reply.elements.empty() ||
      reply.elements[0].type != RedisReply::Type::kString) {
    return absl::InternalError("unexpected reply from an outbox script");
  }
  const std::string& word = reply.elements[0].str;
  OutboxResult result;
  if (word == "OK") {
    result.outcome = OutboxOutcome::kWritten;
    if (reply.elements.size() > 1) {
      for (const RedisReply& value : reply.elements[1].elements) result.out.push_back(Text(value));
    }
  } else if (word == "DUP" && reply.elements.size() == 2) {
    result.outcome = OutboxOutcome::kDuplicate;
    result.prior_resource = Text(reply.elements[1]);
  } else if (word == "RATE") {
    result.outcome = OutboxOutcome::kRateLimited;
  } else {
    result.outcome = OutboxOutcome::kRefused;
    result.refusal = word;
    if (reply.elements.size() > 1) result.detail = Text(reply.elements[1]);
  }
  return result;
}

}  // namespace cadre
