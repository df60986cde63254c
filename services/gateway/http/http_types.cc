#include "services/gateway/http/http_types.h"

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace cadre::gateway {
namespace {

using Values = std::multimap<std::string, std::string>;

std::string First(const Values& values, absl::string_view name) {
  auto found = values.find(std::string(name));
  return found == values.end() ? std::string() : found->second;
}

std::vector<std::string> All(const Values& values, absl::string_view name) {
  std::vector<std::string> all;
  auto [begin, end] = values.equal_range(std::string(name));
  for (auto it = begin; it != end; ++it) all.push_back(it->second);
  return all;
}

}  // namespace

std::string HttpRequest::Header(absl::string_view name) const { return First(headers, name); }

std::string HttpRequest::Query(absl::string_view name) const { return First(query, name); }

std::vector<std::string> HttpRequest::QueryAll(absl::string_view name) const {
  return All(query, name);
}

std::string HttpRequest::Form(absl::string_view name) const { return First(form, name); }

std::vector<std::string> HttpRequest::FormAll(absl::string_view name) const {
  return All(form, name);
}

std::string HttpRequest::Cookie(absl::string_view name) const {
  // "a=1; b=2" (RFC 6265 section 4.2); a browser sends one Cookie header.
  for (absl::string_view pair : absl::StrSplit(Header("cookie"), ';')) {
    pair = absl::StripAsciiWhitespace(pair);
    const size_t eq = pair.find('=');
    if (eq == absl::string_view::npos || pair.substr(0, eq) != name) continue;
    absl::string_view value = pair.substr(eq + 1);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    return std::string(value);
  }
  return "";
}

void HttpResponse::SetHeader(absl::string_view name, std::string value) {
  for (auto& header : headers) {
    if (absl::EqualsIgnoreCase(header.first, name)) {
      header.second = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::string(name), std::move(value));
}

void HttpResponse::AddHeader(absl::string_view name, std::string value) {
  headers.emplace_back(std::string(name), std::move(value));
}

std::string HttpResponse::HeaderValue(absl::string_view name) const {
  for (const auto& header : headers) {
    if (absl::EqualsIgnoreCase(header.first, name)) return header.second;
  }
  return "";
}

}  // namespace cadre::gateway
