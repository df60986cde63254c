// Start-up configuration shared by every service: absl flags with CADRE_* environment
// fallbacks (services/common/flags_env.h) and secret files (secret_file.h).

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "services/common/flags_env.h"
#include "services/common/secret_file.h"
#include "tests/support/status_matchers.h"

// A service's flags, as a `<name>_flags.cc` defines them.
ABSL_FLAG(std::string, redis_host, "127.0.0.1", "Redis host");
ABSL_FLAG(int, redis_port, 6379, "Redis port, 1..65535");
ABSL_FLAG(bool, log_every_call, false, "log every call");
ABSL_FLAG(bool, tls, true, "serve TLS");
// Defined in the process (as a library might) but not one of the service's flags.
ABSL_FLAG(int, unlisted, 1, "not the service's");

namespace cadre {
namespace {

using ::cadre::testing::StatusIs;
using ::testing::HasSubstr;

// Sets (or, with nullptr, unsets) an environment variable for one test and restores it.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = getenv(name)) {
      old_ = old;
      had_ = true;
    }
    if (value == nullptr) {
      unsetenv(name);
    } else {
      setenv(name, value, 1);
    }
  }
  ~ScopedEnv() {
    if (had_) {
      setenv(name_.c_str(), old_.c_str(), 1);
    } else {
      unsetenv(name_.c_str());
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
  std::string old_;
  bool had_ = false;
};

ServiceFlags TestFlags() {
  return ServiceFlags{
      .usage = "test-service: a service under test.",
      .flags = {&absl::GetFlagReflectionHandle(FLAGS_redis_host),
                &absl::GetFlagReflectionHandle(FLAGS_redis_port),
                &absl::GetFlagReflectionHandle(FLAGS_log_every_call),
                &absl::GetFlagReflectionHandle(FLAGS_tls)},
  };
}

// absl flags are global to the process: each test restores them, and starts from an
// environment without the variables the test flags read.
class FlagsTest : public ::testing::Test {
 protected:
  absl::StatusOr<ParsedFlags> Parse(std::vector<const char*> args) {
    args.insert(args.begin(), "service");
    return ParseServiceFlags(static_cast<int>(args.size()), args.data(), TestFlags());
  }

  absl::FlagSaver saver_;
  ScopedEnv no_host_{"CADRE_REDIS_HOST", nullptr};
  ScopedEnv no_port_{"CADRE_REDIS_PORT", nullptr};
  ScopedEnv no_every_{"CADRE_LOG_EVERY_CALL", nullptr};
  ScopedEnv no_tls_{"CADRE_TLS", nullptr};
};

TEST_F(FlagsTest, DefaultsWithoutArguments) {
  absl::StatusOr<ParsedFlags> parsed = Parse({});
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_FALSE(parsed->help_requested());
  EXPECT_EQ(absl::GetFlag(FLAGS_redis_host), "127.0.0.1");
  EXPECT_EQ(absl::GetFlag(FLAGS_redis_port), 6379);
  EXPECT_FALSE(absl::GetFlag(FLAGS_log_every_call));
  EXPECT_TRUE(absl::GetFlag(FLAGS_tls));
  EXPECT_EQ(parsed->SourceOf("redis_port"), "the default");
}

TEST_F(FlagsTest, EqualsAndSpaceForms) {
  ASSERT_TRUE(Parse({"--redis_host=redis.internal", "--redis_port", "6380"}).ok());
  EXPECT_EQ(absl::GetFlag(FLAGS_redis_host), "redis.internal");
  EXPECT_EQ(absl::GetFlag(FLAGS_redis_port), 6380);
}

TEST_F(FlagsTest, StringValueMayContainEquals) {
  ASSERT_TRUE(Parse({"--redis_host=a=b"}).ok());
  EXPECT_EQ(absl::GetFlag(FLAGS_redis_host), "a=b");
}

TEST_F(FlagsTest, BoolForms) {
  ASSERT_TRUE(Parse({"--log_every_call", "--notls"}).ok());
  EXPECT_TRUE(absl::GetFlag(FLAGS_log_every_call));
  EXPECT_FALSE(absl::GetFlag(FLAGS_tls));

  ASSERT_TRUE(Parse({"--log_every_call=false", "--tls=true"}).ok());
  EXPECT_FALSE(absl::GetFlag(FLAGS_log_every_call));
  EXPECT_TRUE(absl::GetFlag(FLAGS_tls));

  ASSERT_TRUE(Parse({"--log_every_call=on", "--tls=OFF"}).ok());
  EXPECT_TRUE(absl::GetFlag(FLAGS_log_every_call));
  EXPECT_FALSE(absl::GetFlag(FLAGS_tls));
}

TEST_F(FlagsTest, BadBoolValueNamesTheFlag) {
  EXPECT_THAT(Parse({"--tls=maybe"}), StatusIs(absl::StatusCode::kInvalidArgument, "--tls"));
}

TEST_F(FlagsTest, EnvironmentFallback) {
  ScopedEnv port("CADRE_REDIS_PORT", "7000");
  ScopedEnv every("CADRE_LOG_EVERY_CALL", "1");
  absl::StatusOr<ParsedFlags> parsed = Parse({});
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(absl::GetFlag(FLAGS_redis_port), 7000);
  EXPECT_TRUE(absl::GetFlag(FLAGS_log_every_call));
  EXPECT_EQ(parsed->SourceOf("redis_port"), "CADRE_REDIS_PORT");
}

TEST_F(FlagsTest, CommandLineBeatsEnvironment) {
  ScopedEnv port("CADRE_REDIS_PORT", "7000");
  absl::StatusOr<ParsedFlags> parsed = Parse({"--redis_port=7001"});
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(absl::GetFlag(FLAGS_redis_port), 7001);
  EXPECT_EQ(parsed->SourceOf("redis_port"), "the command line");
}

TEST_F(FlagsTest, BadEnvironmentValueNamesFlagAndVariable) {
  ScopedEnv port("CADRE_REDIS_PORT", "seven");
  absl::StatusOr<ParsedFlags> parsed = Parse({});
  EXPECT_THAT(parsed, StatusIs(absl::StatusCode::kInvalidArgument, "--redis_port"));
  EXPECT_THAT(std::string(parsed.status().message()), HasSubstr("CADRE_REDIS_PORT"));
}

TEST_F(FlagsTest, OnlyTheServicesFlagsReadTheEnvironment) {
  ScopedEnv unlisted("CADRE_UNLISTED", "5");
  ASSERT_TRUE(Parse({}).ok());
  EXPECT_EQ(absl::GetFlag(FLAGS_unlisted), 1);
}

TEST_F(FlagsTest, UnknownFlagIsNamed) {
  EXPECT_THAT(Parse({"--redis_prot=1"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "--redis_prot"));
  EXPECT_THAT(Parse({"--noredis_host"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "noredis_host"));
  // A flag some library defines is not the service's to take.
  EXPECT_THAT(Parse({"--unlisted=2"}), StatusIs(absl::StatusCode::kInvalidArgument, "--unlisted"));
}

TEST_F(FlagsTest, MalformedInteger) {
  EXPECT_THAT(Parse({"--redis_port=80x"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "not a valid integer"));
  EXPECT_THAT(Parse({"--redis_port=99999999999"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "--redis_port"));
}

TEST_F(FlagsTest, OutOfRangeNamesFlagAndSource) {
  absl::StatusOr<ParsedFlags> parsed = Parse({"--redis_port=0"});
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  absl::StatusOr<int> port = parsed->InRange(FLAGS_redis_port, 1, 65535);
  EXPECT_THAT(port, StatusIs(absl::StatusCode::kInvalidArgument, "--redis_port"));
  EXPECT_THAT(std::string(port.status().message()), HasSubstr("out of range [1, 65535]"));
  EXPECT_THAT(std::string(port.status().message()), HasSubstr("the command line"));

  ScopedEnv env("CADRE_REDIS_PORT", "65536");
  parsed = Parse({});
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_THAT(parsed->InRange(FLAGS_redis_port, 1, 65535),
              StatusIs(absl::StatusCode::kInvalidArgument, "CADRE_REDIS_PORT"));
}

TEST_F(FlagsTest, InRangeGivesTheValue) {
  absl::StatusOr<ParsedFlags> parsed = Parse({"--redis_port=65535"});
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->InRange(FLAGS_redis_port, 1, 65535).value_or(0), 65535);
}

TEST_F(FlagsTest, MissingValueAndPositionalArgument) {
  EXPECT_THAT(Parse({"--redis_port"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "--redis_port needs a value"));
  EXPECT_THAT(Parse({"extra"}), StatusIs(absl::StatusCode::kInvalidArgument, "extra"));
  EXPECT_THAT(Parse({"-redis_port=1"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "-redis_port=1"));
}

TEST_F(FlagsTest, HelpIsAskedForWhateverTheEnvironmentHolds) {
  ScopedEnv port("CADRE_REDIS_PORT", "seven");
  for (const char* help : {"--help", "-h", "-help", "--helpshort", "--helpfull"}) {
    absl::StatusOr<ParsedFlags> parsed = Parse({"--redis_port=1", help});
    ASSERT_TRUE(parsed.ok()) << help << ": " << parsed.status();
    EXPECT_TRUE(parsed->help_requested()) << help;
  }
}

TEST_F(FlagsTest, HelpListsTheFlagsDefaultsAndVariables) {
  const std::string help = ServiceFlagsHelp(TestFlags());
  EXPECT_THAT(help, HasSubstr("test-service: a service under test."));
  EXPECT_THAT(
      help, HasSubstr("--redis_port=<int>  Redis port, 1..65535 (default 6379; CADRE_REDIS_PORT)"));
  EXPECT_THAT(help, HasSubstr("--redis_host=<string>  Redis host (default \"127.0.0.1\"; "));
  EXPECT_THAT(help, HasSubstr("--[no]tls  serve TLS (default true; CADRE_TLS)"));
  EXPECT_THAT(help, ::testing::Not(HasSubstr("unlisted")));
}

TEST(FlagEnvNameTest, PrefixAndUpperCase) {
  EXPECT_EQ(FlagEnvName("redis_port"), "CADRE_REDIS_PORT");
}

class SecretFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/cadre_config_test_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& contents) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << contents;
    return path;
  }
  std::string dir_;
};

TEST_F(SecretFileTest, TrimsTrailingWhiteSpaceOnly) {
  std::string path = Write("key", "  s3cret value \r\n\n\t ");
  absl::StatusOr<std::string> secret = ReadSecretFile(path);
  ASSERT_TRUE(secret.ok()) << secret.status();
  EXPECT_EQ(*secret, "  s3cret value");
}

TEST_F(SecretFileTest, EmptyAndBlankFiles) {
  EXPECT_EQ(*ReadSecretFile(Write("empty", "")), "");
  EXPECT_EQ(*ReadSecretFile(Write("blank", "\n \n")), "");
}

TEST_F(SecretFileTest, MissingFileIsNotFound) {
  EXPECT_THAT(ReadSecretFile(dir_ + "/absent"), StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace cadre
