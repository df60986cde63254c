// cadre-openapi-gen's command line and comment formatting.

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "tools/openapi_gen/cli.h"
#include "tools/openapi_gen/comments.h"
#include "tools/openapi_gen/descriptor_set.h"

namespace cadre::openapi {
namespace {

TEST(ParseArgsTest, AllFlags) {
  auto options = ParseArgs({"--descriptor_set=in.binpb", "--out=web/openapi.json",
                            "--package=other.v2", "--title=T", "--version=2.1"});
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->descriptor_set, "in.binpb");
  EXPECT_EQ(options->out, "web/openapi.json");
  EXPECT_EQ(options->api.package, "other.v2");
  EXPECT_EQ(options->api.title, "T");
  EXPECT_EQ(options->api.version, "2.1");
}

TEST(ParseArgsTest, Defaults) {
  auto options = ParseArgs({"--descriptor_set=a", "--out=b"});
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->api.package, "cadre.v1");
  EXPECT_EQ(options->api.title, "Cadre JSON API");
}

TEST(ParseArgsTest, MistakesAreNamed) {
  auto missing = ParseArgs({"--out=b"});
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(missing.status().message().find("--descriptor_set"), std::string::npos);
  auto unknown = ParseArgs({"--descriptor_set=a", "--out=b", "--outt=c"});
  EXPECT_NE(unknown.status().message().find("--outt=c"), std::string::npos);
  auto no_value = ParseArgs({"--descriptor_set", "a", "--out=b"});
  EXPECT_NE(no_value.status().message().find("needs a value"), std::string::npos);
  auto twice = ParseArgs({"--descriptor_set=a", "--out=b", "--out=c"});
  EXPECT_NE(twice.status().message().find("twice"), std::string::npos);
  EXPECT_TRUE(ParseArgs({"--help"})->help);
}

TEST(GenerateTest, WritesTheDocumentOfTheRealSet) {
  const std::string out = ::testing::TempDir() + "/openapi_gen_test.json";
  std::remove(out.c_str());
  GenOptions options;
  options.descriptor_set = CADRE_DESCRIPTOR_SET_PATH;
  options.out = out;
  ASSERT_TRUE(Generate(options).ok());

  auto set = ReadDescriptorSet(CADRE_DESCRIPTOR_SET_PATH);
  ASSERT_TRUE(set.ok()) << set.status();
  auto document = BuildOpenApi(*set, OpenApiOptions{});
  ASSERT_TRUE(document.ok()) << document.status();
  std::ifstream in(out, std::ios::binary);
  std::ostringstream written;
  written << in.rdbuf();
  EXPECT_EQ(written.str(), Serialize(*document));
  EXPECT_EQ(written.str().substr(0, 4), "{\n  ");  // 2-space indent
  std::remove(out.c_str());
}

TEST(GenerateTest, ErrorsNameTheFile) {
  GenOptions options;
  options.descriptor_set = ::testing::TempDir() + "/no_such.binpb";
  options.out = ::testing::TempDir() + "/unused.json";
  absl::Status status = Generate(options);
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_NE(status.message().find("no_such.binpb"), std::string::npos);
}

TEST(FormatCommentTest, JoinsParagraphLinesKeepsListsAndBreaks) {
  EXPECT_EQ(FormatComment(" One\n two.\n\n Three:\n - a\n - b\n   more\n"),
            "One two.\n\nThree:\n- a\n- b\n  more");
  EXPECT_EQ(FormatComment(" Trailing spaces   \n"), "Trailing spaces");
  EXPECT_EQ(FormatComment("\n\n"), "");
}

}  // namespace
}  // namespace cadre::openapi
