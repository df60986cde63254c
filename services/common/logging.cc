#include "services/common/logging.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <mutex>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace cadre::log {
namespace {

// Keeps whole lines from interleaving on stderr.
std::mutex& WriteMutex() {
  static auto* mu = new std::mutex;
  return *mu;
}
// The JSON-escaped service name. Init publishes a new string and never frees the old one
// (a writer may still read it); Init runs once per process, a few times in tests.
std::atomic<const std::string*> g_service{nullptr};  // nullptr: empty
std::atomic<int> g_min_level{static_cast<int>(Level::kInfo)};

const char* LevelName(Level level) {
  switch (level) {
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    case Level::kError:
      return "error";
  }
  return "info";
}

// "2026-11-26T20:15:02.123Z"
void AppendTimestamp(std::string* out) {
  const auto now = std::chrono::system_clock::now();
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  const int n = std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                              tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                              tm.tm_sec, static_cast<int>(ms % 1000));
  out->append(buf, n > 0 ? static_cast<size_t>(n) : 0);
}

// Length of the valid UTF-8 sequence starting at s[i], or 0 if it is not valid.
size_t Utf8SequenceLength(absl::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  size_t len = 0;
  unsigned char min_second = 0x80;
  unsigned char max_second = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) min_second = 0xA0;  // overlong
    if (c == 0xED) max_second = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) min_second = 0x90;  // overlong
    if (c == 0xF4) max_second = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + len > s.size()) {
    return 0;
  }
  const auto second = static_cast<unsigned char>(s[i + 1]);
  if (second < min_second || second > max_second) {
    return 0;
  }
  for (size_t k = 2; k < len; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
      return 0;
    }
  }
  return len;
}

void AppendEscaped(absl::string_view s, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      // Valid UTF-8 passes through; a stray byte becomes U+FFFD so the line stays JSON.
      const size_t len = Utf8SequenceLength(s, i);
      if (len == 0) {
        out->append("\\ufffd");
        ++i;
      } else {
        out->append(s.data() + i, len);
        i += len;
      }
      continue;
    }
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 0xf]);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
}

void AppendField(absl::string_view key, absl::string_view value, std::string* out) {
  out->append(",\"");
  AppendEscaped(key, out);
  out->append("\":\"");
  AppendEscaped(value, out);
  out->push_back('"');
}

}  // namespace

void Init(absl::string_view service, absl::string_view level) {
  const std::string l = absl::AsciiStrToLower(level);
  Level min = Level::kInfo;
  if (l == "debug") {
    min = Level::kDebug;
  } else if (l == "warn" || l == "warning") {
    min = Level::kWarn;
  } else if (l == "error") {
    min = Level::kError;
  }
  {
    // Superseded names stay reachable here (not leaked): a writer may still read one.
    static auto* retired = new std::vector<std::unique_ptr<std::string>>;
    std::lock_guard<std::mutex> lock(WriteMutex());
    retired->push_back(std::make_unique<std::string>(JsonEscape(service)));
    g_service.store(retired->back().get(), std::memory_order_release);
  }
  g_min_level.store(static_cast<int>(min), std::memory_order_relaxed);
  if (l != "debug" && l != "info" && l != "warn" && l != "warning" && l != "error") {
    Warn("unknown log level, using info", {{"level", std::string(level)}});
  }
}

bool Enabled(Level level) {
  return static_cast<int>(level) >= g_min_level.load(std::memory_order_relaxed);
}

void Write(Level level, absl::string_view msg, std::initializer_list<Field> fields) {
  if (!Enabled(level)) {
    return;
  }
  std::string line;
  line.reserve(160 + msg.size());
  line.append("{\"time\":\"");
  AppendTimestamp(&line);
  line.append("\",\"level\":\"");
  line.append(LevelName(level));
  line.append("\",\"service\":\"");
  if (const std::string* service = g_service.load(std::memory_order_acquire)) {
    line.append(*service);
  }
  line.append("\",\"msg\":\"");
  AppendEscaped(msg, &line);
  line.push_back('"');
  for (const Field& field : fields) {
    AppendField(field.first, field.second, &line);
  }
  line.append("}\n");

  std::lock_guard<std::mutex> lock(WriteMutex());
  // One write(2) per line in the common case; loop on short writes and EINTR.
  const char* p = line.data();
  size_t left = line.size();
  while (left > 0) {
    const ssize_t n = ::write(STDERR_FILENO, p, left);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return;  // Nowhere left to report a broken stderr.
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
}

std::string JsonEscape(absl::string_view s) {
  std::string out;
  out.reserve(s.size());
  AppendEscaped(s, &out);
  return out;
}

}  // namespace cadre::log
