// The path check is the server's only guard against reading outside the site,
// so every known spelling of traversal is tried here, each with its message.
#include "server/request_path.hpp"

#include <gtest/gtest.h>

namespace derive::server {
namespace {

std::string ok(std::string_view target) {
  const auto path = site_path_from_target(target);
  EXPECT_TRUE(path.ok()) << target << ": " << (path.ok() ? "" : path.error().message);
  return path.ok() ? *path : "";
}

std::string refused(std::string_view target) {
  const auto path = site_path_from_target(target);
  EXPECT_FALSE(path.ok()) << target << " was accepted as " << (path.ok() ? *path : "");
  return path.ok() ? "" : path.error().message;
}

TEST(RequestPath, RootIsIndex) {
  EXPECT_EQ(ok("/"), "index.html");
  EXPECT_EQ(ok("/?x=1"), "index.html");
}

TEST(RequestPath, PlainPaths) {
  EXPECT_EQ(ok("/index.html"), "index.html");
  EXPECT_EQ(ok("/assets/1a2b3c/modules/engine.js"), "assets/1a2b3c/modules/engine.js");
  EXPECT_EQ(ok("/app.js?v=2#top"), "app.js");
  EXPECT_EQ(ok("/a%20b.txt"), "a b.txt");
  EXPECT_EQ(ok("/%61pp.js"), "app.js");
  EXPECT_EQ(ok("/assets/"), "assets/");  // a folder; never matches a file
  EXPECT_EQ(ok("/...js"), "...js");      // dots inside a name are fine
}

TEST(RequestPath, DotSegments) {
  const std::string message = "\".\" and \"..\" segments are not allowed in a path";
  EXPECT_EQ(refused("/.."), message);
  EXPECT_EQ(refused("/../etc/passwd"), message);
  EXPECT_EQ(refused("/assets/../../etc/passwd"), message);
  EXPECT_EQ(refused("/assets/.."), message);
  EXPECT_EQ(refused("/./index.html"), message);
  EXPECT_EQ(refused("/%2e%2e/etc/passwd"), message);
  EXPECT_EQ(refused("/%2E%2E/etc/passwd"), message);
  EXPECT_EQ(refused("/.%2e/etc/passwd"), message);
}

TEST(RequestPath, EncodedSeparatorsAndDoubleEncoding) {
  EXPECT_EQ(refused("/..%2fetc%2fpasswd"), "an encoded \"/\" or \"\\\" is not allowed in a path");
  EXPECT_EQ(refused("/%2F"), "an encoded \"/\" or \"\\\" is not allowed in a path");
  EXPECT_EQ(refused("/..%5c..%5cwindows"), "an encoded \"/\" or \"\\\" is not allowed in a path");
  EXPECT_EQ(refused("/%252e%252e/etc/passwd"), "an encoded \"%\" (double encoding) is not allowed in a path");
  EXPECT_EQ(refused("/..\\..\\etc"), "a backslash is not allowed in a path");
}

TEST(RequestPath, MalformedEscapesAndControls) {
  const std::string escape = "\"%\" must start an escape of two hex digits";
  EXPECT_EQ(refused("/%"), escape);
  EXPECT_EQ(refused("/%2"), escape);
  EXPECT_EQ(refused("/%zz"), escape);
  EXPECT_EQ(refused("/a%00.html"), "an encoded control character is not allowed in a path");
  EXPECT_EQ(refused("/a%0d%0aX: y"), "an encoded control character is not allowed in a path");
  EXPECT_EQ(refused(std::string_view("/a\0b", 4)), "a control character is not allowed in a path");
}

TEST(RequestPath, ShapeOfTheTarget) {
  EXPECT_EQ(refused(""), "the request path must start with \"/\"");
  EXPECT_EQ(refused("index.html"), "the request path must start with \"/\"");
  EXPECT_EQ(refused("ftp://example.com/"), "the request path must start with \"/\"");
  EXPECT_EQ(refused("*"), "the request path must start with \"/\"");
  EXPECT_EQ(refused("//etc/passwd"), "an empty segment (\"//\") is not allowed in a path");
  EXPECT_EQ(refused("/assets//x.js"), "an empty segment (\"//\") is not allowed in a path");
}

}  // namespace
}  // namespace derive::server
