#pragma once

// A browser for the gateway's integration tests: one kept-alive connection with a cookie
// jar (Set-Cookie answers are kept and sent back, Max-Age=0 removes), no redirects
// followed (tests check the 303s), and the CSRF token of the last page fetched added to
// every form it posts, as a browser posting that page's form would.

#include <httplib.h>

#include <map>
#include <memory>
#include <string>

#include "tests/gateway/integration/gateway_harness.h"

namespace cadre::testing {

// A valid password for SignUp (10+ characters, not a common one).
inline constexpr char kTestPassword[] = "correct horse battery staple";

class TestBrowser {
 public:
  explicit TestBrowser(const GatewayHarness& gateway);

  httplib::Result Get(const std::string& path);
  // Posts `fields` url-encoded, with "csrf" from the last page fetched unless `fields` has
  // one (a test of a missing token passes csrf="").
  httplib::Result Post(const std::string& path, httplib::Params fields);
  // The same as multipart/form-data (forms with long text).
  httplib::Result PostMultipart(const std::string& path, httplib::Params fields);

  // Signs up through /sign-up with a valid short profile (London, hybrid, 8 hours a month,
  // born 1980) and stays signed in: the applicant's name ("applicants/{id}"). Fails the
  // test when sign-up does not answer 303.
  std::string SignUp(const std::string& email, const std::string& password = kTestPassword);
  // Signs in through /sign-in: whether the gateway answered 303 (signed in).
  bool SignIn(const std::string& email, const std::string& password = kTestPassword);
  // GET /profile is not needed to know: whether a session cookie is held.
  bool HasSessionCookie() const;

  // The "csrf" hidden field of the last page fetched ("" when it had none).
  const std::string& csrf() const { return csrf_; }
  // A cookie held, or "".
  std::string cookie(const std::string& name) const;
  // The last response's body.
  const std::string& last_body() const { return last_body_; }

 private:
  httplib::Headers CookieHeaders() const;
  void Keep(const httplib::Result& result);

  std::unique_ptr<httplib::Client> client_;
  std::map<std::string, std::string> cookies_;
  std::string csrf_;
  std::string last_body_;
};

}  // namespace cadre::testing
