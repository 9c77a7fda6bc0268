// `derive serve`: a small static HTTP server for the web trainer, on
// cpp-httplib. It serves one Site, adds the security headers to every answer,
// logs one line per request and stops cleanly on SIGINT or SIGTERM.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>

#include "derive/result.hpp"
#include "server/site.hpp"

namespace derive::server {

struct ServeOptions {
  std::string host = "127.0.0.1";  // loopback: a trainer needs no audience
  int port = 8080;                 // 0 picks a free port
};

// Request limits. A static site takes no uploads, so a body is only read
// (up to this size) to answer 405 without leaving bytes on the connection.
inline constexpr std::size_t kMaxBodyBytes = 8 * 1024;
// All header lines together; cpp-httplib itself limits one line and the
// request line to 8192 bytes (answering 400 and 414).
inline constexpr std::size_t kMaxHeaderBytes = 16 * 1024;

// Listens on options.host:port, prints "derive serve: open URL" to `out`
// and serves until SIGINT or SIGTERM, then prints "derive serve: stopped".
// Request lines go to `log`. An error when the address cannot be bound.
// Leaves SIGINT and SIGTERM blocked in the calling thread: the caller is
// expected to exit right after, so a second Ctrl-C cannot cut the farewell.
Status serve(const Site& site, const ServeOptions& options, std::ostream& out, std::ostream& log);

}  // namespace derive::server
