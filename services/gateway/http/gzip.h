#pragma once

// gzip (RFC 1952) with zlib, for the front door's own compression: cpp-httplib would
// otherwise compress every text response itself, with brotli at its slowest quality.

#include <string>

#include "absl/strings/string_view.h"

namespace cadre::gateway {

// `level` 1 (fastest) to 9 (smallest). Returns "" only if zlib fails (out of memory).
std::string Gzip(absl::string_view data, int level);

// Whether a response of this Content-Type is worth compressing (text, JSON, SVG, XML,
// JavaScript, and icons: favicon.ico is uncompressed bitmaps).
bool IsCompressible(absl::string_view content_type);

// Whether an Accept-Encoding header value accepts gzip (and does not refuse it with q=0).
bool AcceptsGzip(absl::string_view accept_encoding);

}  // namespace cadre::gateway
