#pragma once

// A Redis client over hiredis 0.14 (synchronous API) with a connection pool.
//
// Every call either answers within `command_timeout` (plus `connect_timeout` when a
// connection must first be made) or fails with UNAVAILABLE: it never hangs. A connection
// that failed is dropped and a new one is made on a later call, so the client recovers
// by itself when Redis comes back. Reconnect attempts are spaced by `reconnect_backoff`
// so that a dead Redis costs callers a fast UNAVAILABLE, not a connect attempt each.
//
// Errors returned by every call:
//   UNAVAILABLE  Redis unreachable, timed out, or the connection broke mid-call.
//   INTERNAL     Redis answered with an error reply (the message is Redis's, logged
//                by the caller, never sent to clients), or a protocol error.
//   UNAVAILABLE  also when no pooled connection became free within command_timeout
//                (server trouble, not the caller's: Busy, seen as "busy; retry shortly").

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cadre {

// One reply from Redis, copied out of hiredis's reply object.
struct RedisReply {
  enum class Type { kNil, kString, kStatus, kInteger, kArray, kError };
  Type type = Type::kNil;
  std::string str;                   // kString, kStatus, kError
  int64_t integer = 0;               // kInteger
  std::vector<RedisReply> elements;  // kArray

  bool is_nil() const { return type == Type::kNil; }
  bool is_error() const { return type == Type::kError; }
};

struct RedisOptions {
  std::string host = "127.0.0.1";
  int port = 6379;
  std::string password;  // empty: no AUTH
  std::chrono::milliseconds connect_timeout{500};
  std::chrono::milliseconds command_timeout{1000};
  std::chrono::milliseconds reconnect_backoff{200};
  int pool_size = 8;
};

// A Lua script, run with EVALSHA; on NOSCRIPT (after a Redis restart) it is loaded again
// and retried once.
class RedisScript {
 public:
  explicit RedisScript(std::string source);
  const std::string& source() const { return source_; }
  const std::string& sha1() const { return sha1_; }  // lower-case hex

 private:
  std::string source_;
  std::string sha1_;
};

class RedisConnection;

// Thread-safe: any number of threads may call at once; each call takes a pooled
// connection for its duration.
class RedisClient {
 public:
  explicit RedisClient(RedisOptions options);
  ~RedisClient();
  RedisClient(const RedisClient&) = delete;
  RedisClient& operator=(const RedisClient&) = delete;

  const RedisOptions& options() const { return options_; }

  // One command, e.g. Command({"HGET", key, "pb"}). An error reply is INTERNAL.
  absl::StatusOr<RedisReply> Command(const std::vector<std::string>& args);

  // Sends every command in one write and reads every reply: one round trip. Error
  // replies are returned in place (is_error()), not as a failed status, so the caller
  // can tell which command failed.
  absl::StatusOr<std::vector<RedisReply>> Pipeline(
      const std::vector<std::vector<std::string>>& commands);

  // MULTI, the commands, EXEC, pipelined: all or nothing. Returns EXEC's replies.
  // A command that Redis refuses while queueing aborts the whole transaction (INTERNAL).
  absl::StatusOr<std::vector<RedisReply>> Transaction(
      const std::vector<std::vector<std::string>>& commands);

  // EVALSHA, loading the script on NOSCRIPT and retrying once. An error reply
  // (redis.error_reply in the script) is INTERNAL with the message.
  absl::StatusOr<RedisReply> Eval(const RedisScript& script, const std::vector<std::string>& keys,
                                  const std::vector<std::string>& args);

  // PING. OK when Redis answers PONG within the timeouts.
  absl::Status Ping();

  // A connection outside the pool for blocking commands (XREAD BLOCK, XREADGROUP BLOCK,
  // WAIT), whose read timeout is `command_timeout` plus `block`. It reconnects by itself
  // on the next call after a failure.
  std::unique_ptr<RedisConnection> Dedicated(std::chrono::milliseconds block);

 private:
  class Pool;
  RedisOptions options_;
  std::unique_ptr<Pool> pool_;
};

// One connection, not thread-safe: used by one thread at a time.
class RedisConnection {
 public:
  RedisConnection(RedisOptions options, std::chrono::milliseconds read_timeout);
  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  // As RedisClient::Command; connects first if needed.
  absl::StatusOr<RedisReply> Command(const std::vector<std::string>& args);
  absl::StatusOr<std::vector<RedisReply>> Pipeline(
      const std::vector<std::vector<std::string>>& commands);
  bool connected() const;

 private:
  absl::Status EnsureConnected();
  void Drop();

  RedisOptions options_;
  std::chrono::milliseconds read_timeout_;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Helpers for reading stream replies (XREAD / XREADGROUP / XRANGE / XAUTOCLAIM).
struct StreamEntry {
  std::string id;  // "1700000000000-0"
  std::vector<std::pair<std::string, std::string>> fields;
  // The value of `field`, or empty if absent.
  absl::string_view Field(absl::string_view field) const;
};

// What XINFO STREAM says of a stream's two ends, for a reader to tell whether entries it
// has not read were trimmed away. A stream that does not exist is empty.
struct StreamInfo {
  std::string first_id = "0-0";           // the oldest entry still held; "0-0": none
  std::string last_generated_id = "0-0";  // the newest id ever added, even if trimmed
  int64_t length = 0;                     // entries held
  int64_t entries_added = 0;              // entries ever added (Redis 7.0+; older: length)
};
// Reads XINFO STREAM's answer (or its error: "no such key" is an empty stream).
// INTERNAL for a reply of another shape; other errors as they came.
absl::StatusOr<StreamInfo> ParseStreamInfo(const absl::StatusOr<RedisReply>& reply);

// Parses the entries of one stream from an XRANGE reply (an array of [id, [f, v, ...]]).
// INTERNAL if the reply has another shape.
absl::StatusOr<std::vector<StreamEntry>> ParseStreamEntries(const RedisReply& reply);

// Parses an XREAD / XREADGROUP reply for a single stream: nil (timed out) gives none.
absl::StatusOr<std::vector<StreamEntry>> ParseXRead(const RedisReply& reply);

}  // namespace cadre
