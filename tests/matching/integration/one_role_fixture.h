#pragma once

// A matching test with one body (RXF, with its key), one open role of it and one signed-up
// person: where the application and recommendation tests start.

#include <string>

#include "tests/matching/integration/matching_harness.h"

namespace cadre::testing {

class OneRoleTest : public MatchingTest {
 protected:
  void SetUp() override {
    MatchingTest::SetUp();
    body_key_ = harness_->BodyWithKey("RXF");
    role_ = harness_->OpenRole(body_key_, MatchingHarness::RoleFor("RXF", 2));
    person_ = harness_->SignUp("ada@example.org");
  }

  MatchingHarness& h() { return *harness_; }

  std::string body_key_;
  std::string role_;
  cadre::v1::SignUpResponse person_;
};

}  // namespace cadre::testing
