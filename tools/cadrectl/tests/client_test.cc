// The global options: both addresses from flags, the environment, or the defaults.

#include "tools/cadrectl/client.h"

#include <gtest/gtest.h>

#include <map>

namespace cadre::cadrectl {
namespace {

absl::StatusOr<GlobalOptions> Resolve(const std::vector<std::string>& tokens,
                                      const std::map<std::string, std::string>& env = {}) {
  ParsedArgs args;
  auto parsed = ParseArgs(tokens, GlobalFlags(), false, &args);
  if (!parsed.ok()) return parsed.status();
  return ResolveGlobalOptions(args, [&env](absl::string_view name) {
    auto it = env.find(std::string(name));
    return it == env.end() ? std::string() : it->second;
  });
}

TEST(GlobalOptionsTest, DefaultAddresses) {
  auto options = Resolve({});
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->addr, "127.0.0.1:50051");
  EXPECT_EQ(options->matching_addr, "127.0.0.1:50052");
}

TEST(GlobalOptionsTest, MatchingAddressFromEnvironmentThenFlag) {
  auto from_env = Resolve({}, {{"CADRE_MATCHING_ADDR", "matching:7000"}});
  ASSERT_TRUE(from_env.ok());
  EXPECT_EQ(from_env->matching_addr, "matching:7000");
  EXPECT_EQ(from_env->addr, "127.0.0.1:50051");
  auto from_flag =
      Resolve({"--matching-addr", "10.0.0.2:50052"}, {{"CADRE_MATCHING_ADDR", "matching:7000"}});
  ASSERT_TRUE(from_flag.ok());
  EXPECT_EQ(from_flag->matching_addr, "10.0.0.2:50052");
}

TEST(GlobalOptionsTest, EmptyMatchingAddressIsRefused) {
  auto options = Resolve({"--matching_addr="});
  EXPECT_FALSE(options.ok());
  EXPECT_NE(options.status().message().find("--matching_addr"), std::string::npos);
}

}  // namespace
}  // namespace cadre::cadrectl
