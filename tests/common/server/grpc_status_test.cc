// ToGrpcStatus, the one conversion to grpc::Status: caller errors keep their code and
// message, server trouble is UNAVAILABLE with a caller-safe message and its detail in the
// log, internal errors are hidden, and no message is longer than the cap.

#include "services/common/grpc_status.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "services/common/base/errors.h"
#include "services/common/base/status_macros.h"
#include "services/common/base/validation.h"
#include "services/common/logging.h"
#include "tests/support/stderr_capture.h"

namespace cadre {
namespace {

using ::cadre::testing::StderrCapture;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class GrpcStatusTest : public ::testing::Test {
 protected:
  void SetUp() override { log::Init("test", "info"); }
};

TEST_F(GrpcStatusTest, OkIsOk) { EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok()); }

TEST_F(GrpcStatusTest, CallerErrorsKeepTheirCodeAndMessage) {
  const std::vector<std::tuple<absl::Status, grpc::StatusCode>> cases = {
      {InvalidField("role.title", "must be 3 to 120 characters"),
       grpc::StatusCode::INVALID_ARGUMENT},
      {NotFound("roles/7"), grpc::StatusCode::NOT_FOUND},
      {AlreadyExists("body.ods_code", "RXF"), grpc::StatusCode::ALREADY_EXISTS},
      {WrongState("roles/7", "closed", "published"), grpc::StatusCode::FAILED_PRECONDITION},
      {EtagMismatch("roles/7"), grpc::StatusCode::ABORTED},
      {absl::PermissionDeniedError("only an admin may"), grpc::StatusCode::PERMISSION_DENIED},
      {absl::UnauthenticatedError("this call needs an API key"), grpc::StatusCode::UNAUTHENTICATED},
      {RateLimited(), grpc::StatusCode::RESOURCE_EXHAUSTED},
      {absl::ResourceExhaustedError("the message is larger than 1 MiB"),
       grpc::StatusCode::RESOURCE_EXHAUSTED},
      {absl::OutOfRangeError("page 9 of 3"), grpc::StatusCode::OUT_OF_RANGE},
      {CallCancelled(), grpc::StatusCode::CANCELLED},
      // The mapping of every code, UNIMPLEMENTED included (no method answers it today).
      {absl::UnimplementedError("no such method"), grpc::StatusCode::UNIMPLEMENTED},
      {UnreadableRequest(), grpc::StatusCode::INVALID_ARGUMENT},
  };
  StderrCapture log;
  for (const auto& [status, code] : cases) {
    SCOPED_TRACE(status.ToString());
    const grpc::Status sent = ToGrpcStatus(status);
    EXPECT_EQ(sent.error_code(), code);
    EXPECT_EQ(sent.error_message(), status.message());
  }
  EXPECT_EQ(ToGrpcStatus(UnreadableRequest()).error_message(), "the request could not be read");
  // A caller's own mistakes are not server trouble: nothing for the operator here.
  log.Restore();
  EXPECT_THAT(log.Lines(), IsEmpty());
}

TEST_F(GrpcStatusTest, AFullWorkerQueueIsUnavailableBusyWithTheCauseLogged) {
  StderrCapture log;
  const grpc::Status sent = ToGrpcStatus(Busy("the worker queue is full"), "req-17");
  log.Restore();
  EXPECT_EQ(sent.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(sent.error_message(), "busy; retry shortly");
  EXPECT_THAT(log.Lines(),
              Contains(AllOf(HasSubstr("\"level\":\"warn\""), HasSubstr("the worker queue is full"),
                             HasSubstr("\"request_id\":\"req-17\""))));
}

TEST_F(GrpcStatusTest, AFullRedisPoolIsTheSameBusyWithNoRedisWording) {
  // What RedisClient returns when no pooled connection became free in time.
  const absl::Status pool = Busy("no Redis connection became free in time");
  EXPECT_EQ(pool.code(), absl::StatusCode::kUnavailable);
  StderrCapture log;
  const grpc::Status sent = ToGrpcStatus(pool);
  log.Restore();
  EXPECT_EQ(sent.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(sent.error_message(), "busy; retry shortly");
  EXPECT_THAT(log.Lines(), Contains(HasSubstr("no Redis connection became free in time")));
  // Busy() alone says the same.
  EXPECT_EQ(ToGrpcStatus(Busy()).error_message(), "busy; retry shortly");
}

TEST_F(GrpcStatusTest, UnavailableWithoutACallerMessageIsTheGenericStoreMessage) {
  for (const absl::Status& status :
       {absl::UnavailableError("connect to 10.0.0.7:6379: connection refused"),
        absl::DeadlineExceededError("redis read timed out after 1000 ms"), StoreUnavailable()}) {
    SCOPED_TRACE(status.ToString());
    StderrCapture log;
    const grpc::Status sent = ToGrpcStatus(status);
    log.Restore();
    EXPECT_EQ(sent.error_code(), grpc::StatusCode::UNAVAILABLE);
    EXPECT_EQ(sent.error_message(), "the service's store is unavailable; retry shortly");
    EXPECT_THAT(log.Lines(), Contains(AllOf(HasSubstr("\"level\":\"warn\""),
                                            HasSubstr(std::string(status.message())))));
  }
}

TEST_F(GrpcStatusTest, InternalErrorsAreHiddenAndLogged) {
  for (const absl::Status& status :
       {absl::InternalError("ERR wrong number of arguments for 'hset' command, key reg:role:7"),
        absl::UnknownError("boom"), absl::DataLossError("truncated record")}) {
    SCOPED_TRACE(status.ToString());
    StderrCapture log;
    const grpc::Status sent = ToGrpcStatus(status, "req-9");
    log.Restore();
    EXPECT_EQ(sent.error_code(), grpc::StatusCode::INTERNAL);
    EXPECT_EQ(sent.error_message(), "internal error");
    EXPECT_THAT(log.Lines(),
                Contains(AllOf(HasSubstr("\"level\":\"error\""),
                               HasSubstr(std::string(status.message())), HasSubstr("req-9"))));
  }
}

TEST_F(GrpcStatusTest, TheCallerMessageSurvivesTheLayers) {
  auto store = []() -> absl::StatusOr<int> { return Busy("pool of 8 exhausted"); };
  auto writer = [&]() -> absl::Status {
    CADRE_ASSIGN_OR_RETURN(int value, store());
    return value > 0 ? absl::OkStatus() : absl::InternalError("unreachable");
  };
  auto handler = [&]() -> absl::Status {
    CADRE_RETURN_IF_ERROR(writer());
    return absl::OkStatus();
  };
  StderrCapture log;
  const grpc::Status sent = ToGrpcStatus(handler());
  log.Restore();
  EXPECT_EQ(sent.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(sent.error_message(), "busy; retry shortly");
}

TEST_F(GrpcStatusTest, ACallerMessageWinsForEveryCode) {
  StderrCapture log;
  EXPECT_EQ(ToGrpcStatus(WithCallerMessage(absl::InternalError("lua: nil index"), "try again"))
                .error_message(),
            "try again");
  EXPECT_EQ(ToGrpcStatus(WithCallerMessage(absl::NotFoundError("reg:role:7"), "roles/7 not found"))
                .error_message(),
            "roles/7 not found");
  // An OK status carries none.
  EXPECT_FALSE(CallerMessage(WithCallerMessage(absl::OkStatus(), "x")).has_value());
  EXPECT_EQ(CallerMessage(Busy("detail")), "busy; retry shortly");
  EXPECT_FALSE(CallerMessage(absl::UnavailableError("detail")).has_value());
}

TEST_F(GrpcStatusTest, EveryMessageSentIsCappedAtACharacterBoundary) {
  // 2-byte characters from an odd offset, so that a cut by bytes alone would split one.
  std::string huge = "x";
  for (int i = 0; i < 3000; ++i) huge += "\xC3\xA9";  // é
  StderrCapture log;
  for (const absl::Status& status : {absl::InvalidArgumentError(huge), absl::NotFoundError(huge),
                                     WithCallerMessage(absl::UnavailableError("detail"), huge),
                                     WithCallerMessage(absl::InternalError("detail"), huge)}) {
    SCOPED_TRACE(absl::StatusCodeToString(status.code()));
    const std::string sent = ToGrpcStatus(status).error_message();
    EXPECT_LE(sent.size(), kMaxStatusMessageBytes);
    EXPECT_GT(sent.size(), kMaxStatusMessageBytes - 8);
    EXPECT_THAT(sent, EndsWith("..."));
    EXPECT_TRUE(IsValidUtf8(sent)) << sent;
    EXPECT_EQ(huge.compare(0, sent.size() - 3, sent, 0, sent.size() - 3), 0);
  }
  log.Restore();

  const std::string exact(kMaxStatusMessageBytes, 'a');
  EXPECT_EQ(ToGrpcStatus(absl::InvalidArgumentError(exact)).error_message(), exact);
}

TEST_F(GrpcStatusTest, TheDetailLoggedIsCappedToo) {
  StderrCapture log;
  ToGrpcStatus(absl::UnavailableError(std::string(10 * kMaxStatusMessageBytes, 'd')));
  log.Restore();
  const std::vector<std::string> lines = log.Lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_THAT(lines[0], HasSubstr(std::string(kMaxStatusMessageBytes - 3, 'd') + "..."));
  EXPECT_LT(lines[0].size(), 2 * kMaxStatusMessageBytes);
}

TEST(ShortenTest, CutsOnlyWhatIsTooLong) {
  EXPECT_EQ(Shorten("", 10), "");
  EXPECT_EQ(Shorten("abcdefghij", 10), "abcdefghij");
  EXPECT_EQ(Shorten("abcdefghijk", 10), "abcdefg...");
  EXPECT_EQ(Shorten("ab\xC3\xA9"
                    "cdefgh",
                    6),
            "ab...");  // not inside é
  EXPECT_EQ(Shorten("abcdefg", 3), "...");
  EXPECT_EQ(Shorten(std::string(100, 'z'), 50), std::string(47, 'z') + "...");
}

}  // namespace
}  // namespace cadre
