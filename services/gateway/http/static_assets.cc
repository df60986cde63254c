#include "services/gateway/http/static_assets.h"

#include <openssl/sha.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/base/errors.h"
#include "services/gateway/http/gzip.h"

namespace cadre::gateway {
namespace {

namespace fs = std::filesystem;

// Smaller files gain nothing from gzip once headers are counted.
constexpr size_t kMinGzipBytes = 512;

std::string Sha256Hex(absl::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

bool Hidden(const fs::path& relative) {
  for (const auto& part : relative) {
    if (absl::StartsWith(part.string(), ".")) return true;
  }
  return false;
}

}  // namespace

std::string ContentTypeOf(absl::string_view file_name) {
  static const auto* const kTypes = new std::map<std::string, std::string, std::less<>>{
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".json", "application/json"},
      {".txt", "text/plain; charset=utf-8"},
      {".woff2", "font/woff2"},
      {".webmanifest", "application/manifest+json"},
  };
  const size_t dot = file_name.rfind('.');
  if (dot != absl::string_view::npos) {
    auto found = kTypes->find(file_name.substr(dot));
    if (found != kTypes->end()) return found->second;
  }
  return "application/octet-stream";
}

absl::StatusOr<std::unique_ptr<StaticAssets>> StaticAssets::Load(const std::string& dir) {
  auto assets = std::unique_ptr<StaticAssets>(new StaticAssets());
  std::error_code error;
  fs::recursive_directory_iterator it(dir, error);
  if (error) return InvalidField("web_root", absl::StrCat("cannot read ", dir));
  std::string all_hashes;
  for (; it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (error) return InvalidField("web_root", absl::StrCat("cannot read ", dir));
    if (!it->is_regular_file()) continue;
    const fs::path relative = fs::relative(it->path(), dir);
    if (Hidden(relative)) continue;
    if (assets->files_.size() >= kMaxStaticFiles) {
      return InvalidField("web_root",
                          absl::StrCat(dir, " holds more than ", kMaxStaticFiles, " files"));
    }
    if (it->file_size() > kMaxStaticFileBytes) {
      return InvalidField("web_root", absl::StrCat(it->path().string(), " is larger than ",
                                                   kMaxStaticFileBytes, " bytes"));
    }
    std::ifstream in(it->path(), std::ios::binary);
    std::stringstream contents;
    contents << in.rdbuf();
    if (!in) return InvalidField("web_root", absl::StrCat("cannot read ", it->path().string()));
    StaticFile file;
    file.body = contents.str();
    file.content_type = ContentTypeOf(relative.filename().string());
    if (IsCompressible(file.content_type) && file.body.size() >= kMinGzipBytes) {
      file.gzipped = Gzip(file.body, 9);
    }
    const std::string hash = Sha256Hex(file.body);
    file.etag = absl::StrCat("\"", hash.substr(0, 16), "\"");
    absl::StrAppend(&all_hashes, relative.generic_string(), ":", hash, "\n");
    assets->files_.emplace(relative.generic_string(), std::move(file));
  }
  assets->version_ = Sha256Hex(all_hashes).substr(0, 10);
  return assets;
}

const StaticFile* StaticAssets::Find(absl::string_view path) const {
  auto found = files_.find(path);
  return found == files_.end() ? nullptr : &found->second;
}

std::string StaticAssets::UrlOf(absl::string_view path) const {
  return absl::StrCat("/static/", version_, "/", path);
}

}  // namespace cadre::gateway
