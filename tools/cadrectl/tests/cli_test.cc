// The CLI in-process, for everything that fails or answers before any call is made.

#include "tools/cadrectl/cli.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>

namespace cadre::cadrectl {
namespace {

struct Result {
  int exit_code;
  std::string out;
  std::string err;
};

Result RunCadrectl(const std::vector<std::string>& args,
                   const std::map<std::string, std::string>& env = {}) {
  std::ostringstream out;
  std::ostringstream err;
  Getenv getenv = [&env](absl::string_view name) {
    auto it = env.find(std::string(name));
    return it == env.end() ? std::string() : it->second;
  };
  int code = RunCli(args, getenv, out, err);
  return {code, out.str(), err.str()};
}

void ExpectUsageError(const Result& result, absl::string_view mentions) {
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_EQ(result.err.rfind("error: INVALID_ARGUMENT: ", 0), 0u) << result.err;
  EXPECT_NE(result.err.find(std::string(mentions)), std::string::npos) << result.err;
  EXPECT_EQ(result.out, "");
}

TEST(CliTest, HelpListsCommandsValuesAndExitStatuses) {
  Result result = RunCadrectl({"--help"});
  EXPECT_EQ(result.exit_code, 0);
  for (absl::string_view text :
       {"roles search", "keys create", "keys revoke-subject", "role-types list", "map",
        "local-healthwatch", "north-east-and-yorkshire", "in-person", "17 PERMISSION_DENIED",
        "--key_file"}) {
    EXPECT_NE(result.out.find(std::string(text)), std::string::npos) << text;
  }
}

TEST(CliTest, CommandHelp) {
  Result result = RunCadrectl({"roles", "list", "--help"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.out.find("--closing-after DATE"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("--remote "), std::string::npos);
  EXPECT_EQ(RunCadrectl({"roles", "--help"}).exit_code, 0);
  EXPECT_EQ(RunCadrectl({"help"}).exit_code, 0);
}

TEST(CliTest, UsageErrors) {
  ExpectUsageError(RunCadrectl({}), "no command");
  ExpectUsageError(RunCadrectl({"rolez", "list"}), "rolez");
  ExpectUsageError(RunCadrectl({"roles"}), "create, get, update");
  ExpectUsageError(RunCadrectl({"roles", "frobnicate"}), "frobnicate");
  ExpectUsageError(RunCadrectl({"roles", "list", "--colour", "red"}), "--colour");
  ExpectUsageError(RunCadrectl({"roles", "list", "--level", "9"}), "--level");
  ExpectUsageError(RunCadrectl({"roles", "list", "--region", "wales"}), "south-east");
  ExpectUsageError(RunCadrectl({"roles", "list", "extra"}), "extra");
  ExpectUsageError(RunCadrectl({"roles", "get"}), "ROLE");
  ExpectUsageError(RunCadrectl({"roles", "get", "bodies/RXF"}), "roles/");
  ExpectUsageError(RunCadrectl({"roles", "create", "--title", "x"}), "--body");
  ExpectUsageError(RunCadrectl({"roles", "update", "roles/1"}), "at least one field");
  ExpectUsageError(RunCadrectl({"roles", "close", "roles/1", "--as", "open"}), "--as");
  ExpectUsageError(
      RunCadrectl({"bodies", "create", "--name", "X", "--kind", "hospital", "--region", "london"}),
      "--kind");
  ExpectUsageError(RunCadrectl({"keys", "create", "--kind", "body"}), "--subject");
  ExpectUsageError(RunCadrectl({"keys", "create", "--kind", "admin", "--expires", "forever"}),
                   "--expires");
  ExpectUsageError(RunCadrectl({"keys", "list", "--subject", "a1"}), "--kind");
  ExpectUsageError(RunCadrectl({"keys", "list", "--kind", "applicant"}), "--subject");
  ExpectUsageError(
      RunCadrectl({"keys", "revoke-subject", "--kind", "body", "--subject", "roles/1"}),
      "--subject");
  ExpectUsageError(RunCadrectl({"--timeout_ms", "0", "map"}), "--timeout-ms");
  ExpectUsageError(RunCadrectl({"--request_id", "a b", "map"}), "--request_id");
  ExpectUsageError(RunCadrectl({"--key", "a", "--key_file", "b", "map"}), "--key");
  ExpectUsageError(RunCadrectl({"--key_file", "/nonexistent/key", "map"}), "/nonexistent/key");
  ExpectUsageError(RunCadrectl({"map"}, {{"CADRE_API_KEY_FILE", "/nonexistent/key"}}),
                   "CADRE_API_KEY_FILE");
  ExpectUsageError(RunCadrectl({"--json", "map", "--json"}), "more than once");
}

}  // namespace
}  // namespace cadre::cadrectl
