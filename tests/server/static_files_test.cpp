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
    file.identity = it->second;
    file.hash = "h" + std::to_string(it->second.size());
    if (const auto br = files.find(std::string(path) + ".br"); br != files.end()) file.br = br->second;
    if (const auto gz = files.find(std::string(path) + ".gz"); gz != files.end()) file.gzip = gz->second;
    return std::optional<SiteFile>(file);
  }
  std::string description() const override { return "memory"; }
};

std::string header(const Reply& reply, std::string_view name) {
  for (const auto& [key, value] : reply.headers)
    if (key == name) return value;
  return "";
}

TEST(StaticFiles, ChoosesTheEncodingAndItsTag) {
  MemorySite site;
  site.files = {{"index.html", "<html>"}, {"index.html.br", "B"}, {"index.html.gz", "GG"}};
  Reply r = reply_for(site, {"GET", "/", "gzip, br", ""});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "B");
  EXPECT_EQ(header(r, "Content-Encoding"), "br");
  EXPECT_EQ(header(r, "ETag"), "\"h6-br\"");
  r = reply_for(site, {"GET", "/", "gzip", ""});
  EXPECT_EQ(r.body, "GG");
  EXPECT_EQ(header(r, "ETag"), "\"h6-gzip\"");
  r = reply_for(site, {"GET", "/index.html", "", ""});
  EXPECT_EQ(r.body, "<html>");
  EXPECT_EQ(header(r, "Content-Encoding"), "");
  EXPECT_EQ(header(r, "Vary"), "Accept-Encoding");
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
}

TEST(StaticFiles, NotModifiedKeepsTheRepresentationLength) {
  MemorySite site;
  site.files = {{"index.html", "<html>"}};
  const Reply r = reply_for(site, {"HEAD", "/", "", "\"h6\""});
  EXPECT_EQ(r.status, 304);
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(r.content_type, "");
  EXPECT_EQ(header(r, "Content-Length"), "6");
  EXPECT_EQ(header(r, "Vary"), "");  // no copies, nothing varies
}

TEST(StaticFiles, StatusesForRefusals) {
  MemorySite site;
  site.files = {{"index.html", "x"}};
  EXPECT_EQ(reply_for(site, {"GET", "/../x", "", ""}).status, 400);
  EXPECT_EQ(reply_for(site, {"GET", "/missing", "", ""}).status, 404);
  const Reply post = reply_for(site, {"POST", "/", "", ""});
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(header(post, "Allow"), "GET, HEAD");
  EXPECT_EQ(header(post, "Cache-Control"), "no-store");
  const Reply bad = reply_for(site, {"GET", "/%252e", "", ""});
  EXPECT_NE(std::string(bad.body).find("double encoding"), std::string::npos);
}

TEST(StaticFiles, ErrorPagesEscapeTheirDetail) {
  const Reply r = error_reply(400, "<script>");
  EXPECT_NE(std::string(r.body).find("&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(std::string(r.body).find("<script>"), std::string::npos);
}

TEST(StaticFiles, CacheRuleByPath) {
  MemorySite site;
  site.files = {{"assets/abc/app.js", "a"}, {"assets/app.js", "b"}, {"index.html", "c"}};
  EXPECT_EQ(header(reply_for(site, {"GET", "/assets/abc/app.js", "", ""}), "Cache-Control"),
            "public, max-age=31536000, immutable");
  EXPECT_EQ(header(reply_for(site, {"GET", "/assets/app.js", "", ""}), "Cache-Control"), "no-cache");
  EXPECT_EQ(header(reply_for(site, {"GET", "/", "", ""}), "Cache-Control"), "no-cache");
}

}  // namespace
}  // namespace derive::server
