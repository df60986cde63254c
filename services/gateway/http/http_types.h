#pragma once

// What the gateway's handlers see of an HTTP exchange: plain values, so that a page or
// the Connect transcoder is a function from HttpRequest to HttpResponse that tests call
// without a socket, and only the front door (front_door.cc) knows cpp-httplib.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace cadre::gateway {

struct HttpRequest {
  std::string method;  // "GET", "HEAD", "POST"
  std::string path;    // decoded, without the query: "/roles/42"
  // Decoded query parameters (a name may repeat), and header names in lower case.
  std::multimap<std::string, std::string> query;
  std::multimap<std::string, std::string> headers;
  std::string body;
  // The fields of a form's body, application/x-www-form-urlencoded (at most 8 KB: the
  // limit compiled into cpp-httplib) or multipart/form-data (forms with long text, up to
  // the front door's body limit); decoded, a name may repeat.
  std::multimap<std::string, std::string> form;
  // The captures of the route's pattern: "/roles/([0-9]+)" on "/roles/42" → {"42"}.
  std::vector<std::string> path_params;
  // The browser's address: the socket's peer, or the first X-Forwarded-For address when
  // the peer is a trusted proxy (--trusted_proxies). Never logged.
  std::string client_address;
  std::string request_id;  // X-Request-Id when sane, else one the gateway made
  bool tls = false;        // whether the request came over TLS

  // The first value, or "" when absent. `name` in lower case.
  std::string Header(absl::string_view name) const;
  std::string Query(absl::string_view name) const;
  // Every value of a repeated query parameter, in order.
  std::vector<std::string> QueryAll(absl::string_view name) const;
  // The first value of a form field, or "" when absent; every value of a repeated one.
  std::string Form(absl::string_view name) const;
  std::vector<std::string> FormAll(absl::string_view name) const;
  // The value of cookie `name` in the Cookie header, or "" (the first when repeated).
  std::string Cookie(absl::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  // Headers beyond Content-Type and the security headers the front door adds to every
  // response; a handler's Content-Security-Policy or Cache-Control replaces the default.
  std::vector<std::pair<std::string, std::string>> headers;

  // Replaces any header of that name (compared without case).
  void SetHeader(absl::string_view name, std::string value);
  // Adds a header even when one of that name is set (Set-Cookie).
  void AddHeader(absl::string_view name, std::string value);
  // The value of a header set on the response, or "".
  std::string HeaderValue(absl::string_view name) const;
};

}  // namespace cadre::gateway
