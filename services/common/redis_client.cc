#include "services/common/redis_client.h"

#include <hiredis/hiredis.h>
#include <openssl/evp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <atomic>
#include <cerrno>
#include <system_error>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/common/base/errors.h"
#include "services/common/base/status_macros.h"

namespace cadre {
namespace {

// An error reply as a status. Replies that mean "this Redis cannot take writes or
// commands right now" (a replica after failover, loading its data, out of memory, a
// script running too long) are UNAVAILABLE, so callers retry; the rest are INTERNAL.
// Codes are matched whole ("BUSY ", not "BUSYGROUP").
absl::Status ErrorReplyStatus(const std::string& message) {
  for (const char* transient :
       {"READONLY ", "LOADING ", "MASTERDOWN ", "OOM ", "BUSY ", "TRYAGAIN ", "CLUSTERDOWN "}) {
    if (absl::StartsWith(message, transient)) return absl::UnavailableError(message);
  }
  return absl::InternalError(message);
}

using Commands = std::vector<std::vector<std::string>>;

int64_t SteadyNowNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

timeval ToTimeval(std::chrono::milliseconds ms) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
  return tv;
}

// Deep copy of a hiredis reply, so the hiredis object can be freed at once.
absl::StatusOr<RedisReply> CopyReply(const redisReply& r) {
  RedisReply out;
  switch (r.type) {
    case REDIS_REPLY_NIL:
      out.type = RedisReply::Type::kNil;
      break;
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
    case REDIS_REPLY_ERROR:
      out.type = r.type == REDIS_REPLY_STRING   ? RedisReply::Type::kString
                 : r.type == REDIS_REPLY_STATUS ? RedisReply::Type::kStatus
                                                : RedisReply::Type::kError;
      out.str.assign(r.str, r.len);
      break;
    case REDIS_REPLY_INTEGER:
      out.type = RedisReply::Type::kInteger;
      out.integer = r.integer;
      break;
    case REDIS_REPLY_ARRAY:
      out.type = RedisReply::Type::kArray;
      out.elements.reserve(r.elements);
      for (size_t i = 0; i < r.elements; ++i) {
        CADRE_ASSIGN_OR_RETURN(RedisReply element, CopyReply(*r.element[i]));
        out.elements.push_back(std::move(element));
      }
      break;
    default:
      return absl::InternalError(absl::StrCat("unknown Redis reply type ", r.type));
  }
  return out;
}

// The commands in the Redis protocol (RESP arrays of bulk strings): binary-safe, since
// every argument is sent with its length.
absl::StatusOr<std::string> Encode(const Commands& commands) {
  std::string out;
  for (const std::vector<std::string>& command : commands) {
    if (command.empty()) return absl::InvalidArgumentError("empty Redis command");
    absl::StrAppend(&out, "*", command.size(), "\r\n");
    for (const std::string& arg : command) {
      absl::StrAppend(&out, "$", arg.size(), "\r\n", arg, "\r\n");
    }
  }
  return out;
}

// Shared by the connections of one pool: after a failed connect, no connection of the
// pool tries again before `retry_after`, so a dead Redis costs callers a fast UNAVAILABLE.
struct ConnectGate {
  std::atomic<int64_t> retry_after_nanos{0};  // steady clock
};

// One hiredis connection. Not thread-safe.
//
// hiredis writes with write(2), which raises SIGPIPE on a socket the peer has reset. So
// we write the request bytes ourselves with send(MSG_NOSIGNAL) and leave hiredis only
// the reading: this code works whether or not the process ignores SIGPIPE.
class Conn {
 public:
  Conn(const RedisOptions& options, std::chrono::milliseconds read_timeout,
       std::shared_ptr<ConnectGate> gate)
      : options_(options), read_timeout_(read_timeout), gate_(std::move(gate)) {}
  ~Conn() { Drop(); }
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;

  bool connected() const { return ctx_ != nullptr; }

  void Drop() {
    if (ctx_ != nullptr) {
      redisFree(ctx_);
      ctx_ = nullptr;
    }
  }

  // UNAVAILABLE if Redis cannot be reached or refuses AUTH, or at once while a recent
  // connect attempt failed less than `reconnect_backoff` ago.
  absl::Status EnsureConnected() {
    if (ctx_ != nullptr) {
      if (!Stale()) return absl::OkStatus();
      Drop();
    }
    if (SteadyNowNanos() < gate_->retry_after_nanos.load(std::memory_order_relaxed)) {
      return absl::UnavailableError(
          absl::StrCat("Redis ", Address(), " unreachable (recent connect failed)"));
    }
    absl::Status status = Connect();
    const auto backoff = std::chrono::nanoseconds(options_.reconnect_backoff).count();
    gate_->retry_after_nanos.store(status.ok() ? 0 : SteadyNowNanos() + backoff,
                                   std::memory_order_relaxed);
    return status;
  }

  // Sends every command in one write, then reads one reply per command. Error replies
  // stay in place. UNAVAILABLE (I/O, timeout) or INTERNAL (protocol): the connection is
  // dropped, since replies may be left unread on it.
  absl::StatusOr<std::vector<RedisReply>> Run(const Commands& commands) {
    CADRE_ASSIGN_OR_RETURN(std::string wire, Encode(commands));
    CADRE_RETURN_IF_ERROR(EnsureConnected());
    return Exchange(wire, commands.size());
  }

 private:
  std::string Address() const { return absl::StrCat(options_.host, ":", options_.port); }

  absl::Status Connect() {
    redisContext* ctx = redisConnectWithTimeout(options_.host.c_str(), options_.port,
                                                ToTimeval(options_.connect_timeout));
    if (ctx == nullptr) return absl::UnavailableError("cannot allocate a Redis context");
    if (ctx->err != 0) {
      absl::Status status =
          absl::UnavailableError(absl::StrCat("Redis ", Address(), ": connect: ", ctx->errstr));
      redisFree(ctx);
      return status;
    }
    ctx_ = ctx;
    if (redisSetTimeout(ctx_, ToTimeval(read_timeout_)) != REDIS_OK) {
      return Fail("set timeout");
    }
    redisEnableKeepAlive(ctx_);  // best effort: finds a vanished peer on idle connections
    if (!options_.password.empty()) {
      CADRE_ASSIGN_OR_RETURN(std::string wire, Encode({{"AUTH", options_.password}}));
      CADRE_ASSIGN_OR_RETURN(std::vector<RedisReply> replies, Exchange(wire, 1));
      if (replies[0].is_error()) {
        Drop();
        return absl::UnavailableError(
            absl::StrCat("Redis ", Address(), ": AUTH refused: ", replies[0].str));
      }
    }
    return absl::OkStatus();
  }

  absl::StatusOr<std::vector<RedisReply>> Exchange(const std::string& wire, size_t count) {
    CADRE_RETURN_IF_ERROR(SendAll(wire));
    std::vector<RedisReply> replies;
    replies.reserve(count);
    for (size_t i = 0; i < count; ++i) {
      void* raw = nullptr;
      if (redisGetReply(ctx_, &raw) != REDIS_OK || raw == nullptr) return Fail("read");
      absl::StatusOr<RedisReply> reply = CopyReply(*static_cast<redisReply*>(raw));
      freeReplyObject(raw);
      if (!reply.ok()) {
        Drop();
        return reply.status();
      }
      replies.push_back(*std::move(reply));
    }
    return replies;
  }

  // The send timeout (SO_SNDTIMEO, set by redisSetTimeout) bounds a blocked write.
  absl::Status SendAll(const std::string& wire) {
    size_t sent = 0;
    while (sent < wire.size()) {
      ssize_t n = send(ctx_->fd, wire.data() + sent, wire.size() - sent, MSG_NOSIGNAL);
      if (n >= 0) {
        sent += static_cast<size_t>(n);
      } else if (errno != EINTR) {
        std::string error = std::error_code(errno, std::generic_category()).message();
        Drop();
        return absl::UnavailableError(absl::StrCat("Redis ", Address(), ": write: ", error));
      }
    }
    return absl::OkStatus();
  }

  // An idle connection has nothing to read; if it has (end of file after Redis restarted
  // or closed it, a reset), it is dead. One poll(2) spares the caller a failed call.
  bool Stale() const {
    pollfd p{ctx_->fd, POLLIN, 0};
    return poll(&p, 1, 0) != 0;
  }

  absl::Status Fail(absl::string_view what) {
    absl::Status status = ctx_->err == REDIS_ERR_PROTOCOL
                              ? absl::InternalError(absl::StrCat(
                                    "Redis ", Address(), ": protocol error: ", ctx_->errstr))
                              : absl::UnavailableError(absl::StrCat(
                                    "Redis ", Address(), ": ", what, ": ",
                                    ctx_->err != 0 ? ctx_->errstr : "connection failed"));
    Drop();
    return status;
  }

  RedisOptions options_;
  std::chrono::milliseconds read_timeout_;
  std::shared_ptr<ConnectGate> gate_;
  redisContext* ctx_ = nullptr;
};

absl::StatusOr<RedisReply> SingleReply(absl::StatusOr<std::vector<RedisReply>> replies) {
  if (!replies.ok()) return replies.status();
  RedisReply reply = std::move(replies->front());
  if (reply.is_error()) return ErrorReplyStatus(reply.str);
  return reply;
}

}  // namespace

RedisScript::RedisScript(std::string source) : source_(std::move(source)) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(source_.data(), source_.size(), digest, &length, EVP_sha1(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  sha1_.reserve(size_t{length} * 2);
  for (unsigned int i = 0; i < length; ++i) {
    sha1_.push_back(kHex[digest[i] >> 4]);
    sha1_.push_back(kHex[digest[i] & 0xf]);
  }
}

// `pool_size` connections made lazily; a caller takes a free one (waiting at most
// `command_timeout`) for the whole of its call.
class RedisClient::Pool {
 public:
  explicit Pool(const RedisOptions& options) : wait_(absl::FromChrono(options.command_timeout)) {
    auto gate = std::make_shared<ConnectGate>();
    for (int i = 0; i < std::max(1, options.pool_size); ++i) {
      conns_.push_back(std::make_unique<Conn>(options, options.command_timeout, gate));
      free_.push_back(conns_.back().get());
    }
  }

  // UNAVAILABLE (Busy: callers see "busy; retry shortly") if no connection became free
  // in time; else as Conn::Run.
  absl::StatusOr<std::vector<RedisReply>> Run(const Commands& commands) {
    Conn* conn = nullptr;
    mu_.LockWhenWithTimeout(absl::Condition(this, &Pool::HasFree), wait_);
    if (!free_.empty()) {
      conn = free_.back();  // the most recently used: likely connected already
      free_.pop_back();
    }
    mu_.Unlock();
    if (conn == nullptr) {
      return Busy("no Redis connection became free in time");
    }
    absl::StatusOr<std::vector<RedisReply>> replies = conn->Run(commands);
    absl::MutexLock lock(&mu_);
    free_.push_back(conn);
    return replies;
  }

 private:
  bool HasFree() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return !free_.empty(); }

  const absl::Duration wait_;
  std::vector<std::unique_ptr<Conn>> conns_;  // fixed after construction
  absl::Mutex mu_;
  std::vector<Conn*> free_ ABSL_GUARDED_BY(mu_);
};

RedisClient::RedisClient(RedisOptions options)
    : options_(std::move(options)), pool_(std::make_unique<Pool>(options_)) {}

RedisClient::~RedisClient() = default;

absl::StatusOr<RedisReply> RedisClient::Command(const std::vector<std::string>& args) {
  return SingleReply(pool_->Run({args}));
}

absl::StatusOr<std::vector<RedisReply>> RedisClient::Pipeline(const Commands& commands) {
  if (commands.empty()) return std::vector<RedisReply>{};
  return pool_->Run(commands);
}

absl::StatusOr<std::vector<RedisReply>> RedisClient::Transaction(const Commands& commands) {
  Commands wrapped;
  wrapped.reserve(commands.size() + 2);
  wrapped.push_back({"MULTI"});
  wrapped.insert(wrapped.end(), commands.begin(), commands.end());
  wrapped.push_back({"EXEC"});
  CADRE_ASSIGN_OR_RETURN(std::vector<RedisReply> replies, pool_->Run(wrapped));
  // Every reply before EXEC is +OK / +QUEUED unless Redis refused a command, in which
  // case EXEC answers EXECABORT and nothing ran: report the refused command's error.
  for (size_t i = 0; i + 1 < replies.size(); ++i) {
    if (replies[i].is_error()) return ErrorReplyStatus(replies[i].str);
  }
  RedisReply& exec = replies.back();
  if (exec.is_error()) return ErrorReplyStatus(exec.str);
  if (exec.is_nil()) return absl::AbortedError("transaction aborted: a WATCHed key changed");
  if (exec.type != RedisReply::Type::kArray) {
    return absl::InternalError("unexpected EXEC reply");
  }
  return std::move(exec.elements);
}

absl::StatusOr<RedisReply> RedisClient::Eval(const RedisScript& script,
                                             const std::vector<std::string>& keys,
                                             const std::vector<std::string>& args) {
  std::vector<std::string> evalsha = {"EVALSHA", script.sha1(), absl::StrCat(keys.size())};
  evalsha.insert(evalsha.end(), keys.begin(), keys.end());
  evalsha.insert(evalsha.end(), args.begin(), args.end());
  CADRE_ASSIGN_OR_RETURN(std::vector<RedisReply> replies, pool_->Run({evalsha}));
  if (replies[0].is_error() && absl::StartsWith(replies[0].str, "NOSCRIPT")) {
    // Redis restarted (or SCRIPT FLUSH): load and run again, in one round trip.
    CADRE_ASSIGN_OR_RETURN(replies, pool_->Run({{"SCRIPT", "LOAD", script.source()}, evalsha}));
    if (replies[0].is_error()) return ErrorReplyStatus(replies[0].str);
    replies[0] = std::move(replies[1]);
  }
  if (replies[0].is_error()) return ErrorReplyStatus(replies[0].str);
  return std::move(replies[0]);
}

absl::Status RedisClient::Ping() {
  CADRE_ASSIGN_OR_RETURN(RedisReply reply, Command({"PING"}));
  if (reply.str != "PONG") return absl::InternalError("unexpected PING reply");
  return absl::OkStatus();
}

std::unique_ptr<RedisConnection> RedisClient::Dedicated(std::chrono::milliseconds block) {
  return std::make_unique<RedisConnection>(options_, options_.command_timeout + block);
}

struct RedisConnection::Impl {
  Impl(const RedisOptions& options, std::chrono::milliseconds read_timeout)
      : conn(options, read_timeout, std::make_shared<ConnectGate>()) {}
  Conn conn;
};

RedisConnection::RedisConnection(RedisOptions options, std::chrono::milliseconds read_timeout)
    : options_(std::move(options)),
      read_timeout_(read_timeout),
      impl_(std::make_unique<Impl>(options_, read_timeout_)) {}

RedisConnection::~RedisConnection() = default;

absl::StatusOr<RedisReply> RedisConnection::Command(const std::vector<std::string>& args) {
  return SingleReply(impl_->conn.Run({args}));
}

absl::StatusOr<std::vector<RedisReply>> RedisConnection::Pipeline(const Commands& commands) {
  if (commands.empty()) return std::vector<RedisReply>{};
  return impl_->conn.Run(commands);
}

bool RedisConnection::connected() const { return impl_->conn.connected(); }

absl::Status RedisConnection::EnsureConnected() { return impl_->conn.EnsureConnected(); }

void RedisConnection::Drop() { impl_->conn.Drop(); }

absl::string_view StreamEntry::Field(absl::string_view field) const {
  for (const auto& [name, value] : fields) {
    if (name == field) return value;
  }
  return {};
}

absl::StatusOr<StreamInfo> ParseStreamInfo(const absl::StatusOr<RedisReply>& reply) {
  StreamInfo info;
  if (!reply.ok()) {
    // XINFO answers an error, not an empty reply, for a stream that does not exist.
    if (reply.status().code() == absl::StatusCode::kInternal &&
        absl::StrContains(reply.status().message(), "no such key")) {
      return info;
    }
    return reply.status();
  }
  if (reply->type != RedisReply::Type::kArray || reply->elements.size() % 2 != 0) {
    return absl::InternalError("unexpected XINFO STREAM reply");
  }
  bool has_entries_added = false;
  for (size_t i = 0; i + 1 < reply->elements.size(); i += 2) {
    const std::string& field = reply->elements[i].str;
    const RedisReply& value = reply->elements[i + 1];
    if (field == "length") {
      info.length = value.integer;
    } else if (field == "entries-added") {
      info.entries_added = value.integer;
      has_entries_added = true;
    } else if (field == "last-generated-id") {
      info.last_generated_id = value.str;
    } else if (field == "first-entry" && value.type == RedisReply::Type::kArray &&
               !value.elements.empty()) {
      info.first_id = value.elements[0].str;
    }
  }
  if (!has_entries_added) info.entries_added = info.length;
  return info;
}

absl::StatusOr<std::vector<StreamEntry>> ParseStreamEntries(const RedisReply& reply) {
  if (reply.type != RedisReply::Type::kArray) {
    return absl::InternalError("stream reply is not an array");
  }
  std::vector<StreamEntry> entries;
  entries.reserve(reply.elements.size());
  for (const RedisReply& item : reply.elements) {
    if (item.type != RedisReply::Type::kArray || item.elements.size() != 2 ||
        item.elements[0].type != RedisReply::Type::kString) {
      return absl::InternalError("stream entry is not [id, fields]");
    }
    StreamEntry entry;
    entry.id = item.elements[0].str;
    const RedisReply& body = item.elements[1];
    // A nil body: the entry was deleted from the stream after it was delivered and is
    // still pending (XREADGROUP of pending ids). It is kept, with no fields, so that the
    // caller can acknowledge it; XADD never makes an entry without fields.
    if (!body.is_nil()) {
      if (body.type != RedisReply::Type::kArray || body.elements.size() % 2 != 0) {
        return absl::InternalError("stream entry fields are not pairs");
      }
      for (size_t i = 0; i < body.elements.size(); i += 2) {
        if (body.elements[i].type != RedisReply::Type::kString ||
            body.elements[i + 1].type != RedisReply::Type::kString) {
          return absl::InternalError("stream entry field is not a string");
        }
        entry.fields.emplace_back(body.elements[i].str, body.elements[i + 1].str);
      }
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

absl::StatusOr<std::vector<StreamEntry>> ParseXRead(const RedisReply& reply) {
  if (reply.is_nil()) return std::vector<StreamEntry>{};
  if (reply.type != RedisReply::Type::kArray || reply.elements.size() != 1) {
    return absl::InternalError("XREAD reply is not one stream");
  }
  const RedisReply& stream = reply.elements[0];
  if (stream.type != RedisReply::Type::kArray || stream.elements.size() != 2) {
    return absl::InternalError("XREAD stream is not [name, entries]");
  }
  return ParseStreamEntries(stream.elements[1]);
}

}  // namespace cadre
