// RequestLog never blocks its caller: not on a pipe nobody reads, not when
// stopping with such a pipe, and what it could not write is counted.
#include "server/request_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <csignal>

#include <chrono>
#include <string>

namespace derive::server {
namespace {

using Clock = std::chrono::steady_clock;

std::string read_all(int fd) {
  std::string text;
  char buffer[4096];
  ssize_t n;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<std::size_t>(n));
  return text;
}

TEST(RequestLog, WritesEveryLineInOrder) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  {
    RequestLog log(fds[1]);
    for (int i = 0; i < 100; ++i) log.write("line " + std::to_string(i) + "\n");
    log.stop();
    EXPECT_EQ(log.dropped(), 0u);
  }
  ::close(fds[1]);
  std::string expected;
  for (int i = 0; i < 100; ++i) expected += "line " + std::to_string(i) + "\n";
  EXPECT_EQ(read_all(fds[0]), expected);
  ::close(fds[0]);
}

TEST(RequestLog, AFullPipeNeverBlocksWritersOrStop) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  ::fcntl(fds[1], F_SETPIPE_SZ, 4096);  // the smallest pipe: full after a few lines
  const std::string line(200, 'x');
  RequestLog log(fds[1]);
  const auto start = Clock::now();
  // Far more than the pipe and the queue hold together.
  for (int i = 0; i < 20000; ++i) log.write(line + "\n");
  const auto wrote = Clock::now() - start;
  EXPECT_LT(wrote, std::chrono::seconds(2)) << "write() waited for the pipe";
  log.stop(100);
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(3)) << "stop() waited for the pipe";
  // The pipe took a few lines, the queue at most kMaxQueuedBytes; the rest were counted.
  EXPECT_GE(log.dropped(), 20000u - (4096 + RequestLog::kMaxQueuedBytes) / line.size() - 1);
  ::close(fds[0]);
  ::close(fds[1]);
}

TEST(RequestLog, ReportsDroppedLinesOnceTheLogDrains) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  ::fcntl(fds[1], F_SETPIPE_SZ, 4096);
  const std::string line(1000, 'y');
  {
    RequestLog log(fds[1]);
    for (int i = 0; i < 3000; ++i) log.write(line + "\n");  // 3 MB: more than the queue
    ::fcntl(fds[0], F_SETFL, O_NONBLOCK);
    std::string seen;
    const auto until = Clock::now() + std::chrono::seconds(20);
    while (seen.find("log lines dropped") == std::string::npos && Clock::now() < until) {
      char buffer[65536];
      const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
      if (n > 0) seen.append(buffer, static_cast<std::size_t>(n));
    }
    EXPECT_NE(seen.find("log lines dropped (the log was not being read)"), std::string::npos);
    log.stop();
  }
  ::close(fds[0]);
  ::close(fds[1]);
}

TEST(RequestLog, AClosedReaderIsNotFatal) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  ::close(fds[0]);  // EPIPE on every write (SIGPIPE is ignored by the server; here too)
  ::signal(SIGPIPE, SIG_IGN);
  RequestLog log(fds[1]);
  for (int i = 0; i < 10; ++i) log.write("x\n");
  log.stop();
  EXPECT_GE(log.dropped(), 1u);
  ::close(fds[1]);
}

}  // namespace
}  // namespace derive::server
