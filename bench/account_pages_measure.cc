#include "bench/account_pages_measure.h"

#include <iostream>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bench/report.h"
#include "bench/server_timing.h"

namespace cadre::bench {
namespace {

constexpr char kRolePage[] = "anonymous /roles/{id}";

HttpCall Get(const std::string& path, const std::string& cookie) {
  HttpCall call;
  call.path = path;
  if (!cookie.empty()) call.headers.emplace_back("Cookie", cookie);
  return call;
}

// One measurement of `target` at s.in_flight: every thread its own fill, Server-Timing
// added up.
LoadResult MeasureOne(const AccountPagesSetup& s, const HttpFillFor& fill_for,
                      ServerTimingTally* timing) {
  HttpLoadOptions options = s.http;
  options.in_flight = s.in_flight;
  return RunHttpWithServerTiming(s.gateway_host, s.gateway_port, fill_for, options, timing);
}

}  // namespace

absl::Status MeasureAccountPages(const AccountPagesSetup& s, std::string* summary) {
  if (s.roles.empty() || s.cookies.empty()) {
    return absl::FailedPreconditionError("no roles or no signed-in people to measure with");
  }
  // Probes: the baseline must answer; a person's page that does not is left out.
  const HttpAnswer role =
      HttpOnce(s.gateway_host, s.gateway_port, Get(absl::StrCat("/", s.roles.front()), ""), true);
  if (role.status != 200) {
    return absl::FailedPreconditionError(absl::StrCat("the role page answered ", role.status,
                                                      role.error.empty() ? "" : ": ", role.error));
  }
  std::vector<std::string> pages;
  std::string left_out;
  for (const std::string& page : s.pages) {
    const HttpAnswer answer =
        HttpOnce(s.gateway_host, s.gateway_port, Get(page, s.cookies.front()), true);
    if (answer.status == 200) {
      pages.push_back(page);
    } else {
      absl::StrAppend(&left_out, "**", page, " was not measured**: its probe answered ",
                      answer.status,
                      answer.status == 0 ? absl::StrCat(" (", answer.error, ")") : "", ".\n\n");
    }
  }
  if (pages.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("no page of a person answered 200. ", left_out));
  }

  std::vector<Run> runs;
  std::vector<ServerTimings> timings;
  const std::vector<std::string>& roles = s.roles;
  const HttpFillFor role_fill = [&roles](int) -> HttpFill {
    return [&roles](std::mt19937_64& rng, HttpCall* call) {
      *call = Get(absl::StrCat("/", roles[rng() % roles.size()]), "");
    };
  };
  for (int r = 1; r <= s.repeats; ++r) {
    Run run;
    ServerTimings timing;
    std::cerr << "run " << r << ": " << kRolePage << " at " << s.in_flight << " in flight\n";
    run.push_back({kRolePage, s.in_flight, MeasureOne(s, role_fill, &timing[kRolePage])});
    for (const std::string& page : pages) {
      std::cerr << "run " << r << ": " << page << " at " << s.in_flight << " in flight\n";
      const std::vector<std::string>& cookies = s.cookies;
      const HttpFillFor fill_for = [&cookies, &page](int thread) -> HttpFill {
        const std::string cookie = cookies[thread % cookies.size()];
        return [cookie, &page](std::mt19937_64&, HttpCall* call) { *call = Get(page, cookie); };
      };
      run.push_back({page, s.in_flight, MeasureOne(s, fill_for, &timing[page])});
    }
    std::cout << "### Run " << r << "\n\n" << RunTable(run) << "\n" << std::flush;
    runs.push_back(std::move(run));
    timings.push_back(std::move(timing));
  }

  std::vector<std::string> targets = {kRolePage};
  targets.insert(targets.end(), pages.begin(), pages.end());
  absl::StrAppend(summary, "## A person's pages at ", s.in_flight, " in flight, over ", runs.size(),
                  " run(s)\n\n", left_out, ServerTimingTable(runs, timings, targets, s.in_flight),
                  "\n", SummaryTable(runs), "\n");
  std::vector<RatioColumn> columns;
  for (const std::string& page : pages) {
    columns.push_back(
        {absl::StrCat(page, " / role page p99"), page, kRolePage, &LoadResult::p99_ms});
    columns.push_back({absl::StrCat(page, " / role page QPS"), page, kRolePage, &LoadResult::qps});
  }
  absl::StrAppend(summary, "Ratios within each run (median and range):\n\n",
                  RatioTable(runs, columns), "\n");
  return absl::OkStatus();
}

}  // namespace cadre::bench
