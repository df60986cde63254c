// The service keys directory (services/common/service_keys.h): what is read, what is
// ignored, what stops a service at start-up, and that errors name files, never keys.
// Files only: no sockets, no Redis.

#include "services/common/service_keys.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "services/common/auth.h"
#include "tests/support/status_matchers.h"

namespace cadre {
namespace {

namespace fs = std::filesystem;
using ::cadre::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kMatching[] = "cadre_0123456789abcdef0123456789abcdef0123456789abcdef";
constexpr char kNotifications[] = "cadre_fedcba9876543210fedcba9876543210fedcba9876543210";

class ServiceKeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / absl::StrCat("cadre-service-keys-", getpid());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& contents) {
    std::ofstream(dir_ / name) << contents;
  }
  std::string dir() const { return dir_.string(); }

  fs::path dir_;
};

TEST_F(ServiceKeysTest, EachKeyFileIsItsServicesHashOnly) {
  Write("notifications.key", absl::StrCat(kNotifications, "\n"));
  Write("matching.key", kMatching);
  Write("README", "not a key");
  Write(".hidden.key", "not read");
  fs::create_directories(dir_ / "..data");
  auto hashes = LoadServiceKeyHashes(dir());
  ASSERT_TRUE(hashes.ok()) << hashes.status();
  ASSERT_EQ(hashes->size(), 2u);
  EXPECT_EQ((*hashes)[0].subject, "matching");
  EXPECT_EQ((*hashes)[0].sha256, Sha256Hex(kMatching));
  EXPECT_EQ((*hashes)[1].subject, "notifications");
  EXPECT_EQ((*hashes)[1].sha256, Sha256Hex(kNotifications));

  auto own = ReadOwnServiceKey(dir(), "notifications");
  ASSERT_TRUE(own.ok()) << own.status();
  EXPECT_EQ(*own, kNotifications);  // the trailing newline trimmed
  EXPECT_THAT(ReadOwnServiceKey(dir(), "recognition"),
              StatusIs(absl::StatusCode::kInvalidArgument, "recognition.key"));
}

TEST_F(ServiceKeysTest, AnEmptyDirectoryHoldsNoKeys) {
  auto hashes = LoadServiceKeyHashes(dir());
  ASSERT_TRUE(hashes.ok()) << hashes.status();
  EXPECT_TRUE(hashes->empty());
  EXPECT_THAT(LoadServiceKeyHashes(dir() + "/absent"),
              StatusIs(absl::StatusCode::kInvalidArgument, "service_keys_dir: cannot list"));
}

TEST_F(ServiceKeysTest, MalformedFilesAreNamedAndTheirContentsNeverShown) {
  const std::string secret_like = "cadre_0123456789ABCDEF0123456789abcdef0123456789abcdef";
  Write("matching.key", secret_like);
  auto hashes = LoadServiceKeyHashes(dir());
  EXPECT_THAT(hashes, StatusIs(absl::StatusCode::kInvalidArgument, "matching.key: must hold"));
  EXPECT_THAT(std::string(hashes.status().message()), Not(HasSubstr(secret_like)));
  EXPECT_THAT(ReadOwnServiceKey(dir(), "matching"),
              StatusIs(absl::StatusCode::kInvalidArgument, "matching.key: must hold"));
}

TEST_F(ServiceKeysTest, NamesAreServicesAndKeysAreTheirOwn) {
  EXPECT_TRUE(IsServiceSubject("matching"));
  EXPECT_TRUE(IsServiceSubject("web-gateway-2"));
  EXPECT_TRUE(IsServiceSubject(std::string(64, 'a')));
  for (const std::string& bad : {std::string(), std::string(65, 'a'), std::string("Matching"),
                                 std::string("a_b"), std::string("a.b")}) {
    EXPECT_FALSE(IsServiceSubject(bad)) << bad;
  }
  Write("a_b.key", kMatching);
  EXPECT_THAT(LoadServiceKeyHashes(dir()),
              StatusIs(absl::StatusCode::kInvalidArgument, "a_b.key: the name must be"));
  fs::remove(dir_ / "a_b.key");
  Write("matching.key", kMatching);
  Write("notifications.key", kMatching);
  EXPECT_THAT(LoadServiceKeyHashes(dir()),
              StatusIs(absl::StatusCode::kInvalidArgument, "holds the same key as"));
}

}  // namespace
}  // namespace cadre
