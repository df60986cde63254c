#include "tests/gateway/integration/test_browser.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace cadre::testing {
namespace {

// The value attribute of the first <input name="csrf" ...>.
std::string CsrfOf(const std::string& html) {
  const size_t at = html.find("name=\"csrf\" value=\"");
  if (at == std::string::npos) return "";
  const size_t start = at + sizeof("name=\"csrf\" value=\"") - 1;
  const size_t end = html.find('"', start);
  return end == std::string::npos ? "" : html.substr(start, end - start);
}

}  // namespace

TestBrowser::TestBrowser(const GatewayHarness& gateway) : client_(gateway.Client()) {}

httplib::Headers TestBrowser::CookieHeaders() const {
  std::string header;
  for (const auto& [name, value] : cookies_) {
    if (!header.empty()) header += "; ";
    header += name + "=" + value;
  }
  httplib::Headers headers;
  if (!header.empty()) headers.emplace("Cookie", header);
  return headers;
}

void TestBrowser::Keep(const httplib::Result& result) {
  if (!result) return;
  auto [begin, end] = result->headers.equal_range("Set-Cookie");
  for (auto it = begin; it != end; ++it) {
    const std::vector<absl::string_view> parts = absl::StrSplit(it->second, ';');
    const absl::string_view pair = parts.front();
    const size_t eq = pair.find('=');
    if (eq == absl::string_view::npos) continue;
    const std::string name(pair.substr(0, eq));
    const std::string value(pair.substr(eq + 1));
    if (absl::StrContains(it->second, "Max-Age=0") || value.empty()) {
      cookies_.erase(name);
    } else {
      cookies_[name] = value;
    }
  }
  last_body_ = result->body;
  const std::string csrf = CsrfOf(result->body);
  if (!csrf.empty()) csrf_ = csrf;
}

httplib::Result TestBrowser::Get(const std::string& path) {
  httplib::Result result = client_->Get(path.c_str(), CookieHeaders());
  Keep(result);
  return result;
}

httplib::Result TestBrowser::Post(const std::string& path, httplib::Params fields) {
  if (fields.find("csrf") == fields.end()) fields.emplace("csrf", csrf_);
  httplib::Result result = client_->Post(path.c_str(), CookieHeaders(), fields);
  Keep(result);
  return result;
}

httplib::Result TestBrowser::PostMultipart(const std::string& path, httplib::Params fields) {
  if (fields.find("csrf") == fields.end()) fields.emplace("csrf", csrf_);
  httplib::MultipartFormDataItems items;
  for (const auto& [name, value] : fields) items.push_back({name, value, "", ""});
  httplib::Result result = client_->Post(path.c_str(), CookieHeaders(), items);
  Keep(result);
  return result;
}

std::string TestBrowser::SignUp(const std::string& email, const std::string& password) {
  Get("/sign-up");
  httplib::Result result = Post("/sign-up", {{"email", email},
                                             {"password", password},
                                             {"display_name", "Test Person"},
                                             {"date_of_birth-day", "15"},
                                             {"date_of_birth-month", "3"},
                                             {"date_of_birth-year", "1980"},
                                             {"region", "london"},
                                             {"attendance", "hybrid"},
                                             {"availability_hours_per_month", "8"},
                                             {"processing", "yes"},
                                             {"return", "/applications"}});
  if (!result || result->status != 303) {
    ADD_FAILURE() << "sign-up answered " << (result ? result->status : -1) << ": "
                  << (result ? result->body.substr(0, 2000) : "no answer");
    return "";
  }
  // The applicant's name is read from the data download, a form of /profile: its token is
  // the new session's, not the sign-up form's.
  Get("/profile");
  httplib::Result data = Post("/profile/download", {});
  if (data && data->status == 200) {
    const size_t at = data->body.find("applicants/");
    if (at != std::string::npos) {
      const size_t end = data->body.find('"', at);
      return data->body.substr(at, end - at);
    }
  }
  return "signed-up";
}

bool TestBrowser::SignIn(const std::string& email, const std::string& password) {
  Get("/sign-in");
  httplib::Result result =
      Post("/sign-in", {{"email", email}, {"password", password}, {"return", "/"}});
  return result && result->status == 303 && HasSessionCookie();
}

bool TestBrowser::HasSessionCookie() const { return cookies_.count("cadre_session") > 0; }

std::string TestBrowser::cookie(const std::string& name) const {
  auto found = cookies_.find(name);
  return found == cookies_.end() ? "" : found->second;
}

}  // namespace cadre::testing
