#pragma once

// gzip (RFC 1952) with zlib, for the front door's own compression: cpp-httplib would
// otherwise compress every text response itself, with brotli at its slowest quality.

#include <string>

#include "absl/strings/string_view.h"

namespace cadre::gateway {

// How the front door compresses the bodies its handlers make (static files are
// compressed once, at level 9). Below kMinDynamicGzipBytes a body goes as it is: zlib
// makes and clears ~256 KB of state a call, which for a 1.5 KB JSON answer costs as much
// as the gzip itself to save ~600 B. Level 1: a 20-role JSON page in ~55–100 µs against
// ~170–260 µs at level 5, 14% larger (BENCHMARKS.md, gateway).
inline constexpr size_t kMinDynamicGzipBytes = 4096;  // bytes
inline constexpr int kDynamicGzipLevel = 1;

// `level` 1 (fastest) to 9 (smallest). Returns "" only if zlib fails (out of memory).
std::string Gzip(absl::string_view data, int level);

// Whether a response of this Content-Type is worth compressing (text, JSON, SVG, XML,
// JavaScript, and icons: favicon.ico is uncompressed bitmaps).
bool IsCompressible(absl::string_view content_type);

// Whether an Accept-Encoding header value accepts gzip (and does not refuse it with q=0).
bool AcceptsGzip(absl::string_view accept_encoding);

}  // namespace cadre::gateway
