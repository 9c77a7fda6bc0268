// The request-head rules of request_head.hpp on raw bytes, parsed by the same
// Beast parser with the same limits as a connection uses.
#include "server/request_head.hpp"

#include <gtest/gtest.h>

namespace derive::server {
namespace {

namespace http = boost::beast::http;

// Feeds `bytes` to a HeadReader the way a connection does, arriving in
// pieces of at most `chunk`, and judges the head.
HeadVerdict judge(const std::string& bytes, std::size_t chunk = 512) {
  HeadReader reader;
  std::string unread;
  std::size_t at = 0;
  HeadReader::Step step = HeadReader::Step::NeedMore;
  while (step == HeadReader::Step::NeedMore) {
    if (at == bytes.size()) return {-1, "incomplete", false};
    const std::size_t n = std::min(chunk, bytes.size() - at);
    unread.append(bytes, at, n);
    at += n;
    unread.erase(0, reader.feed(unread, step));
  }
  return reader.verdict();
}

void expect(const HeadVerdict& v, int status, bool close, const std::string& what) {
  EXPECT_EQ(v.status, status) << what << ": " << v.detail;
  if (status != 0) {
    EXPECT_EQ(v.close, close) << what;
  }
}

TEST(RequestHead, PlainGetAndHeadAreServed) {
  expect(judge("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), 0, false, "GET");
  expect(judge("HEAD /a.js HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"), 0, false, "HEAD, length 0");
  expect(judge("GET / HTTP/1.0\r\n\r\n"), 0, false, "HTTP/1.0 needs no Host");
}

TEST(RequestHead, OtherMethodsAre405BeforeTheirContent) {
  expect(judge("POST / HTTP/1.1\r\nHost: x\r\n\r\n"), 405, false,
         "POST without content keeps the connection");
  expect(judge("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 268435456\r\n\r\n"), 405, true,
         "a 256 MiB POST is refused from its head");
  expect(judge("PUT / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"), 405, true, "chunked PUT");
  expect(judge("BREW / HTTP/1.1\r\nHost: x\r\n\r\n"), 405, false, "an unknown method");
  expect(judge("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n"), 405, false, "OPTIONS *");
}

TEST(RequestHead, FramingThatCannotBeTrustedCloses) {
  expect(judge("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n"), 400, true, "GET with content");
  expect(judge("GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"), 400, true, "chunked GET");
  expect(judge("GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n"), 400, true,
         "a TE without chunked");
  expect(judge("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: 0\r\n\r\n"), 400, true,
         "two equal lengths");
  expect(judge("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"), 400, true,
         "two different lengths");
  expect(judge("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"), 400,
         true, "length and chunked");
  expect(judge("GET / HTTP/1.1\r\n\r\n"), 400, true, "HTTP/1.1 without Host");
  expect(judge("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"), 400, true, "two Hosts");
}

TEST(RequestHead, VersionsAndGarbage) {
  expect(judge("GET / HTTP/2.0\r\nHost: x\r\n\r\n"), 400, true, "HTTP/2.0 in an HTTP/1 request line");
  expect(judge("GET / HTTP/1.2\r\nHost: x\r\n\r\n"), 400, true, "HTTP/1.2");
  expect(judge("GET / HTTP/1.1 extra\r\nHost: x\r\n\r\n"), 400, true, "junk after the version");
  expect(judge("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"), 400, true, "a TLS hello");
  expect(judge("GET / HTTP/1.1\r\nBad Name: x\r\n\r\n"), 400, true, "a space in a field name");
}

TEST(RequestHead, SizeLimitsAtTheirBoundaries) {
  const std::string start = "GET /";
  const std::string end = " HTTP/1.1\r\nHost: x\r\n\r\n";
  // A target of exactly kMaxRequestLineBytes is served; one byte more is 414.
  expect(judge(start + std::string(kMaxRequestLineBytes - 1, 'a') + end), 0, false, "target at the limit");
  expect(judge(start + std::string(kMaxRequestLineBytes, 'a') + end), 414, true, "target one past");
  expect(judge(start + std::string(kMaxHeadBytes * 2, 'a') + end), 414, true, "a target past the head limit");

  // Fields: the whole head up to kMaxHeadBytes, not one byte more.
  const std::string head = "GET / HTTP/1.1\r\nHost: x\r\n";
  const std::string filler_name = "X-Filler: ";
  const std::size_t room = kMaxHeadBytes - head.size() - filler_name.size() - 4;  // CRLF, final CRLF
  expect(judge(head + filler_name + std::string(room, 'v') + "\r\n\r\n"), 0, false, "head at the limit");
  expect(judge(head + filler_name + std::string(room + 1, 'v') + "\r\n\r\n"), 431, true, "head one past");
}

TEST(RequestHead, ManyOrEmptyFieldsAreBoundedByBytes) {
  std::string empty_fields = "GET / HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 10000; ++i) empty_fields += "X:\r\n";
  expect(judge(empty_fields + "\r\n"), 431, true, "10,000 empty-valued fields");

  // The same fields one at a time, as a slow client sends them: Beast alone
  // would take each and store it; the reader counts them all.
  expect(judge(empty_fields + "\r\n", 4), 431, true, "10,000 empty-valued fields, 4 bytes at a time");

  // A million field lines: the reader stops at the limit, so what is kept
  // is bounded whatever follows.
  std::string million = "GET / HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 1000000; ++i) million += "a:b\r\n";
  expect(judge(million + "\r\n", 64 * 1024), 431, true, "a million fields");
}

TEST(RequestHead, RequestInfoReadsTheFieldsReplyForUses) {
  HeadReader reader;
  const std::string bytes =
      "GET /app.js?x HTTP/1.1\r\nHost: x\r\nAccept-Encoding: br\r\nIf-None-Match: \"t\"\r\nRange: "
      "bytes=0-1\r\n"
      "If-Range: \"t\"\r\n\r\n";
  HeadReader::Step step;
  EXPECT_EQ(reader.feed(bytes, step), bytes.size());
  ASSERT_EQ(step, HeadReader::Step::Done);
  const RequestInfo info = request_info(reader.parser().get().base());
  EXPECT_EQ(info.method, "GET");
  EXPECT_EQ(info.target, "/app.js?x");
  EXPECT_EQ(info.accept_encoding, "br");
  EXPECT_EQ(info.if_none_match, "\"t\"");
  EXPECT_EQ(info.range, "bytes=0-1");
  EXPECT_EQ(info.if_range, "\"t\"");
}

}  // namespace
}  // namespace derive::server
