#pragma once

// Reading the gateway's pages in tests: counting, unescaping, the role links and paging
// links of a results page, and what every page must be (one h1, a title, no inline
// style or script, every field labelled, error links aimed at fields that exist).

#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace cadre::testing {

inline int Count(const std::string& text, const std::string& needle) {
  int n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

inline std::string Unescape(const std::string& html) {
  return absl::StrReplaceAll(
      html, {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}});
}

// The roles a results page lists, in order ("/roles/12").
inline std::vector<std::string> RoleLinks(const std::string& html) {
  static const std::regex link("class=\"nhsuk-card__link\" href=\"(/roles/[0-9]+)\"");
  std::vector<std::string> links;
  for (std::sregex_iterator it(html.begin(), html.end(), link), end; it != end; ++it) {
    links.push_back((*it)[1]);
  }
  return links;
}

// The href of the link with rel="next" or rel="prev", unescaped; "" when there is none.
inline std::string RelLink(const std::string& html, const std::string& rel) {
  const std::regex link("href=\"([^\"]*)\" rel=\"" + rel + "\"");
  std::smatch m;
  return std::regex_search(html, m, link) ? Unescape(m[1]) : "";
}

// What every page must be for WCAG 2.2 AA and the Content-Security-Policy: one h1, a
// title, no inline style or script, every field labelled, every error link aimed at a
// field that is there.
inline void ExpectSoundPage(const std::string& html) {
  EXPECT_EQ(Count(html, "<h1"), 1) << html;
  std::smatch title;
  ASSERT_TRUE(std::regex_search(html, title, std::regex("<title>([^<]*)</title>")));
  EXPECT_FALSE(absl::StartsWith(std::string(title[1]), " ")) << title[1];
  EXPECT_GT(title[1].length(), 10u);
  EXPECT_FALSE(absl::StrContains(html, "style=")) << "inline style";
  // No empty links (a page without a feed once got <link rel="alternate" href="">).
  EXPECT_FALSE(absl::StrContains(html, "href=\"\"")) << "an empty href";
  EXPECT_FALSE(absl::StrContains(html, "<style"));
  static const std::regex script("<script[^>]*>");
  for (std::sregex_iterator it(html.begin(), html.end(), script), end; it != end; ++it) {
    EXPECT_TRUE(absl::StrContains(it->str(), " src=")) << "inline script: " << it->str();
  }
  static const std::regex field("<(input|select|textarea) [^>]*id=\"([^\"]+)\"");
  for (std::sregex_iterator it(html.begin(), html.end(), field), end; it != end; ++it) {
    EXPECT_TRUE(absl::StrContains(html, absl::StrCat("for=\"", (*it)[2].str(), "\"")))
        << "no label for " << (*it)[2];
  }
  static const std::regex error_link("<li><a href=\"#([^\"]+)\">");
  for (std::sregex_iterator it(html.begin(), html.end(), error_link), end; it != end; ++it) {
    EXPECT_TRUE(absl::StrContains(html, absl::StrCat("id=\"", (*it)[1].str(), "\"")))
        << "the error summary links to a missing field " << (*it)[1];
  }
}

}  // namespace cadre::testing
