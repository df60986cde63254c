// The registry owns every key: applicants' keys registered by the matching service (by
// hash), keys that expire, revoking a subject's keys, listing them. Through real stubs
// against a real redis-server; time moves on the harness's clock.

#include "tests/registry/integration/applicant_keys_fixture.h"

namespace cadre::testing {
namespace {

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

}  // namespace
}  // namespace cadre::testing
