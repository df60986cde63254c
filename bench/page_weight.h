#pragma once

// A page's weight as a first visit transfers it: the page fetched with
// "Accept-Encoding: gzip", then every resource it links that a browser would fetch at
// once (link rel=stylesheet / icon / preload / modulepreload href, script src, img src),
// and the JavaScript modules those scripts import (a module script's static imports are
// fetched before it runs). Each is counted as it crossed the wire: the status line and
// headers (as received: names and values, ": ", CRLFs) and the body as sent (gzipped when
// the server gzipped it). Same-origin URLs only; external ones (the NHS.UK fonts on
// assets.nhs.uk that the stylesheet names) are listed, not fetched. Images that the
// stylesheets reference with url() are fetched only by pages that use them: counted apart.

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace cadre::bench {

struct WireResource {
  std::string url;   // path on the gateway: "/static/<version>/cadre.css"
  std::string kind;  // "page", "stylesheet", "script", "module import", "icon", "image"
  int status = 0;
  std::string content_encoding;  // "gzip" or ""
  size_t header_bytes = 0;       // status line and headers, CRLFs included
  size_t body_bytes = 0;         // as sent
  size_t decoded_bytes = 0;      // the same resource fetched with Accept-Encoding: identity
  size_t wire_bytes() const { return header_bytes + body_bytes; }
};

struct PageWeight {
  std::vector<WireResource> resources;  // the page first, then in the order found
  // Images the stylesheets reference (url(/...)), fetched apart: a browser loads one only
  // for an element that uses it.
  std::vector<WireResource> css_images;
  std::vector<std::string> external;  // URLs on other origins, not fetched
  std::vector<std::string> skipped;   // links a browser does not fetch at load (rel=alternate)
  size_t total_wire_bytes = 0;        // of `resources`
  size_t css_wire_bytes = 0;          // of the stylesheets among them
};

// Fetches http://`host`:`port``path` and what it links (see above). UNAVAILABLE if the page
// cannot be fetched; a resource answering other than 200 is kept with its status.
absl::StatusOr<PageWeight> MeasurePageWeight(const std::string& host, int port,
                                             const std::string& path);

// | resource | kind | status | encoding | headers B | body B | uncompressed B | on the wire B |
// then the total against `target_bytes`, the CSS images and the external URLs.
std::string PageWeightTable(const PageWeight& weight, size_t target_bytes);

}  // namespace cadre::bench
