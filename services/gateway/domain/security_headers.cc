#include "services/gateway/domain/security_headers.h"

#include "absl/strings/str_cat.h"

namespace cadre::gateway {

std::vector<std::pair<std::string, std::string>> SecurityHeaders(
    const SecurityHeaderOptions& options) {
  const std::string csp = absl::StrCat(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      "font-src 'self' https://assets.nhs.uk; connect-src 'self'; form-action 'self'; "
      "base-uri 'none'; object-src 'none'; frame-ancestors ",
      options.frameable ? "*" : "'none'");
  std::vector<std::pair<std::string, std::string>> headers = {
      {"Content-Security-Policy", csp},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "strict-origin-when-cross-origin"},
      {"Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
  };
  if (!options.frameable) headers.emplace_back("X-Frame-Options", "DENY");
  if (options.tls) {
    headers.emplace_back("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
  return headers;
}

}  // namespace cadre::gateway
