// The registry's flags (services/registry/registry_flags.cc) read into RegistryOptions,
// in process, and the cadre-registry binary's exit status and --help. No Redis: every
// run here stops before the service would connect.

#include "services/registry/registry_flags.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "absl/flags/reflection.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/service_flags.h"
#include "tests/support/service_flags_test.h"
#include "tests/support/status_matchers.h"

namespace cadre::registry {
namespace {

using ::cadre::testing::StatusIs;
using ::testing::HasSubstr;

// Every flag the registry has had, by name: renaming one breaks deployments.
constexpr absl::string_view kExpectedNames[] = {"host",
                                                "port",
                                                "metrics_port",
                                                "redis_host",
                                                "redis_port",
                                                "redis_password",
                                                "redis_pool_size",
                                                "redis_timeout_ms",
                                                "redis_connect_timeout_ms",
                                                "workers",
                                                "writes_per_minute",
                                                "admin_key_file",
                                                "admin_key",
                                                "service_keys_dir",
                                                "consume_matching_events",
                                                "closing_sweep_every",
                                                "close_undecided_after",
                                                "staff_setup_hours",
                                                "staff_key_hours",
                                                "staff_email_kept_days",
                                                "password_threads",
                                                "log_level",
                                                "log_every_call",
                                                "tls_cert",
                                                "tls_key",
                                                "tls_client_ca",
                                                "drain_timeout_ms"};

class RegistryFlagsTest : public testing::ServiceFlagsTest<RegistryOptions> {
 protected:
  RegistryFlagsTest()
      : ServiceFlagsTest("cadre-registry", RegistryFlags(), RegistryOptionsFromFlags) {}
};

TEST_F(RegistryFlagsTest, EveryFlagOfTheFileIsListedUnderItsOldName) {
  std::set<std::string> listed;
  for (const absl::CommandLineFlag* flag : RegistryFlags().flags) {
    listed.emplace(flag->Name());
  }
  EXPECT_EQ(listed, std::set<std::string>(std::begin(kExpectedNames), std::end(kExpectedNames)));
  for (const auto& [name, flag] : absl::GetAllFlags()) {
    if (absl::EndsWith(flag->Filename(), "services/registry/registry_flags.cc")) {
      EXPECT_TRUE(listed.count(std::string(name))) << name << " has no CADRE_ fallback";
    }
  }
}

TEST_F(RegistryFlagsTest, Defaults) {
  absl::StatusOr<RegistryOptions> o = Options({});
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(o->server.host, "0.0.0.0");
  EXPECT_EQ(o->server.port, 50051);
  EXPECT_EQ(o->server.metrics_port, 51051);
  EXPECT_EQ(o->redis.host, "127.0.0.1");
  EXPECT_EQ(o->redis.port, 6379);
  EXPECT_EQ(o->redis.password, "");
  EXPECT_EQ(o->redis.pool_size, 8);
  EXPECT_EQ(o->redis.command_timeout, std::chrono::milliseconds(1000));
  EXPECT_EQ(o->redis.connect_timeout, std::chrono::milliseconds(500));
  EXPECT_EQ(o->workers, 8);
  EXPECT_EQ(o->writes_per_minute, 600);
  EXPECT_EQ(o->admin_key, "");
  EXPECT_EQ(o->service_keys_dir, "");
  EXPECT_TRUE(o->consume_matching_events);
  EXPECT_EQ(o->closing_sweep_every, absl::Seconds(15));
  EXPECT_EQ(o->close_undecided_after, absl::Hours(24 * 90));
  EXPECT_EQ(o->staff.setup_ttl, absl::Hours(72));
  EXPECT_EQ(o->staff.key_ttl, absl::Hours(12));
  EXPECT_EQ(o->staff.email_kept, absl::Hours(24 * 30));
  EXPECT_EQ(o->password_threads, 2);
  EXPECT_FALSE(o->server.log_every_call);
  EXPECT_EQ(o->server.tls_cert_file, "");
  EXPECT_EQ(o->server.drain_timeout, std::chrono::milliseconds(10000));
  EXPECT_EQ(absl::GetFlag(FLAGS_log_level), "info");
}

TEST_F(RegistryFlagsTest, EveryFlagReachesItsOption) {
  setenv("CADRE_WRITES_PER_MINUTE", "5", 1);
  setenv("CADRE_SERVICE_KEYS_DIR", "/run/secrets/cadre", 1);
  setenv("CADRE_CLOSING_SWEEP_EVERY", "30s", 1);
  absl::StatusOr<RegistryOptions> o = Options({"--host=127.0.0.1",
                                               "--port=0",
                                               "--metrics_port=-1",
                                               "--redis_host=redis",
                                               "--redis_port=6380",
                                               "--redis_password=pw",
                                               "--redis_pool_size=2",
                                               "--redis_timeout_ms=20",
                                               "--redis_connect_timeout_ms=30",
                                               "--workers=3",
                                               "--admin_key=k",
                                               "--log_every_call",
                                               "--tls_cert=c",
                                               "--tls_key=k2",
                                               "--tls_client_ca=ca",
                                               "--drain_timeout_ms=0",
                                               "--noconsume_matching_events",
                                               "--close_undecided_after=720h",
                                               "--staff_setup_hours=24",
                                               "--staff_key_hours=8",
                                               "--staff_email_kept_days=7",
                                               "--password_threads=3"});
  unsetenv("CADRE_WRITES_PER_MINUTE");
  unsetenv("CADRE_SERVICE_KEYS_DIR");
  unsetenv("CADRE_CLOSING_SWEEP_EVERY");
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(o->server.host, "127.0.0.1");
  EXPECT_EQ(o->server.port, 0);
  EXPECT_EQ(o->server.metrics_port, -1);
  EXPECT_EQ(o->redis.host, "redis");
  EXPECT_EQ(o->redis.port, 6380);
  EXPECT_EQ(o->redis.password, "pw");
  EXPECT_EQ(o->redis.pool_size, 2);
  EXPECT_EQ(o->redis.command_timeout, std::chrono::milliseconds(20));
  EXPECT_EQ(o->redis.connect_timeout, std::chrono::milliseconds(30));
  EXPECT_EQ(o->workers, 3);
  EXPECT_EQ(o->writes_per_minute, 5);
  EXPECT_EQ(o->admin_key, "k");
  EXPECT_EQ(o->service_keys_dir, "/run/secrets/cadre");
  EXPECT_FALSE(o->consume_matching_events);
  EXPECT_EQ(o->closing_sweep_every, absl::Seconds(30));
  EXPECT_EQ(o->close_undecided_after, absl::Hours(24 * 30));
  EXPECT_EQ(o->staff.setup_ttl, absl::Hours(24));
  EXPECT_EQ(o->staff.key_ttl, absl::Hours(8));
  EXPECT_EQ(o->staff.email_kept, absl::Hours(24 * 7));
  EXPECT_EQ(o->password_threads, 3);
  EXPECT_TRUE(o->server.log_every_call);
  EXPECT_EQ(o->server.tls_cert_file, "c");
  EXPECT_EQ(o->server.tls_key_file, "k2");
  EXPECT_EQ(o->server.tls_client_ca_file, "ca");
  EXPECT_EQ(o->server.drain_timeout, std::chrono::milliseconds(0));
}

TEST_F(RegistryFlagsTest, ValuesOutOfRangeNameTheFlag) {
  struct Case {
    const char* flag;
    int below;  // the lowest value refused below the range; 0 when the range starts lower
    int above;
  };
  for (const Case& c :
       {Case{"port", -1, 65536}, Case{"metrics_port", -2, 65536}, Case{"redis_port", 0, 65536},
        Case{"redis_pool_size", 0, 257}, Case{"redis_timeout_ms", 9, 60001},
        Case{"redis_connect_timeout_ms", 9, 60001}, Case{"workers", 0, 257},
        Case{"writes_per_minute", -1, 1000001}, Case{"drain_timeout_ms", -1, 600001},
        Case{"staff_setup_hours", 0, 721}, Case{"staff_key_hours", 0, 721},
        Case{"staff_email_kept_days", 0, 3651}, Case{"password_threads", 0, 65}}) {
    for (int value : {c.below, c.above}) {
      absl::FlagSaver one_case;  // the next case starts from the defaults again
      const std::string arg = absl::StrCat("--", c.flag, "=", value);
      EXPECT_THAT(Options({arg.c_str()}).status(),
                  StatusIs(absl::StatusCode::kInvalidArgument, absl::StrCat("--", c.flag, " ")))
          << arg;
    }
  }
}

TEST_F(RegistryFlagsTest, DurationsOutOfRangeOrWithoutAUnitNameTheFlag) {
  for (const char* arg :
       {"--closing_sweep_every=0s", "--closing_sweep_every=-1s", "--closing_sweep_every=61s",
        "--closing_sweep_every=15", "--close_undecided_after=0s", "--close_undecided_after=-24h",
        "--close_undecided_after=87601h", "--close_undecided_after=90d"}) {
    absl::FlagSaver one_case;
    const absl::string_view flag =
        absl::string_view(arg).substr(0, absl::string_view(arg).find('='));
    EXPECT_THAT(Options({arg}).status(),
                StatusIs(absl::StatusCode::kInvalidArgument, absl::StrCat(flag)))
        << arg;
  }
  // The bounds themselves are allowed.
  absl::StatusOr<RegistryOptions> o =
      Options({"--closing_sweep_every=1m", "--close_undecided_after=87600h"});
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(o->closing_sweep_every, absl::Minutes(1));
  EXPECT_EQ(o->close_undecided_after, absl::Hours(87600));
  // From the environment, the message names the variable.
  setenv("CADRE_CLOSE_UNDECIDED_AFTER", "0s", 1);
  EXPECT_THAT(Options({}).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "flag --close_undecided_after (from CADRE_CLOSE_UNDECIDED_AFTER): 0 is out "
                       "of range (0, 87600h]"));
  unsetenv("CADRE_CLOSE_UNDECIDED_AFTER");
}

TEST_F(RegistryFlagsTest, AdminKeyFileWinsAndMustExist) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / absl::StrCat("cadre_registry_flags_test_", getpid());
  std::filesystem::create_directories(dir);
  const std::string file = (dir / "admin_key").string();
  std::ofstream(file) << "from-the-file\n";
  const std::string file_flag = "--admin_key_file=" + file;
  absl::StatusOr<RegistryOptions> o = Options({"--admin_key=from-the-flag", file_flag.c_str()});
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(o->admin_key, "from-the-file");

  const std::string absent = "--admin_key_file=" + (dir / "absent").string();
  EXPECT_THAT(Options({absent.c_str()}), StatusIs(absl::StatusCode::kNotFound, "absent"));
  std::filesystem::remove_all(dir);
}

// The binary, run as an operator would.
struct BinaryRun {
  int exit_status = -1;
  std::string output;  // stdout and stderr
};

// `env`: VAR=value assignments for the child; `args`: its command line.
BinaryRun RunRegistry(const std::string& env, const std::string& args) {
  const std::string command =
      absl::StrCat("env ", env, " '", CADRE_REGISTRY_BIN, "' ", args, " 2>&1");
  BinaryRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) run.output.append(buffer, n);
  const int status = pclose(pipe);
  run.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

TEST_F(RegistryFlagsTest, BinaryHelpListsTheFlagsAndExitsZero) {
  for (const char* help : {"--help", "--helpshort", "-h"}) {
    const BinaryRun run = RunRegistry("", help);
    EXPECT_EQ(run.exit_status, 0) << help << "\n" << run.output;
    EXPECT_THAT(run.output, HasSubstr("cadre-registry: the Cadre role registry")) << help;
    EXPECT_THAT(run.output, HasSubstr("--writes_per_minute=<int>")) << help;
    EXPECT_THAT(run.output, HasSubstr("CADRE_WRITES_PER_MINUTE")) << help;
  }
  const BinaryRun run = RunRegistry("", "--help");
  for (absl::string_view name : kExpectedNames) {
    EXPECT_THAT(run.output, HasSubstr(std::string(name))) << name;
    EXPECT_THAT(run.output, HasSubstr(absl::StrCat("; ", FlagEnvName(name), ")"))) << name;
  }
}

TEST_F(RegistryFlagsTest, BinaryBadConfigurationExitsTwoNamingTheFlag) {
  struct BadRun {
    const char* env;
    const char* arg;
    const char* said;  // what the output must contain
  };
  for (const BadRun& bad : {
           BadRun{"", "--redis_prot=1", "unknown flag --redis_prot"},
           BadRun{"", "--redis_port=0", "flag --redis_port (from the command line)"},
           BadRun{"CADRE_REDIS_PORT=seven", "", "flag --redis_port (from CADRE_REDIS_PORT)"},
           BadRun{"CADRE_WORKERS=0", "", "flag --workers (from CADRE_WORKERS)"},
           BadRun{"", "--admin_key_file=/nonexistent/admin_key", "/nonexistent/admin_key"},
       }) {
    SCOPED_TRACE(absl::StrCat(bad.env, " ", bad.arg));
    BinaryRun run = RunRegistry(bad.env, bad.arg);
    EXPECT_EQ(run.exit_status, 2) << run.output;
    EXPECT_THAT(run.output, HasSubstr(bad.said));
  }
  BinaryRun run = RunRegistry("", "stray");
  EXPECT_EQ(run.exit_status, 2) << run.output;
}

}  // namespace
}  // namespace cadre::registry
