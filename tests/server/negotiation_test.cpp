// Accept-Encoding, MIME types and ETag matching: the small decisions that
// decide which bytes a browser gets and whether it may reuse them.
#include <gtest/gtest.h>

#include "server/encoding.hpp"
#include "server/mime.hpp"
#include "server/static_files.hpp"

namespace derive::server {
namespace {

void expect_accepts(std::string_view header, bool br, bool gzip) {
  const AcceptedEncodings got = parse_accept_encoding(header);
  EXPECT_EQ(got.br, br) << "br for \"" << header << "\"";
  EXPECT_EQ(got.gzip, gzip) << "gzip for \"" << header << "\"";
}

TEST(AcceptEncoding, CommonBrowserHeaders) {
  expect_accepts("gzip, deflate, br", true, true);
  expect_accepts("gzip, deflate, br, zstd", true, true);
  expect_accepts("gzip, deflate", false, true);
  expect_accepts("br", true, false);
  expect_accepts("", false, false);
  expect_accepts("identity", false, false);
}

TEST(AcceptEncoding, QValuesAndWildcards) {
  expect_accepts("br;q=0, gzip", false, true);
  expect_accepts("br; q=0.000, gzip;q=0.5", false, true);
  expect_accepts("br;q=0.001", true, false);
  expect_accepts("*", true, true);
  expect_accepts("*;q=0", false, false);
  expect_accepts("br;q=0, *", false, true);
  expect_accepts("GZIP, BR", true, true);
  expect_accepts("x-gzip", false, true);
  expect_accepts("brotli, gzipped", false, false);  // names must match whole
}

TEST(Mime, TypesOfTheApp) {
  EXPECT_EQ(mime_type_for("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(mime_type_for("assets/ab/app.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(mime_type_for("assets/ab/modules/x.mjs"), "text/javascript; charset=utf-8");
  EXPECT_EQ(mime_type_for("style.CSS"), "text/css; charset=utf-8");
  EXPECT_EQ(mime_type_for("derive.wasm"), "application/wasm");
  EXPECT_EQ(mime_type_for("icon.svg"), "image/svg+xml");
  EXPECT_EQ(mime_type_for("data.json"), "application/json");
  EXPECT_EQ(mime_type_for("LICENSE"), "application/octet-stream");
  EXPECT_EQ(mime_type_for("dir.d/file"), "application/octet-stream");
  EXPECT_EQ(mime_type_for("archive.tar.zst"), "application/octet-stream");
}

TEST(Etag, Matching) {
  EXPECT_TRUE(etag_matches("\"abc\"", "\"abc\""));
  EXPECT_TRUE(etag_matches("W/\"abc\"", "\"abc\""));
  EXPECT_TRUE(etag_matches("\"x\", \"abc\"", "\"abc\""));
  EXPECT_TRUE(etag_matches("*", "\"abc\""));
  EXPECT_FALSE(etag_matches("", "\"abc\""));
  EXPECT_FALSE(etag_matches("\"abc-br\"", "\"abc\""));
  EXPECT_FALSE(etag_matches("abc", "\"abc\""));
}

TEST(Fingerprint, OnlyFilesInsideAHashFolder) {
  EXPECT_TRUE(is_fingerprinted_asset("assets/1a2b3c4d5e/app.js"));
  EXPECT_TRUE(is_fingerprinted_asset("assets/1a2b3c4d5e/modules/engine.js"));
  EXPECT_FALSE(is_fingerprinted_asset("assets/app.js"));
  EXPECT_FALSE(is_fingerprinted_asset("assets//app.js"));
  EXPECT_FALSE(is_fingerprinted_asset("assets/1a2b/"));
  EXPECT_FALSE(is_fingerprinted_asset("index.html"));
  EXPECT_FALSE(is_fingerprinted_asset("assetsx/1a/app.js"));
}

}  // namespace
}  // namespace derive::server
