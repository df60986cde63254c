// The error catalogue: the codes callers are told, and messages that say what to do.

#include "services/matching/domain/errors.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"

namespace cadre::matching {
namespace {

using absl::StatusCode;
using ::cadre::testing::InvalidAt;
using ::cadre::testing::StatusIs;

TEST(Errors, CodesAndMessages) {
  EXPECT_THAT(SignInRefused(),
              StatusIs(StatusCode::kUnauthenticated, "email or password not recognised"));
  EXPECT_THAT(EmailTaken(), StatusIs(StatusCode::kAlreadyExists, "sign in instead"));
  EXPECT_THAT(SignInLocked(), StatusIs(StatusCode::kResourceExhausted, "try again in 15 minutes"));
  EXPECT_THAT(RateLimited("sign-ups from this address"),
              StatusIs(StatusCode::kResourceExhausted, "too many sign-ups from this address"));
  EXPECT_THAT(WrongCurrentPassword(),
              StatusIs(StatusCode::kPermissionDenied, "current password not recognised"));
  EXPECT_THAT(ApplicantNotFound("applicants/abcdefghijkmnpq2"),
              StatusIs(StatusCode::kNotFound, "applicants/abcdefghijkmnpq2 not found"));
  EXPECT_THAT(CredentialNotFound("applicants/abcdefghijkmnpq2/credentials/3"),
              StatusIs(StatusCode::kNotFound, "credentials/3 not found"));
  EXPECT_THAT(EtagMismatch(), StatusIs(StatusCode::kAborted, "etag"));
  EXPECT_THAT(TooManyCredentials(), StatusIs(StatusCode::kFailedPrecondition, "100"));
  EXPECT_THAT(NotAnApplicantKey(),
              StatusIs(StatusCode::kPermissionDenied, "this call needs an applicant's key"));
  EXPECT_THAT(PendingApplicant(), StatusIs(StatusCode::kUnavailable, "still being set up"));
  EXPECT_THAT(NotCurrentNotice("consent.privacy_notice_version", "2026-03"),
              StatusIs(StatusCode::kFailedPrecondition, "2026-03"));
}

TEST(Errors, TheSharedConstructorsStayReachable) {
  EXPECT_THAT(EtagMismatch("roles/1"), StatusIs(StatusCode::kAborted, "roles/1"));
  EXPECT_THAT(RateLimited(), StatusIs(StatusCode::kResourceExhausted));
  EXPECT_THAT(InvalidField("email", "is required"), InvalidAt("email"));
}

TEST(Errors, EchoedNamesAreCut) {
  const std::string long_name(500, 'a');
  EXPECT_LT(ApplicantNotFound(long_name).message().size(), 100u);
}

}  // namespace
}  // namespace cadre::matching
