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

#include <cstdint>
#include <ctime>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "derive/server/site.hpp"

namespace derive::server {

struct RequestInfo {
  std::string_view method;           // "GET"
  std::string_view target;           // raw request target: "/assets/1a2b/app.js?v=1"
  std::string_view accept_encoding;  // header value, may be empty
  std::string_view if_none_match;    // header value, may be empty
  std::string_view range;            // header value, may be empty
  std::string_view if_range;         // header value, may be empty
};

// A slice of a body: bytes in memory, or `length` bytes of an open file from
// `offset`. A reply's pieces are always inside the Content they come from.
struct BodyPiece {
  std::string_view memory;               // sent as is when `file` is null
  std::shared_ptr<const OpenFile> file;  // else read from here
  std::uint64_t offset = 0;              // into `file`
  std::uint64_t length = 0;              // bytes of this piece (memory.size() for memory)
};

struct Reply {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // beyond the security headers
  std::string content_type;                                  // empty when there is no body
  std::vector<BodyPiece> body;  // what a GET receives; a HEAD gets only the headers
  std::vector<std::shared_ptr<const std::string>> storage;  // keeps memory pieces alive
  bool frameable = false;  // other origins' pages may frame it (CSP frame-ancestors *)

  // Bytes of the body: the Content-Length of a 200, 206 or error page.
  std::uint64_t body_length() const;
};

// The methods a static site answers; everything else gets 405 with this Allow.
inline constexpr std::string_view kAllowedMethods = "GET, HEAD";

// Answers GET and HEAD from `site`; 400 for a refused path, 404 for a missing
// file, 405 for other methods, 304 when If-None-Match holds the current ETag.
// A GET with a Range (and an If-Range that allows it, if any) gets 206 with
// one slice, or multipart/byteranges for several, or 416 when nothing in it
// can be satisfied (range.hpp says which ranges count).
Reply reply_for(const Site& site, const RequestInfo& request);

// The status line and header fields of `reply` as sent: the security headers
// (docs/server.md says why each), Date, the reply's own fields,
// Content-Type, Content-Length (the body's, unless the reply states its own,
// as a 304 does) and "Connection: close" unless `keep_alive`. Ends with the
// empty line.
std::string response_head(const Reply& reply, bool keep_alive, std::string_view date);

// An IMF-fixdate (RFC 9110 5.6.7) for the Date field: "Sun, 06 Nov 1994 08:49:37 GMT".
std::string http_date(std::int64_t unix_seconds);

// A small HTML page for an error status; `detail` (plain text) explains it.
Reply error_reply(int status, std::string_view detail = {});

// "Not Found" for 404, and so on for the statuses this server sends.
std::string_view status_text(int status);

// True for "assets/<hash>/<more>": fingerprinted, immutable files.
bool is_fingerprinted_asset(std::string_view site_path);

// The embed's two unfingerprinted files (docs/instructors.md): the script a
// host page loads and the page an iframe shows.
inline constexpr std::string_view kEmbedScript = "embed.js";
inline constexpr std::string_view kEmbedFrame = "embed.html";

// True for the files a page of another origin loads to embed an exercise:
// embed.js and every fingerprinted asset (the modules it imports, the engine's
// loader and wasm, the stylesheet). They get Access-Control-Allow-Origin: *;
// index.html, sw.js and embed.html (framed, never fetched) do not.
bool is_embed_resource(std::string_view site_path);

// True when an If-None-Match value ("*", or a list of possibly weak tags)
// matches `etag` (quoted, as sent in the ETag header).
bool etag_matches(std::string_view if_none_match, std::string_view etag);

}  // namespace derive::server
