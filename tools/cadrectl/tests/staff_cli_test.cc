// cadrectl staff: help and the usage errors it answers before any call is made.

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tools/cadrectl/cli.h"

namespace cadre::cadrectl {
namespace {

struct Result {
  int exit_code;
  std::string out;
  std::string err;
};

Result RunCadrectl(const std::vector<std::string>& args) {
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  Getenv getenv = [](absl::string_view) { return std::string(); };
  int code = RunCli(args, getenv, in, out, err);
  return {code, out.str(), err.str()};
}

void ExpectUsageError(const Result& result, const std::string& mentions) {
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_EQ(result.err.rfind("error: INVALID_ARGUMENT: ", 0), 0u) << result.err;
  EXPECT_NE(result.err.find(mentions), std::string::npos) << result.err;
  EXPECT_EQ(result.out, "");
}

TEST(StaffCliTest, HelpListsTheStaffCommandsAndRoles) {
  Result all = RunCadrectl({"--help"});
  EXPECT_EQ(all.exit_code, 0);
  for (const char* text : {"staff create BODY", "staff sign-in", "staff setup-link STAFF",
                           "manager, recruiter, viewer", "--public_url"}) {
    EXPECT_NE(all.out.find(text), std::string::npos) << text;
  }
  Result create = RunCadrectl({"staff", "create", "--help"});
  EXPECT_EQ(create.exit_code, 0);
  EXPECT_NE(create.out.find("--role ROLE"), std::string::npos) << create.out;
}

TEST(StaffCliTest, UsageErrorsNameTheFlagOrOperand) {
  ExpectUsageError(
      RunCadrectl({"staff", "create", "bodies/RXF", "--email", "a@b.uk", "--role", "viewer"}),
      "--name");
  ExpectUsageError(RunCadrectl({"staff", "create", "bodies/RXF", "--name", "Al", "--email",
                                "a@b.uk", "--role", "boss"}),
                   "--role");
  ExpectUsageError(RunCadrectl({"staff", "create", "roles/1", "--name", "Al", "--email", "a@b.uk",
                                "--role", "viewer"}),
                   "BODY");
  ExpectUsageError(RunCadrectl({"staff", "get", "roles/1"}), "STAFF");
  ExpectUsageError(RunCadrectl({"staff", "update", "bodies/RXF/staff/0123456789abcdef"}),
                   "--name or --role");
  ExpectUsageError(RunCadrectl({"staff", "sign-in", "--password-stdin"}), "--email");
  ExpectUsageError(RunCadrectl({"staff", "sign-in", "--email", "a@b.uk"}), "password");
  ExpectUsageError(RunCadrectl({"staff", "sign-out"}), "--key");
  ExpectUsageError(RunCadrectl({"staff", "list"}), "BODY");
}

}  // namespace
}  // namespace cadre::cadrectl
