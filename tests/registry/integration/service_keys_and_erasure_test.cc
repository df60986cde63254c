// Service keys from a directory, and the matching service's erasure events, on which the
// registry revokes every key of the person. Through real stubs against a real
// redis-server.

#include "tests/registry/integration/applicant_keys_fixture.h"

namespace cadre::testing {
namespace {

TEST(ServiceKeysDirTest, AMalformedDirectoryStopsTheRegistryAtStart) {
  std::unique_ptr<RedisServer> redis = RedisServer::Start();
  FakeClock clock(absl::Now());
  struct Case {
    std::string name;
    std::string contents;
    std::string expected;  // in the message
  };
  const std::string secret = NewSecret();
  const std::vector<Case> cases = {
      {"matching.key", "not-a-key-of-the-issued-shape", "matching.key: must hold one key"},
      {"matching.key", "", "matching.key: must hold one key"},
      {"matching.key", secret + "\n" + NewSecret(), "matching.key: must hold one key"},
      {"Matching.key", secret, "Matching.key: the name must be"},
      {"a_b.key", secret, "a_b.key: the name must be"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    TempDir dir;
    dir.Write(c.name, c.contents);
    dir.Write("README", "not a key: ignored");
    registry::RegistryOptions options = TestRegistryOptions(redis->options());
    options.service_keys_dir = dir.path();
    auto app = registry::RegistryApp::Start(options, &clock);
    ASSERT_FALSE(app.ok());
    EXPECT_THAT(app.status(), StatusIs(absl::StatusCode::kInvalidArgument, c.expected));
    EXPECT_THAT(std::string(app.status().message()), HasSubstr(dir.path()));
    EXPECT_THAT(std::string(app.status().message()), Not(HasSubstr(secret)));
    if (!c.contents.empty()) {
      EXPECT_THAT(std::string(app.status().message()), Not(HasSubstr(c.contents)));
    }
  }
  // Two services with one key between them; a directory that is not there.
  TempDir twice;
  twice.Write("matching.key", secret);
  twice.Write("notifications.key", secret);
  registry::RegistryOptions options = TestRegistryOptions(redis->options());
  options.service_keys_dir = twice.path();
  EXPECT_THAT(registry::RegistryApp::Start(options, &clock).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, "holds the same key as"));
  options.service_keys_dir = twice.path() + "/missing";
  EXPECT_THAT(registry::RegistryApp::Start(options, &clock).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, "service_keys_dir: cannot list"));
  // Well formed: it starts.
  TempDir good;
  good.Write("matching.key", secret);
  good.Write(".hidden.key", "ignored");
  options.service_keys_dir = good.path();
  auto app = registry::RegistryApp::Start(options, &clock);
  CADRE_ASSERT_OK(app.status());
  (*app)->Shutdown();
}

// An entry of matching:events as the matching service writes it (matching_event_stream.h).
absl::Status Publish(RedisClient& redis, cadre::v1::MatchingEvent::Type type,
                     const std::string& resource) {
  cadre::v1::MatchingEvent event;
  event.set_type(type);
  event.set_resource(resource);
  event.set_actor(resource);
  return redis
      .Command({"XADD", std::string(kMatchingEventsStream), "*", std::string(kEventTypeField),
                cadre::v1::MatchingEvent::Type_Name(type), std::string(kEventBytesField),
                event.SerializeAsString()})
      .status();
}

// Entries of matching:events delivered to the registry's group and not acknowledged.
int64_t Pending(RedisClient& redis) {
  auto reply = redis.Command({"XPENDING", std::string(kMatchingEventsStream), "registry"});
  if (!reply.ok() || reply->elements.empty()) return -1;
  return reply->elements[0].integer;
}

TEST_F(ApplicantKeysTest, AnErasureRevokesEveryKeyOfThePerson) {
  const std::string erased = Register("a1");
  const std::string erased_too = Register("a1");
  const std::string other = Register("a2");
  EXPECT_EQ(Recognised(erased), grpc::StatusCode::PERMISSION_DENIED);
  RedisClient& redis = harness_->redis();
  // Not an event, another kind of event, then the erasure.
  CADRE_ASSERT_OK(redis
                      .Command({"XADD", std::string(kMatchingEventsStream), "*", "type",
                                "APPLICANT_ERASED", "pb", "\xff\xff not a message"})
                      .status());
  CADRE_ASSERT_OK(Publish(redis, cadre::v1::MatchingEvent::APPLICANT_UPDATED, "applicants/a2"));
  CADRE_ASSERT_OK(Publish(redis, cadre::v1::MatchingEvent::APPLICANT_ERASED, "applicants/a1"));

  EXPECT_TRUE(WaitFor([&] { return Recognised(erased) == grpc::StatusCode::UNAUTHENTICATED; }));
  EXPECT_EQ(Recognised(erased_too), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Recognised(other), grpc::StatusCode::PERMISSION_DENIED);
  // Every entry, the unreadable one included, was acknowledged.
  EXPECT_TRUE(WaitFor([&] { return Pending(redis) == 0; }));

  // Delivered again (at least once): nothing more happens, and it is acknowledged.
  const std::string later = Register("a2");
  CADRE_ASSERT_OK(Publish(redis, cadre::v1::MatchingEvent::APPLICANT_ERASED, "applicants/a1"));
  auto groups = [&] {
    auto reply = redis.Command({"XINFO", "GROUPS", std::string(kMatchingEventsStream)});
    return reply.ok() ? reply->elements.size() : 0u;
  };
  EXPECT_EQ(groups(), 1u);
  EXPECT_TRUE(WaitFor([&] {
    auto reply = redis.Command({"XINFO", "GROUPS", std::string(kMatchingEventsStream)});
    if (!reply.ok() || reply->elements.empty()) return false;
    // [name, registry, consumers, n, pending, n, last-delivered-id, id, ...]
    const std::vector<RedisReply>& group = reply->elements[0].elements;
    auto last =
        redis.Command({"XREVRANGE", std::string(kMatchingEventsStream), "+", "-", "COUNT", "1"});
    return last.ok() && group.size() >= 8 && group[7].str == last->elements[0].elements[0].str &&
           Pending(redis) == 0;
  }));
  EXPECT_EQ(Recognised(later), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Recognised(other), grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace cadre::testing
