#pragma once

// Structured logs: one JSON object a line on stderr, e.g.
// {"time":"2026-11-26T20:15:02.123Z","level":"info","service":"registry",
//  "msg":"role created","request_id":"...","role":"roles/42"}
// Never log secrets or personal data (names, emails, free text a person wrote): ids only.

#include <initializer_list>
#include <string>
#include <utility>

#include "absl/strings/string_view.h"

namespace cadre::log {

enum class Level { kDebug, kInfo, kWarn, kError };

// Call once at start-up. `level`: "debug", "info", "warn" or "error".
void Init(absl::string_view service, absl::string_view level);

using Field = std::pair<absl::string_view, std::string>;

bool Enabled(Level level);
void Write(Level level, absl::string_view msg, std::initializer_list<Field> fields = {});

inline void Debug(absl::string_view msg, std::initializer_list<Field> fields = {}) {
  Write(Level::kDebug, msg, fields);
}
inline void Info(absl::string_view msg, std::initializer_list<Field> fields = {}) {
  Write(Level::kInfo, msg, fields);
}
inline void Warn(absl::string_view msg, std::initializer_list<Field> fields = {}) {
  Write(Level::kWarn, msg, fields);
}
inline void Error(absl::string_view msg, std::initializer_list<Field> fields = {}) {
  Write(Level::kError, msg, fields);
}

// Escapes a string for a JSON string literal (without the quotes).
std::string JsonEscape(absl::string_view s);

}  // namespace cadre::log
