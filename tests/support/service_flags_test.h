#pragma once

// A test of a service's flags read into its options. The flags are global to the process:
// each test restores them (absl::FlagSaver) and hides any CADRE_* variable of the
// developer's shell from the service's flags, putting them back afterwards.
//
//   class MyFlagsTest : public cadre::testing::ServiceFlagsTest<MyOptions> {
//    protected:
//     MyFlagsTest() : ServiceFlagsTest("cadre-my", MyFlags(), MyOptionsFromFlags) {}
//   };
//   TEST_F(MyFlagsTest, Defaults) { auto options = Options({}); ... }

#include <gtest/gtest.h>
#include <stdlib.h>

#include <string>
#include <utility>
#include <vector>

#include "absl/flags/reflection.h"
#include "absl/status/statusor.h"
#include "services/common/flags_env.h"

namespace cadre::testing {

template <typename ServiceOptions>
class ServiceFlagsTest : public ::testing::Test {
 protected:
  using Read = absl::StatusOr<ServiceOptions> (*)(const ParsedFlags&);

  ServiceFlagsTest(const char* program, const ServiceFlags& flags, Read read)
      : program_(program), flags_(flags), read_(read) {}

  void SetUp() override {
    for (const absl::CommandLineFlag* flag : flags_.flags) {
      const std::string env = FlagEnvName(flag->Name());
      if (const char* value = getenv(env.c_str())) {
        saved_env_.emplace_back(env, value);
        unsetenv(env.c_str());
      }
    }
  }
  void TearDown() override {
    for (const auto& [name, value] : saved_env_) setenv(name.c_str(), value.c_str(), 1);
  }

  // The options from `args` (the program name is put first) and the environment.
  absl::StatusOr<ServiceOptions> Options(std::vector<const char*> args) {
    args.insert(args.begin(), program_);
    absl::StatusOr<ParsedFlags> parsed =
        ParseServiceFlags(static_cast<int>(args.size()), args.data(), flags_);
    if (!parsed.ok()) return parsed.status();
    return read_(*parsed);
  }

 private:
  const char* program_;
  const ServiceFlags& flags_;
  Read read_;
  absl::FlagSaver saver_;
  std::vector<std::pair<std::string, std::string>> saved_env_;
};

}  // namespace cadre::testing
