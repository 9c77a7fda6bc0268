// derive_probe: the reliability probe of `derive serve`, as a program that
// stops by itself. It starts the server it was built with (DERIVE_EXECUTABLE)
// on loopback, attacks it the way a reliability tester would, bounded in
// requests and time, checks what must hold and prints the figures that
// docs/server.md reports (run it from the release build for those).
//
//   derive_probe            every scenario (about 40 s); exit 1 if any check fails
//   derive_probe NAME...    only these scenarios (range, bodies, headers,
//                           slowloris, load, pipelining, log, port, stop, stream)
//
// What must hold: no byte beyond the requested file is ever sent; the
// server's memory stays within a few MB of idle under every body and header
// attack; normal requests are answered while 200 slow clients trickle heads;
// 10,000 requests at 200 concurrent clients get 10,000 answers; a full stderr
// pipe does not stop serving; a second server on a used port fails clearly;
// SIGTERM ends the server within 2 s whatever the clients do.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "server_process.hpp"

namespace {

using namespace derive::server::testing;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

int failures = 0;

void check(bool ok, const std::string& what) {
  std::printf("  %s %s\n", ok ? "ok  " : "FAIL", what.c_str());
  if (!ok) ++failures;
  std::fflush(stdout);
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

long rss_kb(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return -1;
}

int connect_to(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

bool send_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Reads one response from `fd` (its head and Content-Length bytes of body);
// bytes after it stay in `carry` for the next. Status 0 on timeout or close.
struct Response {
  int status = 0;
  std::string head, body;
};

Response read_response(int fd, std::string& carry, int timeout_ms = 5000) {
  const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  Response r;
  std::size_t head_end;
  char buffer[65536];
  const auto fill = [&] {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    pollfd p{fd, POLLIN, 0};
    if (left <= 0 || ::poll(&p, 1, static_cast<int>(left)) <= 0) return false;
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) return false;
    carry.append(buffer, static_cast<std::size_t>(n));
    return true;
  };
  while ((head_end = carry.find("\r\n\r\n")) == std::string::npos)
    if (!fill()) return r;
  r.head = carry.substr(0, head_end);
  std::size_t length = 0;
  const auto at = r.head.find("\r\nContent-Length: ");
  if (at != std::string::npos) length = std::stoull(r.head.substr(at + 18));
  const bool no_body = r.head.find(" 304 ") == 9 || r.head.rfind("HTTP/1.1 304", 0) == 0;
  if (no_body) length = 0;
  while (carry.size() < head_end + 4 + length)
    if (!fill()) return r;
  r.body = carry.substr(head_end + 4, length);
  carry.erase(0, head_end + 4 + length);
  r.status = std::atoi(r.head.c_str() + 9);
  return r;
}

// One request on a new connection (Connection: close).
Response fetch(int port, const std::string& target, const std::vector<std::string>& headers = {},
               int timeout_ms = 5000) {
  const int fd = connect_to(port);
  if (fd < 0) return {};
  std::string request = "GET " + target + " HTTP/1.1\r\nHost: probe\r\nConnection: close\r\n";
  for (const std::string& h : headers) request += h + "\r\n";
  request += "\r\n";
  Response r;
  if (send_all(fd, request)) {
    std::string carry;
    r = read_response(fd, carry, timeout_ms);
  }
  ::close(fd);
  return r;
}

struct Percentiles {
  double p50 = 0, p99 = 0, max = 0;
};

Percentiles percentiles(std::vector<double> v) {
  if (v.empty()) return {};
  std::sort(v.begin(), v.end());
  const auto at = [&](double q) {
    return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
  };
  return {at(0.50), at(0.99), v.back()};
}

// --- the fixture site --------------------------------------------------------

constexpr std::size_t kBigFile = 344209;  // the size of derive.wasm when the probe was written

struct Fixture {
  TempDir dir;
  fs::path root;
  std::string big;  // the bytes of assets/h/derive.wasm

  Fixture() : root(dir.path() / "site") {
    std::mt19937_64 random(7);
    big.resize(kBigFile);
    for (char& c : big) c = static_cast<char>(random() & 0xff);
    write_file(root / "index.html", "<!doctype html><title>probe</title>");
    write_file(root / "assets/h/derive.wasm", big);
    write_file(root / "assets/h/app.js", "export const x = 1;\n");
    for (int i = 0; i < 20; ++i)
      write_file(root / ("assets/h/m" + std::to_string(i) + ".js"), std::to_string(i));
  }
};

std::unique_ptr<ServerProcess> start(const Fixture& site, ServerProcess::Log log = ServerProcess::Log::File) {
  auto server = std::make_unique<ServerProcess>(
      std::vector<std::string>{"serve", "--port", "0", "--root", site.root.string()}, log);
  if (!server->started()) {
    std::printf("  FAIL the server did not start: %s\n", server->stderr_text().c_str());
    ++failures;
    return nullptr;
  }
  return server;
}

void stop(std::unique_ptr<ServerProcess>& server, const char* what) {
  const auto start_time = Clock::now();
  const int status = server->stop(SIGTERM, std::chrono::milliseconds(5000));
  const double took = ms_since(start_time);
  char text[160];
  std::snprintf(text, sizeof text, "%s: SIGTERM -> exit %d in %.0f ms (limit 2000)", what, status, took);
  check(status == 0 && took < 2000, text);
}

// --- scenarios ---------------------------------------------------------------

void probe_range(const Fixture& site) {
  std::printf("range: no byte beyond the requested file\n");
  auto server = start(site);
  if (!server) return;
  const int port = server->port();
  const std::string wasm = "/assets/h/derive.wasm";

  Response r = fetch(port, wasm, {"Range: bytes=0-999999"});
  check(r.status == 206 && r.body == site.big,
        "bytes=0-999999 is 206 with exactly the file (" + std::to_string(r.body.size()) + " B)");
  r = fetch(port, wasm, {"Range: bytes=999999-"});
  check(r.status == 416 && r.head.find("Content-Range: bytes */344209") != std::string::npos &&
            r.body.size() < 1000,
        "bytes=999999- is 416 with Content-Range */344209 and a small page");
  r = fetch(port, wasm, {"Range: bytes=344000-344208"});
  check(r.status == 206 && r.body == site.big.substr(344000), "the last 209 bytes are the file's");

  // A 7.3 KB header of overlapping ranges: never more than the file.
  std::string overlapping = "Range: bytes=0-";
  while (overlapping.size() < 7300) overlapping += ",0-";
  r = fetch(port, wasm, {overlapping});
  check(r.status == 200 && r.body == site.big,
        "a 7.3 KB list of overlapping ranges gets the file once (" + std::to_string(r.body.size()) + " B)");
  std::string sixteen = "Range: bytes=0-";
  for (int i = 1; i < 16; ++i) sixteen += "," + std::to_string(i * 1000) + "-";
  r = fetch(port, wasm, {sixteen});
  check(r.status == 206 && r.body == site.big, "16 overlapping ranges merge into the file once");
  r = fetch(port, wasm, {"Range: bytes=0-0,2-2,4-4"});
  check(r.status == 206 && r.body.size() < 500 && r.head.find("multipart/byteranges") != std::string::npos,
        "three one-byte ranges are a small multipart answer (" + std::to_string(r.body.size()) + " B)");

  // Another client's headers never appear in an answer.
  std::atomic<bool> done{false};
  std::thread cookies([&] {
    while (!done) fetch(port, "/index.html", {"Cookie: probe-secret=0123456789abcdef"});
  });
  int leaks = 0, answers = 0;
  const std::vector<std::string> ranges = {"bytes=0-999999", "bytes=999999-", "bytes=-999999",
                                           "bytes=344200-999999", "bytes=0-1,3-4,344208-"};
  for (int i = 0; i < 200; ++i) {
    const std::string target = i % 2 ? wasm : "/index.html";
    const Response answer = fetch(port, target, {"Range: " + ranges[i % ranges.size()]});
    answers += answer.status != 0;
    leaks += answer.body.find("probe-secret") != std::string::npos;
  }
  done = true;
  cookies.join();
  check(leaks == 0 && answers == 200,
        "200 range requests beside another client's cookies: " + std::to_string(leaks) + " leaks, " +
            std::to_string(answers) + " answers");
  stop(server, "range");
}

// Sends `head` and then up to `body_bytes` of filler until the server stops
// taking it; returns the response (if any) and how long it took.
Response post_flood(int port, const std::string& head, std::size_t body_bytes, bool chunked,
                    double& took_ms) {
  const auto start_time = Clock::now();
  const int fd = connect_to(port);
  Response r;
  if (fd < 0) return r;
  send_all(fd, head);
  const std::string block(64 * 1024, 'x');
  char chunk_head[32];
  std::snprintf(chunk_head, sizeof chunk_head, "%zx\r\n", block.size());
  for (std::size_t sent = 0; sent < body_bytes; sent += block.size()) {
    pollfd p{fd, POLLOUT, 0};
    if (::poll(&p, 1, 2000) <= 0 || (p.revents & (POLLERR | POLLHUP))) break;  // the server stopped reading
    if (chunked && !send_all(fd, chunk_head)) break;
    if (!send_all(fd, block)) break;
    if (chunked && !send_all(fd, "\r\n")) break;
  }
  std::string carry;
  r = read_response(fd, carry, 3000);
  ::close(fd);
  took_ms = ms_since(start_time);
  return r;
}

void probe_bodies(const Fixture& site) {
  std::printf("bodies: refused from the head, never buffered\n");
  auto server = start(site);
  if (!server) return;
  const int port = server->port();
  fetch(port, "/");
  const long idle = rss_kb(server->pid());
  double took = 0;

  Response r = post_flood(port, "POST / HTTP/1.1\r\nHost: p\r\nConnection: close\r\n\r\n", 0, false, took);
  check(r.status == 405 && took < 1000, "POST / with no body: " + std::to_string(r.status) + " in " +
                                            std::to_string(static_cast<int>(took)) + " ms");
  constexpr std::size_t k256MiB = 256u << 20;
  r = post_flood(port, "POST / HTTP/1.1\r\nHost: p\r\nContent-Length: 268435456\r\n\r\n", k256MiB, false,
                 took);
  check(r.status == 405, "256 MiB POST with Content-Length: " + std::to_string(r.status) + " after " +
                             std::to_string(static_cast<int>(took)) + " ms");
  r = post_flood(port, "POST / HTTP/1.1\r\nHost: p\r\nTransfer-Encoding: chunked\r\n\r\n", k256MiB, true,
                 took);
  check(r.status == 405, "256 MiB chunked POST: " + std::to_string(r.status));
  r = post_flood(port, "PUT /x HTTP/1.1\r\nHost: p\r\n\r\n", k256MiB, false, took);
  check(r.status == 405, "256 MiB after a PUT head without a length: " + std::to_string(r.status));
  r = post_flood(port, "GET / HTTP/1.1\r\nHost: p\r\nContent-Length: 268435456\r\n\r\n", k256MiB, false,
                 took);
  check(r.status == 400, "256 MiB GET content: " + std::to_string(r.status));
  r = post_flood(port,
                 "POST / HTTP/1.1\r\nHost: p\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", 0,
                 false, took);
  check(r.status == 400, "Content-Length with Transfer-Encoding: " + std::to_string(r.status));

  const long after = rss_kb(server->pid());
  std::printf("  figure RSS idle %ld KB, after the body attacks %ld KB (+%ld KB)\n", idle, after,
              after - idle);
  check(after - idle < 4096, "memory stays within 4 MB of idle");
  stop(server, "bodies");
}

void probe_headers(const Fixture& site) {
  std::printf("headers: the whole head bounded in bytes\n");
  auto server = start(site);
  if (!server) return;
  const int port = server->port();
  fetch(port, "/");
  const long idle = rss_kb(server->pid());
  double took = 0;
  std::string million;
  million.reserve(6'000'000);
  for (int i = 0; i < 1'000'000; ++i) million += "a: b\r\n";
  Response r = post_flood(port, "GET / HTTP/1.1\r\nHost: p\r\n" + million + "\r\n", 0, false, took);
  check(r.status == 431, "1,000,000 header lines: " + std::to_string(r.status) + " in " +
                             std::to_string(static_cast<int>(took)) + " ms");
  std::string empties;
  for (int i = 0; i < 100'000; ++i) empties += "X:\r\n";
  r = post_flood(port, "GET / HTTP/1.1\r\nHost: p\r\n" + empties + "\r\n", 0, false, took);
  check(r.status == 431, "100,000 empty-valued header lines: " + std::to_string(r.status));
  r = fetch(port, "/", {"X-Big: " + std::string(17 * 1024, 'h')});
  check(r.status == 431, "one 17 KiB header line: " + std::to_string(r.status));
  r = fetch(port, "/" + std::string(20 * 1024, 'a'));
  check(r.status == 414, "a 20 KiB target: " + std::to_string(r.status));
  // The same million lines, a few at a time, as a slow client would.
  const int fd = connect_to(port);
  send_all(fd, "GET / HTTP/1.1\r\nHost: p\r\n");
  std::string carry;
  bool refused = false;
  for (int i = 0; i < 20000 && !refused; ++i) {
    if (!send_all(fd, "a: b\r\na: b\r\na: b\r\n")) break;
    pollfd p{fd, POLLIN, 0};
    refused = ::poll(&p, 1, 0) > 0;
  }
  r = read_response(fd, carry, 3000);
  ::close(fd);
  check(r.status == 431, "header lines sent a few at a time: " + std::to_string(r.status));
  const long after = rss_kb(server->pid());
  std::printf("  figure RSS idle %ld KB, after the header attacks %ld KB (+%ld KB)\n", idle, after,
              after - idle);
  check(after - idle < 4096, "memory stays within 4 MB of idle");
  stop(server, "headers");
}

// `count` connections that trickle a request head one byte every
// `interval`, reconnecting whenever the server cuts one, until `until`.
struct Slowloris {
  std::atomic<int> cut{0};
  std::thread thread;

  Slowloris(int port, int count, std::chrono::milliseconds interval, Clock::time_point until) {
    thread = std::thread([=, this] {
      const std::string head = "GET / HTTP/1.1\r\nHost: p\r\nX-Slow: ";
      std::vector<int> fds(static_cast<std::size_t>(count), -1);
      std::vector<std::size_t> sent(fds.size(), 0);
      while (Clock::now() < until) {
        for (std::size_t i = 0; i < fds.size(); ++i) {
          if (fds[i] < 0) {
            fds[i] = connect_to(port);
            sent[i] = 0;
            continue;
          }
          const char byte = sent[i] < head.size() ? head[sent[i]] : 'a';
          if (::send(fds[i], &byte, 1, MSG_NOSIGNAL) != 1) {
            ::close(fds[i]);
            fds[i] = -1;
            ++cut;
          } else {
            ++sent[i];
          }
        }
        std::this_thread::sleep_until(std::min(until, Clock::now() + interval));
      }
      for (int fd : fds)
        if (fd >= 0) ::close(fd);
    });
  }
  ~Slowloris() { thread.join(); }
};

void probe_slowloris(const Fixture& site) {
  std::printf("slowloris: 200 slow heads for 20 s while normal requests are served\n");
  auto server = start(site);
  if (!server) return;
  const int port = server->port();
  const auto until = Clock::now() + std::chrono::seconds(20);
  int normal = 0, answered = 0;
  std::vector<double> latency;
  {
    Slowloris slow(port, 200, std::chrono::milliseconds(2000), until);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));  // let them all connect
    while (Clock::now() < until) {
      const auto t = Clock::now();
      const Response r = fetch(port, "/assets/h/app.js", {}, 3000);
      ++normal;
      if (r.status == 200) {
        ++answered;
        latency.push_back(ms_since(t));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    const Percentiles p = percentiles(latency);
    std::printf(
        "  figure %d normal requests during the attack, %d answered, p50 %.2f ms, p99 %.2f ms, "
        "max %.2f ms; %d slow connections cut by the head deadline\n",
        normal, answered, p.p50, p.p99, p.max, slow.cut.load());
  }
  check(normal > 100 && answered == normal, "every normal request was answered");
  stop(server, "slowloris");
}

struct LoadResult {
  int ok = 0, errors = 0;
  double seconds = 0;
  Percentiles latency;
};

LoadResult run_load(int port, int clients, int per_client, bool keep_alive, const std::string& target) {
  std::mutex mutex;
  std::vector<double> latencies;
  std::atomic<int> ok{0}, errors{0};
  const auto start_time = Clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c)
    threads.emplace_back([&] {
      std::vector<double> mine;
      int fd = -1;
      std::string carry;
      for (int i = 0; i < per_client; ++i) {
        const auto t = Clock::now();
        if (fd < 0) {
          fd = connect_to(port);
          carry.clear();
        }
        const std::string request = "GET " + target + " HTTP/1.1\r\nHost: p\r\nAccept-Encoding: br\r\n" +
                                    (keep_alive ? "" : "Connection: close\r\n") + "\r\n";
        Response r;
        if (fd >= 0 && send_all(fd, request)) r = read_response(fd, carry, 10000);
        if (r.status == 200) {
          ++ok;
          mine.push_back(ms_since(t));
        } else {
          ++errors;
        }
        if (!keep_alive || r.status != 200 || r.head.find("Connection: close") != std::string::npos) {
          if (fd >= 0) ::close(fd);
          fd = -1;
        }
      }
      if (fd >= 0) ::close(fd);
      std::lock_guard<std::mutex> lock(mutex);
      latencies.insert(latencies.end(), mine.begin(), mine.end());
    });
  for (std::thread& t : threads) t.join();
  return {ok.load(), errors.load(), ms_since(start_time) / 1000.0, percentiles(latencies)};
}

void report_load(const char* what, const LoadResult& r, long rss_before, long rss_after) {
  std::printf(
      "  figure %s: %d ok, %d errors, %.0f requests/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms, "
      "RSS %ld -> %ld KB\n",
      what, r.ok, r.errors, (r.ok + r.errors) / r.seconds, r.latency.p50, r.latency.p99, r.latency.max,
      rss_before, rss_after);
  check(r.errors == 0, std::string(what) + ": zero errors");
}

void probe_load(const Fixture& site) {
  std::printf("load: 10,000 requests at 200 concurrent clients, then 50 keep-alive clients\n");
  auto server = start(site);
  if (!server) return;
  const int port = server->port();
  fetch(port, "/");
  long before = rss_kb(server->pid());
  LoadResult r = run_load(port, 200, 50, false, "/index.html");
  long after = rss_kb(server->pid());
  report_load("200 clients, new connection per request", r, before, after);
  before = after;
  r = run_load(port, 50, 200, true, "/index.html");
  after = rss_kb(server->pid());
  report_load("50 keep-alive clients", r, before, after);
  r = run_load(port, 20, 50, true, "/assets/h/derive.wasm");
  report_load("20 keep-alive clients fetching the 344 KB file", r, after, rss_kb(server->pid()));
  stop(server, "load");
}

void probe_pipelining(const Fixture& site) {
  std::printf("pipelining: requests sent together are all answered, in order\n");
  auto server = start(site);
  if (!server) return;
  const int fd = connect_to(server->port());
  std::string requests;
  for (int i = 0; i < 20; ++i)
    requests += "GET /assets/h/m" + std::to_string(i) + ".js HTTP/1.1\r\nHost: p\r\n\r\n";
  send_all(fd, requests);
  std::string carry;
  int in_order = 0;
  for (int i = 0; i < 20; ++i) {
    const Response r = read_response(fd, carry, 3000);
    in_order += r.status == 200 && r.body == std::to_string(i);
  }
  ::close(fd);
  check(in_order == 20, "20 pipelined requests: " + std::to_string(in_order) + " answered in order");
  stop(server, "pipelining");
}

void probe_log(const Fixture& site) {
  std::printf("log: a full stderr pipe never stops serving\n");
  auto server = start(site, ServerProcess::Log::UnreadPipe);
  if (!server) return;
  const LoadResult r = run_load(server->port(), 4, 1250, true, "/index.html");
  check(r.errors == 0 && r.ok == 5000,
        "5,000 requests with stderr full: " + std::to_string(r.ok) + " answered");
  stop(server, "log");
}

void probe_port(const Fixture& site) {
  std::printf("port: a second server on a used port fails clearly\n");
  auto server = start(site);
  if (!server) return;
  const RunResult second =
      run_derive({"serve", "--port", std::to_string(server->port()), "--root", site.root.string()});
  check(second.status == 2 && second.err.find("the port is in use") != std::string::npos,
        "second derive serve: exit " + std::to_string(second.status) + ", " + second.err.substr(0, 80));
  check(fetch(server->port(), "/").status == 200, "the first still serves");
  stop(server, "port");
}

void probe_stop(const Fixture& site) {
  std::printf("stop: SIGTERM with slow clients, slow readers and idle connections\n");
  auto server = start(site);
  if (!server) return;
  const int port = server->port();
  const auto until = Clock::now() + std::chrono::seconds(4);
  Slowloris slow(port, 100, std::chrono::milliseconds(200), until);
  std::vector<int> readers;  // ask for the big file and never read
  for (int i = 0; i < 5; ++i) {
    const int fd = connect_to(port);
    const int small = 4096;
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    send_all(fd, "GET /assets/h/derive.wasm HTTP/1.1\r\nHost: p\r\n\r\n");
    readers.push_back(fd);
  }
  const int idle = connect_to(port);
  send_all(idle, "GET / HTTP/1.1\r\nHost: p\r\n\r\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  stop(server, "stop");
  for (int fd : readers) ::close(fd);
  ::close(idle);
}

void probe_stream(const Fixture& site) {
  std::printf("stream: --root sends files from disk in slices, not whole from memory\n");
  const fs::path big = site.root / "assets/h/large.bin";
  {
    std::ofstream out(big, std::ios::binary);
    const std::string block(1 << 20, 'z');
    for (int i = 0; i < 64; ++i) out << block;
  }
  auto server = start(site);
  if (!server) return;
  fetch(server->port(), "/");
  const long idle = rss_kb(server->pid());
  const LoadResult r = run_load(server->port(), 4, 2, true, "/assets/h/large.bin");
  const long after = rss_kb(server->pid());
  std::printf("  figure 8 downloads of a 64 MiB file: RSS %ld -> %ld KB\n", idle, after);
  check(r.ok == 8 && after - idle < 8192, "memory stays within 8 MB of idle while streaming 512 MiB");
  stop(server, "stream");
  fs::remove(big);
}

}  // namespace

int main(int argc, char** argv) {
  ::signal(SIGPIPE, SIG_IGN);
  const std::vector<std::pair<std::string, std::function<void(const Fixture&)>>> scenarios = {
      {"range", probe_range},     {"bodies", probe_bodies},
      {"headers", probe_headers}, {"slowloris", probe_slowloris},
      {"load", probe_load},       {"pipelining", probe_pipelining},
      {"log", probe_log},         {"port", probe_port},
      {"stop", probe_stop},       {"stream", probe_stream}};
  std::set<std::string> wanted(argv + 1, argv + argc);
  for (const std::string& name : wanted) {
    if (std::none_of(scenarios.begin(), scenarios.end(), [&](const auto& s) { return s.first == name; })) {
      std::fprintf(stderr, "derive_probe: unknown scenario '%s'\n", name.c_str());
      return 2;
    }
  }
  const Fixture site;
  const auto start_time = Clock::now();
  for (const auto& [name, run] : scenarios)
    if (wanted.empty() || wanted.count(name)) run(site);
  std::printf("probe: %d failed checks, %.1f s\n", failures, ms_since(start_time) / 1000.0);
  return failures == 0 ? 0 : 1;
}
