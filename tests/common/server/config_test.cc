#include "services/common/config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/support/status_matchers.h"

namespace cadre {
namespace {

using ::cadre::testing::StatusIs;
using ::testing::HasSubstr;

// Sets an environment variable for one test and restores it afterwards.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = getenv(name)) {
      old_ = old;
      had_ = true;
    }
    setenv(name, value, 1);
  }
  ~ScopedEnv() {
    if (had_) {
      setenv(name_.c_str(), old_.c_str(), 1);
    } else {
      unsetenv(name_.c_str());
    }
  }

 private:
  std::string name_;
  std::string old_;
  bool had_ = false;
};

Flags TestFlags() {
  Flags flags;
  flags.AddString("redis_host", "127.0.0.1", "Redis host");
  flags.AddInt("redis_port", 6379, 1, 65535, "Redis port");
  flags.AddBool("log_every_call", false, "log every call");
  flags.AddBool("tls", true, "serve TLS");
  return flags;
}

absl::Status Parse(Flags& flags, std::vector<const char*> args) {
  args.insert(args.begin(), "service");
  return flags.Parse(static_cast<int>(args.size()), args.data());
}

TEST(FlagsTest, DefaultsWithoutArguments) {
  Flags flags = TestFlags();
  ASSERT_TRUE(Parse(flags, {}).ok());
  EXPECT_EQ(flags.GetString("redis_host"), "127.0.0.1");
  EXPECT_EQ(flags.GetInt("redis_port"), 6379);
  EXPECT_FALSE(flags.GetBool("log_every_call"));
  EXPECT_TRUE(flags.GetBool("tls"));
}

TEST(FlagsTest, EqualsAndSpaceForms) {
  Flags flags = TestFlags();
  ASSERT_TRUE(Parse(flags, {"--redis_host=redis.internal", "--redis_port", "6380"}).ok());
  EXPECT_EQ(flags.GetString("redis_host"), "redis.internal");
  EXPECT_EQ(flags.GetInt("redis_port"), 6380);
}

TEST(FlagsTest, StringValueMayContainEquals) {
  Flags flags = TestFlags();
  ASSERT_TRUE(Parse(flags, {"--redis_host=a=b"}).ok());
  EXPECT_EQ(flags.GetString("redis_host"), "a=b");
}

TEST(FlagsTest, BoolForms) {
  Flags flags = TestFlags();
  ASSERT_TRUE(Parse(flags, {"--log_every_call", "--notls"}).ok());
  EXPECT_TRUE(flags.GetBool("log_every_call"));
  EXPECT_FALSE(flags.GetBool("tls"));

  Flags explicit_values = TestFlags();
  ASSERT_TRUE(Parse(explicit_values, {"--log_every_call=true", "--tls=false"}).ok());
  EXPECT_TRUE(explicit_values.GetBool("log_every_call"));
  EXPECT_FALSE(explicit_values.GetBool("tls"));
}

TEST(FlagsTest, BadBoolValueNamesTheFlag) {
  Flags flags = TestFlags();
  EXPECT_THAT(Parse(flags, {"--tls=maybe"}), StatusIs(absl::StatusCode::kInvalidArgument, "--tls"));
}

TEST(FlagsTest, EnvironmentFallback) {
  ScopedEnv port("CADRE_REDIS_PORT", "7000");
  ScopedEnv every("CADRE_LOG_EVERY_CALL", "1");
  Flags flags = TestFlags();
  ASSERT_TRUE(Parse(flags, {}).ok());
  EXPECT_EQ(flags.GetInt("redis_port"), 7000);
  EXPECT_TRUE(flags.GetBool("log_every_call"));
}

TEST(FlagsTest, CommandLineBeatsEnvironment) {
  ScopedEnv port("CADRE_REDIS_PORT", "7000");
  Flags flags = TestFlags();
  ASSERT_TRUE(Parse(flags, {"--redis_port=7001"}).ok());
  EXPECT_EQ(flags.GetInt("redis_port"), 7001);
}

TEST(FlagsTest, BadEnvironmentValueNamesFlagAndVariable) {
  ScopedEnv port("CADRE_REDIS_PORT", "seven");
  Flags flags = TestFlags();
  absl::Status s = Parse(flags, {});
  EXPECT_THAT(s, StatusIs(absl::StatusCode::kInvalidArgument, "--redis_port"));
  EXPECT_THAT(std::string(s.message()), HasSubstr("CADRE_REDIS_PORT"));
}

TEST(FlagsTest, UnknownFlagIsNamed) {
  Flags flags = TestFlags();
  EXPECT_THAT(Parse(flags, {"--redis_prot=1"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "--redis_prot"));
  Flags negated = TestFlags();
  EXPECT_THAT(Parse(negated, {"--noredis_host"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "noredis_host"));
}

TEST(FlagsTest, IntOutOfRangeOrMalformed) {
  Flags flags = TestFlags();
  EXPECT_THAT(Parse(flags, {"--redis_port=0"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "--redis_port"));
  Flags high = TestFlags();
  EXPECT_THAT(Parse(high, {"--redis_port=65536"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "out of range"));
  Flags text = TestFlags();
  EXPECT_THAT(Parse(text, {"--redis_port=80x"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "not an integer"));
}

TEST(FlagsTest, MissingValueAndPositionalArgument) {
  Flags flags = TestFlags();
  EXPECT_THAT(Parse(flags, {"--redis_port"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "--redis_port"));
  Flags positional = TestFlags();
  EXPECT_THAT(Parse(positional, {"extra"}), StatusIs(absl::StatusCode::kInvalidArgument, "extra"));
}

TEST(FlagsTest, HelpGivesUsage) {
  Flags flags = TestFlags();
  absl::Status s = Parse(flags, {"--help"});
  ASSERT_THAT(s, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(std::string(s.message()), HasSubstr("--redis_port"));
  EXPECT_THAT(std::string(s.message()), HasSubstr("CADRE_REDIS_PORT"));
  EXPECT_THAT(std::string(s.message()), HasSubstr("Redis port"));
  EXPECT_EQ(std::string(s.message()), flags.Usage());
}

TEST(FlagsTest, EnvName) { EXPECT_EQ(Flags::EnvName("redis_port"), "CADRE_REDIS_PORT"); }

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
