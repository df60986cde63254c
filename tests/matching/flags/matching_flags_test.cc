// The matching service's flags (its own and the kit's) read into MatchingOptions, in
// process. No Redis: nothing here starts the service.

#include "services/matching/matching_flags.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>
#include <string>
#include <vector>

#include "absl/flags/reflection.h"
#include "absl/strings/str_cat.h"
#include "tests/support/service_flags_test.h"
#include "tests/support/status_matchers.h"

namespace cadre::matching {
namespace {

using ::cadre::testing::StatusIs;

class MatchingFlagsTest : public testing::ServiceFlagsTest<MatchingOptions> {
 protected:
  MatchingFlagsTest()
      : ServiceFlagsTest("cadre-matching", MatchingFlags(), MatchingOptionsFromFlags) {}
};

TEST_F(MatchingFlagsTest, Defaults) {
  auto options = Options({});
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->server.port, 50052);
  EXPECT_EQ(options->server.metrics_port, 51052);
  EXPECT_EQ(options->registry_target, "127.0.0.1:50051");
  EXPECT_EQ(options->password_threads, 2);
  EXPECT_EQ(options->password_queue, 32);
  EXPECT_EQ(options->accounts.key_ttl, absl::Hours(24 * 30));
  EXPECT_EQ(options->accounts.signups_per_address_hour, 10);
  EXPECT_EQ(options->accounts.signins_per_address_minute, 30);
  EXPECT_EQ(options->accounts.privacy_notice_version, "2026-11");
  EXPECT_EQ(options->redis.port, 6379);
}

TEST_F(MatchingFlagsTest, EveryOwnFlagReachesItsOption) {
  const std::string dir = ::testing::TempDir();
  const std::string hmac = absl::StrCat(dir, "/hmac.key");
  const std::string own = absl::StrCat(dir, "/own.key");
  std::ofstream(hmac) << "0123456789abcdef0123456789abcdef\n";
  std::ofstream(own) << "cadre_0000000000000000000000000000000000000000000000aa\n";
  const std::string hmac_flag = absl::StrCat("--email_hmac_key_file=", hmac);
  const std::string own_flag = absl::StrCat("--service_key_file=", own);
  auto options = Options(
      {"--port=7", "--metrics_port=-1", "--password_threads=3", "--password_queue=4",
       "--registry=registry:1", "--registry_deadline_ms=50", own_flag.c_str(), hmac_flag.c_str(),
       "--key_ttl_days=2", "--signups_per_address_hour=0", "--signins_per_address_minute=5",
       "--privacy_notice_version=2027-01", "--workers=5", "--service_keys_dir=/keys"});
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->server.port, 7);
  EXPECT_EQ(options->server.metrics_port, -1);
  EXPECT_EQ(options->password_threads, 3);
  EXPECT_EQ(options->password_queue, 4);
  EXPECT_EQ(options->registry_target, "registry:1");
  EXPECT_EQ(options->registry_deadline, absl::Milliseconds(50));
  EXPECT_EQ(options->service_key, "cadre_0000000000000000000000000000000000000000000000aa");
  EXPECT_EQ(options->email_hmac_key, "0123456789abcdef0123456789abcdef");
  EXPECT_EQ(options->accounts.key_ttl, absl::Hours(48));
  EXPECT_EQ(options->accounts.signups_per_address_hour, 0);
  EXPECT_EQ(options->accounts.signins_per_address_minute, 5);
  EXPECT_EQ(options->accounts.privacy_notice_version, "2027-01");
  EXPECT_EQ(options->workers, 5);
  EXPECT_EQ(options->service_keys_dir, "/keys");
}

// Each case in a test of its own: a flag set stays set until the test ends.
TEST_F(MatchingFlagsTest, AValueOutOfRangeNamesTheFlag) {
  EXPECT_THAT(Options({"--password_threads=0"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "--password_threads"));
}

TEST_F(MatchingFlagsTest, AValueFromTheEnvironmentNamesTheVariable) {
  setenv("CADRE_KEY_TTL_DAYS", "400", 1);
  EXPECT_THAT(Options({}), StatusIs(absl::StatusCode::kInvalidArgument, "CADRE_KEY_TTL_DAYS"));
  unsetenv("CADRE_KEY_TTL_DAYS");
}

TEST_F(MatchingFlagsTest, AKeyFileThatCannotBeReadNamesItsPath) {
  EXPECT_THAT(Options({"--email_hmac_key_file=/no/such/file"}),
              StatusIs(absl::StatusCode::kNotFound, "/no/such/file"));
}

}  // namespace
}  // namespace cadre::matching
