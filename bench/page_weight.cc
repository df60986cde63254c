#include "bench/page_weight.h"

#include <httplib.h>

#include <regex>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace cadre::bench {
namespace {

constexpr int kTimeoutSeconds = 5;

struct Fetched {
  WireResource resource;
  std::string decoded;  // the body as a browser reads it (from the identity fetch)
};

httplib::Result Get(const std::string& host, int port, const std::string& path, bool gzip) {
  httplib::Client client(host, port);
  client.set_connection_timeout(kTimeoutSeconds);
  client.set_read_timeout(kTimeoutSeconds);
  client.set_decompress(false);  // the body as it was sent
  return client.Get(path, {{"Accept-Encoding", gzip ? "gzip" : "identity"}});
}

size_t HeaderBytes(const httplib::Response& response) {
  // "HTTP/1.1 200 OK\r\n", "Name: value\r\n" each, "\r\n".
  size_t bytes =
      absl::StrCat(response.version, " ", response.status, " ", response.reason).size() + 2 + 2;
  for (const auto& [name, value] : response.headers) {
    bytes += name.size() + 2 + value.size() + 2;
  }
  return bytes;
}

Fetched Fetch(const std::string& host, int port, const std::string& url, const std::string& kind) {
  Fetched fetched;
  fetched.resource.url = url;
  fetched.resource.kind = kind;
  const httplib::Result gzipped = Get(host, port, url, true);
  if (!gzipped) {
    return fetched;
  }
  fetched.resource.status = gzipped->status;
  fetched.resource.content_encoding = gzipped->get_header_value("Content-Encoding");
  fetched.resource.header_bytes = HeaderBytes(*gzipped);
  fetched.resource.body_bytes = gzipped->body.size();
  const httplib::Result plain = Get(host, port, url, false);
  if (plain) {
    fetched.resource.decoded_bytes = plain->body.size();
    fetched.decoded = plain->body;
  }
  return fetched;
}

// `reference` as a path on the gateway, resolved against `base` (a path); "" when it is
// on another origin (recorded in `external`) or not fetchable (data:, fragments).
std::string Resolve(const std::string& base, const std::string& reference,
                    std::vector<std::string>* external) {
  if (reference.empty() || absl::StartsWith(reference, "data:") ||
      absl::StartsWith(reference, "#")) {
    return "";
  }
  if (absl::StartsWith(reference, "//") || absl::StrContains(reference, "://")) {
    external->push_back(reference);
    return "";
  }
  if (absl::StartsWith(reference, "/")) {
    return reference;
  }
  std::vector<std::string> parts = absl::StrSplit(base.substr(0, base.rfind('/')), '/');
  for (absl::string_view step : absl::StrSplit(reference, '/')) {
    if (step == "..") {
      if (parts.size() > 1) parts.pop_back();
    } else if (step != "." && !step.empty()) {
      parts.emplace_back(step);
    }
  }
  return absl::StrJoin(parts, "/");
}

std::string Attribute(const std::string& tag, const std::string& name) {
  const std::regex pattern("\\s" + name + "\\s*=\\s*(\"([^\"]*)\"|'([^']*)')", std::regex::icase);
  std::smatch match;
  if (!std::regex_search(tag, match, pattern)) {
    return "";
  }
  return match[2].matched ? match[2].str() : match[3].str();
}

struct Link {
  std::string url;
  std::string kind;
};

// What a browser fetches at load from the page's tags.
std::vector<Link> PageLinks(const std::string& html, PageWeight* weight) {
  std::vector<Link> links;
  const std::regex tags("<(link|script|img)\\b[^>]*>", std::regex::icase);
  for (std::sregex_iterator it(html.begin(), html.end(), tags), last; it != last; ++it) {
    const std::string tag = it->str();
    const std::string name = absl::AsciiStrToLower((*it)[1].str());
    std::string reference;
    std::string kind;
    if (name == "link") {
      const std::string rel = absl::AsciiStrToLower(Attribute(tag, "rel"));
      reference = Attribute(tag, "href");
      if (absl::StrContains(rel, "stylesheet")) {
        kind = "stylesheet";
      } else if (absl::StrContains(rel, "icon")) {
        kind = "icon";
      } else if (absl::StrContains(rel, "preload")) {
        kind = "preload";
      } else {
        weight->skipped.push_back(absl::StrCat("<link rel=\"", rel, "\" href=\"", reference,
                                               "\"> (not fetched at load)"));
        continue;
      }
    } else {
      reference = Attribute(tag, "src");
      kind = name == "img" ? "image" : "script";
    }
    const std::string url = Resolve("/", reference, &weight->external);
    if (!url.empty()) links.push_back({url, kind});
  }
  return links;
}

// The quoted string after `keyword` at each of its occurrences in `text` (white space and,
// with `open_paren`, one "(" allowed between), e.g. url("...") or from "./x.js".
std::vector<std::string> QuotedAfter(const std::string& text, const std::string& keyword,
                                     bool open_paren, bool quotes_optional) {
  std::vector<std::string> found;
  for (size_t at = text.find(keyword); at != std::string::npos;
       at = text.find(keyword, at + keyword.size())) {
    size_t i = at + keyword.size();
    while (i < text.size() && absl::ascii_isspace(text[i])) ++i;
    if (open_paren && i < text.size() && text[i] == '(') {
      ++i;
      while (i < text.size() && absl::ascii_isspace(text[i])) ++i;
    }
    if (i >= text.size()) break;
    const char quote = text[i];
    if (quote == '"' || quote == '\'') {
      const size_t close = text.find(quote, i + 1);
      if (close != std::string::npos) found.push_back(text.substr(i + 1, close - i - 1));
    } else if (quotes_optional) {
      const size_t close = text.find(')', i);
      if (close != std::string::npos) found.push_back(text.substr(i, close - i));
    }
  }
  return found;
}

// Static imports of a module (import ... from "./x.js", import "./x.js", export ... from):
// only relative or absolute paths, which is what a module names when it imports a file.
std::vector<std::string> ModuleImports(const std::string& script) {
  std::vector<std::string> imports;
  for (const std::string keyword : {"from", "import"}) {
    for (std::string& reference : QuotedAfter(script, keyword, keyword == "import", false)) {
      if (absl::StartsWith(reference, "./") || absl::StartsWith(reference, "../") ||
          absl::StartsWith(reference, "/")) {
        imports.push_back(std::move(reference));
      }
    }
  }
  return imports;
}

std::vector<std::string> CssUrls(const std::string& css) {
  std::vector<std::string> urls;
  for (std::string& reference : QuotedAfter(css, "url(", false, true)) {
    urls.emplace_back(absl::StripAsciiWhitespace(reference));
  }
  return urls;
}

std::string Kb(size_t bytes) { return absl::StrFormat("%.1f", static_cast<double>(bytes) / 1024); }

}  // namespace

absl::StatusOr<PageWeight> MeasurePageWeight(const std::string& host, int port,
                                             const std::string& path) {
  PageWeight weight;
  Fetched page = Fetch(host, port, path, "page");
  if (page.resource.status != 200) {
    return absl::UnavailableError(
        absl::StrCat("GET ", path, " answered ", page.resource.status, " (0: no answer)"));
  }
  weight.resources.push_back(page.resource);
  std::set<std::string> seen = {path};
  std::vector<Link> queue = PageLinks(page.decoded, &weight);
  std::set<std::string> css_urls;
  std::vector<std::string> external_from_css;
  for (size_t i = 0; i < queue.size(); ++i) {
    const Link link = queue[i];
    if (!seen.insert(link.url).second) continue;
    Fetched fetched = Fetch(host, port, link.url, link.kind);
    weight.resources.push_back(fetched.resource);
    if (link.kind == "script" || link.kind == "module import") {
      for (const std::string& import : ModuleImports(fetched.decoded)) {
        const std::string url = Resolve(link.url, import, &weight.external);
        if (!url.empty()) queue.push_back({url, "module import"});
      }
    }
    if (link.kind == "stylesheet") {
      for (const std::string& reference : CssUrls(fetched.decoded)) {
        const std::string url = Resolve(link.url, reference, &external_from_css);
        if (!url.empty()) css_urls.insert(url);
      }
    }
  }
  for (const std::string& url : css_urls) {
    if (seen.count(url) == 0) weight.css_images.push_back(Fetch(host, port, url, "image").resource);
  }
  std::set<std::string> external(external_from_css.begin(), external_from_css.end());
  external.insert(weight.external.begin(), weight.external.end());
  weight.external.assign(external.begin(), external.end());
  for (const WireResource& r : weight.resources) {
    weight.total_wire_bytes += r.wire_bytes();
    if (r.kind == "stylesheet") weight.css_wire_bytes += r.wire_bytes();
  }
  return weight;
}

std::string PageWeightTable(const PageWeight& weight, size_t target_bytes) {
  std::string out =
      "| resource | kind | status | encoding | headers B | body B | uncompressed B | on the wire "
      "B |\n|---|---|---:|---|---:|---:|---:|---:|\n";
  for (const WireResource& r : weight.resources) {
    absl::StrAppend(&out, "| `", r.url, "` | ", r.kind, " | ", r.status, " | ",
                    r.content_encoding.empty() ? "–" : r.content_encoding, " | ", r.header_bytes,
                    " | ", r.body_bytes, " | ", r.decoded_bytes, " | ", r.wire_bytes(), " |\n");
  }
  const bool met = weight.total_wire_bytes < target_bytes;
  absl::StrAppendFormat(&out,
                        "| **total** | | | | | | | **%d (%s KB)** |\n\n"
                        "**%s KB on the wire against the target of under %s KB: %s** (of which "
                        "CSS %s KB).\n",
                        weight.total_wire_bytes, Kb(weight.total_wire_bytes),
                        Kb(weight.total_wire_bytes), Kb(target_bytes), met ? "met" : "NOT met",
                        Kb(weight.css_wire_bytes));
  if (!weight.css_images.empty()) {
    size_t bytes = 0;
    for (const WireResource& r : weight.css_images) bytes += r.wire_bytes();
    absl::StrAppendFormat(&out,
                          "\nImages the stylesheets reference (url()), fetched by a browser only "
                          "for elements that use them, not counted above: %d files, %s KB on the "
                          "wire together.\n",
                          weight.css_images.size(), Kb(bytes));
  }
  if (!weight.external.empty()) {
    absl::StrAppend(&out, "\nOn other origins, not fetched and not counted: ",
                    absl::StrJoin(weight.external, ", "), ".\n");
  }
  for (const std::string& s : weight.skipped) {
    absl::StrAppend(&out, "\nSkipped: `", s, "`.\n");
  }
  return out;
}

}  // namespace cadre::bench
