// The request log of `derive serve`: one line per request, written to a file
// descriptor (stderr) by a thread of its own, so that a log nobody reads (a
// full pipe, a stopped terminal) can never hold up serving or stopping.
//
// Lines wait in a bounded queue; when it is full, new lines are dropped and
// counted, and the count is written as its own line once the log drains.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

namespace derive::server {

class RequestLog {
 public:
  // Lines beyond this many bytes waiting are dropped.
  static constexpr std::size_t kMaxQueuedBytes = 1 << 20;

  explicit RequestLog(int fd);
  ~RequestLog();  // stop(), if not done
  RequestLog(const RequestLog&) = delete;
  RequestLog& operator=(const RequestLog&) = delete;

  // Never blocks on the descriptor. `line` should end with a newline.
  void write(std::string line);

  // Writes what is queued for at most `grace` more milliseconds, then stops
  // the writer; anything still queued is counted as dropped.
  void stop(int grace_ms = 500);

  // Lines dropped so far (the queue was full, or stop() ran out of time).
  std::size_t dropped() const;

 private:
  void run();
  bool write_some(const std::string& text, std::size_t& done, int timeout_ms) const;

  int fd_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::string> queue_;
  std::size_t queued_bytes_ = 0;
  std::size_t dropped_ = 0;
  std::size_t dropped_reported_ = 0;
  bool stopping_ = false;
  long long deadline_ms_ = 0;  // steady-clock ms after which stop() gives up
  std::thread writer_;
};

}  // namespace derive::server
