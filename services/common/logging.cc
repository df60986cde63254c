#include "services/common/logging.h"

#include <google/protobuf/stubs/logging.h>
#include <grpc/support/log.h>
#include <spdlog/formatter.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <mutex>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/common/base/validation.h"

namespace cadre::log {
namespace {

// The request id of the call this thread works for (see ScopedRequestId).
thread_local std::string t_request_id;
// The fields of the line this thread is writing through Write, read by the formatter
// (spdlog's log_msg has no room for them). Set only for the duration of one logger call;
// the logger is synchronous, so the formatter runs on this thread inside that call.
thread_local const std::initializer_list<Field>* t_fields = nullptr;

absl::string_view View(spdlog::string_view_t s) { return absl::string_view(s.data(), s.size()); }

// Works on std::string and spdlog's memory_buf_t alike.
template <typename Buffer>
void Put(absl::string_view s, Buffer* out) {
  out->append(s.data(), s.data() + s.size());
}

template <typename Buffer>
void AppendEscaped(absl::string_view s, Buffer* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      // Valid UTF-8 passes through; a stray byte becomes U+FFFD so the line stays JSON.
      const size_t len = Utf8SequenceLength(s, i);
      if (len == 0) {
        Put("\\ufffd", out);
        ++i;
      } else {
        Put(s.substr(i, len), out);
        i += len;
      }
      continue;
    }
    switch (c) {
      case '"':
        Put("\\\"", out);
        break;
      case '\\':
        Put("\\\\", out);
        break;
      case '\n':
        Put("\\n", out);
        break;
      case '\r':
        Put("\\r", out);
        break;
      case '\t':
        Put("\\t", out);
        break;
      case '\b':
        Put("\\b", out);
        break;
      case '\f':
        Put("\\f", out);
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          Put("\\u00", out);
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 0xf]);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
}

template <typename Buffer>
void AppendField(absl::string_view key, absl::string_view value, Buffer* out) {
  Put(",\"", out);
  AppendEscaped(key, out);
  Put("\":\"", out);
  AppendEscaped(value, out);
  out->push_back('"');
}

// Our four names; spdlog's trace and critical fold into the nearest.
absl::string_view LevelName(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace:
    case spdlog::level::debug:
      return "debug";
    case spdlog::level::info:
      return "info";
    case spdlog::level::warn:
      return "warn";
    case spdlog::level::err:
    case spdlog::level::critical:
      return "error";
    default:
      return "info";
  }
}

spdlog::level::level_enum ToSpdlog(Level level) {
  switch (level) {
    case Level::kDebug:
      return spdlog::level::debug;
    case Level::kInfo:
      return spdlog::level::info;
    case Level::kWarn:
      return spdlog::level::warn;
    case Level::kError:
      return spdlog::level::err;
  }
  return spdlog::level::info;
}

// "2026-11-26T20:15:02.123Z"
void AppendTimestamp(spdlog::log_clock::time_point time, spdlog::memory_buf_t* out) {
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  const int n = std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                              tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                              tm.tm_sec, static_cast<int>(ms % 1000));
  Put(absl::string_view(buf, n > 0 ? static_cast<size_t>(n) : 0), out);
}

bool HasRequestIdField(const std::initializer_list<Field>* fields) {
  if (fields == nullptr) {
    return false;
  }
  for (const Field& field : *fields) {
    if (field.first == "request_id") {
      return true;
    }
  }
  return false;
}

// Our line format as a spdlog formatter. The service is the logger's name; the request
// id and the fields come from this thread (see t_request_id, t_fields). A line logged
// straight through spdlog (not Write) has no fields.
class JsonFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    Put("{\"time\":\"", &dest);
    AppendTimestamp(msg.time, &dest);
    Put("\",\"level\":\"", &dest);
    Put(LevelName(msg.level), &dest);
    Put("\",\"service\":\"", &dest);
    AppendEscaped(View(msg.logger_name), &dest);
    Put("\",\"msg\":\"", &dest);
    AppendEscaped(View(msg.payload), &dest);
    dest.push_back('"');
    const std::initializer_list<Field>* fields = t_fields;
    if (!t_request_id.empty() && !HasRequestIdField(fields)) {
      AppendField("request_id", t_request_id, &dest);
    }
    if (fields != nullptr) {
      for (const Field& field : *fields) {
        AppendField(field.first, field.second, &dest);
      }
    }
    Put("}\n", &dest);
  }

  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<JsonFormatter>();
  }
};

// One stderr sink for the process; one logger per service name Init has seen. Loggers
// are never destroyed (a writer may still hold one that Init has replaced, and threads
// may log during exit); Init runs once per process, a few times in tests.
struct State {
  std::mutex mu;  // serialises Init
  std::shared_ptr<spdlog::sinks::sink> sink;
  std::vector<std::shared_ptr<spdlog::logger>> loggers;  // guarded by mu
  std::atomic<spdlog::logger*> current{nullptr};
};

std::shared_ptr<spdlog::logger> NewLogger(absl::string_view service,
                                          const std::shared_ptr<spdlog::sinks::sink>& sink,
                                          Level min) {
  auto logger = std::make_shared<spdlog::logger>(std::string(service), sink);
  logger->set_level(ToSpdlog(min));
  // The stderr sink already flushes every line; this keeps warnings and errors safe
  // should a buffered sink ever be added.
  logger->flush_on(spdlog::level::warn);
  return logger;
}

State& GetState() {
  static State* const state = [] {
    auto* s = new State;
    // Synchronous: a line is on stderr before the call returns (no queue to lose).
    s->sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    s->sink->set_formatter(std::make_unique<JsonFormatter>());
    s->loggers.push_back(NewLogger("", s->sink, Level::kInfo));
    s->current.store(s->loggers.back().get(), std::memory_order_release);
    return s;
  }();
  return *state;
}

spdlog::logger& CurrentLogger() { return *GetState().current.load(std::memory_order_acquire); }

std::string Location(const char* file, int line) {
  return absl::StrCat(file != nullptr ? file : "", ":", line);
}

absl::string_view TrimNewlines(absl::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// gRPC has already applied its own threshold (GRPC_VERBOSITY) when this runs.
void GrpcLogHandler(gpr_log_func_args* args) {
  Level level = Level::kDebug;
  if (args->severity == GPR_LOG_SEVERITY_ERROR) {
    level = Level::kError;
  } else if (args->severity == GPR_LOG_SEVERITY_INFO) {
    level = Level::kInfo;
  }
  if (!Enabled(level)) {
    return;
  }
  Write(level, TrimNewlines(args->message != nullptr ? args->message : ""),
        {{"source", "grpc"}, {"location", Location(args->file, args->line)}});
}

// Protobuf aborts after a FATAL line; the error is flushed before this returns.
void ProtobufLogHandler(google::protobuf::LogLevel severity, const char* filename, int line,
                        const std::string& message) {
  Level level = Level::kError;
  if (severity == google::protobuf::LOGLEVEL_INFO) {
    level = Level::kInfo;
  } else if (severity == google::protobuf::LOGLEVEL_WARNING) {
    level = Level::kWarn;
  }
  if (!Enabled(level)) {
    return;
  }
  Write(level, TrimNewlines(message),
        {{"source", "protobuf"}, {"location", Location(filename, line)}});
}

void InstallForeignLogHandlers() {
  static std::once_flag once;
  std::call_once(once, [] {
    gpr_set_log_function(&GrpcLogHandler);
    // gRPC drops every line until its threshold is read (grpc_init does it); read it now,
    // so its errors come out from the start. Keeps a threshold already set.
    gpr_log_verbosity_init();
    google::protobuf::SetLogHandler(&ProtobufLogHandler);
  });
}

}  // namespace

void Init(absl::string_view service, absl::string_view level) {
  const std::string l = absl::AsciiStrToLower(level);
  Level min = Level::kInfo;
  bool known = true;
  if (l == "debug") {
    min = Level::kDebug;
  } else if (l == "warn" || l == "warning") {
    min = Level::kWarn;
  } else if (l == "error") {
    min = Level::kError;
  } else if (l != "info") {
    known = false;
  }
  State& s = GetState();
  {
    std::lock_guard<std::mutex> lock(s.mu);
    spdlog::logger* current = s.current.load(std::memory_order_relaxed);
    if (View(current->name()) == service) {
      current->set_level(ToSpdlog(min));
    } else {
      s.loggers.push_back(NewLogger(service, s.sink, min));
      s.current.store(s.loggers.back().get(), std::memory_order_release);
      // Lines logged through spdlog's own functions (spdlog::warn) come out the same way.
      // spdlog does not guard its default logger against a concurrent spdlog::warn; our
      // code calls Write, so only such direct callers could race with a second Init.
      spdlog::set_default_logger(s.loggers.back());
    }
  }
  InstallForeignLogHandlers();
  if (!known) {
    Warn("unknown log level, using info", {{"level", std::string(level)}});
  }
}

bool Enabled(Level level) { return CurrentLogger().should_log(ToSpdlog(level)); }

void Write(Level level, absl::string_view msg, std::initializer_list<Field> fields) {
  spdlog::logger& logger = CurrentLogger();
  const spdlog::level::level_enum spd_level = ToSpdlog(level);
  if (!logger.should_log(spd_level)) {
    return;
  }
  const std::initializer_list<Field>* outer = t_fields;
  t_fields = &fields;
  logger.log(spd_level, spdlog::string_view_t(msg.data(), msg.size()));
  t_fields = outer;
}

std::string CurrentRequestId() { return t_request_id; }

ScopedRequestId::ScopedRequestId(absl::string_view request_id)
    : previous_(std::move(t_request_id)) {
  t_request_id.assign(request_id.data(), request_id.size());
}

ScopedRequestId::~ScopedRequestId() { t_request_id = std::move(previous_); }

std::string JsonEscape(absl::string_view s) {
  std::string out;
  out.reserve(s.size());
  AppendEscaped(s, &out);
  return out;
}

}  // namespace cadre::log
