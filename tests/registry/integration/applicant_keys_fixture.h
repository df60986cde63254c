#pragma once

// What the key tests share: a registry with a service-keys directory (matching and
// notifications), its stubs, and helpers for secrets, times and key requests.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "cadre/v1/matching_events.pb.h"
#include "google/protobuf/util/time_util.h"
#include "services/common/auth.h"
#include "services/common/matching_event_stream.h"
#include "tests/registry/integration/registry_harness.h"
#include "tests/support/status_matchers.h"

namespace cadre::testing {
using ::google::protobuf::util::TimeUtil;
using ::testing::HasSubstr;
using ::testing::Not;

// A key of the issued shape, as the matching service (or scripts/new_key.sh) makes one.
inline std::string NewSecret() {
  static std::mt19937_64 rng(std::random_device{}());
  std::string hex;
  while (hex.size() < 48) hex += absl::StrCat(absl::Hex(rng(), absl::kZeroPad16));
  return absl::StrCat(kIssuedKeyPrefix, hex.substr(0, 48));
}

inline google::protobuf::Timestamp At(absl::Time t) {
  return TimeUtil::NanosecondsToTimestamp(absl::ToUnixNanos(t));
}

// A directory of files for one test, removed after it.
class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            absl::StrCat("cadre-keys-", getpid(), "-", counter_++);
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string path() const { return path_.string(); }
  void Write(const std::string& name, const std::string& contents) const {
    std::ofstream(path_ / name) << contents;
  }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

class ApplicantKeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_ = RedisServer::Start();
    keys_dir_.Write("matching.key", matching_key_ + "\n");
    keys_dir_.Write("notifications.key", notifications_key_);
    registry::RegistryOptions options = TestRegistryOptions(redis_->options());
    options.service_keys_dir = keys_dir_.path();
    harness_ = std::make_unique<RegistryHarness>(options);
    harness_->MakeBody("RJ1", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON);
    body_key_ = harness_->BodyKey("RJ1");
  }

  cadre::v1::Registry::Stub& stub() { return harness_->stub(); }
  absl::Time Now() { return harness_->clock().Now(); }

  // Matching registers the hash of a new secret for `applicant`; returns the secret.
  std::string Register(const std::string& applicant, absl::Duration life = absl::Hours(24),
                       const std::string& label = "sign-in", std::string* key_id = nullptr) {
    const std::string secret = NewSecret();
    cadre::v1::RegisterApplicantKeyRequest request;
    request.set_applicant(applicant);
    request.set_key_sha256(Sha256Hex(secret));
    *request.mutable_expire_time() = At(Now() + life);
    request.set_label(label);
    cadre::v1::RegisterApplicantKeyResponse response;
    grpc::Status s =
        stub().RegisterApplicantKey(CallContext(matching_key_).get(), request, &response);
    EXPECT_TRUE(s.ok()) << s.error_message();
    EXPECT_FALSE(response.key_id().empty());
    if (key_id != nullptr) *key_id = response.key_id();
    return secret;
  }

  // A call any authenticated caller may make but that needs a key: issuing an admin key,
  // which only an admin may do. PERMISSION_DENIED means the key was recognised (as
  // someone other than an admin); UNAUTHENTICATED that it was not.
  grpc::StatusCode Recognised(const std::string& key) {
    cadre::v1::CreateApiKeyRequest request;
    request.set_kind(cadre::v1::PRINCIPAL_KIND_ADMIN);
    cadre::v1::CreateApiKeyResponse response;
    return stub().CreateApiKey(CallContext(key).get(), request, &response).error_code();
  }

  grpc::Status RevokeSubject(const std::string& key, cadre::v1::PrincipalKind kind,
                             const std::string& subject, int* revoked = nullptr) {
    cadre::v1::RevokeSubjectKeysRequest request;
    request.set_kind(kind);
    request.set_subject(subject);
    cadre::v1::RevokeSubjectKeysResponse response;
    grpc::Status s = stub().RevokeSubjectKeys(CallContext(key).get(), request, &response);
    if (revoked != nullptr) *revoked = response.revoked();
    return s;
  }

  absl::StatusOr<cadre::v1::ListSubjectKeysResponse> List(const std::string& key,
                                                          cadre::v1::PrincipalKind kind,
                                                          const std::string& subject) {
    cadre::v1::ListSubjectKeysRequest request;
    request.set_kind(kind);
    request.set_subject(subject);
    cadre::v1::ListSubjectKeysResponse response;
    grpc::Status s = stub().ListSubjectKeys(CallContext(key).get(), request, &response);
    if (!s.ok()) return ToAbsl(s);
    return response;
  }

  const std::string matching_key_ = NewSecret();
  const std::string notifications_key_ = NewSecret();
  TempDir keys_dir_;
  std::unique_ptr<RedisServer> redis_;
  std::unique_ptr<RegistryHarness> harness_;
  std::string body_key_;
};

}  // namespace cadre::testing
