#include "server/request_head.hpp"

#include <boost/asio/buffer.hpp>
#include <iterator>

namespace derive::server {
namespace {

namespace http = boost::beast::http;

std::string_view view(boost::beast::string_view text) { return {text.data(), text.size()}; }

std::string_view field(const http::request_header<>& head, http::field name) {
  const auto it = head.find(name);
  return it == head.end() ? std::string_view() : view(it->value());
}

std::size_t count(const http::request_header<>& head, http::field name) {
  const auto range = head.equal_range(name);
  return static_cast<std::size_t>(std::distance(range.first, range.second));
}

HeadVerdict refuse(int status, std::string detail, bool close) { return {status, std::move(detail), close}; }

}  // namespace

HeadReader::HeadReader() {
  parser_.header_limit(static_cast<std::uint32_t>(kMaxHeadBytes));
  // No body limit: bodies are never read (judge_head closes on any), and a
  // limit would make Beast refuse a long POST before we can answer 405.
  parser_.body_limit(boost::none);
}

std::size_t HeadReader::feed(std::string_view input, Step& step) {
  boost::beast::error_code error;
  // Beast parses nothing after its first call until the whole head is
  // there, so whether the request line ended is read off the bytes.
  if (taken_ == 0 && !line_ended_)
    line_ended_ = input.substr(0, kMaxRequestLineBytes + 2).find('\n') != std::string_view::npos;
  const std::size_t used = parser_.put(boost::asio::buffer(input.data(), input.size()), error);
  taken_ += used;
  pending_ = input.size() - used;
  if (parser_.is_header_done()) {
    step = Step::Done;
  } else if (error && error != http::error::need_more) {
    error_ = error;
    step = Step::Refused;
  } else if (taken_ + pending_ >= kMaxHeadBytes) {
    error_ = http::error::header_limit;
    step = Step::Refused;
  } else {
    step = Step::NeedMore;
  }
  return used;
}

HeadVerdict HeadReader::verdict() const {
  if (parser_.is_header_done()) return judge_head(parser_);
  if (error_ == http::error::header_limit) {
    if (taken_ == 0 && !line_ended_)
      return refuse(414, "Request targets are limited to " + std::to_string(kMaxRequestLineBytes) + " bytes.",
                    true);
    return refuse(431, "The request head is larger than " + std::to_string(kMaxHeadBytes) + " bytes.", true);
  }
  return refuse(400, "The request could not be read (" + error_.message() + ").", true);
}

HeadVerdict judge_head(const HeadParser& parser) {
  const http::request_header<>& head = parser.get().base();
  // Framing first: if it is doubtful, nothing after this head can be trusted.
  const std::size_t lengths = count(head, http::field::content_length);
  const std::size_t codings = count(head, http::field::transfer_encoding);
  if (lengths > 1) return refuse(400, "The request has more than one Content-Length field.", true);
  if (lengths > 0 && codings > 0)
    return refuse(400, "The request has both Content-Length and Transfer-Encoding.", true);
  const bool has_content = codings > 0 || parser.content_length().value_or(0) > 0;

  if (head.method() != http::verb::get && head.method() != http::verb::head)
    return refuse(405, "This server only hands out files: use GET or HEAD.", has_content);
  if (has_content) return refuse(400, "A GET or HEAD request must not carry content.", true);
  if (head.version() == 11 && count(head, http::field::host) != 1)
    return refuse(400, "An HTTP/1.1 request needs exactly one Host field.", true);
  if (head.target().size() > kMaxRequestLineBytes)
    return refuse(414, "Request targets are limited to " + std::to_string(kMaxRequestLineBytes) + " bytes.",
                  true);
  return {};
}

RequestInfo request_info(const http::request_header<>& head) {
  RequestInfo info;
  info.method = view(head.method_string());
  info.target = view(head.target());
  info.accept_encoding = field(head, http::field::accept_encoding);
  info.if_none_match = field(head, http::field::if_none_match);
  info.range = field(head, http::field::range);
  info.if_range = field(head, http::field::if_range);
  return info;
}

}  // namespace derive::server
