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
                   const std::map<std::string, std::string>& env = {},
                   const std::string& stdin_text = "") {
  std::istringstream in(stdin_text);
  std::ostringstream out;
  std::ostringstream err;
  Getenv getenv = [&env](absl::string_view name) {
    auto it = env.find(std::string(name));
    return it == env.end() ? std::string() : it->second;
  };
  int code = RunCli(args, getenv, in, out, err);
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

TEST(CliTest, HelpShowsTheMatchingCommandsAndAddress) {
  Result result = RunCadrectl({"--help"});
  EXPECT_EQ(result.exit_code, 0);
  for (absl::string_view text :
       {"applicants sign-up", "applicants sign-in", "applicants export [APPLICANT]",
        "applicants erase APPLICANT", "equality counts", "credentials grant APPLICANT",
        "--matching_addr HOST:PORT", "CADRE_MATCHING_ADDR", "works-for"}) {
    EXPECT_NE(result.out.find(std::string(text)), std::string::npos) << text;
  }
  Result equality = RunCadrectl({"equality", "set", "--help"});
  EXPECT_NE(equality.out.find("--carer-status ANSWER"), std::string::npos) << equality.out;
  EXPECT_NE(equality.out.find("yes-under-20-hours"), std::string::npos);
}

// Every one of these fails before any call is made (no matching service runs here).
TEST(CliTest, MatchingUsageErrors) {
  const std::vector<std::string> sign_up = {"applicants", "sign-up", "--email",      "a@b.org",
                                            "--name",     "Pat",     "--born",       "1980-01-01",
                                            "--region",   "london",  "--attendance", "remote"};
  auto with = [](std::vector<std::string> args, const std::vector<std::string>& more) {
    args.insert(args.end(), more.begin(), more.end());
    return args;
  };
  ExpectUsageError(RunCadrectl(with(sign_up, {"--agree", "--password", "x"})), "--password");
  ExpectUsageError(RunCadrectl(with(sign_up, {"--password-stdin"})), "--agree");
  ExpectUsageError(RunCadrectl(with(sign_up, {"--agree"})), "--password-file");
  ExpectUsageError(RunCadrectl(with(sign_up, {"--agree", "--password-stdin"})), "--password-stdin");
  ExpectUsageError(RunCadrectl(with(sign_up, {"--agree", "--password-stdin", "--key-out",
                                              "/nonexistent/dir/key"}),
                               {}, "a long enough passphrase\n"),
                   "--key-out");
  ExpectUsageError(RunCadrectl({"applicants", "sign-in", "--password-stdin"}), "--email");
  ExpectUsageError(RunCadrectl({"applicants", "sign-out"}), "--key");
  ExpectUsageError(RunCadrectl({"applicants", "change-password", "--current-password-stdin",
                                "--new-password-stdin"},
                               {}, "only one line\n"),
                   "--new-password-stdin");
  ExpectUsageError(RunCadrectl({"applicants", "update"}), "at least one field");
  ExpectUsageError(RunCadrectl({"applicants", "update", "--hours", "500"}), "--hours");
  ExpectUsageError(RunCadrectl({"applicants", "update", "--suggestions", "--born", "1980-02-30"}),
                   "--born");
  ExpectUsageError(RunCadrectl({"applicants", "update", "--privacy-notice", "2027-04"}), "--agree");
  ExpectUsageError(RunCadrectl({"applicants", "erase", "applicants/abcdefghijklmnop"}), "--yes");
  ExpectUsageError(RunCadrectl({"applicants", "erase"}), "APPLICANT");
  ExpectUsageError(RunCadrectl({"applicants", "get", "roles/1"}), "applicants/");
  ExpectUsageError(RunCadrectl({"applicants", "list", "--page-size", "101"}), "--page-size");
  ExpectUsageError(RunCadrectl({"applicants", "export", "--out", "/nonexistent/dir/x.json"}),
                   "--out");
  ExpectUsageError(RunCadrectl({"applicants", "reset-password", "abcdefghijklmnop"}),
                   "--password-file");
  ExpectUsageError(RunCadrectl({"equality", "set"}), "at least one answer");
  ExpectUsageError(RunCadrectl({"equality", "set", "--ethnicity", "martian"}), "--ethnicity");
  ExpectUsageError(RunCadrectl({"credentials", "grant", "abcdefghijklmnop", "--kind",
                                "dbs-enhanced", "--expires", "2030-01-01"}),
                   "--issued");
  ExpectUsageError(RunCadrectl({"credentials", "revoke", "7", "--reason", "wrong person"}),
                   "CREDENTIAL");
  ExpectUsageError(RunCadrectl({"credentials", "revoke", "applicants/a/credentials/1"}),
                   "--reason");
  ExpectUsageError(RunCadrectl({"--matching_addr", "", "equality", "counts"}), "--matching_addr");
}

TEST(CliTest, HelpShowsApplicationsPlacementsMatchAndFigures) {
  Result result = RunCadrectl({"--help"});
  EXPECT_EQ(result.exit_code, 0);
  for (absl::string_view text :
       {"applications submit", "applications turn-down APPLICATION", "applications accept",
        "placements end-early PLACEMENT", "placements payment-choice PLACEMENT", "match policy",
        "match recommend", "match rank", "figures body BODY", "figures equality [BODY]",
        "requirements-not-met", "ended-early", "expenses-only", "applications/ID"}) {
    EXPECT_NE(result.out.find(std::string(text)), std::string::npos) << text;
  }
  Result offer = RunCadrectl({"applications", "offer", "--help"});
  EXPECT_NE(offer.out.find("--reply-by WHEN"), std::string::npos) << offer.out;
  Result group = RunCadrectl({"placements", "--help"});
  EXPECT_NE(group.out.find("cadrectl placements complete PLACEMENT"), std::string::npos)
      << group.out;
}

// Every one of these fails before any call is made (no matching service runs here).
TEST(CliTest, ApplicationUsageErrors) {
  ExpectUsageError(RunCadrectl({"applications", "submit", "--statement", "x"}), "--role");
  ExpectUsageError(RunCadrectl({"applications", "submit", "--role", "roles/1"}), "--statement");
  ExpectUsageError(RunCadrectl({"applications", "get"}), "APPLICATION");
  ExpectUsageError(RunCadrectl({"applications", "get", "roles/1"}), "applications/");
  ExpectUsageError(RunCadrectl({"applications", "list", "--role", "1", "--applicant", "a"}),
                   "at most one");
  ExpectUsageError(RunCadrectl({"applications", "list", "--state", "lost"}), "--state");
  ExpectUsageError(RunCadrectl({"applications", "acknowledge", "a", "--note", "hi"}), "--note");
  ExpectUsageError(RunCadrectl({"applications", "offer", "a", "--reply-by", "whenever"}),
                   "--reply-by");
  ExpectUsageError(RunCadrectl({"applications", "turn-down", "a"}), "--reason");
  ExpectUsageError(RunCadrectl({"applications", "turn-down", "a", "--reason", "rude"}),
                   "not-selected");
  ExpectUsageError(RunCadrectl({"applications", "withdraw", "a", "--reason", "not-selected"}),
                   "--reason");
  ExpectUsageError(RunCadrectl({"applications", "approve", "a"}), "approve");
  ExpectUsageError(RunCadrectl({"placements", "end-early", "p"}), "--reason");
  ExpectUsageError(RunCadrectl({"placements", "complete", "applications/p"}), "placements/");
  ExpectUsageError(RunCadrectl({"placements", "payment-choice", "p"}), "--choice");
  ExpectUsageError(RunCadrectl({"placements", "payment-choice", "p", "--choice", "all"}),
                   "decline-payment");
  ExpectUsageError(RunCadrectl({"placements", "list", "--state", "offered"}), "ended-early");
  ExpectUsageError(RunCadrectl({"match", "rank"}), "--role");
  ExpectUsageError(RunCadrectl({"match", "recommend", "--page-size", "51"}), "--page-size");
  ExpectUsageError(RunCadrectl({"match", "policy", "extra"}), "extra");
  ExpectUsageError(RunCadrectl({"figures", "body"}), "BODY");
  ExpectUsageError(RunCadrectl({"figures", "body", "roles/1"}), "bodies/");
  ExpectUsageError(RunCadrectl({"figures", "equality", "RXF", "QOP"}), "QOP");
}

}  // namespace
}  // namespace cadre::cadrectl
