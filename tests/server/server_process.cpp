#include "server_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

namespace derive::server::testing {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

HttpResponse parse_response(const std::string& data) {
  HttpResponse response;
  const auto head_end = data.find("\r\n\r\n");
  if (head_end == std::string::npos) return response;
  response.raw_head = data.substr(0, head_end);
  response.body = data.substr(head_end + 4);
  std::istringstream lines(response.raw_head);
  std::string line;
  std::getline(lines, line);
  if (line.rfind("HTTP/1.", 0) != 0 || line.size() < 12) return response;
  response.status = std::atoi(line.c_str() + 9);
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    response.headers[lower(line.substr(0, colon))] = value;
  }
  return response;
}

}  // namespace

HttpResponse send_raw(int port, const std::string& request, std::chrono::milliseconds timeout) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return {};
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return {};
  }
  // The server may answer (413, 414) and close before it has read everything;
  // a failed send is then expected, and the answer is still there to read.
  std::size_t sent = 0;
  while (sent < request.size()) {
    const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  std::string data;
  const auto deadline = Clock::now() + timeout;
  char buffer[65536];
  while (Clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (::poll(&p, 1, static_cast<int>(std::max<long long>(left, 1))) <= 0) break;
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    data.append(buffer, static_cast<std::size_t>(n));
    // Done once the whole answer is in; the server may keep the connection
    // open (after a malformed request it cannot see "Connection: close").
    const HttpResponse so_far = parse_response(data);
    if (so_far.status == 0) continue;
    const bool no_body = request.rfind("HEAD ", 0) == 0 || so_far.status == 304;
    if (no_body ||
        (so_far.has("content-length") && so_far.body.size() >= std::stoull(so_far.header("content-length"))))
      break;
  }
  ::close(fd);
  return parse_response(data);
}

HttpResponse request(int port, const std::string& method, const std::string& target,
                     const std::vector<std::string>& headers, const std::string& body) {
  std::string text = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) + "\r\n";
  for (const std::string& header : headers) text += header + "\r\n";
  if (!body.empty()) text += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  text += "Connection: close\r\n\r\n" + body;
  return send_raw(port, text);
}

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "derive_server_XXXXXX").string();
  path_ = mkdtemp(pattern.data()) ? fs::path(pattern) : fs::path();
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

void write_file(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

ServerProcess::ServerProcess(const std::vector<std::string>& args, Log log) {
  static int counter = 0;
  err_path_ = fs::temp_directory_path() /
              ("derive_serve_err_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + ".log");
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) return;
  int log_fds[2] = {-1, -1};
  if (log == Log::UnreadPipe && ::pipe(log_fds) != 0) return;
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(pipe_fds[1], STDOUT_FILENO);
    const int err =
        log == Log::UnreadPipe ? log_fds[1] : ::open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(err, STDERR_FILENO);
    if (log_fds[0] >= 0) ::close(log_fds[0]);
    ::close(pipe_fds[0]);
    std::vector<std::string> argv_strings{DERIVE_EXECUTABLE};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& s : argv_strings) argv.push_back(s.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  out_fd_ = pipe_fds[0];
  if (log_fds[1] >= 0) ::close(log_fds[1]);
  unread_log_fd_ = log_fds[0];
  // Read stdout until the URL line; give up after 10 s.
  const std::regex url_line(R"(derive serve: open (http://127\.0\.0\.1:(\d+)/))");
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  char buffer[4096];
  while (Clock::now() < deadline) {
    std::smatch match;
    if (std::regex_search(out_, match, url_line)) {
      url_ = match[1];
      port_ = std::stoi(match[2]);
      return;
    }
    pollfd p{out_fd_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    const ssize_t n = ::read(out_fd_, buffer, sizeof buffer);
    if (n <= 0) return;  // exited before printing a URL
    out_.append(buffer, static_cast<std::size_t>(n));
  }
}

int ServerProcess::stop(int signal, std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, signal);
  const auto deadline = Clock::now() + timeout;
  int raw = 0;
  while (true) {
    const pid_t done = ::waitpid(pid_, &raw, WNOHANG);
    if (done == pid_) break;
    if (Clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &raw, 0);
      pid_ = -1;
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  pid_ = -1;
  char buffer[4096];
  ssize_t n;
  while ((n = ::read(out_fd_, buffer, sizeof buffer)) > 0) out_.append(buffer, static_cast<std::size_t>(n));
  return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
}

std::string ServerProcess::stderr_text() const { return read_file(err_path_); }

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int raw = 0;
    ::waitpid(pid_, &raw, 0);
  }
  if (out_fd_ >= 0) ::close(out_fd_);
  if (unread_log_fd_ >= 0) ::close(unread_log_fd_);
  std::error_code ec;
  fs::remove(err_path_, ec);
}

RunResult run_derive(const std::vector<std::string>& args) {
  TempDir dir;
  std::string command = "timeout 60 '" DERIVE_EXECUTABLE "'";
  for (const std::string& arg : args) {
    std::string quoted = "'";
    for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    command += " " + quoted + "'";
  }
  command += " </dev/null >'" + (dir.path() / "out").string() + "' 2>'" + (dir.path() / "err").string() + "'";
  const int raw = std::system(command.c_str());
  RunResult result;
  result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  result.out = read_file(dir.path() / "out");
  result.err = read_file(dir.path() / "err");
  return result;
}

}  // namespace derive::server::testing
