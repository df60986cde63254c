#pragma once

// A real redis-server for tests: started on a free loopback port in a new temporary
// directory, append-only file on with appendfsync always, no RDB snapshots. Stopped and
// its directory removed when the object is destroyed.

#include <sys/types.h>

#include <memory>
#include <string>

#include "services/common/redis_client.h"

namespace cadre::testing {

class RedisServer {
 public:
  // Starts a server and waits (up to 10 s) until it answers PING. Aborts the test
  // binary with a message if redis-server is missing or does not start.
  static std::unique_ptr<RedisServer> Start();
  ~RedisServer();

  int port() const { return port_; }
  const std::string& dir() const { return dir_; }
  // Options for a RedisClient to this server, with short timeouts fit for tests.
  RedisOptions options() const;

  // Stops the server (SIGTERM, waits for exit). Data stays in dir().
  void Stop();
  // Starts it again on the same port and directory; it reloads its append-only file.
  void Restart();
  bool running() const { return pid_ > 0; }

 private:
  RedisServer() = default;
  // Starts redis-server on port_ and dir_ and waits until it answers PING. False if it
  // exited at once (port taken); aborts if it does not answer within 10 s.
  bool Launch();

  int port_ = 0;
  pid_t pid_ = -1;
  std::string dir_;
};

}  // namespace cadre::testing
