#pragma once

// The security headers on every response of the gateway.
//
// Content-Security-Policy: scripts, styles, images and connections from the gateway
// itself only (no inline script or style anywhere; the NHS.UK frontend needs none), fonts
// also from the NHS font host (when it cannot be reached the stylesheet's own fallback,
// Arial and the system sans-serif, is used), forms post only here, and no framing, except
// on the pages made to be framed (a body's embed of its open roles), which any site may
// frame. X-Frame-Options says the same to older browsers. HSTS only under TLS (a browser
// ignores it over plain HTTP, and sending it there would pin a development host).

#include <string>
#include <utility>
#include <vector>

namespace cadre::gateway {

struct SecurityHeaderOptions {
  bool tls = false;        // the request came over TLS
  bool frameable = false;  // the page is made to be framed by other sites
};

std::vector<std::pair<std::string, std::string>> SecurityHeaders(
    const SecurityHeaderOptions& options);

}  // namespace cadre::gateway
