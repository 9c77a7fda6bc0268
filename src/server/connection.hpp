// One client connection of `derive serve` (http_server.hpp has the limits
// and why): read a head, answer it, repeat while kept alive; then close,
// draining first when content was left unread.
//
// Everything here runs on the server's one event-loop thread, so connections
// and their shared pool need no locks.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <chrono>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "derive/server/site.hpp"
#include "server/request_head.hpp"
#include "server/request_log.hpp"
#include "server/static_files.hpp"

namespace derive::server {

class Connection;

// What the connections of one server share.
struct ConnectionPool {
  const Site& site;
  RequestLog& log;
  bool stopping = false;
  std::list<Connection*> open;     // every live connection
  std::list<Connection*> waiting;  // those waiting for a request head, longest wait first
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(boost::asio::ip::tcp::socket socket, ConnectionPool& pool);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Starts reading the first request. The connection keeps itself alive
  // (through its pending operations) until it closes.
  void start();

  // Closes the socket now; pending operations end and the connection goes.
  void close();

  // For shutdown: closes at once unless a response is being written, which
  // may finish first (the connection then closes instead of reading on).
  void wind_down();

 private:
  enum class State { Head, Writing, Lingering, Closed };

  void read_head();
  void parse_head();
  void on_head_read(const boost::beast::error_code& error, std::size_t bytes);
  void on_head();
  void answer(Reply reply, bool head_only, bool keep_alive, bool linger);
  void answer_error(const HeadVerdict& verdict);
  void write_next();
  void on_written(const boost::beast::error_code& error);
  void linger();
  void drain();
  void log_request();
  void stop_waiting();

  boost::beast::tcp_stream stream_;
  ConnectionPool& pool_;
  std::list<Connection*>::iterator in_open_;
  std::optional<std::list<Connection*>::iterator> in_waiting_;
  State state_ = State::Head;
  int requests_ = 0;

  boost::beast::flat_buffer buffer_;  // request bytes; bounded by kMaxHeadBytes and what follows
  std::optional<HeadReader> head_reader_;

  // The response being written.
  std::string head_;  // status line and fields
  Reply reply_;
  std::size_t next_piece_ = 0;
  std::uint64_t piece_offset_ = 0;  // bytes of body[next_piece_] already sent (file pieces)
  bool head_sent_ = false;
  bool head_only_ = false;
  bool keep_alive_ = false;
  bool linger_ = false;
  std::vector<boost::asio::const_buffer> buffers_;
  std::vector<char> scratch_;  // file slices and drained bytes; allocated when first needed
  std::size_t drained_ = 0;

  // For the log line.
  std::string method_, target_;
  std::chrono::steady_clock::time_point started_;
  bool timed_ = false;
};

}  // namespace derive::server
