#pragma once

// The files the gateway serves as they are: the NHS.UK frontend's CSS, JavaScript and
// images, and Cadre's own small stylesheet and script. Read once at start-up into memory,
// with a gzip copy of each compressible file, so that serving one is a lookup.
//
// URLs: /static/<version>/<path> for every file, cached for a year ("immutable"): the
// version is a hash of every file's contents, so a new release has new URLs. The
// NHS.UK stylesheet asks for its icons at /assets/images/<name>; those are served there
// too, cached for a day.
//
// Thread-safe after Load (read-only).

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cadre::gateway {

// Limits on what Load reads (a misconfigured --web_root must not fill memory).
inline constexpr int kMaxStaticFiles = 500;
inline constexpr size_t kMaxStaticFileBytes = 4 << 20;  // bytes

struct StaticFile {
  std::string content_type;
  std::string body;
  std::string gzipped;  // empty when not worth compressing
  std::string etag;     // "\"<hash>\""
};

class StaticAssets {
 public:
  // Reads every regular file under `dir` (recursively; names starting with '.' skipped).
  // INVALID_ARGUMENT naming the directory or file when it cannot be read or passes a limit.
  static absl::StatusOr<std::unique_ptr<StaticAssets>> Load(const std::string& dir);

  // The file at `path` relative to the directory ("nhsuk-frontend.min.css"), or nullptr.
  const StaticFile* Find(absl::string_view path) const;
  // 10 hex digits standing for every file's contents.
  const std::string& version() const { return version_; }
  // "/static/<version>/<path>"
  std::string UrlOf(absl::string_view path) const;

 private:
  std::map<std::string, StaticFile, std::less<>> files_;
  std::string version_;
};

// The Content-Type of a file name by its extension; "application/octet-stream" if unknown.
std::string ContentTypeOf(absl::string_view file_name);

}  // namespace cadre::gateway
