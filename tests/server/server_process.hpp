// Test support: runs `derive serve` (or any derive command) as a child
// process and talks raw HTTP/1.1 to it over 127.0.0.1, byte for byte, so tests
// can send what a browser never would (traversal, oversized headers).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace derive::server::testing {

struct HttpResponse {
  int status = 0;                              // 0: no response (connection failed or closed early)
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string raw_head;

  bool has(const std::string& name) const { return headers.count(name) > 0; }
  std::string header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

// Sends `request` as is to 127.0.0.1:port and reads until the server closes
// the connection or `timeout` passes. The request should say Connection: close.
HttpResponse send_raw(int port, const std::string& request,
                      std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

// A GET/HEAD/... request with Connection: close and the given extra header lines
// ("Name: value").
HttpResponse request(int port, const std::string& method, const std::string& target,
                     const std::vector<std::string>& headers = {}, const std::string& body = "");

// A running `derive serve`. The destructor kills it if a test left it running.
class ServerProcess {
 public:
  // Where the child's stderr (the request log) goes.
  enum class Log { File, UnreadPipe };

  // Starts derive with `args` and waits for "derive serve: open http://...".
  // With Log::UnreadPipe its stderr is a pipe that nobody ever reads.
  explicit ServerProcess(const std::vector<std::string>& args, Log log = Log::File);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  bool started() const { return port_ > 0; }
  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0; }
  int port() const { return port_; }
  std::string url() const { return url_; }
  const std::string& stdout_text() const { return out_; }

  // Sends `signal`, waits up to `timeout` and returns the exit status (-1 if
  // it had to be killed or did not exit normally). Reads the rest of stdout.
  int stop(int signal, std::chrono::milliseconds timeout = std::chrono::milliseconds(10000));
  std::string stderr_text() const;

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  int unread_log_fd_ = -1;  // the read end of an UnreadPipe log, held open
  int port_ = 0;
  std::string url_;
  std::string out_;
  std::filesystem::path err_path_;
};

// Runs derive to completion with `args`; stdout and stderr captured.
struct RunResult {
  int status = -1;
  std::string out, err;
};
RunResult run_derive(const std::vector<std::string>& args);

// A scratch folder, removed at the end of the test.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

void write_file(const std::filesystem::path& path, const std::string& bytes);
std::string read_file(const std::filesystem::path& path);

}  // namespace derive::server::testing
