// The registry owns every key: applicants' keys registered by the matching service (by
// hash), keys that expire, revoking a subject's keys, listing them, service keys from a
// directory, and the erasure events of the matching service that revoke a person's keys.
// Through real stubs against a real redis-server; time moves on the harness's clock.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "cadre/v1/matching_events.pb.h"
#include "google/protobuf/util/time_util.h"
#include "services/common/auth.h"
#include "services/common/matching_event_stream.h"
#include "tests/registry/integration/registry_harness.h"
#include "tests/support/status_matchers.h"

namespace cadre::testing {
namespace {

namespace fs = std::filesystem;
using ::google::protobuf::util::TimeUtil;
using ::testing::HasSubstr;
using ::testing::Not;

// A key of the issued shape, as the matching service (or scripts/new_key.sh) makes one.
std::string NewSecret() {
  static std::mt19937_64 rng(std::random_device{}());
  std::string hex;
  while (hex.size() < 48) hex += absl::StrCat(absl::Hex(rng(), absl::kZeroPad16));
  return absl::StrCat(kIssuedKeyPrefix, hex.substr(0, 48));
}

google::protobuf::Timestamp At(absl::Time t) {
  return TimeUtil::NanosecondsToTimestamp(absl::ToUnixNanos(t));
}

// A directory of files for one test, removed after it.
class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() / absl::StrCat("cadre-keys-", getpid(), "-", counter_++);
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string path() const { return path_.string(); }
  void Write(const std::string& name, const std::string& contents) const {
    std::ofstream(path_ / name) << contents;
  }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

class ApplicantKeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_ = RedisServer::Start();
    keys_dir_.Write("matching.key", matching_key_ + "\n");
    keys_dir_.Write("notifications.key", notifications_key_);
    registry::RegistryOptions options = TestRegistryOptions(redis_->options());
    options.service_keys_dir = keys_dir_.path();
    harness_ = std::make_unique<RegistryHarness>(options);
    harness_->MakeBody("RJ1", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON);
    body_key_ = harness_->BodyKey("RJ1");
  }

  cadre::v1::Registry::Stub& stub() { return harness_->stub(); }
  absl::Time Now() { return harness_->clock().Now(); }

  // Matching registers the hash of a new secret for `applicant`; returns the secret.
  std::string Register(const std::string& applicant, absl::Duration life = absl::Hours(24),
                       const std::string& label = "sign-in", std::string* key_id = nullptr) {
    const std::string secret = NewSecret();
    cadre::v1::RegisterApplicantKeyRequest request;
    request.set_applicant(applicant);
    request.set_key_sha256(Sha256Hex(secret));
    *request.mutable_expire_time() = At(Now() + life);
    request.set_label(label);
    cadre::v1::RegisterApplicantKeyResponse response;
    grpc::Status s =
        stub().RegisterApplicantKey(CallContext(matching_key_).get(), request, &response);
    EXPECT_TRUE(s.ok()) << s.error_message();
    EXPECT_FALSE(response.key_id().empty());
    if (key_id != nullptr) *key_id = response.key_id();
    return secret;
  }

  // A call any authenticated caller may make but that needs a key: issuing an admin key,
  // which only an admin may do. PERMISSION_DENIED means the key was recognised (as
  // someone other than an admin); UNAUTHENTICATED that it was not.
  grpc::StatusCode Recognised(const std::string& key) {
    cadre::v1::CreateApiKeyRequest request;
    request.set_kind(cadre::v1::PRINCIPAL_KIND_ADMIN);
    cadre::v1::CreateApiKeyResponse response;
    return stub().CreateApiKey(CallContext(key).get(), request, &response).error_code();
  }

  grpc::Status RevokeSubject(const std::string& key, cadre::v1::PrincipalKind kind,
                             const std::string& subject, int* revoked = nullptr) {
    cadre::v1::RevokeSubjectKeysRequest request;
    request.set_kind(kind);
    request.set_subject(subject);
    cadre::v1::RevokeSubjectKeysResponse response;
    grpc::Status s = stub().RevokeSubjectKeys(CallContext(key).get(), request, &response);
    if (revoked != nullptr) *revoked = response.revoked();
    return s;
  }

  absl::StatusOr<cadre::v1::ListSubjectKeysResponse> List(const std::string& key,
                                                          cadre::v1::PrincipalKind kind,
                                                          const std::string& subject) {
    cadre::v1::ListSubjectKeysRequest request;
    request.set_kind(kind);
    request.set_subject(subject);
    cadre::v1::ListSubjectKeysResponse response;
    grpc::Status s = stub().ListSubjectKeys(CallContext(key).get(), request, &response);
    if (!s.ok()) return ToAbsl(s);
    return response;
  }

  const std::string matching_key_ = NewSecret();
  const std::string notifications_key_ = NewSecret();
  TempDir keys_dir_;
  std::unique_ptr<RedisServer> redis_;
  std::unique_ptr<RegistryHarness> harness_;
  std::string body_key_;
};

TEST_F(ApplicantKeysTest, RegisteringIsIdempotentOnTheHashAndTheKeyWorks) {
  const std::string secret = NewSecret();
  cadre::v1::RegisterApplicantKeyRequest request;
  request.set_applicant("a1");
  request.set_key_sha256(Sha256Hex(secret));
  *request.mutable_expire_time() = At(Now() + absl::Hours(24));
  request.set_label("sign-in");
  cadre::v1::RegisterApplicantKeyResponse first;
  CADRE_ASSERT_OK(stub().RegisterApplicantKey(CallContext(matching_key_).get(), request, &first));
  // The applicant's key works, as an applicant (not an admin).
  EXPECT_EQ(Recognised(secret), grpc::StatusCode::PERMISSION_DENIED);

  // The same hash for the same applicant again (a retry): the same key.
  cadre::v1::RegisterApplicantKeyResponse again;
  CADRE_ASSERT_OK(stub().RegisterApplicantKey(CallContext(matching_key_).get(), request, &again));
  EXPECT_EQ(again.key_id(), first.key_id());
  auto listed = List(kAdminKey, cadre::v1::PRINCIPAL_KIND_APPLICANT, "a1");
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->keys_size(), 1);
  EXPECT_EQ(listed->keys(0).key_id(), first.key_id());

  // The same hash for another applicant, or a body key's hash: someone else's.
  request.set_applicant("a2");
  cadre::v1::RegisterApplicantKeyResponse taken;
  EXPECT_THAT(stub().RegisterApplicantKey(CallContext(matching_key_).get(), request, &taken),
              StatusIs(grpc::StatusCode::ALREADY_EXISTS, "key_sha256"));
  request.set_applicant("a1");
  request.set_key_sha256(Sha256Hex(body_key_));
  EXPECT_THAT(stub().RegisterApplicantKey(CallContext(matching_key_).get(), request, &taken),
              StatusIs(grpc::StatusCode::ALREADY_EXISTS, "key_sha256"));
  EXPECT_EQ(Recognised(body_key_), grpc::StatusCode::PERMISSION_DENIED);  // still the body's
}

TEST_F(ApplicantKeysTest, OnlyTheMatchingServiceRegistersAndRevokesApplicantKeys) {
  const std::string applicant_key = Register("a1");
  cadre::v1::RegisterApplicantKeyRequest request;
  request.set_applicant("a1");
  request.set_key_sha256(Sha256Hex(NewSecret()));
  *request.mutable_expire_time() = At(Now() + absl::Hours(1));
  cadre::v1::RevokeApplicantKeyRequest revoke;
  revoke.set_key_sha256(Sha256Hex(applicant_key));
  const std::vector<std::pair<std::string, grpc::StatusCode>> callers = {
      {body_key_, grpc::StatusCode::PERMISSION_DENIED},
      {applicant_key, grpc::StatusCode::PERMISSION_DENIED},
      {kAdminKey, grpc::StatusCode::PERMISSION_DENIED},
      {notifications_key_, grpc::StatusCode::PERMISSION_DENIED},
      {"", grpc::StatusCode::UNAUTHENTICATED},
  };
  for (const auto& [key, code] : callers) {
    cadre::v1::RegisterApplicantKeyResponse registered;
    EXPECT_EQ(
        stub().RegisterApplicantKey(CallContext(key).get(), request, &registered).error_code(),
        code);
    cadre::v1::RevokeApplicantKeyResponse revoked;
    EXPECT_EQ(stub().RevokeApplicantKey(CallContext(key).get(), revoke, &revoked).error_code(),
              code);
  }
  // Nothing was registered or revoked by them.
  EXPECT_EQ(Recognised(applicant_key), grpc::StatusCode::PERMISSION_DENIED);
  auto listed = List(kAdminKey, cadre::v1::PRINCIPAL_KIND_APPLICANT, "a1");
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_EQ(listed->keys_size(), 1);
}

TEST_F(ApplicantKeysTest, SubjectKeysAreForAdminsAndForMatchingOnApplicantsOnly) {
  const std::string applicant_key = Register("a1");
  for (const std::string& key : {body_key_, applicant_key, notifications_key_}) {
    EXPECT_THAT(List(key, cadre::v1::PRINCIPAL_KIND_APPLICANT, "a1"),
                StatusIs(absl::StatusCode::kPermissionDenied));
    EXPECT_THAT(RevokeSubject(key, cadre::v1::PRINCIPAL_KIND_APPLICANT, "a1"),
                StatusIs(grpc::StatusCode::PERMISSION_DENIED));
  }
  EXPECT_THAT(List("", cadre::v1::PRINCIPAL_KIND_APPLICANT, "a1"),
              StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(RevokeSubject("", cadre::v1::PRINCIPAL_KIND_APPLICANT, "a1"),
              StatusIs(grpc::StatusCode::UNAUTHENTICATED));
  // Matching: applicants' keys, never a body's.
  EXPECT_THAT(List(matching_key_, cadre::v1::PRINCIPAL_KIND_BODY, "bodies/RJ1"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(RevokeSubject(matching_key_, cadre::v1::PRINCIPAL_KIND_BODY, "bodies/RJ1"),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_EQ(Recognised(body_key_), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Recognised(applicant_key), grpc::StatusCode::PERMISSION_DENIED);
  CADRE_EXPECT_OK(List(matching_key_, cadre::v1::PRINCIPAL_KIND_APPLICANT, "a1").status());
  // An admin: any kind.
  auto body_keys = List(kAdminKey, cadre::v1::PRINCIPAL_KIND_BODY, "bodies/RJ1");
  ASSERT_TRUE(body_keys.ok()) << body_keys.status();
  EXPECT_EQ(body_keys->keys_size(), 1);
  int revoked = 0;
  CADRE_ASSERT_OK(RevokeSubject(kAdminKey, cadre::v1::PRINCIPAL_KIND_BODY, "bodies/RJ1", &revoked));
  EXPECT_EQ(revoked, 1);
  EXPECT_EQ(Recognised(body_key_), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(ApplicantKeysTest, EveryFieldIsCheckedAndNamed) {
  cadre::v1::RegisterApplicantKeyRequest good;
  good.set_applicant("a1");
  good.set_key_sha256(Sha256Hex(NewSecret()));
  *good.mutable_expire_time() = At(Now() + absl::Hours(1));
  auto registered = [&](auto change) {
    cadre::v1::RegisterApplicantKeyRequest request = good;
    change(request);
    cadre::v1::RegisterApplicantKeyResponse response;
    return stub().RegisterApplicantKey(CallContext(matching_key_).get(), request, &response);
  };
  using Request = cadre::v1::RegisterApplicantKeyRequest;
  EXPECT_THAT(registered([](Request& r) { r.set_applicant("a 1"); }), InvalidAt("applicant"));
  EXPECT_THAT(registered([](Request& r) { r.set_key_sha256(std::string(64, 'A')); }),
              InvalidAt("key_sha256"));
  EXPECT_THAT(registered([](Request& r) { r.clear_expire_time(); }), InvalidAt("expire_time"));
  EXPECT_THAT(
      registered([&](Request& r) { *r.mutable_expire_time() = At(Now() - absl::Hours(1)); }),
      InvalidAt("expire_time"));
  EXPECT_THAT(
      registered([&](Request& r) { *r.mutable_expire_time() = At(Now() + absl::Hours(24 * 401)); }),
      InvalidAt("expire_time"));
  EXPECT_THAT(registered([](Request& r) { r.set_label(std::string(121, 'x')); }),
              InvalidAt("label"));

  cadre::v1::RevokeApplicantKeyRequest revoke;
  revoke.set_key_sha256("not-a-hash");
  cadre::v1::RevokeApplicantKeyResponse revoked;
  EXPECT_THAT(stub().RevokeApplicantKey(CallContext(matching_key_).get(), revoke, &revoked),
              InvalidAt("key_sha256"));
  EXPECT_THAT(RevokeSubject(matching_key_, cadre::v1::PRINCIPAL_KIND_APPLICANT, ""),
              InvalidAt("subject"));
  EXPECT_THAT(List(kAdminKey, cadre::v1::PRINCIPAL_KIND_UNSPECIFIED, "a1"), InvalidAt("kind"));

  cadre::v1::CreateApiKeyRequest create;
  create.set_kind(cadre::v1::PRINCIPAL_KIND_BODY);
  create.set_subject("bodies/RJ1");
  *create.mutable_expire_time() = At(Now() - absl::Seconds(1));
  cadre::v1::CreateApiKeyResponse created;
  EXPECT_THAT(stub().CreateApiKey(CallContext(kAdminKey).get(), create, &created),
              InvalidAt("expire_time"));
  *create.mutable_expire_time() = At(Now() + absl::Hours(24 * 400) + absl::Seconds(1));
  EXPECT_THAT(stub().CreateApiKey(CallContext(kAdminKey).get(), create, &created),
              InvalidAt("expire_time"));
}

TEST_F(ApplicantKeysTest, AnExpiredKeyIsRefusedAndTheCacheNeverOutlivesIt) {
  // A body key for three seconds: shorter than the key cache's five.
  cadre::v1::CreateApiKeyRequest create;
  create.set_kind(cadre::v1::PRINCIPAL_KIND_BODY);
  create.set_subject("bodies/RJ1");
  *create.mutable_expire_time() = At(Now() + absl::Seconds(3));
  cadre::v1::CreateApiKeyResponse short_lived;
  CADRE_ASSERT_OK(stub().CreateApiKey(CallContext(kAdminKey).get(), create, &short_lived));
  EXPECT_EQ(Recognised(short_lived.secret()), grpc::StatusCode::PERMISSION_DENIED);  // cached
  harness_->clock().Advance(absl::Seconds(2));
  EXPECT_EQ(Recognised(short_lived.secret()), grpc::StatusCode::PERMISSION_DENIED);
  harness_->clock().Advance(absl::Seconds(1));
  EXPECT_EQ(Recognised(short_lived.secret()), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Recognised(body_key_), grpc::StatusCode::PERMISSION_DENIED);  // never expires

  // An applicant's key: refused from its expiry on, and no longer listed.
  const std::string applicant_key = Register("a1", absl::Hours(1));
  const std::string longer = Register("a1", absl::Hours(2));
  EXPECT_EQ(Recognised(applicant_key), grpc::StatusCode::PERMISSION_DENIED);
  harness_->clock().Advance(absl::Hours(1));
  EXPECT_EQ(Recognised(applicant_key), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Recognised(longer), grpc::StatusCode::PERMISSION_DENIED);
  auto listed = List(matching_key_, cadre::v1::PRINCIPAL_KIND_APPLICANT, "a1");
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_EQ(listed->keys_size(), 1);

  // In Redis the key goes by itself: its TTL is its time left plus a minute's grace.
  auto ttl = harness_->redis().Command({"TTL", absl::StrCat("auth:key:", Sha256Hex(longer))});
  ASSERT_TRUE(ttl.ok());
  EXPECT_GT(ttl->integer, 0);
  EXPECT_LE(ttl->integer, 2 * 3600 + 60);
}

TEST_F(ApplicantKeysTest, RevokingASubjectsKeysStopsThemAtOnce) {
  std::vector<std::string> a1 = {Register("a1"), Register("a1"), Register("a1")};
  const std::string a2 = Register("a2");
  for (const std::string& key : a1) EXPECT_EQ(Recognised(key), grpc::StatusCode::PERMISSION_DENIED);
  int revoked = 0;
  CADRE_ASSERT_OK(
      RevokeSubject(matching_key_, cadre::v1::PRINCIPAL_KIND_APPLICANT, "a1", &revoked));
  EXPECT_EQ(revoked, 3);
  // At once on this replica, though each key was in its cache.
  for (const std::string& key : a1) EXPECT_EQ(Recognised(key), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Recognised(a2), grpc::StatusCode::PERMISSION_DENIED);
  CADRE_ASSERT_OK(
      RevokeSubject(matching_key_, cadre::v1::PRINCIPAL_KIND_APPLICANT, "a1", &revoked));
  EXPECT_EQ(revoked, 0);
  auto listed = List(kAdminKey, cadre::v1::PRINCIPAL_KIND_APPLICANT, "a1");
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->keys_size(), 0);

  // Every revocation is in the audit stream, by id only.
  auto audit = harness_->redis().Command({"XRANGE", "auth:audit", "-", "+"});
  ASSERT_TRUE(audit.ok());
  int revocations = 0;
  for (const RedisReply& entry : audit->elements) {
    const std::vector<RedisReply>& fields = entry.elements[1].elements;
    for (size_t i = 0; i + 1 < fields.size(); i += 2) {
      for (const std::string& key : a1) EXPECT_THAT(fields[i + 1].str, Not(HasSubstr(key)));
      if (fields[i].str == "action" && fields[i + 1].str == "key_revoked") ++revocations;
    }
  }
  EXPECT_EQ(revocations, 3);
}

TEST_F(ApplicantKeysTest, RevokingOneApplicantKeyByItsHash) {
  const std::string kept = Register("a1");
  const std::string signed_out = Register("a1");
  EXPECT_EQ(Recognised(signed_out), grpc::StatusCode::PERMISSION_DENIED);
  cadre::v1::RevokeApplicantKeyRequest revoke;
  revoke.set_key_sha256(Sha256Hex(signed_out));
  cadre::v1::RevokeApplicantKeyResponse response;
  CADRE_ASSERT_OK(stub().RevokeApplicantKey(CallContext(matching_key_).get(), revoke, &response));
  EXPECT_TRUE(response.revoked());
  EXPECT_EQ(Recognised(signed_out), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Recognised(kept), grpc::StatusCode::PERMISSION_DENIED);
  // Twice: nothing to revoke. A body's key: not an applicant's, left alone.
  CADRE_ASSERT_OK(stub().RevokeApplicantKey(CallContext(matching_key_).get(), revoke, &response));
  EXPECT_FALSE(response.revoked());
  revoke.set_key_sha256(Sha256Hex(body_key_));
  CADRE_ASSERT_OK(stub().RevokeApplicantKey(CallContext(matching_key_).get(), revoke, &response));
  EXPECT_FALSE(response.revoked());
  EXPECT_EQ(Recognised(body_key_), grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(ApplicantKeysTest, ListingShowsLiveKeysOldestFirstAndNoSecretOrHash) {
  std::string first_id, second_id;
  const std::string first = Register("a1", absl::Hours(24), "phone", &first_id);
  harness_->clock().Advance(absl::Seconds(1));
  const std::string second = Register("a1", absl::Hours(48), "laptop", &second_id);
  harness_->clock().Advance(absl::Seconds(1));
  // An admin's applicant key that never expires joins the same list.
  cadre::v1::CreateApiKeyRequest create;
  create.set_kind(cadre::v1::PRINCIPAL_KIND_APPLICANT);
  create.set_subject("a1");
  create.set_label("support");
  cadre::v1::CreateApiKeyResponse third;
  CADRE_ASSERT_OK(stub().CreateApiKey(CallContext(kAdminKey).get(), create, &third));

  auto listed = List(matching_key_, cadre::v1::PRINCIPAL_KIND_APPLICANT, "a1");
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->keys_size(), 3);
  EXPECT_EQ(listed->keys(0).key_id(), first_id);
  EXPECT_EQ(listed->keys(0).label(), "phone");
  EXPECT_EQ(listed->keys(1).key_id(), second_id);
  EXPECT_EQ(listed->keys(1).label(), "laptop");
  EXPECT_EQ(listed->keys(2).key_id(), third.key_id());
  EXPECT_FALSE(listed->keys(2).has_expire_time());
  EXPECT_LT(TimeUtil::TimestampToSeconds(listed->keys(0).create_time()),
            TimeUtil::TimestampToSeconds(listed->keys(1).create_time()));
  EXPECT_EQ(TimeUtil::TimestampToSeconds(listed->keys(1).expire_time()),
            TimeUtil::TimestampToSeconds(listed->keys(1).create_time()) + 48 * 3600);
  const std::string bytes = listed->SerializeAsString();
  for (const std::string& secret : {first, second, third.secret()}) {
    EXPECT_THAT(bytes, Not(HasSubstr(secret)));
    EXPECT_THAT(bytes, Not(HasSubstr(Sha256Hex(secret))));
  }
  // The subject's index in Redis holds the ids, by create time.
  auto index = harness_->redis().Command({"ZRANGE", "auth:subject:applicant:a1", "0", "-1"});
  ASSERT_TRUE(index.ok());
  ASSERT_EQ(index->elements.size(), 3u);
  EXPECT_EQ(index->elements[0].str, first_id);
}

TEST_F(ApplicantKeysTest, AServiceKeyFromTheDirectoryIsThatService) {
  // Matching's key is matching (it may register); notifications' is a service, not matching.
  Register("a1");
  EXPECT_EQ(Recognised(notifications_key_), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Recognised(matching_key_), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Recognised(NewSecret()), grpc::StatusCode::UNAUTHENTICATED);
  // Only hashes were kept: nothing about service keys is in Redis.
  auto keys = harness_->redis().Command({"KEYS", "auth:key:*"});
  ASSERT_TRUE(keys.ok());
  for (const RedisReply& key : keys->elements) {
    EXPECT_THAT(key.str, Not(HasSubstr(Sha256Hex(matching_key_))));
  }
}

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
