// account_pages_bench: the speed of a signed-in person's pages, as issue 9 asks it: "My
// applications" (/applications) and "Roles for you" (/for-you) at --in_flight requests
// in flight, every thread its own person's session, with p50, p99, QPS and the mean of
// the gateway's Server-Timing parts (session lookup, upstream, rendering); and, in the
// same run, the anonymous role page (/roles/{id}) as the baseline for the ratios
// (bench/account_pages_measure.h). Markdown to stdout, progress to stderr.
// bench/run_account_pages_bench.sh starts Redis, the registry, matching and the gateway
// around it.
//
//   account_pages_bench --registry=127.0.0.1:R --matching=127.0.0.1:M --gateway=127.0.0.1:G
//
// It seeds --roles open roles through the registry's API, signs --people people up
// through matching as admin (each with a profile meeting the roles, their credentials and
// --applications_each applications; bench/account_pages_seed.h), then signs each in
// through the gateway's own form as a browser does. The admin key comes from
// --admin_key or CADRE_ADMIN_KEY. Everything is on loopback and bounded: each
// measurement by --warmup + --duration, each request by --timeout.

#include <csignal>
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "bench/account_pages_measure.h"
#include "bench/account_pages_seed.h"
#include "bench/application_calls.h"
#include "bench/bench_args.h"
#include "bench/http_load.h"
#include "bench/matching_calls.h"
#include "bench/report.h"
#include "bench/seed.h"
#include "services/common/logging.h"

ABSL_FLAG(std::string, registry, "", "the registry's gRPC address, e.g. 127.0.0.1:50051");
ABSL_FLAG(std::string, matching, "", "matching's gRPC address, e.g. 127.0.0.1:50052");
ABSL_FLAG(std::string, gateway, "", "the gateway's HTTP address, e.g. 127.0.0.1:8080");
ABSL_FLAG(std::string, admin_key, "", "admin key for seeding; default $CADRE_ADMIN_KEY");
ABSL_FLAG(int, roles, 2000, "open roles to seed, 20-100,000");
ABSL_FLAG(int, bodies, 12, "bodies to create when seeding, 1-26");
ABSL_FLAG(int, seed_threads, 8, "concurrent writers when seeding roles, 1-64");
ABSL_FLAG(int, people, 50, "people signed up and signed in, 1-1,000");
ABSL_FLAG(int, applications_each, 20, "applications each person makes, 0-100");
ABSL_FLAG(int, withdraw_every, 4, "withdraw every n-th application again (0: none)");
ABSL_FLAG(int, people_threads, 4, "concurrent callers when seeding people and signing in, 1-64");
ABSL_FLAG(std::vector<std::string>, pages, std::vector<std::string>({"/applications", "/for-you"}),
          "a person's pages to measure, comma-separated");
ABSL_FLAG(int, in_flight, 16, "requests in flight, 1-256");
ABSL_FLAG(absl::Duration, warmup, absl::Seconds(1), "warm-up before each measurement");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(5), "length of each measurement, at most 60s");
ABSL_FLAG(absl::Duration, timeout, absl::Seconds(5), "each request's timeout");
ABSL_FLAG(int, repeats, 3, "runs of the whole set of measurements (median and range), 1-10");
ABSL_FLAG(absl::Duration, wait_ready, absl::Seconds(60), "how long to wait for the services");
ABSL_FLAG(std::string, out, "", "also write the summary markdown to this file");
ABSL_FLAG(std::string, log_level, "warn", "log level of this process: debug ... error");

namespace cadre::bench {
namespace {

absl::Status CheckRanges() {
  for (const absl::Status& s :
       {InRange(absl::GetFlag(FLAGS_roles), 20, 100000, "roles"),
        InRange(absl::GetFlag(FLAGS_bodies), 1, 26, "bodies"),
        InRange(absl::GetFlag(FLAGS_seed_threads), 1, 64, "seed_threads"),
        InRange(absl::GetFlag(FLAGS_people), 1, 1000, "people"),
        InRange(absl::GetFlag(FLAGS_applications_each), 0, 100, "applications_each"),
        InRange(absl::GetFlag(FLAGS_people_threads), 1, 64, "people_threads"),
        InRange(absl::GetFlag(FLAGS_in_flight), 1, 256, "in_flight"),
        InRange(absl::GetFlag(FLAGS_repeats), 1, 10, "repeats")}) {
    if (!s.ok()) return s;
  }
  return CheckMeasureDuration(absl::GetFlag(FLAGS_duration));
}

// Waits for the three services; seeds roles and people; signs everyone in.
absl::Status Prepare(const std::string& admin_key, AccountPagesSetup* s, std::string* summary) {
  const std::string registry = absl::GetFlag(FLAGS_registry);
  const std::string matching = absl::GetFlag(FLAGS_matching);
  const absl::Duration wait = absl::GetFlag(FLAGS_wait_ready);
  if (absl::Status ready = WaitUntilServing(registry, wait); !ready.ok()) return ready;
  absl::StatusOr<absl::Duration> serving =
      WaitUntilHealthServing(matching, "cadre.v1.Matching", absl::Now(), wait);
  if (!serving.ok()) return serving.status();
  if (absl::Status ready = WaitUntilGatewayReady(s->gateway_host, s->gateway_port, wait);
      !ready.ok()) {
    return ready;
  }
  SeedOptions seed;
  seed.admin_key = admin_key;
  seed.bodies = absl::GetFlag(FLAGS_bodies);
  seed.roles = absl::GetFlag(FLAGS_roles);
  seed.threads = absl::GetFlag(FLAGS_seed_threads);
  std::cerr << "seeding " << seed.roles << " open roles\n";
  const absl::Time seed_start = absl::Now();
  absl::StatusOr<std::vector<std::string>> roles = SeedRegistry(registry, seed);
  if (!roles.ok()) return roles.status();
  s->roles = *std::move(roles);
  const double seed_seconds = absl::ToDoubleSeconds(absl::Now() - seed_start);

  PeopleOptions people;
  people.people = absl::GetFlag(FLAGS_people);
  people.applications_each = absl::GetFlag(FLAGS_applications_each);
  people.withdraw_every = absl::GetFlag(FLAGS_withdraw_every);
  people.threads = absl::GetFlag(FLAGS_people_threads);
  std::cerr << "signing up " << people.people << " people with " << people.applications_each
            << " applications each\n";
  absl::StatusOr<PeopleSeeded> seeded = SeedPeople(
      matching, admin_key, absl::StrCat(absl::ToUnixMicros(absl::Now())), s->roles, people);
  if (!seeded.ok()) return seeded.status();

  std::cerr << "signing " << seeded->people.size() << " people in through the gateway\n";
  const absl::Time sign_in_start = absl::Now();
  s->cookies.assign(seeded->people.size(), "");
  if (absl::Status signed_in =
          ParallelFor(static_cast<int>(seeded->people.size()), people.threads,
                      [&](int i) -> absl::Status {
                        const BenchApplicant& person = seeded->people[i];
                        absl::StatusOr<std::string> cookie = SignInThroughGateway(
                            s->gateway_host, s->gateway_port, person.email, person.password);
                        if (!cookie.ok()) return cookie.status();
                        s->cookies[i] = *std::move(cookie);
                        return absl::OkStatus();
                      });
      !signed_in.ok()) {
    return signed_in;
  }
  const double sign_in_seconds = absl::ToDoubleSeconds(absl::Now() - sign_in_start);
  absl::StrAppendFormat(
      summary,
      "Seeded %d open roles (%d bodies) through the registry's API in %.1f s; signed up %d "
      "people as admin, each with a profile meeting the roles (bench/application_fixture.h), "
      "the credentials they ask for and %d applications (%d in all, %d of them withdrawn "
      "again) in %.1f s; signed each in through the gateway's form (GET /sign-in for the "
      "csrf field and cookie, POST /sign-in) in %.1f s. Each of the %d threads sends its own "
      "person's cookie.\n\n",
      s->roles.size(), seed.bodies, seed_seconds, seeded->people.size(), people.applications_each,
      seeded->applications, seeded->withdrawn, seeded->seconds, sign_in_seconds, s->in_flight);
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
  AccountPagesSetup s;
  if (absl::GetFlag(FLAGS_registry).empty() || absl::GetFlag(FLAGS_matching).empty()) {
    std::cerr << "give --registry, --matching and --gateway (HOST:PORT each)\n";
    return 2;
  }
  if (absl::Status address =
          SplitAddress(absl::GetFlag(FLAGS_gateway), "gateway", &s.gateway_host, &s.gateway_port);
      !address.ok()) {
    std::cerr << address << "\n";
    return 2;
  }
  s.pages = absl::GetFlag(FLAGS_pages);
  s.in_flight = absl::GetFlag(FLAGS_in_flight);
  s.repeats = absl::GetFlag(FLAGS_repeats);
  s.http.warmup = absl::GetFlag(FLAGS_warmup);
  s.http.duration = absl::GetFlag(FLAGS_duration);
  s.http.timeout = absl::GetFlag(FLAGS_timeout);

  std::string summary = absl::StrCat("Machine at start: ", MachineLine(), "\n\n");
  if (absl::Status prepared = Prepare(admin_key, &s, &summary); !prepared.ok()) {
    std::cerr << "account pages: " << prepared << "\n";
    return 1;
  }
  std::cerr << summary << std::flush;
  if (absl::Status measured = MeasureAccountPages(s, &summary); !measured.ok()) {
    std::cerr << "account pages: " << measured << "\n";
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
  cadre::log::Init("account_pages_bench", absl::GetFlag(FLAGS_log_level));
  return cadre::bench::Main();
}
