// reply_for on an in-memory site: the caching and encoding decisions without
// a socket, including the boundaries of the fingerprint rule.
#include "server/static_files.hpp"

#include <gtest/gtest.h>

#include <map>

namespace derive::server {
namespace {

class MemorySite final : public Site {
 public:
  std::map<std::string, std::string, std::less<>> files;

  Result<std::optional<SiteFile>> find(std::string_view path) const override {
    const auto it = files.find(path);
    if (it == files.end() || path.ends_with(".br") || path.ends_with(".gz")) return std::optional<SiteFile>();
    SiteFile file;
    file.identity = Content::of_memory(it->second);
    file.hash = "h" + std::to_string(it->second.size());
    if (const auto br = files.find(std::string(path) + ".br"); br != files.end())
      file.br = Content::of_memory(br->second);
    if (const auto gz = files.find(std::string(path) + ".gz"); gz != files.end())
      file.gzip = Content::of_memory(gz->second);
    return std::optional<SiteFile>(file);
  }
  std::string description() const override { return "memory"; }
};

// The body as a client receives it (memory pieces only: MemorySite has no files).
std::string body(const Reply& reply) {
  std::string text;
  for (const BodyPiece& piece : reply.body) {
    EXPECT_EQ(piece.file, nullptr);
    EXPECT_EQ(piece.memory.size(), piece.length);
    text += piece.memory;
  }
  EXPECT_EQ(text.size(), reply.body_length());
  return text;
}

std::string header(const Reply& reply, std::string_view name) {
  for (const auto& [key, value] : reply.headers)
    if (key == name) return value;
  return "";
}

TEST(StaticFiles, ChoosesTheEncodingAndItsTag) {
  MemorySite site;
  site.files = {{"index.html", "<html>"}, {"index.html.br", "B"}, {"index.html.gz", "GG"}};
  Reply r = reply_for(site, {"GET", "/", "gzip, br", "", "", ""});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(body(r), "B");
  EXPECT_EQ(header(r, "Content-Encoding"), "br");
  EXPECT_EQ(header(r, "ETag"), "\"h6-br\"");
  r = reply_for(site, {"GET", "/", "gzip", "", "", ""});
  EXPECT_EQ(body(r), "GG");
  EXPECT_EQ(header(r, "ETag"), "\"h6-gzip\"");
  r = reply_for(site, {"GET", "/index.html", "", "", "", ""});
  EXPECT_EQ(body(r), "<html>");
  EXPECT_EQ(header(r, "Content-Encoding"), "");
  EXPECT_EQ(header(r, "Vary"), "Accept-Encoding");
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
}

TEST(StaticFiles, NotModifiedKeepsTheRepresentationLength) {
  MemorySite site;
  site.files = {{"index.html", "<html>"}};
  const Reply r = reply_for(site, {"HEAD", "/", "", "\"h6\"", "", ""});
  EXPECT_EQ(r.status, 304);
  EXPECT_EQ(body(r), "");
  EXPECT_EQ(r.content_type, "");
  EXPECT_EQ(header(r, "Content-Length"), "6");
  EXPECT_EQ(header(r, "Vary"), "");  // no copies, nothing varies
}

TEST(StaticFiles, StatusesForRefusals) {
  MemorySite site;
  site.files = {{"index.html", "x"}};
  EXPECT_EQ(reply_for(site, {"GET", "/../x", "", "", "", ""}).status, 400);
  EXPECT_EQ(reply_for(site, {"GET", "/missing", "", "", "", ""}).status, 404);
  const Reply post = reply_for(site, {"POST", "/", "", "", "", ""});
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(header(post, "Allow"), "GET, HEAD");
  EXPECT_EQ(header(post, "Cache-Control"), "no-store");
  const Reply bad = reply_for(site, {"GET", "/%252e", "", "", "", ""});
  EXPECT_NE(body(bad).find("double encoding"), std::string::npos);
}

TEST(StaticFiles, ErrorPagesEscapeTheirDetail) {
  const Reply r = error_reply(400, "<script>");
  EXPECT_NE(body(r).find("&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(body(r).find("<script>"), std::string::npos);
}

TEST(StaticFiles, CacheRuleByPath) {
  MemorySite site;
  site.files = {{"assets/abc/app.js", "a"}, {"assets/app.js", "b"}, {"index.html", "c"}};
  EXPECT_EQ(header(reply_for(site, {"GET", "/assets/abc/app.js", "", "", "", ""}), "Cache-Control"),
            "public, max-age=31536000, immutable");
  EXPECT_EQ(header(reply_for(site, {"GET", "/assets/app.js", "", "", "", ""}), "Cache-Control"), "no-cache");
  EXPECT_EQ(header(reply_for(site, {"GET", "/", "", "", "", ""}), "Cache-Control"), "no-cache");
}

Reply get_range(const Site& site, std::string_view range, std::string_view if_range = {},
                std::string_view method = "GET") {
  return reply_for(site, {method, "/data.bin", "", "", range, if_range});
}

TEST(StaticFilesRange, OneRangeIsASlice) {
  MemorySite site;
  site.files = {{"data.bin", "0123456789"}};
  const Reply r = get_range(site, "bytes=2-4");
  EXPECT_EQ(r.status, 206);
  EXPECT_EQ(body(r), "234");
  EXPECT_EQ(header(r, "Content-Range"), "bytes 2-4/10");
  EXPECT_EQ(r.content_type, "application/octet-stream");
  EXPECT_EQ(header(r, "ETag"), "\"h10\"");
}

TEST(StaticFilesRange, BeyondTheEndIs416WithTheSize) {
  MemorySite site;
  site.files = {{"data.bin", "0123456789"}};
  const Reply r = get_range(site, "bytes=10-");
  EXPECT_EQ(r.status, 416);
  EXPECT_EQ(header(r, "Content-Range"), "bytes */10");
  EXPECT_EQ(body(r).find("0123"), std::string::npos);
}

TEST(StaticFilesRange, SeveralRangesAreMultipart) {
  MemorySite site;
  site.files = {{"data.bin", "0123456789"}};
  const Reply r = get_range(site, "bytes=8-,0-1");
  ASSERT_EQ(r.status, 206);
  const std::string prefix = "multipart/byteranges; boundary=";
  ASSERT_EQ(r.content_type.rfind(prefix, 0), 0u) << r.content_type;
  const std::string boundary = r.content_type.substr(prefix.size());
  EXPECT_EQ(body(r), "\r\n--" + boundary +
                         "\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes 0-1/10\r\n\r\n01"
                         "\r\n--" +
                         boundary +
                         "\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes 8-9/10\r\n\r\n89"
                         "\r\n--" +
                         boundary + "--\r\n");
  EXPECT_EQ(header(r, "Content-Range"), "");
  // Each answer has its own boundary.
  EXPECT_NE(get_range(site, "bytes=8-,0-1").content_type, r.content_type);
}

TEST(StaticFilesRange, OverlapsNeverSendMoreThanTheFile) {
  MemorySite site;
  site.files = {{"data.bin", std::string(1000, 'x')}};
  std::string header_value = "bytes=0-";
  for (int i = 1; i < 16; ++i) header_value += ",0-";
  const Reply r = get_range(site, header_value);
  EXPECT_EQ(r.status, 206);
  EXPECT_EQ(r.body_length(), 1000u);
}

TEST(StaticFilesRange, IfRangeAndMethodsDecideWhetherItApplies) {
  MemorySite site;
  site.files = {{"data.bin", "0123456789"}};
  EXPECT_EQ(get_range(site, "bytes=0-1", "\"h10\"").status, 206);
  const Reply changed = get_range(site, "bytes=0-1", "\"old\"");
  EXPECT_EQ(changed.status, 200);  // the file changed: send it whole
  EXPECT_EQ(body(changed), "0123456789");
  EXPECT_EQ(get_range(site, "bytes=0-1", "W/\"h10\"").status, 200);
  const Reply head = get_range(site, "bytes=0-1", {}, "HEAD");
  EXPECT_EQ(head.status, 200);  // Range is defined for GET only
  EXPECT_EQ(head.body_length(), 10u);
  EXPECT_EQ(get_range(site, "bytes=5-1").status, 200);  // invalid: ignored
}

TEST(StaticFilesRange, NotModifiedComesBeforeRange) {
  MemorySite site;
  site.files = {{"data.bin", "0123456789"}};
  const Reply r = reply_for(site, {"GET", "/data.bin", "", "\"h10\"", "bytes=0-1", ""});
  EXPECT_EQ(r.status, 304);
}

TEST(ResponseHead, FieldsLengthAndConnection) {
  MemorySite site;
  site.files = {{"index.html", "<html>"}};
  const Reply ok = reply_for(site, {"GET", "/", "", "", "", ""});
  const std::string head = response_head(ok, true, "Wed, 02 Dec 2026 01:00:00 GMT");
  EXPECT_EQ(head.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << head;
  EXPECT_NE(head.find("\r\nContent-Length: 6\r\n"), std::string::npos) << head;
  EXPECT_NE(head.find("\r\nDate: Wed, 02 Dec 2026 01:00:00 GMT\r\n"), std::string::npos) << head;
  EXPECT_NE(head.find("\r\nX-Content-Type-Options: nosniff\r\n"), std::string::npos) << head;
  EXPECT_EQ(head.find("Connection:"), std::string::npos) << head;
  EXPECT_TRUE(head.ends_with("\r\n\r\n"));
  EXPECT_NE(response_head(ok, false, "d").find("\r\nConnection: close\r\n"), std::string::npos);
  // A 304 states the representation's length once, not the empty body's.
  const std::string not_modified =
      response_head(reply_for(site, {"GET", "/", "", "\"h6\"", "", ""}), true, "d");
  EXPECT_NE(not_modified.find("Content-Length: 6\r\n"), std::string::npos) << not_modified;
  EXPECT_EQ(not_modified.find("Content-Length: 0"), std::string::npos) << not_modified;
}

// A page of another origin loads embed.js and the fingerprinted assets it
// imports with CORS (module scripts, fetch of the wasm and the stylesheet);
// only embed.html may be framed. The app's own pages keep both closed.
TEST(StaticFiles, EmbedFilesAllowOtherOrigins) {
  MemorySite site;
  site.files = {{"index.html", "<html>"},
                {"sw.js", "w"},
                {"embed.js", "e"},
                {"embed.html", "<html>"},
                {"assets/1a2b/derive.wasm", "\0asm"},
                {"assets/1a2b/modules/card.js", "c"}};
  const auto get = [&](std::string_view target) { return reply_for(site, {"GET", target, "", "", "", ""}); };
  for (const std::string_view open :
       {"/embed.js", "/assets/1a2b/derive.wasm", "/assets/1a2b/modules/card.js"}) {
    SCOPED_TRACE(open);
    const Reply r = get(open);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(header(r, "Access-Control-Allow-Origin"), "*");
    EXPECT_FALSE(r.frameable);
  }
  EXPECT_EQ(get("/assets/1a2b/derive.wasm").content_type, "application/wasm");
  EXPECT_EQ(get("/embed.js").content_type, "text/javascript; charset=utf-8");
  // A revalidated asset keeps the header: the browser reuses the cached body under it.
  EXPECT_EQ(
      header(reply_for(site, {"GET", "/embed.js", "", "\"h1\"", "", ""}), "Access-Control-Allow-Origin"),
      "*");
  for (const std::string_view closed : {"/", "/sw.js", "/embed.html", "/missing.js"}) {
    SCOPED_TRACE(closed);
    EXPECT_EQ(header(get(closed), "Access-Control-Allow-Origin"), "");
  }
  const Reply frame = get("/embed.html");
  EXPECT_TRUE(frame.frameable);
  EXPECT_NE(response_head(frame, true, "d").find("; frame-ancestors *\r\n"), std::string::npos);
  EXPECT_FALSE(get("/").frameable);
  EXPECT_NE(response_head(get("/"), true, "d").find("; frame-ancestors 'none'\r\n"), std::string::npos);
}

TEST(ResponseHead, HttpDate) {
  EXPECT_EQ(http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
  EXPECT_EQ(http_date(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");  // RFC 9110's example
}

}  // namespace
}  // namespace derive::server
