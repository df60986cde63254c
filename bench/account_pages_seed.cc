#include "bench/account_pages_seed.h"

#include <httplib.h>

#include <atomic>
#include <map>
#include <regex>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "bench/application_calls.h"
#include "bench/application_fixture.h"
#include "bench/role_fixture.h"

namespace cadre::bench {
namespace {

// The browser's cookies: name → value, as the Set-Cookie headers left them.
using CookieJar = std::map<std::string, std::string>;

void TakeCookies(const httplib::Response& response, CookieJar* jar) {
  const size_t n = response.get_header_value_count("Set-Cookie");
  for (size_t i = 0; i < n; ++i) {
    const std::string header = response.get_header_value("Set-Cookie", i);
    const std::string pair(header.substr(0, header.find(';')));
    const size_t eq = pair.find('=');
    if (eq == std::string::npos) continue;
    const std::string name(absl::StripAsciiWhitespace(pair.substr(0, eq)));
    const std::string value(absl::StripAsciiWhitespace(pair.substr(eq + 1)));
    // An empty value or Max-Age=0 is the server clearing the cookie.
    if (value.empty() || absl::StrContains(absl::AsciiStrToLower(header), "max-age=0")) {
      jar->erase(name);
    } else {
      (*jar)[name] = value;
    }
  }
}

std::string CookieHeader(const CookieJar& jar) {
  return absl::StrJoin(jar, "; ", absl::PairFormatter("="));
}

// The value of the form's hidden field "csrf" (either order of the attributes).
std::string CsrfOf(const std::string& html) {
  static const std::regex name_first(R"re(name="csrf"[^>]*value="([^"]*)")re");
  static const std::regex value_first(R"re(value="([^"]*)"[^>]*name="csrf")re");
  std::smatch m;
  if (std::regex_search(html, m, name_first) || std::regex_search(html, m, value_first)) {
    return m[1];
  }
  return "";
}

}  // namespace

absl::StatusOr<PeopleSeeded> SeedPeople(const std::string& matching, const std::string& admin_key,
                                        const std::string& run,
                                        const std::vector<std::string>& roles,
                                        const PeopleOptions& options) {
  if (roles.empty()) return absl::InvalidArgumentError("no roles to apply to");
  const absl::Time start = absl::Now();
  const int most_roles = options.max_concurrent_roles;
  absl::StatusOr<std::vector<BenchApplicant>> people =
      SignUpApplicants(matching, admin_key, run, options.people, options.threads,
                       [most_roles](int i, cadre::v1::SignUpRequest* request) {
                         MeetBenchRoles(i, most_roles, request->mutable_profile());
                       });
  if (!people.ok()) return people.status();
  PeopleSeeded seeded;
  seeded.people = *std::move(people);
  ApplicationCalls calls(matching);
  // Each submission waits, if it must, for matching's view to take in its role.
  const int n_roles = static_cast<int>(roles.size());
  std::atomic<int> applications{0};
  std::atomic<int> withdrawn{0};
  absl::Status status = ParallelFor(
      static_cast<int>(seeded.people.size()), options.threads, [&](int p) -> absl::Status {
        const BenchApplicant& person = seeded.people[p];
        absl::Status granted =
            calls.GrantCredential(admin_key, person.name, kBenchTrainingCredential);
        if (granted.ok() && p % 2 == 0) {
          granted = calls.GrantCredential(admin_key, person.name, kBenchDbsCredential);
        }
        if (!granted.ok()) return granted;
        for (int n = 0; n < options.applications_each; ++n) {
          const std::string& role = roles[(p * 7 + n) % n_roles];
          absl::StatusOr<cadre::v1::Application> app =
              calls.Submit(person.key, role, options.wait_for_view);
          if (!app.ok()) return app.status();
          ++applications;
          if (options.withdraw_every > 0 &&
              n % options.withdraw_every == options.withdraw_every - 1) {
            absl::StatusOr<cadre::v1::Application> moved =
                calls.Move(person.key, app->name(), cadre::v1::APPLICATION_STATE_WITHDRAWN);
            if (!moved.ok()) return moved.status();
            ++withdrawn;
          }
        }
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  seeded.applications = applications.load();
  seeded.withdrawn = withdrawn.load();
  seeded.seconds = absl::ToDoubleSeconds(absl::Now() - start);
  return seeded;
}

absl::StatusOr<std::string> SignInThroughGateway(const std::string& host, int port,
                                                 const std::string& email,
                                                 const std::string& password,
                                                 absl::Duration timeout) {
  return SignInThroughForm(host, port, "/sign-in", email, password, timeout);
}

absl::StatusOr<std::string> SignInThroughForm(const std::string& host, int port,
                                              const std::string& form_path,
                                              const std::string& email, const std::string& password,
                                              absl::Duration timeout) {
  httplib::Client client(host, port);
  const auto chrono_timeout = absl::ToChronoMicroseconds(timeout);
  client.set_connection_timeout(chrono_timeout);
  client.set_read_timeout(chrono_timeout);
  client.set_write_timeout(chrono_timeout);
  client.set_follow_location(false);
  CookieJar jar;
  const httplib::Result form = client.Get(form_path);
  if (!form) {
    return absl::UnavailableError(
        absl::StrCat("GET ", form_path, ": ", httplib::to_string(form.error())));
  }
  if (form->status != 200) {
    return absl::FailedPreconditionError(
        absl::StrCat("GET ", form_path, " answered ", form->status));
  }
  TakeCookies(*form, &jar);
  const std::string csrf = CsrfOf(form->body);
  if (csrf.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the sign-in page ", form_path, " has no hidden csrf field"));
  }
  httplib::Headers headers;
  if (!jar.empty()) headers.emplace("Cookie", CookieHeader(jar));
  const httplib::Params fields = {{"email", email}, {"password", password}, {"csrf", csrf}};
  const httplib::Result signed_in = client.Post(form_path, headers, fields);
  if (!signed_in) {
    return absl::UnavailableError(
        absl::StrCat("POST ", form_path, ": ", httplib::to_string(signed_in.error())));
  }
  if (signed_in->status != 303) {
    return absl::FailedPreconditionError(
        absl::StrCat("POST ", form_path, " answered ", signed_in->status, ", not 303"));
  }
  const size_t before = signed_in->get_header_value_count("Set-Cookie");
  TakeCookies(*signed_in, &jar);
  if (before == 0 || jar.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("POST ", form_path, " set no session cookie"));
  }
  return CookieHeader(jar);
}

}  // namespace cadre::bench
