#include "server/static_files.hpp"

#include "server/encoding.hpp"
#include "server/mime.hpp"
#include "server/request_path.hpp"

namespace derive::server {
namespace {

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kRevalidate = "no-cache";

std::string html_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

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
  auto page = std::make_shared<std::string>(
      "<!doctype html>\n<html lang=\"en\">\n<meta charset=\"utf-8\">\n<title>" + title + "</title>\n<h1>" +
      title + "</h1>\n" + (detail.empty() ? "" : "<p>" + html_escape(detail) + "</p>\n") +
      "<p><a href=\"/\">Back to derive</a></p>\n</html>\n");
  reply.content_type = "text/html; charset=utf-8";
  reply.body = *page;
  reply.storage.push_back(std::move(page));
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
  std::string_view bytes = file.identity;
  std::string_view encoding;
  if (accepted.br && file.br) {
    bytes = *file.br;
    encoding = "br";
  } else if (accepted.gzip && file.gzip) {
    bytes = *file.gzip;
    encoding = "gzip";
  }
  // Each encoding is its own representation, so each has its own strong tag.
  const std::string etag = "\"" + file.hash + (encoding.empty() ? "" : "-" + std::string(encoding)) + "\"";

  Reply reply;
  reply.headers.emplace_back("ETag", etag);
  reply.headers.emplace_back("Cache-Control",
                             std::string(is_fingerprinted_asset(*path) ? kImmutable : kRevalidate));
  if (file.br || file.gzip) reply.headers.emplace_back("Vary", "Accept-Encoding");
  if (etag_matches(request.if_none_match, etag)) {
    reply.status = 304;
    // A 304 may state the length of the representation it stands for; it
    // must not claim 0, which a default would.
    reply.headers.emplace_back("Content-Length", std::to_string(bytes.size()));
    return reply;
  }
  reply.status = 200;
  if (!encoding.empty()) reply.headers.emplace_back("Content-Encoding", std::string(encoding));
  reply.content_type = std::string(mime_type_for(*path));
  reply.body = bytes;
  reply.storage = file.storage;
  return reply;
}

}  // namespace derive::server
