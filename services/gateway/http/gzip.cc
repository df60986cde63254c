#include "services/gateway/http/gzip.h"

#include <zlib.h>

#include <cstring>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace cadre::gateway {

std::string Gzip(absl::string_view data, int level) {
  z_stream stream;
  std::memset(&stream, 0, sizeof(stream));
  // windowBits 15 + 16: a gzip header and trailer rather than zlib's.
  if (deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return "";
  }
  std::string out;
  out.resize(deflateBound(&stream, data.size()));
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&stream, Z_FINISH);
  const size_t written = stream.total_out;
  deflateEnd(&stream);
  if (result != Z_STREAM_END) return "";
  out.resize(written);
  return out;
}

bool IsCompressible(absl::string_view content_type) {
  const absl::string_view type = content_type.substr(0, content_type.find(';'));
  return absl::StartsWith(type, "text/") || type == "application/json" ||
         type == "application/javascript" || type == "image/svg+xml" ||
         type == "application/atom+xml" || type == "application/xml" || type == "image/x-icon";
}

bool AcceptsGzip(absl::string_view accept_encoding) {
  for (absl::string_view part : absl::StrSplit(accept_encoding, ',')) {
    std::vector<absl::string_view> fields = absl::StrSplit(part, ';');
    if (absl::AsciiStrToLower(absl::StripAsciiWhitespace(fields[0])) != "gzip") continue;
    for (size_t i = 1; i < fields.size(); ++i) {
      absl::string_view param = absl::StripAsciiWhitespace(fields[i]);
      if (absl::ConsumePrefix(&param, "q=") &&
          (param == "0" || param == "0.0" || param == "0.00" || param == "0.000")) {
        return false;
      }
    }
    return true;
  }
  return false;
}

}  // namespace cadre::gateway
