#include "services/common/logging.h"

#include <gmock/gmock.h>
#include <google/protobuf/stubs/logging.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/timestamp.pb.h>
#include <grpc/support/log.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <ctime>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/common/worker_pool.h"
#include "tests/support/stderr_capture.h"
#include "tests/support/threads.h"

namespace cadre::log {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

using ::cadre::testing::RunOnThreads;
using ::cadre::testing::StderrCapture;

TEST(LoggingTest, OneJsonObjectPerLineWithFieldsInOrder) {
  Init("registry", "info");
  StderrCapture capture;
  Info("role created", {{"request_id", "abc123"}, {"role", "roles/42"}});
  std::vector<std::string> lines = capture.Lines();
  ASSERT_EQ(lines.size(), 1u);
  const std::regex shape(
      R"re(\{"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z","level":"info","service":"registry",)re"
      R"re("msg":"role created","request_id":"abc123","role":"roles/42"\})re");
  EXPECT_TRUE(std::regex_match(lines[0], shape)) << lines[0];
}

TEST(LoggingTest, TimeIsCurrentUtc) {
  Init("registry", "info");
  StderrCapture capture;
  const std::time_t now = std::time(nullptr);
  Warn("tick");
  std::vector<std::string> lines = capture.Lines();
  ASSERT_EQ(lines.size(), 1u);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char year_month_day[16];
  std::strftime(year_month_day, sizeof(year_month_day), "%Y-%m-%d", &tm);
  // The date may roll over between the two readings only at midnight UTC; accept both.
  std::tm next{};
  const std::time_t later = now + 2;
  gmtime_r(&later, &next);
  char next_day[16];
  std::strftime(next_day, sizeof(next_day), "%Y-%m-%d", &next);
  EXPECT_TRUE(lines[0].find(year_month_day) != std::string::npos ||
              lines[0].find(next_day) != std::string::npos)
      << lines[0];
  EXPECT_THAT(lines[0], HasSubstr("\"level\":\"warn\""));
}

TEST(LoggingTest, LevelFiltering) {
  Init("svc", "warn");
  StderrCapture capture;
  EXPECT_FALSE(Enabled(Level::kInfo));
  EXPECT_TRUE(Enabled(Level::kError));
  Debug("hidden debug");
  Info("hidden info");
  Warn("shown warn");
  Error("shown error");
  std::vector<std::string> lines = capture.Lines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_THAT(lines[0], HasSubstr("\"level\":\"warn\",\"service\":\"svc\",\"msg\":\"shown warn\""));
  EXPECT_THAT(lines[1], HasSubstr("\"level\":\"error\""));
  Init("svc", "debug");
  EXPECT_TRUE(Enabled(Level::kDebug));
  Init("svc", "info");
}

TEST(LoggingTest, EscapesMessageAndFields) {
  Init("svc", "info");
  StderrCapture capture;
  Info("quote \" backslash \\ newline \n tab \t", {{"we\"ird", std::string("nul\0ctl\x01", 8)}});
  std::vector<std::string> lines = capture.Lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_THAT(
      lines[0],
      HasSubstr(
          R"("msg":"quote \" backslash \\ newline \n tab \t","we\"ird":"nul\u0000ctl\u0001")"));
}

TEST(LoggingTest, JsonEscape) {
  EXPECT_EQ(JsonEscape("plain"), "plain");
  EXPECT_EQ(JsonEscape("a\"b\\c"), "a\\\"b\\\\c");
  EXPECT_EQ(JsonEscape("\r\b\f\x1f"), "\\r\\b\\f\\u001f");
  // Valid UTF-8 passes through; invalid bytes become U+FFFD.
  EXPECT_EQ(JsonEscape("caf\xc3\xa9 \xe2\x82\xac"), "caf\xc3\xa9 \xe2\x82\xac");
  EXPECT_EQ(JsonEscape("bad\xff\xc3"), "bad\\ufffd\\ufffd");
}

TEST(LoggingTest, ConcurrentWritersNeverInterleaveLines) {
  Init("svc", "info");
  StderrCapture capture;
  constexpr int kThreads = 4;
  constexpr int kLines = 500;
  RunOnThreads(kThreads, [](int t) {
    for (int i = 0; i < kLines; ++i) {
      Info("concurrent",
           {{"thread", absl::StrCat(t)}, {"i", absl::StrCat(i)}, {"pad", std::string(200, 'x')}});
    }
  });
  std::vector<std::string> lines = capture.Lines();
  ASSERT_EQ(lines.size(), static_cast<size_t>(kThreads * kLines));
  for (const std::string& line : lines) {
    ASSERT_THAT(line, StartsWith("{\"time\":"));
    ASSERT_EQ(line.back(), '}');
    ASSERT_EQ(std::count(line.begin(), line.end(), '{'), 1) << line;
  }
}

TEST(LoggingTest, RequestIdOfTheScopeComesAfterMsg) {
  Init("registry", "info");
  StderrCapture capture;
  EXPECT_EQ(CurrentRequestId(), "");
  Info("before");
  {
    ScopedRequestId outer("req-outer");
    Info("outer", {{"role", "roles/42"}});
    {
      ScopedRequestId inner("req-inner");
      EXPECT_EQ(CurrentRequestId(), "req-inner");
      Info("inner");
    }
    EXPECT_EQ(CurrentRequestId(), "req-outer");
    // A field of that name takes the thread's id's place: no key twice.
    Info("explicit", {{"code", "OK"}, {"request_id", "req-field"}});
  }
  EXPECT_EQ(CurrentRequestId(), "");
  Info("after");
  std::vector<std::string> lines = capture.Lines();
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_THAT(lines[0], Not(HasSubstr("request_id")));
  const std::regex shape(
      R"re(\{"time":"[^"]+","level":"info","service":"registry","msg":"outer",)re"
      R"re("request_id":"req-outer","role":"roles/42"\})re");
  EXPECT_TRUE(std::regex_match(lines[1], shape)) << lines[1];
  EXPECT_THAT(lines[2], HasSubstr(R"("msg":"inner","request_id":"req-inner"})"));
  EXPECT_THAT(lines[3], HasSubstr(R"("msg":"explicit","code":"OK","request_id":"req-field"})"));
  EXPECT_THAT(lines[3], Not(HasSubstr("req-outer")));
  EXPECT_THAT(lines[4], Not(HasSubstr("request_id")));
}

TEST(LoggingTest, WorkerPoolTaskLogsTheSubmittersRequestId) {
  Init("registry", "info");
  StderrCapture capture;
  {
    WorkerPool pool(1, 8);
    {
      ScopedRequestId id("req-7");
      ASSERT_TRUE(pool.Submit([] { Info("in task", {{"role", "roles/1"}}); }));
    }
    // Submitted with no id: the worker must not keep the last task's.
    ASSERT_TRUE(pool.Submit([] { Info("no id"); }));
  }  // runs what is queued, then joins
  std::vector<std::string> lines = capture.Lines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_THAT(lines[0], HasSubstr(R"("msg":"in task","request_id":"req-7","role":"roles/1"})"));
  EXPECT_THAT(lines[1], HasSubstr(R"("msg":"no id"})"));
}

TEST(LoggingTest, GrpcLinesComeOutAsOurJson) {
  Init("registry", "info");
  StderrCapture capture;
  gpr_log(GPR_ERROR, "transport said %d", 42);
  gpr_set_log_verbosity(GPR_LOG_SEVERITY_DEBUG);  // gRPC's own filter, before ours
  gpr_log(GPR_INFO, "grpc info");
  gpr_log(GPR_DEBUG, "grpc debug, below our level");
  gpr_set_log_verbosity(GPR_LOG_SEVERITY_ERROR);
  std::vector<std::string> lines = capture.Lines();
  ASSERT_EQ(lines.size(), 2u) << absl::StrJoin(lines, "\n");
  const std::regex shape(R"re(\{"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z","level":"error",)re"
                         R"re("service":"registry","msg":"transport said 42","source":"grpc",)re"
                         R"re("location":"[^"]*logging_test\.cc:\d+"\})re");
  EXPECT_TRUE(std::regex_match(lines[0], shape)) << lines[0];
  EXPECT_THAT(lines[1], HasSubstr(R"("level":"info","service":"registry","msg":"grpc info")"));
}

TEST(LoggingTest, ProtobufLinesComeOutAsOurJson) {
  Init("registry", "info");
  StderrCapture capture;
  google::protobuf::Timestamp timestamp;
  // The text parser reports its error through protobuf's log.
  EXPECT_FALSE(google::protobuf::TextFormat::ParseFromString("seconds: {", &timestamp));
  GOOGLE_LOG(WARNING) << "protobuf warning";
  GOOGLE_LOG(INFO) << "protobuf info";
  std::vector<std::string> lines = capture.Lines();
  ASSERT_EQ(lines.size(), 3u);
  const std::regex shape(
      R"re(\{"time":"[^"]+","level":"error","service":"registry",)re"
      R"re("msg":"Error parsing text-format google\.protobuf\.Timestamp[^"]*",)re"
      R"re("source":"protobuf","location":"[^"]+:\d+"\})re");
  EXPECT_TRUE(std::regex_match(lines[0], shape)) << lines[0];
  EXPECT_THAT(lines[1],
              HasSubstr(R"("level":"warn","service":"registry","msg":"protobuf warning")"));
  EXPECT_THAT(lines[1], HasSubstr(R"("source":"protobuf")"));
  EXPECT_THAT(lines[2], HasSubstr(R"("level":"info")"));
}

TEST(LoggingTest, LinesGoThroughSpdlogsDefaultLoggerToo) {
  Init("registry", "info");
  StderrCapture capture;
  spdlog::warn("straight through spdlog");
  std::vector<std::string> lines = capture.Lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_THAT(lines[0],
              HasSubstr(R"("level":"warn","service":"registry","msg":"straight through spdlog"})"));
}

// A process killed right after a warning still has the line on stderr: nothing is left
// in a buffer.
TEST(LoggingDeathTest, WarnIsOnStderrBeforeAKill) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        Init("registry", "info");
        Info("routine");
        Warn("last words", {{"role", "roles/9"}});
        raise(SIGKILL);
      },
      ::testing::KilledBySignal(SIGKILL),
      R"("level":"warn","service":"registry","msg":"last words","role":"roles/9")");
}

}  // namespace
}  // namespace cadre::log
