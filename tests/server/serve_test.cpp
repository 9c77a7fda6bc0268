// End-to-end tests of `derive serve`: start it on a free port (--port 0) over
// a fixture site the test writes, and check statuses and headers on the wire.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <regex>
#include <thread>

#include "derive/server/embedded_site.hpp"
#include "derive/server/http_server.hpp"
#include "server/request_head.hpp"
#include "server_process.hpp"

namespace derive::server {
namespace {

using namespace derive::server::testing;
namespace fs = std::filesystem;

const std::string kHash = "0123abcdef";
const std::string kAsset = "/assets/" + kHash + "/app.js";
const std::string kIndex = "<!doctype html><title>fixture</title><script type=\"module\" src=\"assets/" +
                           kHash + "/app.js\"></script>";
const std::string kAppJs = "export const answer = 42; // " + std::string(200, 'x') + "\n";
const std::string kSecret = "TOP-SECRET-OUTSIDE-THE-SITE";

// site/ is served; secret.txt sits beside it, where traversal would land.
class ServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const fs::path site = dir_.path() / "site";
    write_file(site / "index.html", kIndex);
    write_file(site / "index.html.gz", "GZ:index");
    write_file(site / "index.html.br", "BR:index");
    write_file(site / ("assets/" + kHash + "/app.js"), kAppJs);
    write_file(site / ("assets/" + kHash + "/app.js.gz"), "GZ:app");
    write_file(site / ("assets/" + kHash + "/app.js.br"), "BR:app");
    write_file(site / ("assets/" + kHash + "/modules/engine.js"), "export {};\n");
    write_file(site / ("assets/" + kHash + "/style.css"), "body{}\n");
    write_file(site / ("assets/" + kHash + "/derive.wasm"), std::string("\0asm\1\0\0\0", 8));
    write_file(site / ("assets/" + kHash + "/icon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    write_file(site / "data.json", "{}");
    write_file(site / "empty.txt", "");
    write_file(site / ".env", kSecret);
    write_file(dir_.path() / "secret.txt", kSecret);
    fs::create_symlink(dir_.path() / "secret.txt", site / "link.txt");
    server_ = std::make_unique<ServerProcess>(
        std::vector<std::string>{"serve", "--port", "0", "--root", site.string()});
    ASSERT_TRUE(server_->started()) << server_->stdout_text() << server_->stderr_text();
  }

  void TearDown() override {
    if (server_ && server_->running()) {
      EXPECT_EQ(server_->stop(SIGTERM), 0) << server_->stderr_text();
    }
  }

  HttpResponse get(const std::string& target, const std::vector<std::string>& headers = {}) {
    return request(server_->port(), "GET", target, headers);
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
};

void expect_security_headers(const HttpResponse& r, const std::string& what) {
  SCOPED_TRACE(what + ":\n" + r.raw_head);
  EXPECT_EQ(
      r.header("content-security-policy"),
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
      "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(r.header("referrer-policy"), "no-referrer");
  EXPECT_EQ(r.header("cross-origin-opener-policy"), "same-origin");
}

TEST_F(ServeTest, PrintsTheUrlAndLogsEachRequest) {
  EXPECT_NE(server_->stdout_text().find("derive serve: open http://127.0.0.1:"), std::string::npos);
  ASSERT_EQ(get("/").status, 200);
  ASSERT_EQ(get("/nope.js").status, 404);
  ASSERT_EQ(server_->stop(SIGTERM), 0);
  const std::string log = server_->stderr_text();
  const std::regex line(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z GET / 200 \d+B \d+\.\dms)");
  EXPECT_TRUE(std::regex_search(log, line)) << log;
  EXPECT_NE(log.find(" GET /nope.js 404 "), std::string::npos) << log;
  EXPECT_NE(server_->stdout_text().find("derive serve: stopped\n"), std::string::npos);
}

TEST_F(ServeTest, IndexIsRevalidatedWithAnEtag) {
  const HttpResponse r = get("/");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body, kIndex);
  EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(r.header("content-length"), std::to_string(kIndex.size()));
  EXPECT_EQ(r.header("cache-control"), "no-cache");
  EXPECT_FALSE(r.has("content-encoding"));
  expect_security_headers(r, "GET /");
  const std::string etag = r.header("etag");
  // A folder site's tag: identity and modification time, then the size.
  ASSERT_TRUE(std::regex_match(etag, std::regex(R"("[0-9a-f]{16}-\d+")"))) << etag;
  EXPECT_EQ(get("/index.html").header("etag"), etag);

  const HttpResponse again = get("/", {"If-None-Match: " + etag});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");
  EXPECT_EQ(again.header("etag"), etag);
  EXPECT_EQ(again.header("cache-control"), "no-cache");
  expect_security_headers(again, "304");
  EXPECT_EQ(get("/", {"If-None-Match: W/" + etag}).status, 304);
  EXPECT_EQ(get("/", {"If-None-Match: \"stale\""}).status, 200);
}

TEST_F(ServeTest, FingerprintedAssetsAreImmutable) {
  const HttpResponse r = get(kAsset);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body, kAppJs);
  EXPECT_EQ(r.header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(r.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(r.header("vary"), "Accept-Encoding");
  expect_security_headers(r, kAsset);
  // A file outside assets/<hash>/ is revalidated like index.html.
  EXPECT_EQ(get("/data.json").header("cache-control"), "no-cache");
}

TEST_F(ServeTest, ContentTypes) {
  EXPECT_EQ(get("/assets/" + kHash + "/style.css").header("content-type"), "text/css; charset=utf-8");
  EXPECT_EQ(get("/assets/" + kHash + "/derive.wasm").header("content-type"), "application/wasm");
  EXPECT_EQ(get("/assets/" + kHash + "/icon.svg").header("content-type"), "image/svg+xml");
  EXPECT_EQ(get("/assets/" + kHash + "/modules/engine.js").header("content-type"),
            "text/javascript; charset=utf-8");
  EXPECT_EQ(get("/data.json").header("content-type"), "application/json");
  const HttpResponse empty = get("/empty.txt");
  EXPECT_EQ(empty.status, 200);
  EXPECT_EQ(empty.header("content-length"), "0");
}

TEST_F(ServeTest, PrecompressedCopiesByAcceptEncoding) {
  struct Case {
    std::string accept, body, encoding;
  };
  for (const Case& c :
       {Case{"gzip, deflate, br", "BR:app", "br"}, Case{"gzip", "GZ:app", "gzip"},
        Case{"br;q=0, gzip", "GZ:app", "gzip"}, Case{"identity", kAppJs, ""}, Case{"", kAppJs, ""}}) {
    SCOPED_TRACE("Accept-Encoding: " + c.accept);
    std::vector<std::string> headers;
    if (!c.accept.empty()) headers.push_back("Accept-Encoding: " + c.accept);
    const HttpResponse r = get(kAsset, headers);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, c.body);
    EXPECT_EQ(r.header("content-encoding"), c.encoding);
    EXPECT_EQ(r.header("content-length"), std::to_string(c.body.size()));
    EXPECT_EQ(r.header("vary"), "Accept-Encoding");
    EXPECT_EQ(r.header("content-type"), "text/javascript; charset=utf-8");
  }
  // Each encoding has its own tag; a tag only matches its own encoding.
  const std::string br_tag = get(kAsset, {"Accept-Encoding: br"}).header("etag");
  const std::string plain_tag = get(kAsset).header("etag");
  EXPECT_NE(br_tag, plain_tag);
  EXPECT_EQ(get(kAsset, {"Accept-Encoding: br", "If-None-Match: " + br_tag}).status, 304);
  EXPECT_EQ(get(kAsset, {"If-None-Match: " + br_tag}).status, 200);
  // A file without copies is sent as is, and says nothing about Vary.
  EXPECT_FALSE(get("/data.json", {"Accept-Encoding: br"}).has("content-encoding"));
}

TEST_F(ServeTest, HeadSendsHeadersOnly) {
  const HttpResponse full = get(kAsset, {"Accept-Encoding: gzip"});
  const HttpResponse head = request(server_->port(), "HEAD", kAsset, {"Accept-Encoding: gzip"});
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");
  for (const char* name :
       {"content-length", "content-type", "content-encoding", "etag", "cache-control", "vary"})
    EXPECT_EQ(head.header(name), full.header(name)) << name;
  expect_security_headers(head, "HEAD");
}

TEST_F(ServeTest, TraversalIsRefusedAndNeverReadsOutside) {
  for (const std::string target :
       {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
        "/.%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt", "/..%5csecret.txt", "/..\\secret.txt",
        "/%252e%252e/secret.txt", "/%252e%252e%252fsecret.txt", "//secret.txt", "/./index.html",
        "/index.html%00.js", "/%c0%ae%c0%ae/secret.txt", "/link.txt", "/.env", "secret.txt",
        "http://127.0.0.1/../secret.txt"}) {
    const HttpResponse r = get(target);
    EXPECT_TRUE(r.status == 400 || r.status == 404) << target << " got " << r.status;
    EXPECT_EQ(r.body.find(kSecret), std::string::npos) << target;
    EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8") << target;
    expect_security_headers(r, target);
  }
  EXPECT_EQ(get("/../secret.txt").status, 400);
  EXPECT_EQ(get("/%2e%2e/secret.txt").status, 400);
  EXPECT_EQ(get("/%252e%252e/secret.txt").status, 400);
  EXPECT_EQ(get("/..%2fsecret.txt").status, 400);
  EXPECT_EQ(get("/link.txt").status, 404);  // a symbolic link out of the root
  EXPECT_EQ(get("/.env").status, 404);
}

TEST_F(ServeTest, AbsoluteFormTargetsNameTheirPath) {
  EXPECT_EQ(get("http://127.0.0.1/index.html").body, kIndex);
  EXPECT_EQ(get("HTTP://localhost:8080").body, kIndex);  // an empty path is "/"
  EXPECT_EQ(get("http://x" + kAsset + "?v=2").body, kAppJs);
}

TEST_F(ServeTest, LinksAreFollowedOnlyBeneathTheRoot) {
  const fs::path site = dir_.path() / "site";
  fs::create_symlink("data.json", site / "inside.json");
  // Absolute links start from "/", outside the root, even when they end up
  // back inside it: RESOLVE_BENEATH refuses them.
  fs::create_symlink(site / "data.json", site / "absolute.json");
  fs::create_directories(dir_.path() / "elsewhere");
  write_file(dir_.path() / "elsewhere/x.js", kSecret);
  fs::create_directory_symlink(dir_.path() / "elsewhere", site / "out");
  fs::create_symlink("../secret.txt", site / "relative.txt");
  EXPECT_EQ(get("/inside.json").body, "{}");
  for (const char* target : {"/out/x.js", "/relative.txt", "/link.txt", "/absolute.json"}) {
    const HttpResponse r = get(target);
    EXPECT_EQ(r.status, 404) << target;
    EXPECT_EQ(r.body.find(kSecret), std::string::npos) << target;
  }
}

TEST_F(ServeTest, AFifoIsNotAFileAndDoesNotStall) {
  const fs::path fifo = dir_.path() / "site" / "pipe.js";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(get("/pipe.js").status, 404);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  EXPECT_EQ(get("/").status, 200);
}

TEST_F(ServeTest, EditsUnderTheRootShowAtOnce) {
  const HttpResponse before = get("/data.json");
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  write_file(dir_.path() / "site" / "data.json", "{\"a\": 1}");
  const HttpResponse after = get("/data.json", {"If-None-Match: " + before.header("etag")});
  EXPECT_EQ(after.status, 200);
  EXPECT_EQ(after.body, "{\"a\": 1}");
  EXPECT_NE(after.header("etag"), before.header("etag"));
}

TEST_F(ServeTest, UnknownPathsGetAnHtmlPage) {
  const HttpResponse r = get("/no/such/file.js");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("<h1>404 Not Found</h1>"), std::string::npos);
  EXPECT_EQ(r.header("cache-control"), "no-store");
  EXPECT_EQ(get("/assets/").status, 404);        // a folder is not a file
  EXPECT_EQ(get("/index.html.gz").status, 404);  // copies are only an encoding
  expect_security_headers(r, "404");
}

TEST_F(ServeTest, OtherMethodsAre405WithAllow) {
  for (const std::string method : {"POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"}) {
    const HttpResponse r = request(server_->port(), method, "/", {}, method == "TRACE" ? "" : "a=1");
    EXPECT_EQ(r.status, 405) << method;
    EXPECT_EQ(r.header("allow"), "GET, HEAD") << method;
    expect_security_headers(r, method);
  }
  // A method nobody defined is still a method this server does not serve.
  EXPECT_EQ(request(server_->port(), "BREW", "/").status, 405);
}

TEST_F(ServeTest, OversizedRequests) {
  // Content is never read: a POST of any size is answered 405 from its head.
  const HttpResponse body = request(server_->port(), "POST", "/", {}, std::string(64 * 1024, 'x'));
  EXPECT_EQ(body.status, 405);
  expect_security_headers(body, "405 with content");

  const HttpResponse uri = get("/" + std::string(kMaxRequestLineBytes, 'a'));
  EXPECT_EQ(uri.status, 414);
  expect_security_headers(uri, "414");

  // Many header lines adding up past the head limit: 431.
  std::vector<std::string> many;
  for (int i = 0; i < 20; ++i)
    many.push_back("X-Filler-" + std::to_string(i) + ": " + std::string(1000, 'h'));
  const HttpResponse headers = get("/", many);
  EXPECT_EQ(headers.status, 431);
  expect_security_headers(headers, "431");
  // One long line counts the same as many short ones.
  EXPECT_EQ(get("/", {"X-Big: " + std::string(9000, 'h')}).status, 200);
  EXPECT_EQ(get("/", {"X-Big: " + std::string(kMaxHeadBytes, 'h')}).status, 431);
}

TEST_F(ServeTest, StopsOnSigint) {
  EXPECT_EQ(server_->stop(SIGINT), 0);
  EXPECT_NE(server_->stdout_text().find("derive serve: stopped\n"), std::string::npos);
}

TEST_F(ServeTest, StopsPromptlyWithAnIdleKeepAliveConnection) {
  // A browser keeps connections open; shutdown must not wait on them for long.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(server_->port()));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  const std::string req = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
  ASSERT_EQ(::send(fd, req.data(), req.size(), MSG_NOSIGNAL), static_cast<ssize_t>(req.size()));
  char buffer[4096];
  ASSERT_GT(::recv(fd, buffer, sizeof buffer, 0), 0);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(server_->stop(SIGTERM), 0);
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_LT(took, std::chrono::seconds(4));
  ::close(fd);
}

// Requests on one kept-alive connection must not wait for delayed ACKs
// (Nagle's algorithm held each body ~40 ms before TCP_NODELAY was set).
TEST_F(ServeTest, KeepAliveRequestsAreNotDelayed) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(server_->port()));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  constexpr int kRequests = 20;
  const std::string req = "GET " + kAsset + " HTTP/1.1\r\nHost: x\r\n\r\n";
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kRequests; ++i) {
    ASSERT_EQ(::send(fd, req.data(), req.size(), MSG_NOSIGNAL), static_cast<ssize_t>(req.size()));
    std::string data;
    char buffer[4096];
    while (data.find("\r\n\r\n") == std::string::npos || !data.ends_with(kAppJs)) {
      const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      ASSERT_GT(n, 0) << "connection closed after " << i << " requests";
      data.append(buffer, static_cast<std::size_t>(n));
    }
  }
  const auto took = std::chrono::steady_clock::now() - start;
  ::close(fd);
  EXPECT_LT(took, std::chrono::milliseconds(kRequests * 15))
      << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms";
}

// Bounded: 4 clients x 250 requests on 127.0.0.1, no more than a few seconds.
TEST_F(ServeTest, BoundedLocalLoad) {
  constexpr int kClients = 4, kPerClient = 250;
  std::atomic<int> ok{0};
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c)
    clients.emplace_back([&] {
      for (int i = 0; i < kPerClient; ++i)
        if (get(kAsset, {"Accept-Encoding: br"}).status == 200) ++ok;
    });
  for (std::thread& t : clients) t.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(ok.load(), kClients * kPerClient);
  std::printf("[ load     ] %d requests (new connection each) in %.2f s: %.0f requests/s\n",
              kClients * kPerClient, seconds, kClients * kPerClient / seconds);
}

TEST(ServeCommand, OccupiedPortIsAClearError) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(::listen(fd, 1), 0);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  const std::string port = std::to_string(ntohs(address.sin_port));
  TempDir dir;
  write_file(dir.path() / "index.html", "x");
  const RunResult r = run_derive({"serve", "--port", port, "--root", dir.path().string()});
  ::close(fd);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err,
            "derive: serve: cannot listen on 127.0.0.1:" + port +
                ": the port is in use; stop the other program or pick another with --port (0 picks a free "
                "one)\n");
}

TEST(ServeCommand, BadRootIsAClearError) {
  TempDir dir;
  RunResult r = run_derive({"serve", "--port", "0", "--root", (dir.path() / "missing").string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "derive: serve: --root must be an existing folder, got \"" +
                       (dir.path() / "missing").string() + "\"\n");
  r = run_derive({"serve", "--port", "0", "--root", dir.path().string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("has no index.html"), std::string::npos) << r.err;
  r = run_derive({"serve", "--port", "70000"});
  EXPECT_EQ(r.status, 2);
}

// The built-in site: either served (every asset index.html names answers 200
// and is immutable) or, in a build without one, explained.
TEST(ServeCommand, EmbeddedSite) {
  if (embedded_site_files().empty()) {
    const RunResult r = run_derive({"serve", "--port", "0"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("built without the web site"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("node scripts/stage-site.mjs"), std::string::npos) << r.err;
    return;
  }
  ServerProcess server({"serve", "--port", "0"});
  ASSERT_TRUE(server.started()) << server.stderr_text();
  const HttpResponse index = request(server.port(), "GET", "/");
  ASSERT_EQ(index.status, 200);
  EXPECT_EQ(index.header("cache-control"), "no-cache");
  expect_security_headers(index, "embedded /");
  const std::regex asset(R"((?:src|href)="(assets/[0-9a-f]+/[^"]+)\")");
  int assets = 0;
  for (auto it = std::sregex_iterator(index.body.begin(), index.body.end(), asset);
       it != std::sregex_iterator(); ++it) {
    const std::string target = "/" + (*it)[1].str();
    const HttpResponse r = request(server.port(), "GET", target, {"Accept-Encoding: gzip, deflate, br"});
    EXPECT_EQ(r.status, 200) << target;
    EXPECT_EQ(r.header("cache-control"), "public, max-age=31536000, immutable") << target;
    ++assets;
  }
  EXPECT_GT(assets, 0) << index.body;
  EXPECT_EQ(server.stop(SIGTERM), 0);
}

}  // namespace
}  // namespace derive::server
