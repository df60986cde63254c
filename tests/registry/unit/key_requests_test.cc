// The checks of the applicant and subject key requests and of keys' expiry, who may make
// them, and which of the matching service's events revoke keys. Pure: no Redis.

#include <gtest/gtest.h>

#include <string>

#include "google/protobuf/util/time_util.h"
#include "services/registry/domain/erasure.h"
#include "services/registry/domain/policy.h"
#include "services/registry/domain/validation.h"
#include "tests/support/status_matchers.h"

namespace cadre::registry {
namespace {

using ::cadre::testing::InvalidAt;
using ::cadre::testing::StatusIs;
using ::google::protobuf::util::TimeUtil;

const absl::Time kNow = absl::FromUnixSeconds(1800000000);  // 2027-01-15
const std::string kHash(64, 'a');

google::protobuf::Timestamp At(absl::Time t) {
  return TimeUtil::NanosecondsToTimestamp(absl::ToUnixNanos(t));
}

cadre::v1::RegisterApplicantKeyRequest Registration() {
  cadre::v1::RegisterApplicantKeyRequest r;
  r.set_applicant("a1b2c3");
  r.set_key_sha256(kHash);
  *r.mutable_expire_time() = At(kNow + absl::Hours(24 * 30));
  r.set_label("sign-in");
  return r;
}

TEST(KeyExpiryTest, AfterNowAndWithinFourHundredDays) {
  const google::protobuf::Timestamp unset;
  EXPECT_EQ(*ValidateKeyExpiry(false, unset, kNow, false, "expire_time"), absl::nullopt);
  EXPECT_THAT(ValidateKeyExpiry(false, unset, kNow, true, "expire_time"),
              StatusIs(absl::StatusCode::kInvalidArgument, "expire_time: is required"));

  const absl::Time last = kNow + absl::Hours(24 * kMaxKeyLifetimeDays);
  EXPECT_EQ(*ValidateKeyExpiry(true, At(last), kNow, true, "expire_time"), last);
  EXPECT_EQ(*ValidateKeyExpiry(true, At(kNow + absl::Seconds(1)), kNow, false, "expire_time"),
            kNow + absl::Seconds(1));
  EXPECT_THAT(ValidateKeyExpiry(true, At(last + absl::Seconds(1)), kNow, false, "expire_time"),
              InvalidAt("expire_time"));
  EXPECT_THAT(ValidateKeyExpiry(true, At(kNow), kNow, false, "expire_time"),
              StatusIs(absl::StatusCode::kInvalidArgument, "expire_time: must be in the future"));
  google::protobuf::Timestamp bad_nanos = At(kNow + absl::Hours(1));
  bad_nanos.set_nanos(-1);
  EXPECT_THAT(ValidateKeyExpiry(true, bad_nanos, kNow, false, "x.expire_time"),
              InvalidAt("x.expire_time"));
}

TEST(Sha256HexTest, SixtyFourLowerCaseHexDigits) {
  EXPECT_TRUE(IsSha256Hex("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));
  EXPECT_FALSE(IsSha256Hex(std::string(63, 'a')));
  EXPECT_FALSE(IsSha256Hex(std::string(65, 'a')));
  EXPECT_FALSE(IsSha256Hex(std::string(64, 'A')));
  EXPECT_FALSE(IsSha256Hex(std::string(63, 'a') + "g"));
  EXPECT_FALSE(IsSha256Hex(""));
}

TEST(RegisterApplicantKeyTest, AValidRequestIsReadWhole) {
  absl::StatusOr<ApplicantKeyRegistration> r = ValidateRegisterApplicantKey(Registration(), kNow);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->applicant, "a1b2c3");
  EXPECT_EQ(r->key_sha256, kHash);
  EXPECT_EQ(r->label, "sign-in");
  EXPECT_EQ(r->expire_time, kNow + absl::Hours(24 * 30));
}

TEST(RegisterApplicantKeyTest, EachBadFieldIsNamed) {
  auto with = [](auto change) {
    cadre::v1::RegisterApplicantKeyRequest r = Registration();
    change(r);
    return ValidateRegisterApplicantKey(r, kNow);
  };
  using Request = cadre::v1::RegisterApplicantKeyRequest;
  EXPECT_THAT(with([](Request& r) { r.clear_applicant(); }), InvalidAt("applicant"));
  EXPECT_THAT(with([](Request& r) { r.set_applicant(std::string(65, 'a')); }),
              InvalidAt("applicant"));
  EXPECT_THAT(with([](Request& r) { r.set_applicant("applicants/a1"); }), InvalidAt("applicant"));
  EXPECT_THAT(with([](Request& r) { r.set_key_sha256(std::string(64, 'F')); }),
              InvalidAt("key_sha256"));
  EXPECT_THAT(with([](Request& r) { r.clear_key_sha256(); }), InvalidAt("key_sha256"));
  EXPECT_THAT(with([](Request& r) { r.clear_expire_time(); }), InvalidAt("expire_time"));
  EXPECT_THAT(with([](Request& r) { *r.mutable_expire_time() = At(kNow - absl::Hours(1)); }),
              InvalidAt("expire_time"));
  EXPECT_THAT(with([](Request& r) { r.set_label(std::string(kMaxLabel + 1, 'x')); }),
              InvalidAt("label"));
  EXPECT_THAT(with([](Request& r) { r.set_label("\xff"); }), InvalidAt("label"));
}

TEST(RevokeApplicantKeyTest, TheHashMustBeOne) {
  cadre::v1::RevokeApplicantKeyRequest r;
  r.set_key_sha256(kHash);
  CADRE_EXPECT_OK(ValidateRevokeApplicantKey(r));
  r.set_key_sha256("cadre_0123");
  EXPECT_THAT(ValidateRevokeApplicantKey(r), InvalidAt("key_sha256"));
}

TEST(SubjectKeysTest, KindAndSubjectAsCreateApiKeyTakesThem) {
  absl::StatusOr<Principal> body =
      ValidateSubjectKeys(cadre::v1::PRINCIPAL_KIND_BODY, "bodies/RXF");
  ASSERT_TRUE(body.ok()) << body.status();
  EXPECT_EQ(body->kind, PrincipalKind::kBody);
  EXPECT_EQ(body->subject, "RXF");
  absl::StatusOr<Principal> applicant =
      ValidateSubjectKeys(cadre::v1::PRINCIPAL_KIND_APPLICANT, "a1");
  ASSERT_TRUE(applicant.ok()) << applicant.status();
  EXPECT_EQ(applicant->kind, PrincipalKind::kApplicant);
  EXPECT_THAT(ValidateSubjectKeys(cadre::v1::PRINCIPAL_KIND_UNSPECIFIED, "a1"), InvalidAt("kind"));
  EXPECT_THAT(ValidateSubjectKeys(cadre::v1::PRINCIPAL_KIND_APPLICANT, ""), InvalidAt("subject"));
  EXPECT_THAT(ValidateSubjectKeys(cadre::v1::PRINCIPAL_KIND_BODY, "RXF"), InvalidAt("subject"));
}

Principal Admin() { return Principal{PrincipalKind::kAdmin, "", "admin", "", StaffRole::kNone}; }
Principal Matching() {
  return Principal{PrincipalKind::kService, "matching", "service:matching", "", StaffRole::kNone};
}
Principal Holder(PrincipalKind kind, const std::string& subject) {
  return Principal{kind, subject, "", "", StaffRole::kNone};
}

TEST(KeyPolicyTest, OnlyTheMatchingServiceRegistersApplicantKeys) {
  CADRE_EXPECT_OK(CheckMatchingService(Matching()));
  EXPECT_THAT(CheckMatchingService(Principal{}), StatusIs(absl::StatusCode::kUnauthenticated));
  for (const Principal& p :
       {Admin(), Principal{PrincipalKind::kBody, "RXF", "k", "", StaffRole::kNone},
        Principal{PrincipalKind::kApplicant, "matching", "k", "", StaffRole::kNone},
        Principal{PrincipalKind::kService, "notifications", "service:notifications", "",
                  StaffRole::kNone}}) {
    SCOPED_TRACE(p.Actor());
    EXPECT_THAT(CheckMatchingService(p), StatusIs(absl::StatusCode::kPermissionDenied,
                                                  "only the matching service may call this"));
  }
}

TEST(KeyPolicyTest, SubjectKeysAreForAdminsAndForMatchingOnApplicants) {
  CADRE_EXPECT_OK(CheckSubjectKeysCaller(Admin()));
  CADRE_EXPECT_OK(CheckSubjectKeysCaller(Matching()));
  EXPECT_THAT(CheckSubjectKeysCaller(Principal{}), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(
      CheckSubjectKeysCaller(Principal{PrincipalKind::kBody, "RXF", "k", "", StaffRole::kNone}),
      StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(CheckSubjectKeysCaller(
                  Principal{PrincipalKind::kService, "notifications", "s", "", StaffRole::kNone}),
              StatusIs(absl::StatusCode::kPermissionDenied));

  for (const Principal& holder :
       {Holder(PrincipalKind::kApplicant, "a1"), Holder(PrincipalKind::kBody, "RXF"),
        Holder(PrincipalKind::kService, "matching"), Holder(PrincipalKind::kAdmin, "")}) {
    SCOPED_TRACE(PrincipalKindName(holder.kind));
    CADRE_EXPECT_OK(CheckSubjectKeysAccess(Admin(), holder));
    if (holder.kind == PrincipalKind::kApplicant) {
      CADRE_EXPECT_OK(CheckSubjectKeysAccess(Matching(), holder));
    } else {
      EXPECT_THAT(CheckSubjectKeysAccess(Matching(), holder),
                  StatusIs(absl::StatusCode::kPermissionDenied));
    }
  }
}

TEST(KeyPolicyTest, NoneOfABodysStaffListsOrRevokesKeysBySubject) {
  // The holder named in the request is the body itself, never one of its staff.
  absl::StatusOr<Principal> body =
      ValidateSubjectKeys(cadre::v1::PRINCIPAL_KIND_BODY, "bodies/RXF");
  ASSERT_TRUE(body.ok()) << body.status();
  EXPECT_FALSE(body->is_staff());
  for (StaffRole role : {StaffRole::kManager, StaffRole::kRecruiter, StaffRole::kViewer}) {
    SCOPED_TRACE(StaffRoleName(role));
    const Principal staff{PrincipalKind::kBody, "RXF", "k", "0123456789abcdef", role};
    EXPECT_THAT(CheckSubjectKeysCaller(staff), StatusIs(absl::StatusCode::kPermissionDenied));
    EXPECT_THAT(CheckSubjectKeysAccess(staff, *body),
                StatusIs(absl::StatusCode::kPermissionDenied));
  }
}

TEST(ErasedApplicantTest, OnlyAnErasureOfAnApplicantRevokes) {
  cadre::v1::MatchingEvent event;
  event.set_type(cadre::v1::MatchingEvent::APPLICANT_ERASED);
  event.set_resource("applicants/a1b2");
  EXPECT_EQ(ErasedApplicant(event), "a1b2");

  for (auto type :
       {cadre::v1::MatchingEvent::APPLICANT_SIGNED_UP, cadre::v1::MatchingEvent::APPLICANT_UPDATED,
        cadre::v1::MatchingEvent::CREDENTIAL_REVOKED, cadre::v1::MatchingEvent::TYPE_UNSPECIFIED}) {
    event.set_type(type);
    EXPECT_EQ(ErasedApplicant(event), absl::nullopt) << type;
  }
  event.set_type(cadre::v1::MatchingEvent::APPLICANT_ERASED);
  for (const char* resource :
       {"applicants/", "applicants/a1/credentials/2", "bodies/RXF", "a1", "applicants/a b"}) {
    event.set_resource(resource);
    EXPECT_EQ(ErasedApplicant(event), absl::nullopt) << resource;
  }
}

}  // namespace
}  // namespace cadre::registry
