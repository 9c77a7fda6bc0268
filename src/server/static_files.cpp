#include "server/static_files.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>

#include "server/encoding.hpp"
#include "server/markup.hpp"
#include "server/mime.hpp"
#include "server/range.hpp"
#include "server/request_path.hpp"

namespace derive::server {
namespace {

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kRevalidate = "no-cache";

BodyPiece slice(const Content& content, std::uint64_t offset, std::uint64_t length) {
  BodyPiece piece;
  piece.length = length;
  if (content.file) {
    piece.file = content.file;
    piece.offset = offset;
  } else {
    piece.memory = content.memory.substr(offset, length);
  }
  return piece;
}

// Text the reply owns (error pages, multipart part headers) as a piece.
void append_owned(Reply& reply, std::string text) {
  auto stored = std::make_shared<const std::string>(std::move(text));
  BodyPiece piece;
  piece.memory = *stored;
  piece.length = stored->size();
  reply.body.push_back(std::move(piece));
  reply.storage.push_back(std::move(stored));
}

std::string content_range(std::uint64_t first, std::uint64_t length, std::uint64_t size) {
  return "bytes " + std::to_string(first) + "-" + std::to_string(first + length - 1) + "/" +
         std::to_string(size);
}

// A multipart boundary that differs per response, so that no file (which a
// client could pick for this) can contain the boundary of its own answer.
std::string next_boundary() {
  static const std::uint64_t seed =
      static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  static std::atomic<std::uint64_t> counter{0};
  std::uint64_t x = seed + 0x9e3779b97f4a7c15ULL * (counter.fetch_add(1) + 1);  // SplitMix64
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  x ^= x >> 31;
  char text[40];
  std::snprintf(text, sizeof text, "derive-%016llx", static_cast<unsigned long long>(x));
  return text;
}

// 206 with the ranges of `content`: one slice, or a multipart/byteranges body
// (RFC 9110 14.6) whose parts each carry their own Content-Range.
void fill_partial(Reply& reply, const Content& content, const std::vector<ByteRange>& ranges,
                  std::string_view type) {
  reply.status = 206;
  if (ranges.size() == 1) {
    reply.headers.emplace_back("Content-Range",
                               content_range(ranges[0].first, ranges[0].length, content.size));
    reply.content_type = std::string(type);
    reply.body.push_back(slice(content, ranges[0].first, ranges[0].length));
    return;
  }
  const std::string boundary = next_boundary();
  reply.content_type = "multipart/byteranges; boundary=" + boundary;
  for (const ByteRange& r : ranges) {
    append_owned(reply, "\r\n--" + boundary + "\r\nContent-Type: " + std::string(type) +
                            "\r\nContent-Range: " + content_range(r.first, r.length, content.size) +
                            "\r\n\r\n");
    reply.body.push_back(slice(content, r.first, r.length));
  }
  append_owned(reply, "\r\n--" + boundary + "--\r\n");
}

}  // namespace

// The app is our own files only: no inline script or style, no other
// origins; 'wasm-unsafe-eval' lets the engine compile, nothing else. The
// policy ends with frame-ancestors, which response_head fills per reply.
constexpr std::string_view kContentSecurityPolicy =
    "Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors ";
constexpr std::string_view kSecurityHeaders =
    "X-Content-Type-Options: nosniff\r\n"
    "Referrer-Policy: no-referrer\r\n"
    "Cross-Origin-Opener-Policy: same-origin\r\n";

std::string response_head(const Reply& reply, bool keep_alive, std::string_view date) {
  std::string head =
      "HTTP/1.1 " + std::to_string(reply.status) + " " + std::string(status_text(reply.status)) + "\r\n";
  head += kContentSecurityPolicy;
  // The iframe embed (embed.html) may be framed by any page; nothing else may.
  head += reply.frameable ? "*\r\n" : "'none'\r\n";
  head += kSecurityHeaders;
  head += "Date: ";
  head += date;
  head += "\r\n";
  bool has_length = false;
  for (const auto& [name, value] : reply.headers) {
    has_length = has_length || name == "Content-Length";
    head += name + ": " + value + "\r\n";
  }
  if (!reply.content_type.empty()) head += "Content-Type: " + reply.content_type + "\r\n";
  if (!has_length) head += "Content-Length: " + std::to_string(reply.body_length()) + "\r\n";
  if (!keep_alive) head += "Connection: close\r\n";
  head += "\r\n";
  return head;
}

std::string http_date(std::int64_t unix_seconds) {
  const auto seconds = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  // Names written out: strftime's would follow the locale.
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char text[64];
  std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return text;
}

std::uint64_t Reply::body_length() const {
  std::uint64_t total = 0;
  for (const BodyPiece& piece : body) total += piece.length;
  return total;
}

std::string_view status_text(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 206:
      return "Partial Content";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 413:
      return "Content Too Large";
    case 414:
      return "URI Too Long";
    case 416:
      return "Range Not Satisfiable";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    default:
      return "Error";
  }
}

bool is_fingerprinted_asset(std::string_view site_path) {
  constexpr std::string_view kPrefix = "assets/";
  if (!site_path.starts_with(kPrefix)) return false;
  const std::string_view rest = site_path.substr(kPrefix.size());
  const auto slash = rest.find('/');
  return slash != std::string_view::npos && slash > 0 && slash + 1 < rest.size();
}

bool is_embed_resource(std::string_view site_path) {
  return site_path == kEmbedScript || is_fingerprinted_asset(site_path);
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  while (!if_none_match.empty()) {
    const auto comma = if_none_match.find(',');
    std::string_view tag = if_none_match.substr(0, comma);
    if_none_match = comma == std::string_view::npos ? std::string_view() : if_none_match.substr(comma + 1);
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    if (tag == "*") return true;
    if (tag.starts_with("W/")) tag.remove_prefix(2);  // If-None-Match compares weakly
    if (tag == etag) return true;
  }
  return false;
}

Reply error_reply(int status, std::string_view detail) {
  Reply reply;
  reply.status = status;
  const std::string title = std::to_string(status) + " " + std::string(status_text(status));
  append_owned(reply, "<!doctype html>\n<html lang=\"en\">\n<meta charset=\"utf-8\">\n<title>" + title +
                          "</title>\n<h1>" + title + "</h1>\n" +
                          (detail.empty() ? "" : "<p>" + html_escape(detail) + "</p>\n") +
                          "<p><a href=\"/\">Back to derive</a></p>\n</html>\n");
  reply.content_type = "text/html; charset=utf-8";
  // An error is about this request only; never let a cache keep it.
  reply.headers.emplace_back("Cache-Control", "no-store");
  if (status == 405) reply.headers.emplace_back("Allow", std::string(kAllowedMethods));
  return reply;
}

Reply reply_for(const Site& site, const RequestInfo& request) {
  if (request.method != "GET" && request.method != "HEAD")
    return error_reply(405, "This server only hands out files: use GET or HEAD.");
  const Result<std::string> path = site_path_from_target(request.target);
  if (!path) return error_reply(400, path.error().message);
  const Result<std::optional<SiteFile>> found = site.find(*path);
  if (!found) return error_reply(500, found.error().message);
  if (!found->has_value()) return error_reply(404, "There is no file at this address.");
  const SiteFile& file = **found;

  // The smallest encoding the client takes: brotli, then gzip, then none.
  const AcceptedEncodings accepted = parse_accept_encoding(request.accept_encoding);
  const Content* bytes = &file.identity;
  std::string_view encoding;
  if (accepted.br && file.br) {
    bytes = &*file.br;
    encoding = "br";
  } else if (accepted.gzip && file.gzip) {
    bytes = &*file.gzip;
    encoding = "gzip";
  }
  // Each encoding is its own representation, so each has its own strong tag.
  const std::string etag = "\"" + file.hash + (encoding.empty() ? "" : "-" + std::string(encoding)) + "\"";

  Reply reply;
  reply.headers.emplace_back("ETag", etag);
  reply.headers.emplace_back("Cache-Control",
                             std::string(is_fingerprinted_asset(*path) ? kImmutable : kRevalidate));
  if (file.br || file.gzip) reply.headers.emplace_back("Vary", "Accept-Encoding");
  // A page of another origin loads embed.js and what it imports as module
  // scripts and fetches (CORS requests): they must say any origin may read them.
  if (is_embed_resource(*path)) reply.headers.emplace_back("Access-Control-Allow-Origin", "*");
  reply.frameable = *path == kEmbedFrame;
  if (etag_matches(request.if_none_match, etag)) {
    reply.status = 304;
    // A 304 may state the length of the representation it stands for; it
    // must not claim 0, which a default would.
    reply.headers.emplace_back("Content-Length", std::to_string(bytes->size));
    return reply;
  }
  if (!encoding.empty()) reply.headers.emplace_back("Content-Encoding", std::string(encoding));
  reply.headers.emplace_back("Accept-Ranges", "bytes");
  const std::string_view type = mime_type_for(*path);

  // Ranges are defined for GET only (RFC 9110 14.2), and slice the
  // representation chosen above, whose ETag is the one If-Range must match.
  RangeDecision range;
  if (request.method == "GET" && !request.range.empty() &&
      (request.if_range.empty() || if_range_allows(request.if_range, etag)))
    range = decide_range(request.range, bytes->size);
  switch (range.kind) {
    case RangeDecision::Kind::Unsatisfiable: {
      Reply refused = error_reply(416, "The requested range is not inside the file.");
      refused.headers.emplace_back("Content-Range", "bytes */" + std::to_string(bytes->size));
      return refused;
    }
    case RangeDecision::Kind::Partial:
      fill_partial(reply, *bytes, range.ranges, type);
      return reply;
    case RangeDecision::Kind::Whole:
      break;
  }
  reply.status = 200;
  reply.content_type = std::string(type);
  if (bytes->size > 0) reply.body.push_back(slice(*bytes, 0, bytes->size));
  return reply;
}

}  // namespace derive::server
