// What to answer to one request for a static file: status, headers and body,
// decided without any socket so it can be tested directly. The HTTP library
// adapter (http_server.cpp) only copies a Reply onto the wire.
//
// Caching: files under assets/<hash>/ never change at a given URL (the stager
// moves every asset to a new hash when anything changes), so browsers may keep
// them a year without asking. Everything else, index.html above all, must be
// revalidated on every use (no-cache) so a new release is seen at once; the
// ETag makes that revalidation a 304 with no body.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/site.hpp"

namespace derive::server {

struct RequestInfo {
  std::string_view method;           // "GET"
  std::string_view target;           // raw request target: "/assets/1a2b/app.js?v=1"
  std::string_view accept_encoding;  // header value, may be empty
  std::string_view if_none_match;    // header value, may be empty
};

struct Reply {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // beyond the security headers
  std::string content_type;                                  // empty when there is no body
  std::string_view body;  // what a GET receives; a HEAD gets only the headers
  std::vector<std::shared_ptr<const std::string>> storage;  // keeps `body` alive
};

// The methods a static site answers; everything else gets 405 with this Allow.
inline constexpr std::string_view kAllowedMethods = "GET, HEAD";

// Answers GET and HEAD from `site`; 400 for a refused path, 404 for a missing
// file, 405 for other methods, 304 when If-None-Match holds the current ETag.
Reply reply_for(const Site& site, const RequestInfo& request);

// A small HTML page for an error status; `detail` (plain text) explains it.
Reply error_reply(int status, std::string_view detail = {});

// "Not Found" for 404, and so on for the statuses this server sends.
std::string_view status_text(int status);

// True for "assets/<hash>/<more>": fingerprinted, immutable files.
bool is_fingerprinted_asset(std::string_view site_path);

// True when an If-None-Match value ("*", or a list of possibly weak tags)
// matches `etag` (quoted, as sent in the ETag header).
bool etag_matches(std::string_view if_none_match, std::string_view etag);

}  // namespace derive::server
