// staff_pages_bench: the speed of a role's applicants page for its body's staff, as issue
// 10 asks it: /staff/roles/{id}/applicants of a role with --applicants applicants (the page
// shows the best 50, ranked by matching) at --in_flight requests in flight, every thread
// the recruiter's session, with p50, p99, QPS and the mean of the gateway's Server-Timing
// parts (session lookup, upstream, rendering); the anonymous role page (/roles/{id}) as the
// baseline; and upstream calls alone over gRPC (the page's GetRole and RankApplicants, and
// ListApplications for comparison; bench/staff_pages_measure.h), so that the report can say
// what the upstream time is made of. Markdown to stdout, progress to stderr.
// bench/run_staff_pages_bench.sh starts Redis, the registry, matching and the gateway
// around it.
//
//   staff_pages_bench --registry=127.0.0.1:R --matching=127.0.0.1:M --gateway=127.0.0.1:G
//                     [--redis_port=P] [--cpu_pids=gateway=PID,matching=PID,...]
//
// It seeds one body and one open role through the registry's API, signs --applicants
// people up through matching as admin, each applying to the role (a quarter acknowledged
// and a quarter shortlisted by the body; bench/staff_pages_seed.h), creates a recruiter
// with the body's key, signs them in through the gateway's /staff/sign-in form as a
// browser does and over gRPC for their staff key. The admin key comes from --admin_key or
// CADRE_ADMIN_KEY. Everything is on loopback and bounded: each measurement by --warmup +
// --duration, each request by --timeout.

#include <csignal>
#include <iostream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "bench/account_pages_seed.h"
#include "bench/bench_args.h"
#include "bench/cost_probe.h"
#include "bench/http_load.h"
#include "bench/matching_calls.h"
#include "bench/report.h"
#include "bench/seed.h"
#include "bench/staff_pages_measure.h"
#include "bench/staff_pages_seed.h"
#include "services/common/logging.h"

ABSL_FLAG(std::string, registry, "", "the registry's gRPC address, e.g. 127.0.0.1:50051");
ABSL_FLAG(std::string, matching, "", "matching's gRPC address, e.g. 127.0.0.1:50052");
ABSL_FLAG(std::string, gateway, "", "the gateway's HTTP address, e.g. 127.0.0.1:8080");
ABSL_FLAG(std::string, admin_key, "", "admin key for seeding; default $CADRE_ADMIN_KEY");
ABSL_FLAG(int, applicants, 500, "people applying to the role, 1-5,000");
ABSL_FLAG(int, untrained_every, 10,
          "every n-th applicant lacks the role's credential (0: none), 0-1,000");
ABSL_FLAG(int, seed_threads, 4, "concurrent callers when seeding applicants, 1-64");
ABSL_FLAG(int, in_flight, 16, "requests (and gRPC calls) in flight, 1-256");
ABSL_FLAG(int, driver_threads, 1, "gRPC load generator threads, one completion queue each");
ABSL_FLAG(int, calls_per_channel, 8, "gRPC calls in flight sharing one channel / connection");
ABSL_FLAG(int, redis_port, 0, "the services' Redis, for its commandstats (0: none)");
ABSL_FLAG(std::string, cpu_pids, "",
          "processes whose CPU to count per call, name=pid,... (e.g. matching=12,redis=34)");
ABSL_FLAG(absl::Duration, warmup, absl::Seconds(1), "warm-up before each measurement");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(5), "length of each measurement, at most 60s");
ABSL_FLAG(absl::Duration, timeout, absl::Seconds(5), "each request's and call's timeout");
ABSL_FLAG(int, repeats, 3, "runs of the whole set of measurements (median and range), 1-10");
ABSL_FLAG(absl::Duration, wait_ready, absl::Seconds(60), "how long to wait for the services");
ABSL_FLAG(std::string, out, "", "also write the summary markdown to this file");
ABSL_FLAG(std::string, log_level, "warn", "log level of this process: debug ... error");

namespace cadre::bench {
namespace {

absl::Status CheckRanges() {
  for (const absl::Status& s :
       {InRange(absl::GetFlag(FLAGS_applicants), 1, 5000, "applicants"),
        InRange(absl::GetFlag(FLAGS_untrained_every), 0, 1000, "untrained_every"),
        InRange(absl::GetFlag(FLAGS_seed_threads), 1, 64, "seed_threads"),
        InRange(absl::GetFlag(FLAGS_in_flight), 1, 256, "in_flight"),
        InRange(absl::GetFlag(FLAGS_driver_threads), 1, 64, "driver_threads"),
        InRange(absl::GetFlag(FLAGS_calls_per_channel), 1, 256, "calls_per_channel"),
        InRange(absl::GetFlag(FLAGS_repeats), 1, 10, "repeats")}) {
    if (!s.ok()) return s;
  }
  return CheckMeasureDuration(absl::GetFlag(FLAGS_duration));
}

// Waits for the three services; seeds the role and its applicants; makes the recruiter
// and signs them in, through the gateway's form and over gRPC.
absl::Status Prepare(const std::string& admin_key, StaffPagesSetup* s, std::string* summary) {
  const absl::Duration wait = absl::GetFlag(FLAGS_wait_ready);
  if (absl::Status ready = WaitUntilServing(s->registry, wait); !ready.ok()) return ready;
  absl::StatusOr<absl::Duration> serving =
      WaitUntilHealthServing(s->matching, "cadre.v1.Matching", absl::Now(), wait);
  if (!serving.ok()) return serving.status();
  if (absl::Status ready = WaitUntilGatewayReady(s->gateway_host, s->gateway_port, wait);
      !ready.ok()) {
    return ready;
  }
  RoleApplicantsOptions options;
  options.applicants = absl::GetFlag(FLAGS_applicants);
  options.untrained_every = absl::GetFlag(FLAGS_untrained_every);
  options.threads = absl::GetFlag(FLAGS_seed_threads);
  const std::string run = absl::StrCat(absl::ToUnixMicros(absl::Now()));
  std::cerr << "seeding one role with " << options.applicants << " applicants\n";
  absl::StatusOr<RoleApplicants> seeded =
      SeedRoleApplicants(s->registry, s->matching, admin_key, run, options);
  if (!seeded.ok()) return seeded.status();
  s->role = seeded->role;
  s->live_applications = seeded->applications;

  std::cerr << "making a recruiter of " << seeded->body << " and signing them in\n";
  absl::StatusOr<BenchStaff> recruiter =
      CreateRecruiter(s->registry, seeded->body_key, seeded->body, run);
  if (!recruiter.ok()) return recruiter.status();
  absl::StatusOr<std::string> cookie = SignInThroughForm(
      s->gateway_host, s->gateway_port, "/staff/sign-in", recruiter->email, recruiter->password);
  if (!cookie.ok()) return cookie.status();
  s->cookie = *std::move(cookie);
  absl::StatusOr<std::string> key = SignInStaffKey(s->registry, *recruiter);
  if (!key.ok()) return key.status();
  s->staff_key = *std::move(key);
  absl::StrAppendFormat(
      summary,
      "Seeded one body (%s) and one open role of it (%s) through the registry's API; signed "
      "up %d people as admin with profiles meeting the role, each applying to it (%d "
      "acknowledged and %d shortlisted by the body's key, the rest submitted; %d without "
      "the role's credential, so not meeting every requirement) in %.1f s. A recruiter "
      "made with the body's key (CreateStaff, SetStaffPassword) signed in through the "
      "gateway's form (GET /staff/sign-in for the csrf field and cookie, POST "
      "/staff/sign-in); the gRPC calls carry their key from SignInStaff. Each of the %d "
      "threads sends the recruiter's cookie; gRPC answers are kept as bytes, not parsed.\n\n",
      seeded->body, seeded->role, seeded->applications, seeded->acknowledged, seeded->shortlisted,
      seeded->untrained, seeded->seconds, s->in_flight);
  return absl::OkStatus();
}

int Main() {
  if (absl::Status ranges = CheckRanges(); !ranges.ok()) {
    std::cerr << ranges << "\n";
    return 2;
  }
  const std::string admin_key = AdminKeyOr(absl::GetFlag(FLAGS_admin_key));
  if (admin_key.empty()) {
    std::cerr << "no admin key: give --admin_key or set CADRE_ADMIN_KEY\n";
    return 2;
  }
  StaffPagesSetup s;
  s.registry = absl::GetFlag(FLAGS_registry);
  s.matching = absl::GetFlag(FLAGS_matching);
  if (s.registry.empty() || s.matching.empty()) {
    std::cerr << "give --registry, --matching and --gateway (HOST:PORT each)\n";
    return 2;
  }
  if (absl::Status address =
          SplitAddress(absl::GetFlag(FLAGS_gateway), "gateway", &s.gateway_host, &s.gateway_port);
      !address.ok()) {
    std::cerr << address << "\n";
    return 2;
  }
  absl::StatusOr<std::vector<WatchedProcess>> watched =
      ParseWatchedProcesses(absl::GetFlag(FLAGS_cpu_pids));
  if (!watched.ok()) {
    std::cerr << "--cpu_pids: " << watched.status() << "\n";
    return 2;
  }
  s.watched = *std::move(watched);
  s.redis_port = absl::GetFlag(FLAGS_redis_port);
  s.in_flight = absl::GetFlag(FLAGS_in_flight);
  s.repeats = absl::GetFlag(FLAGS_repeats);
  s.http.warmup = absl::GetFlag(FLAGS_warmup);
  s.http.duration = absl::GetFlag(FLAGS_duration);
  s.http.timeout = absl::GetFlag(FLAGS_timeout);
  s.grpc.warmup = s.http.warmup;
  s.grpc.duration = s.http.duration;
  s.grpc.call_deadline = s.http.timeout;
  s.grpc.driver_threads = absl::GetFlag(FLAGS_driver_threads);
  s.grpc.calls_per_channel = absl::GetFlag(FLAGS_calls_per_channel);

  std::string summary = absl::StrCat("Machine at start: ", MachineLine(), "\n\n");
  if (absl::Status prepared = Prepare(admin_key, &s, &summary); !prepared.ok()) {
    std::cerr << "staff pages: " << prepared << "\n";
    return 1;
  }
  std::cerr << summary << std::flush;
  if (absl::Status measured = MeasureStaffPages(s, &summary); !measured.ok()) {
    std::cerr << "staff pages: " << measured << "\n";
    return 1;
  }
  absl::StrAppend(&summary, "Machine at the end: ", MachineLine(), "\n\n");
  std::cout << summary << std::flush;
  WriteSummaryFile(absl::GetFlag(FLAGS_out), false, summary);
  return 0;
}

}  // namespace
}  // namespace cadre::bench

int main(int argc, char** argv) {
  // As the other benchmarks: a write to a socket the server closed must not kill us.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  std::signal(SIGPIPE, SIG_IGN);
  absl::ParseCommandLine(argc, argv);
  cadre::log::Init("staff_pages_bench", absl::GetFlag(FLAGS_log_level));
  return cadre::bench::Main();
}
