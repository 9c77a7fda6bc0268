// `derive serve`: a static HTTP/1.1 server for the web trainer, built for
// hostile traffic on Boost.Asio and Boost.Beast's request parser (the
// choice, against libmicrohttpd and h2o, is argued in docs/server.md).
//
// One thread runs an event loop: a connection costs a socket and a buffer,
// never a thread, so slow or idle clients cannot starve the others. Every
// wait has a deadline and every buffer a bound:
// - a request head must arrive whole within kHeadTimeoutMs of the moment the
//   server starts waiting for it (idle keep-alive time included), and is at
//   most kMaxHeadBytes (request_head.hpp has the rules for what is refused);
// - a response must be taken by the client within kWriteTimeoutMs;
// - at most kMaxConnections are open; one more evicts the connection that has
//   waited longest for a request head, so new clients are always heard;
// - bodies are never read; after an answer that leaves one unread, the
//   connection is drained for at most kLingerMs / kLingerBytes, then closed;
// - on SIGINT or SIGTERM the server stops accepting, closes idle
//   connections, lets responses in flight finish for kStopGraceMs, and
//   returns well within 2 s whatever the clients do;
// - the request log (request_log.hpp) never blocks serving.
// Responses come from reply_for (static_files.hpp): Range, If-Range,
// If-None-Match, precompressed copies.
#pragma once

#include <iosfwd>
#include <string>

#include "derive/result.hpp"
#include "derive/server/site.hpp"

namespace derive::server {

inline constexpr int kHeadTimeoutMs = 10'000;
inline constexpr int kWriteTimeoutMs = 30'000;
inline constexpr int kMaxConnections = 1024;
inline constexpr int kMaxRequestsPerConnection = 1000;
inline constexpr int kLingerMs = 1000;
inline constexpr std::size_t kLingerBytes = 64 * 1024;
inline constexpr int kStopGraceMs = 1000;

struct ServeOptions {
  std::string host = "127.0.0.1";  // loopback: a trainer needs no audience
  int port = 8080;                 // 0 picks a free port
};

// Listens on options.host:port, prints "derive serve: open URL" to `out`
// and serves until SIGINT or SIGTERM, then prints "derive serve: stopped".
// One line per request goes to the descriptor `log_fd` (never blocking on
// it). An error when the address cannot be bound; a port another program
// listens on is always an error (no SO_REUSEPORT sharing).
Status serve(const Site& site, const ServeOptions& options, std::ostream& out, int log_fd);

}  // namespace derive::server
