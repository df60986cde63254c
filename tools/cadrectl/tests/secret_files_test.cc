// Passwords from files and stdin, and private files: what a person would notice.

#include "tools/cadrectl/secret_files.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "tools/cadrectl/errors.h"

namespace cadre::cadrectl {
namespace {

constexpr char kPassword[] = "a long enough passphrase";

class SecretFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir[] = "/tmp/cadrectl-secrets-XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    dir_ = dir;
  }
  void TearDown() override {
    for (const std::string& path : written_) std::remove(path.c_str());
    ::rmdir(dir_.c_str());
  }
  std::string File(const std::string& name, const std::string& contents) {
    std::string path = Path(name);
    std::ofstream(path, std::ios::binary) << contents;
    return path;
  }
  std::string Path(const std::string& name) {
    written_.push_back(dir_ + "/" + name);
    return written_.back();
  }
  static ParsedArgs Args(const std::vector<std::pair<std::string, std::string>>& flags) {
    ParsedArgs args;
    for (const auto& [name, value] : flags) EXPECT_TRUE(args.Set(name, value).ok());
    return args;
  }

  std::string dir_;
  std::vector<std::string> written_;
};

absl::StatusOr<std::string> Read(const ParsedArgs& args, std::istream& in) {
  return ReadPassword(args, "password-file", "password-stdin", in);
}

TEST_F(SecretFilesTest, FromAFileWithoutItsLineEnd) {
  std::istringstream in;
  for (const std::string& contents :
       {std::string(kPassword), std::string(kPassword) + "\n", std::string(kPassword) + "\r\n"}) {
    auto password = Read(Args({{"password-file", File("pw", contents)}}), in);
    ASSERT_TRUE(password.ok()) << password.status();
    EXPECT_EQ(*password, kPassword);
  }
}

TEST_F(SecretFilesTest, FromStdinALineAtATime) {
  std::istringstream in("first one here\r\nsecond one here\n");
  ParsedArgs args = Args({{"password-stdin", "true"}});
  EXPECT_EQ(*Read(args, in), "first one here");
  EXPECT_EQ(*Read(args, in), "second one here");
  absl::Status none = Read(args, in).status();
  EXPECT_TRUE(IsUsageError(none));
  EXPECT_NE(none.message().find("--password-stdin"), std::string::npos);
}

TEST_F(SecretFilesTest, RefusalsNameTheFlagNeverThePassword) {
  std::istringstream in(std::string(kPassword) + "\n");
  const std::vector<ParsedArgs> refused = {
      Args({}),
      Args({{"password-file", File("a", kPassword)}, {"password-stdin", "true"}}),
      Args({{"password-file", dir_ + "/missing"}}),
      Args({{"password-file", File("empty", "\n")}}),
      Args({{"password-file", File("two", std::string(kPassword) + "\nmore\n")}}),
      Args({{"password-file", File("long", std::string(2000, 'x'))}}),
  };
  for (const ParsedArgs& args : refused) {
    absl::Status status = Read(args, in).status();
    EXPECT_TRUE(IsUsageError(status)) << status;
    EXPECT_NE(status.message().find("--password-file"), std::string::npos) << status;
    EXPECT_EQ(status.message().find(kPassword), std::string::npos) << status;
  }
}

TEST_F(SecretFilesTest, PrivateFileIsMode600EvenIfItExisted) {
  const std::string path = File("export.json", "old, readable by all");
  ::chmod(path.c_str(), 0644);
  auto file = PrivateFile::Open("out", path);
  ASSERT_TRUE(file.ok()) << file.status();
  ASSERT_TRUE(file->WriteAndClose("{}\n").ok());
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  std::ifstream written(path);
  std::stringstream contents;
  contents << written.rdbuf();
  EXPECT_EQ(contents.str(), "{}\n");
}

TEST_F(SecretFilesTest, UnwritablePathIsAUsageErrorNamingTheFlag) {
  auto file = PrivateFile::Open("out", dir_ + "/no/such/dir/file");
  EXPECT_TRUE(IsUsageError(file.status()));
  EXPECT_NE(file.status().message().find("--out"), std::string::npos);
}

}  // namespace
}  // namespace cadre::cadrectl
