#include "services/gateway/http/http_types.h"

#include "absl/strings/match.h"

namespace cadre::gateway {
namespace {

std::string First(const std::multimap<std::string, std::string>& values, absl::string_view name) {
  auto found = values.find(std::string(name));
  return found == values.end() ? std::string() : found->second;
}

}  // namespace

std::string HttpRequest::Header(absl::string_view name) const { return First(headers, name); }

std::string HttpRequest::Query(absl::string_view name) const { return First(query, name); }

std::vector<std::string> HttpRequest::QueryAll(absl::string_view name) const {
  std::vector<std::string> all;
  auto [begin, end] = query.equal_range(std::string(name));
  for (auto it = begin; it != end; ++it) all.push_back(it->second);
  return all;
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

std::string HttpResponse::HeaderValue(absl::string_view name) const {
  for (const auto& header : headers) {
    if (absl::EqualsIgnoreCase(header.first, name)) return header.second;
  }
  return "";
}

}  // namespace cadre::gateway
