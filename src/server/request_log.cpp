#include "server/request_log.hpp"

#include <limits.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>

namespace derive::server {
namespace {

long long now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

RequestLog::RequestLog(int fd) : fd_(fd), writer_([this] { run(); }) {}

RequestLog::~RequestLog() { stop(); }

void RequestLog::write(std::string line) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_ || queued_bytes_ + line.size() > kMaxQueuedBytes) {
      ++dropped_;
      return;
    }
    queued_bytes_ += line.size();
    queue_.push_back(std::move(line));
  }
  wake_.notify_one();
}

std::size_t RequestLog::dropped() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return dropped_;
}

void RequestLog::stop(int grace_ms) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!writer_.joinable()) return;
    stopping_ = true;
    deadline_ms_ = now_ms() + grace_ms;
  }
  wake_.notify_one();
  writer_.join();
}

// Writes text[done..] in pieces of at most PIPE_BUF bytes, each only once
// poll() says the descriptor has room, so that write() never blocks: on
// Linux a pipe that polls writable has a free page, which holds PIPE_BUF.
// False when the descriptor is gone (EPIPE, EBADF) or time ran out.
bool RequestLog::write_some(const std::string& text, std::size_t& done, int timeout_ms) const {
  pollfd ready{fd_, POLLOUT, 0};
  const int polled = ::poll(&ready, 1, timeout_ms);
  if (polled < 0) return errno == EINTR;
  if (polled == 0) return true;  // not yet: the caller checks its deadline
  if (ready.revents & (POLLERR | POLLNVAL)) return false;
  const std::size_t chunk = std::min<std::size_t>(text.size() - done, PIPE_BUF);
  const ssize_t wrote = ::write(fd_, text.data() + done, chunk);
  if (wrote > 0) done += static_cast<std::size_t>(wrote);
  return wrote >= 0 || errno == EAGAIN || errno == EINTR;
}

void RequestLog::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty() || dropped_ > dropped_reported_; });
    if (queue_.empty() && dropped_ == dropped_reported_) return;  // stopping, nothing left

    // Take whole lines up to a pipe buffer's worth (at least one line), and
    // the news of dropped lines once there is room again.
    std::string text;
    while (!queue_.empty() && (text.empty() || text.size() + queue_.front().size() <= PIPE_BUF)) {
      queued_bytes_ -= queue_.front().size();
      text += queue_.front();
      queue_.pop_front();
    }
    if (queue_.empty() && dropped_ > dropped_reported_) {
      text += "derive serve: " + std::to_string(dropped_ - dropped_reported_) +
              " log lines dropped (the log was not being read)\n";
      dropped_reported_ = dropped_;
    }
    lock.unlock();

    std::size_t done = 0;
    bool alive = true;
    while (alive && done < text.size()) {
      alive = write_some(text, done, 100);
      lock.lock();
      const bool out_of_time = stopping_ && now_ms() >= deadline_ms_;
      lock.unlock();
      if (out_of_time) alive = false;
    }

    lock.lock();
    if (!alive) {  // the log is gone or stopping ran out of time: count the rest, stop
      dropped_ += queue_.size() + (done < text.size() ? 1 : 0);
      queue_.clear();
      queued_bytes_ = 0;
      dropped_reported_ = dropped_;
      // A closed descriptor stays closed: later lines are counted, not queued.
      stopping_ = true;
      return;
    }
  }
}

}  // namespace derive::server
