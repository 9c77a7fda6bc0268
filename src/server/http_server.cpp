#include "derive/server/http_server.hpp"

#include <signal.h>
#include <sys/resource.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <ostream>
#include <vector>

#include "server/connection.hpp"
#include "server/request_log.hpp"

namespace derive::server {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using boost::system::error_code;
using Clock = std::chrono::steady_clock;

std::string url_for(const std::string& host, int port) {
  const bool ipv6 = host.find(':') != std::string::npos;
  return "http://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port) + "/";
}

// Every connection is a descriptor: raise the soft limit towards the hard
// one so kMaxConnections fit, and never admit more than the limit allows.
int connection_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 256;
  const rlim_t wanted = static_cast<rlim_t>(kMaxConnections) + 64;
  if (limit.rlim_cur < wanted) {
    limit.rlim_cur = std::min(wanted, limit.rlim_max);
    ::setrlimit(RLIMIT_NOFILE, &limit);
    ::getrlimit(RLIMIT_NOFILE, &limit);
  }
  return static_cast<int>(std::clamp<rlim_t>(limit.rlim_cur, 64, wanted) - 64);
}

Result<tcp::endpoint> endpoint_for(net::io_context& io, const ServeOptions& options,
                                   const std::string& where) {
  error_code ec;
  const auto address = net::ip::make_address(options.host, ec);
  if (!ec) return tcp::endpoint(address, static_cast<unsigned short>(options.port));
  tcp::resolver resolver(io);
  const auto found = resolver.resolve(options.host, std::to_string(options.port),
                                      tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || found.empty())
    return make_error("cannot listen on " + where +
                      ": unknown host; expected a local address such as 127.0.0.1");
  return found.begin()->endpoint();
}

Result<void> listen_on(tcp::acceptor& acceptor, const tcp::endpoint& endpoint, const std::string& where) {
  error_code ec;
  acceptor.open(endpoint.protocol(), ec);
  // SO_REUSEADDR only lets us bind over connections of an earlier run that
  // linger in TIME_WAIT; on Linux it never lets two programs listen on one
  // port (that would take SO_REUSEPORT, which we do not set).
  if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (!ec) return {};
  if (ec == net::error::address_in_use)
    return make_error(
        "cannot listen on " + where +
        ": the port is in use; stop the other program or pick another with --port (0 picks a free one)");
  if (ec == net::error::access_denied)
    return make_error("cannot listen on " + where + ": permission denied; ports below 1024 need privileges");
  return make_error("cannot listen on " + where + ": " + ec.message() +
                    "; expected a local address such as 127.0.0.1 and a free port");
}

class Listener {
 public:
  Listener(net::io_context& io, tcp::acceptor& acceptor, ConnectionPool& pool)
      : acceptor_(acceptor), pool_(pool), retry_(io), limit_(connection_limit()) {}

  void accept() {
    acceptor_.async_accept(
        [this](const error_code& error, tcp::socket socket) { on_accept(error, std::move(socket)); });
  }

 private:
  void on_accept(const error_code& error, tcp::socket socket) {
    if (pool_.stopping || error == net::error::operation_aborted) return;
    if (error) {
      // Out of descriptors (or a passing error): make room, wait a moment
      // rather than spin, and listen again.
      if (!pool_.waiting.empty()) pool_.waiting.front()->close();
      retry_.expires_after(std::chrono::milliseconds(50));
      retry_.async_wait([this](const error_code& e) {
        if (!e) accept();
      });
      return;
    }
    if (static_cast<int>(pool_.open.size()) >= limit_) {
      // Full: the connection that has waited longest for a request head
      // (idle, or trickling one in) makes room for the new one.
      if (pool_.waiting.empty()) {
        error_code ignored;
        socket.close(ignored);
        return accept();
      }
      pool_.waiting.front()->close();
    }
    error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);  // see docs/server.md: Nagle delayed every body
    std::make_shared<Connection>(std::move(socket), pool_)->start();
    accept();
  }

  tcp::acceptor& acceptor_;
  ConnectionPool& pool_;
  net::steady_timer retry_;
  int limit_;
};

}  // namespace

Status serve(const Site& site, const ServeOptions& options, std::ostream& out, int log_fd) {
  // Writing to a peer or a log that went away must give EPIPE, not a signal
  // that kills the server.
  ::signal(SIGPIPE, SIG_IGN);

  // Declared before the event loop: connections still queued in it when it
  // is destroyed unregister from the pool and may write to the log.
  RequestLog log(log_fd);
  ConnectionPool pool{site, log, false, {}, {}};
  net::io_context io(1);
  // Caught from here on; a signal before this point ends the process, which
  // has served nothing yet.
  net::signal_set signals(io, SIGINT, SIGTERM);

  const std::string where = options.host + ":" + std::to_string(options.port);
  DERIVE_TRY(const tcp::endpoint endpoint, endpoint_for(io, options, where));
  tcp::acceptor acceptor(io);
  DERIVE_CHECK(listen_on(acceptor, endpoint, where));
  const int port = acceptor.local_endpoint().port();

  out << "derive serve: serving " << site.description() << "\n";
  if (!endpoint.address().is_loopback())
    out << "derive serve: listening on " << options.host << ", so other machines can reach it\n";
  out << "derive serve: open " << url_for(options.host, port) << "\n" << std::flush;

  Listener listener(io, acceptor, pool);
  listener.accept();

  // On a stop signal: no new connections, idle ones closed, responses in
  // flight given until the deadline (checked every few milliseconds, so an
  // idle server stops at once), then everything closed.
  net::steady_timer tick(io);
  Clock::time_point deadline;
  std::function<void()> await_quiet = [&] {
    if (pool.open.empty() || Clock::now() >= deadline) {
      const std::vector<Connection*> left(pool.open.begin(), pool.open.end());
      for (Connection* c : left) c->close();
      io.stop();
      return;
    }
    tick.expires_after(std::chrono::milliseconds(5));
    tick.async_wait([&](const error_code&) { await_quiet(); });
  };
  signals.async_wait([&](const error_code& error, int) {
    if (error) return;
    pool.stopping = true;
    error_code ignored;
    acceptor.close(ignored);
    const std::vector<Connection*> open(pool.open.begin(), pool.open.end());
    for (Connection* c : open) c->wind_down();
    deadline = Clock::now() + std::chrono::milliseconds(kStopGraceMs);
    await_quiet();
  });

  io.run();
  log.stop();
  out << "derive serve: stopped\n" << std::flush;
  return {};
}

}  // namespace derive::server
