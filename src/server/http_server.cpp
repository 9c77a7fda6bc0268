#include "server/http_server.hpp"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <mutex>
#include <optional>
#include <ostream>
#include <thread>

#include "server/static_files.hpp"

namespace derive::server {
namespace {

using Clock = std::chrono::steady_clock;

// Security headers on every response, errors included (cpp-httplib adds
// default headers before it even parses the request).
httplib::Headers security_headers() {
  return {
      // The app is our own files only: no inline script or style, no other
      // origins; 'wasm-unsafe-eval' lets the engine compile, nothing else.
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
  };
}

// Sends the bytes through a content provider rather than Response::body:
// cpp-httplib (built with zlib and brotli) would compress a body a second time
// on the fly, and a provider also streams static bytes without copying them.
void apply(const Reply& reply, httplib::Response& res) {
  res.status = reply.status;
  for (const auto& [name, value] : reply.headers) res.set_header(name, value);
  if (reply.content_type.empty()) return;
  if (reply.body.empty()) {
    res.set_header("Content-Type", reply.content_type);
    return;
  }
  res.set_content_provider(reply.body.size(), reply.content_type,
                           [body = reply.body, storage = reply.storage](
                               std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                             constexpr std::size_t kChunk = 64 * 1024;
                             return sink.write(body.data() + offset, std::min(length, kChunk));
                           });
}

std::size_t header_bytes(const httplib::Headers& headers) {
  std::size_t total = 0;
  for (const auto& [name, value] : headers) {
    // cpp-httplib records the peer's addresses as pseudo-headers.
    if (name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" || name == "LOCAL_PORT")
      continue;
    total += name.size() + value.size() + 4;  // ": " and CRLF
  }
  return total;
}

// A log must not let a request forge lines or terminal escapes.
std::string printable(std::string_view text) {
  constexpr std::size_t kMax = 200;
  std::string out;
  for (char c : text.substr(0, kMax)) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7f) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    } else {
      out += c;
    }
  }
  if (text.size() > kMax) out += "...";
  return out;
}

std::string utc_now() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[96];  // room for any int, which -Wformat-truncation checks
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(millis));
  return text;
}

// When the current request on this worker thread was parsed; a request that
// fails before routing (400, 414) has none and logs its duration as "-".
thread_local std::optional<Clock::time_point> request_start;

void configure(httplib::Server& server, const Site& site, std::ostream& log, std::mutex& log_mutex) {
  server.set_default_headers(security_headers());
  server.set_payload_max_length(kMaxBodyBytes);
  // Idle keep-alive connections hold a worker until this runs out, and
  // shutdown waits for them: short, since reconnecting to localhost is free.
  server.set_keep_alive_timeout(2);
  server.set_keep_alive_max_count(100);  // the library's default, 5, closes mid-page-load
  // Headers and body go out in separate writes; with Nagle's algorithm the
  // body then waits for the client's delayed ACK (~40 ms per request on a
  // kept-alive connection: measured 145 requests/s instead of thousands).
  server.set_tcp_nodelay(true);
  server.set_read_timeout(5);
  server.set_write_timeout(5);

  server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    request_start = Clock::now();
    if (header_bytes(req.headers) > kMaxHeaderBytes) {
      apply(error_reply(431,
                        "The request headers are larger than " + std::to_string(kMaxHeaderBytes) + " bytes."),
            res);
      return httplib::Server::HandlerResponse::Handled;
    }
    // cpp-httplib routes only the methods it has tables for; answer the rest
    // (OPTIONS, TRACE, CONNECT) here, with the same 405.
    if (req.method != "GET" && req.method != "HEAD" && req.method != "POST" && req.method != "PUT" &&
        req.method != "PATCH" && req.method != "DELETE") {
      apply(error_reply(405, "This server only hands out files: use GET or HEAD."), res);
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  const auto handle = [&site](const httplib::Request& req, httplib::Response& res) {
    const std::string accept_encoding = req.get_header_value("Accept-Encoding");
    const std::string if_none_match = req.get_header_value("If-None-Match");
    apply(reply_for(site, RequestInfo{req.method, req.target, accept_encoding, if_none_match}), res);
  };
  // "[\s\S]*" rather than ".*": the pattern must match every decoded path,
  // newlines included, so no request falls through to the library's 404.
  const std::string everything = R"([\s\S]*)";
  server.Get(everything, handle);  // GET and HEAD
  server.Post(everything, handle);
  server.Put(everything, handle);
  server.Patch(everything, handle);
  server.Delete(everything, handle);

  // Statuses the library decides itself (400 for a malformed request, 413,
  // 414, 416) get the same small page; ours already have a body.
  const httplib::Server::HandlerWithResponse on_error = [](const httplib::Request&, httplib::Response& res) {
    if (res.has_header("Content-Type")) return httplib::Server::HandlerResponse::Unhandled;
    Reply reply = error_reply(res.status);
    if (res.status == 413)
      reply = error_reply(413, "Request bodies are limited to " + std::to_string(kMaxBodyBytes) + " bytes.");
    apply(reply, res);
    return httplib::Server::HandlerResponse::Handled;
  };
  server.set_error_handler(on_error);

  server.set_logger([&log, &log_mutex](const httplib::Request& req, const httplib::Response& res) {
    std::string duration = "-";
    if (request_start) {
      const auto micros =
          std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - *request_start).count();
      char text[32];
      std::snprintf(text, sizeof text, "%.1fms", static_cast<double>(micros) / 1000.0);
      duration = text;
      request_start.reset();
    }
    // Body bytes actually sent: none for HEAD and 304.
    std::string bytes = "0";
    if (req.method != "HEAD" && res.status != 304 && res.has_header("Content-Length"))
      bytes = res.get_header_value("Content-Length");
    const std::string line = utc_now() + " " + printable(req.method.empty() ? "-" : req.method) + " " +
                             printable(req.target.empty() ? "-" : req.target) + " " +
                             std::to_string(res.status) + " " + bytes + "B " + duration + "\n";
    std::lock_guard<std::mutex> lock(log_mutex);
    log << line << std::flush;
  });
}

std::string url_for(const std::string& host, int port) {
  const bool ipv6 = host.find(':') != std::string::npos;
  return "http://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port) + "/";
}

}  // namespace

Status serve(const Site& site, const ServeOptions& options, std::ostream& out, std::ostream& log) {
  // A client that hangs up mid-response must not kill the server: without
  // this, writing to its socket raises SIGPIPE.
  ::signal(SIGPIPE, SIG_IGN);
  // Block the stop signals before any server thread exists, so every thread
  // inherits the mask and only the waiter below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  httplib::Server server;
  std::mutex log_mutex;
  configure(server, site, log, log_mutex);

  const std::string where = options.host + ":" + std::to_string(options.port);
  errno = 0;
  int port = options.port;
  if (options.port == 0) {
    port = server.bind_to_any_port(options.host);
  } else if (!server.bind_to_port(options.host, options.port)) {
    port = -1;
  }
  if (port < 0) {
    const int error = errno;
    if (error == EADDRINUSE)
      return make_error(
          "cannot listen on " + where +
          ": the port is in use; stop the other program or pick another with --port (0 picks a free one)");
    if (error == EACCES)
      return make_error("cannot listen on " + where +
                        ": permission denied; ports below 1024 need privileges");
    return make_error("cannot listen on " + where +
                      (error != 0 ? ": " + std::string(std::strerror(error)) : "") +
                      "; expected a local address such as 127.0.0.1 and a free port");
  }

  out << "derive serve: serving " << site.description() << "\n";
  if (options.host != "127.0.0.1" && options.host != "localhost" && options.host != "::1")
    out << "derive serve: listening on " << options.host << ", so other machines can reach it\n";
  out << "derive serve: open " << url_for(options.host, port) << "\n" << std::flush;

  std::atomic<bool> listening_done{false};
  std::atomic<bool> got_signal{false};
  std::thread waiter([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    got_signal = true;
    // stop() does nothing until the listener is running, so a signal that
    // arrives during start-up is repeated until it takes.
    while (!listening_done) {
      server.stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  });
  server.listen_after_bind();  // returns once stopped and every worker finished
  listening_done = true;
  if (!got_signal) pthread_kill(waiter.native_handle(), SIGTERM);  // wake the waiter
  waiter.join();
  out << "derive serve: stopped\n" << std::flush;
  return {};
}

}  // namespace derive::server
