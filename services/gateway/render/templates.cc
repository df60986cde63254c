#include "services/gateway/render/templates.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "kainjow/mustache.hpp"
#include "nlohmann/json.hpp"
#include "services/common/base/errors.h"

namespace cadre::gateway {
namespace {

namespace fs = std::filesystem;
using kainjow::mustache::data;
using kainjow::mustache::mustache;

std::atomic<uint64_t> g_next_id{1};

// JSON → the library's data: objects, arrays, strings; numbers and booleans as the
// strings Mustache would print, with false, null and empty values falsy.
data ToData(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      data object{data::type::object};
      for (const auto& [key, item] : value.items()) object.set(key, ToData(item));
      return object;
    }
    case nlohmann::json::value_t::array: {
      data list{data::type::list};
      for (const auto& item : value) list.push_back(ToData(item));
      return list;
    }
    case nlohmann::json::value_t::string:
      // The library counts "" as true in a section; an empty string is falsy here, as
      // this function promises, so {{#feed_url}} leaves out a link with no address.
      if (value.get_ref<const std::string&>().empty()) return data(data::type::bool_false);
      return data(value.get<std::string>());
    case nlohmann::json::value_t::boolean:
      return value.get<bool>() ? data(data::type::bool_true) : data(data::type::bool_false);
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      return data(std::to_string(value.get<int64_t>()));
    case nlohmann::json::value_t::number_float:
      return data(value.dump());
    default:
      return data(data::type::bool_false);
  }
}

struct ThreadCache {
  uint64_t owner = 0;
  absl::flat_hash_map<std::string, std::unique_ptr<mustache>> parsed;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Templates>> Templates::Load(const std::string& dir) {
  auto templates = std::unique_ptr<Templates>(new Templates());
  templates->id_ = g_next_id++;
  std::error_code error;
  fs::directory_iterator it(dir, error);
  if (error) return InvalidField("web_root", absl::StrCat("cannot read ", dir));
  for (const auto& entry : it) {
    if (!entry.is_regular_file() || entry.path().extension() != ".mustache") continue;
    if (templates->sources_.size() >= kMaxTemplates) {
      return InvalidField("web_root",
                          absl::StrCat(dir, " holds more than ", kMaxTemplates, " templates"));
    }
    const std::string file = entry.path().string();
    if (entry.file_size() > kMaxTemplateBytes) {
      return InvalidField("web_root",
                          absl::StrCat(file, " is larger than ", kMaxTemplateBytes, " bytes"));
    }
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) return InvalidField("web_root", absl::StrCat("cannot read ", file));
    mustache check(text.str());
    if (!check.is_valid()) {
      return InvalidField("web_root", absl::StrCat(file, ": ", check.error_message()));
    }
    templates->sources_.emplace(entry.path().stem().string(), text.str());
  }
  if (templates->sources_.empty()) {
    return InvalidField("web_root", absl::StrCat(dir, " holds no templates"));
  }
  return templates;
}

Templates::~Templates() = default;

bool Templates::Has(absl::string_view name) const { return sources_.contains(name); }

absl::StatusOr<std::string> Templates::Render(absl::string_view name,
                                              const nlohmann::json& view) const {
  auto source = sources_.find(name);
  if (source == sources_.end()) return absl::NotFoundError(absl::StrCat("template ", name));
  thread_local ThreadCache cache;
  if (cache.owner != id_) {
    cache.parsed.clear();
    cache.owner = id_;
  }
  std::unique_ptr<mustache>& parsed = cache.parsed[source->first];
  if (parsed == nullptr) parsed = std::make_unique<mustache>(source->second);
  std::string html = parsed->render(ToData(view));
  if (!parsed->is_valid()) {
    const std::string message = parsed->error_message();
    parsed.reset();
    return absl::InternalError(absl::StrCat("template ", name, ": ", message));
  }
  return html;
}

}  // namespace cadre::gateway
