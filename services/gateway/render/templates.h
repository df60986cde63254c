#pragma once

// The gateway's HTML templates: Mustache files (Debian's libkainjow-mustache-dev), one a
// page under <web_root>/templates/, read and checked once at start-up. A view model is
// nlohmann::json, so that a page's handler builds plain values and the template decides
// the markup. Variables are HTML-escaped unless written {{{triple}}}; only markup that the
// gateway itself made (a rendered template) ever goes into a triple.
//
// Thread-safe: each request thread keeps its own parsed copy of a template (the library's
// renderer keeps state while it renders).

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "nlohmann/json_fwd.hpp"

namespace cadre::gateway {

inline constexpr int kMaxTemplates = 200;
inline constexpr size_t kMaxTemplateBytes = 256 << 10;  // bytes

class Templates {
 public:
  // Every `*.mustache` in `dir`, named by file name without the extension ("role" for
  // role.mustache). INVALID_ARGUMENT naming the file when one cannot be read, passes a
  // limit or does not parse.
  static absl::StatusOr<std::unique_ptr<Templates>> Load(const std::string& dir);
  ~Templates();

  // Renders template `name` with `view`. NOT_FOUND for an unknown name; INTERNAL when
  // rendering fails (a template error the start-up check could not see).
  absl::StatusOr<std::string> Render(absl::string_view name, const nlohmann::json& view) const;

  bool Has(absl::string_view name) const;

 private:
  Templates() = default;
  std::map<std::string, std::string, std::less<>> sources_;
  uint64_t id_ = 0;  // tells the per-thread caches of different instances apart
};

}  // namespace cadre::gateway
