#pragma once

// A small writer of Atom 1.0 feeds (RFC 4287): the feed of a search (/search.atom). Pure.
// Every piece of text is escaped for XML (& < > " ') and loses what XML 1.0 cannot carry
// or readers choke on: control characters other than tab, line feed and carriage return
// (C0, DEL and C1), U+FFFE and U+FFFF; invalid UTF-8 becomes U+FFFD. The output is
// always well-formed UTF-8 XML.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace cadre::gateway {

struct AtomEntry {
  std::string id = "";  // an absolute URL or tag: URI, stable for the entry
  std::string title = "";
  std::string link = "";     // absolute URL of the entry's page (rel="alternate")
  std::string summary = "";  // plain text
  std::string author = "";   // the author's name
  absl::Time updated = absl::UnixEpoch();
  absl::Time published = absl::UnixEpoch();
};

struct AtomFeed {
  std::string id = "";  // an absolute URL, stable for the feed
  std::string title = "";
  std::string self_link = "";              // the feed's own absolute URL
  std::string alternate_link = "";         // the HTML page it is the feed of, absolute
  absl::Time updated = absl::UnixEpoch();  // the newest entry's time (or now, for an empty feed)
  std::vector<AtomEntry> entries = {};
};

// The feed as an XML document, with its XML declaration.
std::string WriteAtom(const AtomFeed& feed);

// `text` as XML character data or an attribute value (quotes escaped too), cleaned as
// the header comment says.
std::string XmlEscape(absl::string_view text);

}  // namespace cadre::gateway
