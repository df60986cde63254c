#pragma once

// The links the involvement map's pages make from what the registry says: the gateway's
// paths from resource names ("bodies/RXF" → /bodies/RXF, "roles/42" → /roles/42), which
// body codes a path may carry, an avenue's "how to join" as a link, and the HTML snippet
// a body pastes to embed its open roles. Pure: no gRPC, no HTTP.

#include <string>

#include "absl/strings/string_view.h"
#include "absl/types/optional.h"

namespace cadre::gateway {

// A body code as Body.name carries it: an ODS code (3 to 6 upper-case letters and digits)
// or a Cadre-issued one ("CDR" and 1 to kMaxIssuedCodeDigits digits). Anything else is
// not a body, so the page answers 404 without asking the registry.
inline constexpr int kMaxIssuedCodeDigits = 12;
bool IsBodyCode(absl::string_view code);

// "bodies/RXF" → "RXF"; "" unless the rest is a body code.
std::string BodyCodeOf(absl::string_view name);
// "roles/42" → "42"; "" unless the rest is a decimal number.
std::string RoleIdOf(absl::string_view name);

// How to join an avenue, as a link: an https:// address as it is, an email address as
// mailto:. nullopt for
// anything else (the registry allows only those two, but a link is never made from
// text that is neither: no javascript: or other scheme reaches an href).
struct JoinLink {
  std::string href;
  std::string address;  // the email address, or the web address shown after the link
  bool email = false;
};
absl::optional<JoinLink> JoinLinkOf(absl::string_view how_to_join);

// Whether `url` is an https:// address with a host, fit for an href.
bool IsHttpsUrl(absl::string_view url);

// `text` escaped for an HTML attribute value in double quotes (& < > " ').
std::string EscapeHtmlAttribute(absl::string_view text);

// The <iframe> a body pastes into its own website to show its open roles:
// <iframe src="{public_url}/bodies/{code}/embed" title="Patient leader roles at {name}"
// width="100%" height="480" loading="lazy"></iframe>, its attributes escaped. No style
// attribute: the host page styles it as it likes.
std::string EmbedSnippet(absl::string_view public_url, absl::string_view code,
                         absl::string_view body_name);

}  // namespace cadre::gateway
