#include "server/connection.hpp"

#include <unistd.h>

#include <boost/asio/write.hpp>
#include <cstdio>
#include <ctime>

#include "derive/server/http_server.hpp"

namespace derive::server {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kFileChunk = 64 * 1024;
constexpr std::size_t kDrainChunk = 4 * 1024;

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

std::string date_now() {
  return http_date(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
}

}  // namespace

Connection::Connection(net::ip::tcp::socket socket, ConnectionPool& pool)
    : stream_(std::move(socket)), pool_(pool), buffer_(kMaxHeadBytes) {
  in_open_ = pool_.open.insert(pool_.open.end(), this);
}

Connection::~Connection() {
  stop_waiting();
  pool_.open.erase(in_open_);
}

void Connection::start() { read_head(); }

void Connection::stop_waiting() {
  if (!in_waiting_) return;
  pool_.waiting.erase(*in_waiting_);
  in_waiting_.reset();
}

void Connection::close() {
  if (state_ == State::Closed) return;
  state_ = State::Closed;
  stop_waiting();
  stream_.close();
}

void Connection::wind_down() {
  if (state_ == State::Writing) {
    keep_alive_ = false;  // finish this response, then close
  } else {
    close();
  }
}

void Connection::read_head() {
  if (pool_.stopping) return close();
  state_ = State::Head;
  in_waiting_ = pool_.waiting.insert(pool_.waiting.end(), this);
  head_reader_.emplace();
  method_.clear();
  target_.clear();
  timed_ = false;
  stream_.expires_after(std::chrono::milliseconds(kHeadTimeoutMs));
  parse_head();  // a pipelined request may already be in the buffer
}

void Connection::parse_head() {
  HeadReader::Step step = HeadReader::Step::NeedMore;
  if (buffer_.size() > 0) {
    const auto data = buffer_.cdata();
    buffer_.consume(
        head_reader_->feed(std::string_view(static_cast<const char*>(data.data()), data.size()), step));
  }
  if (step != HeadReader::Step::NeedMore) return on_head();
  // Never more than the head may still hold: the buffer stays within kMaxHeadBytes.
  const std::size_t want = std::max<std::size_t>(1, std::min<std::size_t>(4096, head_reader_->room()));
  stream_.async_read_some(buffer_.prepare(want),
                          [self = shared_from_this()](const beast::error_code& error, std::size_t bytes) {
                            self->on_head_read(error, bytes);
                          });
}

void Connection::on_head_read(const beast::error_code& error, std::size_t bytes) {
  if (state_ == State::Closed) return;
  buffer_.commit(bytes);
  // A clean close between requests, a timeout, an eviction, or a client that
  // hung up mid-head: there is no one to answer.
  if (error) return close();
  parse_head();
}

void Connection::on_head() {
  stop_waiting();
  const HeadVerdict verdict = head_reader_->verdict();
  const HeadParser& parser = head_reader_->parser();
  if (!parser.is_header_done()) return answer_error(verdict);
  started_ = Clock::now();
  timed_ = true;
  const http::request_header<>& head = parser.get().base();
  method_ = std::string(head.method_string());
  target_ = std::string(head.target());
  if (verdict.status != 0) return answer_error(verdict);
  ++requests_;
  const bool keep_alive = parser.keep_alive() && requests_ < kMaxRequestsPerConnection;
  answer(reply_for(pool_.site, request_info(head)), head.method() == http::verb::head, keep_alive, false);
}

void Connection::answer_error(const HeadVerdict& verdict) {
  // A refused head may leave content (or the rest of the head) unread:
  // close, after draining it so the answer is not lost to a reset.
  answer(error_reply(verdict.status, verdict.detail), false, !verdict.close, verdict.close);
}

void Connection::answer(Reply reply, bool head_only, bool keep_alive, bool linger) {
  state_ = State::Writing;
  reply_ = std::move(reply);
  head_only_ = head_only;
  keep_alive_ = keep_alive && !pool_.stopping;
  linger_ = linger;
  head_ = response_head(reply_, keep_alive_, date_now());
  head_sent_ = false;
  next_piece_ = 0;
  piece_offset_ = 0;
  stream_.expires_after(std::chrono::milliseconds(kWriteTimeoutMs));
  write_next();
}

// Writes the head and every memory piece that follows it in one gather
// write; a file piece goes one chunk at a time through `scratch_`.
void Connection::write_next() {
  buffers_.clear();
  if (!head_sent_) {
    buffers_.emplace_back(head_.data(), head_.size());
    head_sent_ = true;
  }
  const std::vector<BodyPiece>& body = reply_.body;
  const std::size_t pieces = head_only_ ? 0 : body.size();
  while (next_piece_ < pieces && !body[next_piece_].file) {
    buffers_.emplace_back(body[next_piece_].memory.data(), body[next_piece_].memory.size());
    ++next_piece_;
  }
  if (buffers_.empty() && next_piece_ < pieces) {
    const BodyPiece& piece = body[next_piece_];
    const std::uint64_t left = piece.length - piece_offset_;
    if (scratch_.size() < kFileChunk) scratch_.resize(kFileChunk);
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(left, kFileChunk));
    const ssize_t got =
        ::pread(piece.file->fd(), scratch_.data(), want, static_cast<off_t>(piece.offset + piece_offset_));
    // A file that shrank while being sent: the promised length cannot be
    // kept, so the connection ends rather than send other bytes.
    if (got <= 0) return close();
    buffers_.emplace_back(scratch_.data(), static_cast<std::size_t>(got));
    piece_offset_ += static_cast<std::uint64_t>(got);
    if (piece_offset_ == piece.length) {
      ++next_piece_;
      piece_offset_ = 0;
    }
  }
  if (buffers_.empty()) return on_written({});
  net::async_write(stream_, buffers_,
                   [self = shared_from_this()](const beast::error_code& error, std::size_t) {
                     if (error) return self->on_written(error);
                     self->write_next();
                   });
}

void Connection::on_written(const beast::error_code& error) {
  if (state_ == State::Closed) return;
  log_request();
  if (error) return close();
  reply_ = Reply();
  if (keep_alive_ && !pool_.stopping) return read_head();
  if (linger_) return linger();
  beast::error_code ignored;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
  close();
}

// After answering a request whose content (or head) was not read: stop
// sending, then read and discard what the client still sends, for a bounded
// time and number of bytes, so that closing does not reset the connection
// before the client has read the answer (RFC 9112 9.6).
void Connection::linger() {
  state_ = State::Lingering;
  beast::error_code ignored;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
  stream_.expires_after(std::chrono::milliseconds(kLingerMs));
  drained_ = 0;
  drain();
}

void Connection::drain() {
  if (scratch_.size() < kDrainChunk) scratch_.resize(kDrainChunk);
  stream_.async_read_some(net::buffer(scratch_.data(), kDrainChunk),
                          [self = shared_from_this()](const beast::error_code& error, std::size_t n) {
                            self->drained_ += n;
                            if (error || self->drained_ >= kLingerBytes || self->state_ == State::Closed)
                              return self->close();
                            self->drain();
                          });
}

void Connection::log_request() {
  std::string duration = "-";
  if (timed_) {
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started_).count();
    char text[32];
    std::snprintf(text, sizeof text, "%.1fms", static_cast<double>(micros) / 1000.0);
    duration = text;
  }
  // Body bytes sent: none for HEAD and 304.
  const std::uint64_t bytes = head_only_ || reply_.status == 304 ? 0 : reply_.body_length();
  pool_.log.write(utc_now() + " " + (method_.empty() ? "-" : printable(method_)) + " " +
                  (target_.empty() ? "-" : printable(target_)) + " " + std::to_string(reply_.status) + " " +
                  std::to_string(bytes) + "B " + duration + "\n");
}

}  // namespace derive::server
