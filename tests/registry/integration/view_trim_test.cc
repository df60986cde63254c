// The event stream is trimmed. A replica that falls further behind than the trim (a slow
// replica, a long pause) must not silently skip the events trimmed away: it notices,
// says so in its log, reloads from the records and serves every role again. A replica
// that keeps up is not disturbed by the trim.

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/common/logging.h"
#include "tests/registry/integration/registry_harness.h"
#include "tests/support/stderr_capture.h"

namespace cadre::testing {
namespace {

constexpr char kGapWarning[] = "fell behind the event stream's trim";

// A TCP relay on a free loopback port to a Redis on `target_port`. While paused it moves
// no bytes either way, so a replica behind it reads nothing (as a stalled replica would)
// while others write to Redis directly. Thread-safe.
class PausableRelay {
 public:
  explicit PausableRelay(int target_port) : target_port_(target_port) {
    listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    EXPECT_EQ(bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
    EXPECT_EQ(listen(listen_fd_, 64), 0);
    socklen_t len = sizeof(addr);
    getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    acceptor_ = std::thread([this] { Accept(); });
  }
  ~PausableRelay() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
      for (int fd : fds_) shutdown(fd, SHUT_RDWR);
    }
    cv_.notify_all();
    shutdown(listen_fd_, SHUT_RDWR);  // wakes accept()
    acceptor_.join();
    for (std::thread& pump : pumps_) pump.join();
    for (int fd : fds_) close(fd);
    close(listen_fd_);
  }
  PausableRelay(const PausableRelay&) = delete;
  PausableRelay& operator=(const PausableRelay&) = delete;

  int port() const { return port_; }
  void Pause() {
    std::lock_guard<std::mutex> lock(mu_);
    paused_ = true;
  }
  void Resume() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      paused_ = false;
    }
    cv_.notify_all();
  }

 private:
  void Accept() {
    for (;;) {
      const int client = accept(listen_fd_, nullptr, nullptr);
      if (client < 0) return;
      const int server = socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in addr{};
      addr.sin_family = AF_INET;
      addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      addr.sin_port = htons(static_cast<uint16_t>(target_port_));
      if (connect(server, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
        close(server);
        close(client);
        continue;
      }
      std::lock_guard<std::mutex> lock(mu_);
      if (stopping_) {
        close(server);
        close(client);
        return;
      }
      fds_.push_back(client);
      fds_.push_back(server);
      pumps_.emplace_back([this, client, server] { Pump(client, server); });
      pumps_.emplace_back([this, client, server] { Pump(server, client); });
    }
  }

  // Copies bytes from `from` to `to`, holding them while paused; on either side's end,
  // ends both (the other pump then ends too).
  void Pump(int from, int to) {
    char buffer[16384];
    for (;;) {
      const ssize_t n = read(from, buffer, sizeof(buffer));
      if (n <= 0) break;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [this] { return !paused_ || stopping_; });
        if (stopping_) break;
      }
      ssize_t sent = 0;
      while (sent < n) {
        const ssize_t w = send(to, buffer + sent, static_cast<size_t>(n - sent), MSG_NOSIGNAL);
        if (w <= 0) break;
        sent += w;
      }
      if (sent < n) break;
    }
    shutdown(from, SHUT_RDWR);
    shutdown(to, SHUT_RDWR);
  }

  const int target_port_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::mutex mu_;
  std::condition_variable cv_;
  bool paused_ = false;
  bool stopping_ = false;
  std::vector<int> fds_;            // guarded by mu_
  std::vector<std::thread> pumps_;  // guarded by mu_; joined after the acceptor
  std::thread acceptor_;
};

cadre::v1::Role CreateRole(RegistryHarness& writer, int i) {
  cadre::v1::CreateRoleRequest request;
  *request.mutable_role() = ValidRole("RJ1", writer.clock().Now());
  request.mutable_role()->set_title(absl::StrCat("Role ", i));
  cadre::v1::Role created;
  grpc::Status s =
      writer.stub().CreateRole(RegistryHarness::Context(kAdminKey).get(), request, &created);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return created;
}

// Whether the registry behind `stub` answers every role in `roles` as it was created.
bool ServesAll(cadre::v1::Registry::Stub& stub, const std::vector<cadre::v1::Role>& roles) {
  for (const cadre::v1::Role& role : roles) {
    cadre::v1::GetRoleRequest request;
    request.set_name(role.name());
    cadre::v1::Role got;
    if (!stub.GetRole(RegistryHarness::Context(kAdminKey).get(), request, &got).ok() ||
        got.title() != role.title()) {
      return false;
    }
  }
  return true;
}

std::string FirstEventId(RedisClient& redis) {
  auto reply = redis.Command({"XRANGE", "registry:events", "-", "+", "COUNT", "1"});
  EXPECT_TRUE(reply.ok()) << reply.status();
  if (!reply.ok() || reply->elements.empty()) return "";
  return reply->elements[0].elements[0].str;
}

TEST(ViewTrimTest, ReplicaBehindTheTrimWarnsReloadsAndServesEveryRole) {
  auto redis = RedisServer::Start();
  log::Init("registry", "info");
  StderrCapture capture;
  RegistryHarness writer(redis->options());
  writer.MakeBody("RJ1", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON);

  // The second replica reaches Redis only through the relay. Its command timeout is long,
  // so that while paused it is a slow replica, not one that lost Redis (which reloads
  // anyway): its next read simply finds the stream trimmed past its position.
  PausableRelay relay(redis->port());
  FakeClock clock(absl::Now());
  registry::RegistryOptions options = TestRegistryOptions(redis->options());
  options.redis.port = relay.port();
  options.redis.command_timeout = std::chrono::seconds(30);
  auto replica = registry::RegistryApp::Start(std::move(options), &clock);
  ASSERT_TRUE(replica.ok()) << replica.status();
  ASSERT_TRUE((*replica)->WaitUntilFresh(absl::Seconds(10)));
  auto replica_stub = MakeStub<cadre::v1::Registry>((*replica)->port());

  std::vector<cadre::v1::Role> roles = {CreateRole(writer, 0)};
  ASSERT_TRUE(WaitFor([&] { return ServesAll(*replica_stub, roles); }));

  // The replica stalls; 20 roles are written and the stream is trimmed to its last two
  // entries, far past the replica's position.
  relay.Pause();
  for (int i = 1; i <= 20; ++i) roles.push_back(CreateRole(writer, i));
  ASSERT_TRUE(WaitFor([&] { return ServesAll(writer.stub(), roles); }));
  ASSERT_TRUE(writer.redis().Command({"XTRIM", "registry:events", "MAXLEN", "2"}).ok());
  const std::string first_left = FirstEventId(writer.redis());
  ASSERT_FALSE(first_left.empty());
  relay.Resume();

  // Without the check the replica would apply the last two events only, and the other
  // roles would stay NOT_FOUND on it for good.
  EXPECT_TRUE(WaitFor([&] { return ServesAll(*replica_stub, roles); }));
  const std::string warning = capture.WaitForLineWith(kGapWarning);
  EXPECT_FALSE(warning.empty());
  EXPECT_NE(warning.find(first_left), std::string::npos) << warning;
  EXPECT_NE(warning.find("last_applied_event"), std::string::npos) << warning;

  // It tails again from the reload's position: a later write reaches it.
  roles.push_back(CreateRole(writer, 21));
  EXPECT_TRUE(WaitFor([&] { return ServesAll(*replica_stub, roles); }));
  capture.Restore();
  EXPECT_EQ(capture.CountLinesWith(kGapWarning), 1);
  (*replica)->Shutdown();
}

TEST(ViewTrimTest, ReplicaThatKeepsUpIsNotDisturbedByTheTrim) {
  auto redis = RedisServer::Start();
  log::Init("registry", "info");
  StderrCapture capture;
  // Loaded from an empty stream ("0-0"): the first events must not look like a gap.
  RegistryHarness registry(redis->options());
  registry.MakeBody("RJ1", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON);
  std::vector<cadre::v1::Role> roles;
  for (int i = 0; i < 5; ++i) roles.push_back(CreateRole(registry, i));
  ASSERT_TRUE(WaitFor([&] { return ServesAll(registry.stub(), roles); }));

  // Everything older than the view's position goes; the view still holds its place.
  ASSERT_TRUE(registry.redis().Command({"XTRIM", "registry:events", "MAXLEN", "1"}).ok());
  roles.push_back(CreateRole(registry, 5));
  EXPECT_TRUE(WaitFor([&] { return ServesAll(registry.stub(), roles); }));
  capture.Restore();
  EXPECT_EQ(capture.CountLinesWith(kGapWarning), 0);
  EXPECT_EQ(capture.CountLinesWith("registry view loaded"), 1);
}

}  // namespace
}  // namespace cadre::testing
