// The request head as `derive serve` reads it: Boost.Beast parses the bytes
// (RFC 9112), and these functions set the parser's limits and judge what it
// parsed, without a socket, so the rules can be tested and fuzzed directly.
//
// The rules, for a server that only hands out files:
// - The head (request line and fields) is at most kMaxHeadBytes; a longer
//   request line gets 414, longer fields 431.
// - Only GET and HEAD are served; any other method gets 405 at once, before a
//   byte of its content is read (none ever is: the connection is closed after
//   the answer, draining briefly so the answer is not lost to a reset).
// - A GET or HEAD that announces content (Content-Length > 0 or any
//   Transfer-Encoding) gets 400 and the connection is closed: its framing
//   would otherwise decide where the next request starts.
// - Two Content-Length fields, Content-Length with Transfer-Encoding, an
//   HTTP/1.1 request without exactly one Host: 400 and close (RFC 9112 6.3,
//   3.2). Beast reads only HTTP/1.0 and 1.1; any other version is malformed.
#pragma once

#include <boost/beast/http.hpp>
#include <cstddef>
#include <string>
#include <string_view>

#include "server/static_files.hpp"

namespace derive::server {

// Request line and fields together; what a browser sends is well under 2 KiB
// (cookies of other localhost apps included, it rarely passes 8 KiB).
inline constexpr std::size_t kMaxHeadBytes = 16 * 1024;
// The request line alone (the target is most of it).
inline constexpr std::size_t kMaxRequestLineBytes = 8 * 1024;

using HeadParser = boost::beast::http::request_parser<boost::beast::http::empty_body>;

// What to do with a request head, or with a head that could not be parsed.
struct HeadVerdict {
  int status = 0;      // 0: serve it (reply_for decides the answer); else this error
  std::string detail;  // for the error page
  bool close = false;  // close the connection after answering
};

// Reads one request head from bytes that arrive in pieces, and keeps the
// count Beast's parser does not: its header_limit applies to the bytes of
// one call only (fields it has taken do not count in the next call), so a
// client sending one field at a time could make it store fields without end.
// Here the whole head, taken or pending, is held to kMaxHeadBytes.
class HeadReader {
 public:
  enum class Step { NeedMore, Done, Refused };

  HeadReader();

  // `input`: the unread bytes, starting where this head (or what is left of
  // it) starts. Returns how many bytes the parser took; the caller drops
  // them from its input and calls again with more when NeedMore.
  std::size_t feed(std::string_view input, Step& step);

  // After NeedMore: how many more bytes this head may still have.
  std::size_t room() const { return kMaxHeadBytes - taken_ - pending_; }

  // After Done: serve it or which error (judge_head); after Refused: which error.
  HeadVerdict verdict() const;

  const HeadParser& parser() const { return parser_; }

 private:
  HeadParser parser_;
  std::size_t taken_ = 0;    // bytes of this head the parser has taken
  std::size_t pending_ = 0;  // bytes given to the last feed and not taken
  bool line_ended_ = false;  // the request line ended within kMaxRequestLineBytes
  boost::beast::error_code error_;
};

// For a head the parser finished: serve it, or which error to answer.
HeadVerdict judge_head(const HeadParser& parser);

// The fields of `head` that reply_for reads. Views into `head`.
RequestInfo request_info(const boost::beast::http::request_header<>& head);

}  // namespace derive::server
