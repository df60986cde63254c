#include "tests/support/redis_server.h"

#include <arpa/inet.h>
#include <hiredis/hiredis.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>
#include <vector>

#include "absl/strings/str_split.h"

namespace cadre::testing {
namespace {

constexpr std::chrono::seconds kStartDeadline{10};
constexpr std::chrono::seconds kStopDeadline{10};

[[noreturn]] void Die(const std::string& message) {
  std::cerr << "RedisServer: " << message << std::endl;
  std::abort();
}

// A port the kernel just gave out, free at this moment (another process could take it
// before redis-server binds it; Start retries on another port then).
int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) Die("socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    close(fd);
    Die("cannot bind a loopback port");
  }
  close(fd);
  return ntohs(addr.sin_port);
}

std::string FindRedisServer() {
  const char* path = std::getenv("PATH");
  std::vector<std::string> dirs =
      absl::StrSplit(path != nullptr ? path : "", ':', absl::SkipEmpty());
  dirs.emplace_back("/usr/bin");
  dirs.emplace_back("/usr/local/bin");
  for (const std::string& dir : dirs) {
    std::string candidate = dir + "/redis-server";
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  Die("redis-server not found on PATH or in /usr/bin; install it (apt-get install redis-server)");
}

std::string MakeTempDir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern =
      std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/cadre-redis-XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (mkdtemp(buffer.data()) == nullptr) Die("mkdtemp failed for " + pattern);
  return buffer.data();
}

bool AnswersPing(int port) {
  constexpr timeval kConnectTimeout{0, 200000};  // 200 ms
  redisContext* ctx = redisConnectWithTimeout("127.0.0.1", port, kConnectTimeout);
  if (ctx == nullptr) return false;
  bool ok = false;
  if (ctx->err == 0 && redisSetTimeout(ctx, timeval{1, 0}) == REDIS_OK) {
    auto* reply = static_cast<redisReply*>(redisCommand(ctx, "PING"));
    // While loading its append-only file Redis answers -LOADING: not ready yet.
    ok = reply != nullptr && reply->type == REDIS_REPLY_STATUS &&
         std::string(reply->str, reply->len) == "PONG";
    if (reply != nullptr) freeReplyObject(reply);
  }
  redisFree(ctx);
  return ok;
}

std::string ReadLog(const std::string& dir) {
  std::ifstream in(dir + "/redis.log");
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

std::unique_ptr<RedisServer> RedisServer::Start() {
  std::unique_ptr<RedisServer> server(new RedisServer());
  server->dir_ = MakeTempDir();
  // Another process may take the port between FreePort and redis-server's bind.
  for (int attempt = 0; attempt < 3; ++attempt) {
    server->port_ = FreePort();
    if (server->Launch()) return server;
  }
  Die("redis-server exited at start three times; its log:\n" + ReadLog(server->dir_));
}

RedisServer::~RedisServer() {
  if (running()) Stop();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

RedisOptions RedisServer::options() const {
  RedisOptions options;
  options.host = "127.0.0.1";
  options.port = port_;
  options.connect_timeout = std::chrono::milliseconds(300);
  options.command_timeout = std::chrono::milliseconds(1000);
  options.reconnect_backoff = std::chrono::milliseconds(100);
  options.pool_size = 4;
  return options;
}

void RedisServer::Stop() {
  if (!running()) return;
  kill(pid_, SIGTERM);
  // Redis flushes its append-only file and exits; kill it if it does not, rather than
  // hang the test.
  const auto deadline = std::chrono::steady_clock::now() + kStopDeadline;
  int status = 0;
  while (waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  pid_ = -1;
}

void RedisServer::Restart() {
  Stop();
  if (!Launch()) {
    Die("redis-server exited at restart on port " + std::to_string(port_) + "; its log:\n" +
        ReadLog(dir_));
  }
}

bool RedisServer::Launch() {
  const std::string binary = FindRedisServer();
  const std::string port = std::to_string(port_);
  const std::string logfile = dir_ + "/redis.log";
  std::vector<std::string> args = {
      binary, "--port",       port,  "--bind",        "127.0.0.1", "--dir",
      dir_,   "--appendonly", "yes", "--appendfsync", "always",    "--save",
      "",     "--daemonize",  "no",  "--logfile",     logfile,     "--protected-mode",
      "no"};
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  pid_t pid = fork();
  if (pid < 0) Die("fork failed");
  if (pid == 0) {
    // The server must not outlive a test binary that crashed: the death of the thread
    // that forked (the test's main thread) sends it SIGTERM.
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  pid_ = pid;

  const auto deadline = std::chrono::steady_clock::now() + kStartDeadline;
  while (!AnswersPing(port_)) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return false;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      Stop();
      Die("redis-server did not answer PING within 10 s; its log:\n" + ReadLog(dir_));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

}  // namespace cadre::testing
