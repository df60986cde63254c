// recommend_bench: the cost of Recommend (services/matching/view/recommender.h), the engine
// behind RecommendRoles, in process: no gRPC, no Redis. It fills an OpenRoles with
// --roles realistic random open roles (7 regions, a third remote or national, 1-5 topics of
// a vocabulary of 60, 0-4 expertise of 30, 1-40 hours a month, a few with credentials or a
// minimum age, a few past their closing time) and asks for --profiles random people's (each
// having applied to up to 8 roles, left out)
// recommendations: one call at a time; --in_flight calls at once, each on its own thread;
// and --in_flight calls at once queued for --workers threads, as the service runs them.
// A call's latency runs from its start (its submission, with workers) to its answer, so
// with more threads than cores it includes the wait for a core; "CPU µs" is the CPU time
// the call itself used, whatever else the machine runs. Markdown to stdout.
//
//   recommend_bench [--roles=50000] [--profiles=200] [--in_flight=16] [--workers=8]
//                   [--rounds=3]

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <ctime>
#include <deque>
#include <functional>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "services/matching/domain/scoring.h"
#include "services/matching/view/open_roles.h"
#include "services/matching/view/recommender.h"

ABSL_FLAG(int, roles, 50000, "open roles in the set");
ABSL_FLAG(int, profiles, 200, "people asking; each thread asks for each in turn");
ABSL_FLAG(int, in_flight, 16, "threads calling at once in the concurrent runs");
ABSL_FLAG(int, workers, 8,
          "worker threads the --in_flight calls queue for in the third run of each call, as "
          "the service's --workers (default 8)");
ABSL_FLAG(int, rounds, 3, "times each thread goes through the people, per run");
ABSL_FLAG(std::string, only, "", "run only the calls whose name contains this, e.g. \"limit 200\"");
ABSL_FLAG(uint32_t, seed, 7, "random seed for roles and people");

namespace cadre::bench {
namespace {

using cadre::v1::AttendanceMode;
using cadre::v1::Region;

constexpr Region kRegions[] = {
    cadre::v1::REGION_EAST_OF_ENGLAND, cadre::v1::REGION_LONDON,
    cadre::v1::REGION_MIDLANDS,        cadre::v1::REGION_NORTH_EAST_AND_YORKSHIRE,
    cadre::v1::REGION_NORTH_WEST,      cadre::v1::REGION_SOUTH_EAST,
    cadre::v1::REGION_SOUTH_WEST};
constexpr int kTopics = 60;
constexpr int kExpertise = 30;
constexpr int kBodies = 400;

class Random {
 public:
  explicit Random(uint32_t seed) : engine_(seed) {}
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(engine_); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(engine_); }
  Region AnyRegion() { return kRegions[Int(0, 6)]; }
  // Zipf-like: the first tags of a vocabulary are the most common, as in real listings.
  int Tag(int vocabulary) {
    const double u = std::uniform_real_distribution<double>(0, 1)(engine_);
    return std::min(vocabulary - 1, static_cast<int>(vocabulary * u * u));
  }

 private:
  std::mt19937 engine_;
};

std::string Topic(int i) { return absl::StrCat("topic-", i, "-condition"); }
std::string Expertise(int i) { return absl::StrCat("expertise-", i); }

void SetTime(absl::Time t, google::protobuf::Timestamp* out) {
  out->set_seconds(absl::ToUnixSeconds(t));
}

cadre::v1::Role RandomRole(Random& rnd, int64_t id, absl::Time now) {
  cadre::v1::Role r;
  r.set_name(absl::StrCat("roles/", id));
  r.set_body(absl::StrCat("bodies/B", rnd.Int(1, kBodies)));
  r.set_title(absl::StrCat("Patient leader ", id));
  r.set_summary("Help us shape the service: an evening meeting a month, papers beforehand.");
  r.set_state(cadre::v1::ROLE_STATE_OPEN);
  // A third anyone may take: remote (in any region) or in person anywhere in England.
  if (rnd.Chance(1.0 / 3)) {
    const bool national = rnd.Chance(0.25);
    r.mutable_location()->set_region(national ? cadre::v1::REGION_NATIONAL : rnd.AnyRegion());
    r.mutable_location()->set_mode(national ? cadre::v1::ATTENDANCE_MODE_IN_PERSON
                                            : cadre::v1::ATTENDANCE_MODE_REMOTE);
  } else {
    r.mutable_location()->set_region(rnd.AnyRegion());
    r.mutable_location()->set_mode(rnd.Chance(0.5) ? cadre::v1::ATTENDANCE_MODE_IN_PERSON
                                                   : cadre::v1::ATTENDANCE_MODE_HYBRID);
  }
  r.mutable_time_commitment()->set_hours_per_month(rnd.Int(1, 40));
  for (int i = rnd.Int(1, 5); i > 0; --i) r.add_topics(Topic(rnd.Tag(kTopics)));
  for (int i = rnd.Int(0, 4); i > 0; --i) r.add_expertise_sought(Expertise(rnd.Tag(kExpertise)));
  if (rnd.Chance(0.05)) r.add_required_credentials(rnd.Chance(0.5) ? "dbs-enhanced" : "dbs-basic");
  if (rnd.Chance(0.03)) r.add_required_credentials("modules/ppv-induction");
  if (rnd.Chance(0.05)) r.set_minimum_age(18);
  r.set_places(rnd.Int(1, 5));
  // Closing within 90 days; 2% already closed for applications (still OPEN).
  SetTime(now + absl::Hours(rnd.Chance(0.02) ? -rnd.Int(1, 240) : rnd.Int(1, 90 * 24)),
          r.mutable_closing_time());
  return r;
}

cadre::v1::Profile RandomProfile(Random& rnd) {
  cadre::v1::Profile p;
  p.set_display_name("Bench Person");
  p.mutable_date_of_birth()->set_year(rnd.Int(1945, 2005));
  p.mutable_date_of_birth()->set_month(rnd.Int(1, 12));
  p.mutable_date_of_birth()->set_day(rnd.Int(1, 28));
  p.set_region(rnd.AnyRegion());
  for (int i = rnd.Int(1, 5); i > 0; --i) p.add_lived_experience(Topic(rnd.Tag(kTopics)));
  for (int i = rnd.Int(0, 3); i > 0; --i) p.add_skills(Expertise(rnd.Tag(kExpertise)));
  for (int i = rnd.Int(0, 3); i > 0; --i) p.add_expertise(Expertise(rnd.Tag(kExpertise)));
  p.set_availability_hours_per_month(rnd.Int(4, 40));
  p.set_max_concurrent_roles(rnd.Int(0, 3));
  p.set_attendance(cadre::v1::ATTENDANCE_MODE_HYBRID);
  if (rnd.Chance(0.1)) {
    cadre::v1::DeclaredInterest* d = p.add_declared_interests();
    d->set_body(absl::StrCat("bodies/B", rnd.Int(1, kBodies)));
    d->set_kind(cadre::v1::DeclaredInterest::KIND_WORKS_FOR);
  }
  return p;
}

struct Person {
  cadre::v1::Profile profile;
  std::vector<cadre::v1::Credential> credentials;
  int active = 0;
  int last_24_months = 0;
  absl::flat_hash_set<int64_t> exclude;  // roles applied to
};

struct Scenario {
  std::string name;
  int limit = 10;
  bool include_ineligible = false;
};

struct Figures {
  double p50_us = 0, p99_us = 0, mean_us = 0, max_us = 0;
  double considered = 0, scored = 0, returned = 0;
  double calls_per_second = 0;
  double cpu_us = 0;  // CPU time of the calling thread, a call
  int calls = 0;
};

// CPU time this thread has used: a call's own cost, whatever else the machine runs.
double ThreadCpuMicroseconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

// A first-in first-out pool of worker threads, as the service runs its calls on (its
// --workers, services/common/worker_pool.h).
class FifoPool {
 public:
  explicit FifoPool(int threads) {
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Loop(); });
  }
  ~FifoPool() {
    {
      absl::MutexLock lock(&mu_);
      stopping_ = true;
    }
    for (std::thread& t : threads_) t.join();
  }
  void Submit(std::function<void()> task) {
    absl::MutexLock lock(&mu_);
    queue_.push_back(std::move(task));
  }

 private:
  void Loop() {
    for (;;) {
      std::function<void()> task;
      {
        absl::MutexLock lock(&mu_);
        mu_.Await(absl::Condition(
            +[](FifoPool* p) ABSL_EXCLUSIVE_LOCKS_REQUIRED(p->mu_) {
              return p->stopping_ || !p->queue_.empty();
            },
            this));
        if (queue_.empty()) return;
        task = std::move(queue_.front());
        queue_.pop_front();
      }
      task();
    }
  }

  absl::Mutex mu_;
  std::deque<std::function<void()>> queue_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

// `clients` callers, each with one call in flight at a time, for `rounds` rounds of the
// people. With `workers` 0 each caller runs its calls on its own thread; otherwise the
// calls queue for `workers` threads, and a call's latency runs from its submission.
Figures Run(const cadre::matching::OpenRoles& roles, const std::vector<Person>& people,
            const Scenario& s, int clients, int workers, int rounds, absl::Time now,
            const cadre::v1::Date& today) {
  std::vector<std::vector<double>> latencies(clients);
  std::vector<int64_t> considered(clients), scored(clients), returned(clients);
  std::vector<double> cpu(clients);
  std::unique_ptr<FifoPool> pool;
  if (workers > 0) pool = std::make_unique<FifoPool>(workers);
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> callers;
  for (int t = 0; t < clients; ++t) {
    callers.emplace_back([&, t] {
      ready.fetch_add(1);
      while (!go.load()) std::this_thread::yield();
      for (int round = 0; round < rounds; ++round) {
        for (size_t i = 0; i < people.size(); ++i) {
          // Callers start at different people, as different people would call.
          const Person& p = people[(i + static_cast<size_t>(t) * 13) % people.size()];
          cadre::matching::RecommendQuery q;
          q.profile = &p.profile;
          q.credentials = p.credentials;
          q.active_placements = p.active;
          q.placements_last_24_months = p.last_24_months;
          q.today = today;
          q.now = now;
          q.limit = s.limit;
          q.include_ineligible = s.include_ineligible;
          q.exclude = &p.exclude;
          cadre::matching::Recommendations r;
          const absl::Time start = absl::Now();
          absl::Time end;
          double cpu_us = 0;
          const auto call = [&] {
            const double cpu_start = ThreadCpuMicroseconds();
            r = cadre::matching::Recommend(roles, cadre::matching::DefaultScoringPolicy(), q);
            cpu_us = ThreadCpuMicroseconds() - cpu_start;
            end = absl::Now();
          };
          if (pool == nullptr) {
            call();
          } else {
            absl::Notification done;
            pool->Submit([&] {
              call();
              done.Notify();
            });
            done.WaitForNotification();
          }
          latencies[t].push_back(absl::ToDoubleMicroseconds(end - start));
          cpu[t] += cpu_us;
          considered[t] += r.considered;
          scored[t] += r.scored;
          returned[t] += static_cast<int64_t>(r.ranked.size());
        }
      }
    });
  }
  while (ready.load() < clients) std::this_thread::yield();
  const absl::Time start = absl::Now();
  go.store(true);
  for (std::thread& th : callers) th.join();
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  pool.reset();

  std::vector<double> all;
  Figures f;
  for (int t = 0; t < clients; ++t) {
    all.insert(all.end(), latencies[t].begin(), latencies[t].end());
    f.considered += static_cast<double>(considered[t]);
    f.scored += static_cast<double>(scored[t]);
    f.returned += static_cast<double>(returned[t]);
    f.cpu_us += cpu[t];
  }
  std::sort(all.begin(), all.end());
  f.calls = static_cast<int>(all.size());
  const auto at = [&](double q) { return all[static_cast<size_t>(q * (all.size() - 1))]; };
  f.p50_us = at(0.50);
  f.p99_us = at(0.99);
  f.max_us = all.back();
  double sum = 0;
  for (double v : all) sum += v;
  f.mean_us = sum / f.calls;
  f.considered /= f.calls;
  f.scored /= f.calls;
  f.returned /= f.calls;
  f.cpu_us /= f.calls;
  f.calls_per_second = f.calls / seconds;
  return f;
}

int Main() {
  const int role_count = absl::GetFlag(FLAGS_roles);
  const int threads = std::max(1, absl::GetFlag(FLAGS_in_flight));
  const int rounds = std::max(1, absl::GetFlag(FLAGS_rounds));
  const int workers = std::max(1, absl::GetFlag(FLAGS_workers));
  const absl::Time now = absl::FromUnixSeconds(1781524800);  // 2026-06-15 12:00 UTC
  cadre::v1::Date today;
  today.set_year(2026);
  today.set_month(6);
  today.set_day(15);

  Random rnd(absl::GetFlag(FLAGS_seed));
  cadre::matching::OpenRoles roles;
  std::vector<cadre::v1::Role> generated;
  generated.reserve(static_cast<size_t>(role_count));
  for (int64_t id = 1; id <= role_count; ++id) generated.push_back(RandomRole(rnd, id, now));
  const absl::Time fill_start = absl::Now();
  for (cadre::v1::Role& role : generated) roles.Apply(std::move(role), 1);
  const absl::Duration fill = absl::Now() - fill_start;
  generated.clear();

  std::vector<Person> people;
  for (int i = 0; i < std::max(1, absl::GetFlag(FLAGS_profiles)); ++i) {
    Person p;
    p.profile = RandomProfile(rnd);
    if (rnd.Chance(0.2)) {
      cadre::v1::Credential c;
      c.set_kind("dbs-enhanced");
      c.mutable_issue_date()->set_year(2025);
      c.mutable_issue_date()->set_month(3);
      c.mutable_issue_date()->set_day(1);
      c.mutable_expiry_date()->set_year(2028);
      c.mutable_expiry_date()->set_month(3);
      c.mutable_expiry_date()->set_day(1);
      p.credentials.push_back(c);
    }
    p.active = rnd.Int(0, 1);
    p.last_24_months = p.active + rnd.Int(0, 2);
    for (int n = rnd.Int(0, 8); n > 0; --n) p.exclude.insert(rnd.Int(1, role_count));
    people.push_back(std::move(p));
  }

  // What scoring one role in full costs, for what `scored` means.
  const std::vector<cadre::matching::OpenRolePtr> sample = roles.Snapshot();
  const size_t sampled = std::min<size_t>(sample.size(), 20000);
  size_t eligible = 0;
  const double full_start = ThreadCpuMicroseconds();
  for (size_t i = 0; i < sampled; ++i) {
    const Person& p = people[i % people.size()];
    const cadre::matching::Screening screening = cadre::matching::Screen(
        {*sample[i], sample[i]->minimum_age(), p.profile, p.credentials, p.active, today});
    const cadre::matching::Score score = cadre::matching::ScoreFor(
        cadre::matching::DefaultScoringPolicy(), *sample[i], p.profile, p.active, p.last_24_months);
    if (screening.eligible() && score.total >= 0) ++eligible;
  }
  const double full_us = (ThreadCpuMicroseconds() - full_start) / std::max<size_t>(1, sampled);

  size_t taking = 0;
  roles.ReadIndex([&](const cadre::matching::RoleIndex& index) {
    taking = index.CountTakingApplications(now);
  });
  std::cout << absl::StrFormat(
      "# Recommend\n\n%d open roles (%d taking applications), filled in %s (%.1f µs a role); "
      "%d people; %u hardware threads. ScoreFor and Screen of one role for one person: %.1f "
      "µs of CPU (eligible: %.1f%% of %d pairs)\n\n",
      role_count, taking, absl::FormatDuration(fill),
      absl::ToDoubleMicroseconds(fill) / std::max(1, role_count), people.size(),
      std::thread::hardware_concurrency(), full_us, 100.0 * eligible / std::max<size_t>(1, sampled),
      sampled);
  std::cout << "| call | in flight | on | calls | p50 µs | p99 µs | mean µs | max µs | CPU µs | "
               "calls/s | considered | scored | returned |\n"
               "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  const std::vector<Scenario> scenarios = {
      {"eligible, limit 10", 10, false},
      {"eligible, limit 50", 50, false},
      {"eligible, limit 200", 200, false},
      {"with ineligible, limit 10", 10, true},
  };
  struct Load {
    int clients;
    int workers;  // 0: each caller's own thread
  };
  const std::vector<Load> loads = {{1, 0}, {threads, 0}, {threads, workers}};
  for (const Scenario& s : scenarios) {
    if (!absl::StrContains(s.name, absl::GetFlag(FLAGS_only))) continue;
    for (const Load& load : loads) {
      const Figures f = Run(roles, people, s, load.clients, load.workers, rounds, now, today);
      const std::string on = load.workers == 0 ? absl::StrCat(load.clients, " threads")
                                               : absl::StrCat(load.workers, " workers");
      std::cout << absl::StrFormat(
                       "| %s | %d | %s | %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | "
                       "%.1f | %.1f |",
                       s.name, load.clients, on, f.calls, f.p50_us, f.p99_us, f.mean_us, f.max_us,
                       f.cpu_us, f.calls_per_second, f.considered, f.scored, f.returned)
                << "\n"
                << std::flush;
    }
  }
  return 0;
}

}  // namespace
}  // namespace cadre::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return cadre::bench::Main();
}
