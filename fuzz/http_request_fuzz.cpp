// Fuzzes what `derive serve` does with the bytes of a connection, without
// the socket: request heads read in pieces by HeadReader (Beast's parser
// with our limits), one after another as pipelined requests are, each judged
// and answered by reply_for over a small in-memory site (paths, Range,
// If-Range, If-None-Match, Accept-Encoding), and the answer serialized.
//
// Properties checked: the reader never holds more than kMaxHeadBytes of a
// head; every body piece lies inside the bytes of the file it came from
// (no byte beyond the file is ever sent); a 206 carries at most the file
// once (plus multipart framing); Content-Length equals the body sent; the
// response head is one status line and well-formed fields.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "server/request_head.hpp"
#include "server/static_files.hpp"

namespace {

using namespace derive::server;

void check(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "http_request_fuzz: %s\n", what);
    std::abort();
  }
}

// Files of several sizes, with precompressed copies, in one buffer each.
class MemorySite final : public Site {
 public:
  MemorySite() {
    files_["index.html"] = "<!doctype html><title>x</title>";
    files_["index.html.br"] = "BR";
    files_["index.html.gz"] = "GZIP";
    files_["assets/0123456789/derive.wasm"] = std::string(3000, 'w');
    files_["assets/0123456789/app.js"] = "export {};";
    files_["empty.txt"] = "";
    files_["one.txt"] = "1";
  }

  derive::Result<std::optional<SiteFile>> find(std::string_view path) const override {
    const auto it = files_.find(std::string(path));
    if (it == files_.end() || path.ends_with(".br") || path.ends_with(".gz"))
      return std::optional<SiteFile>();
    SiteFile file;
    file.identity = Content::of_memory(it->second);
    file.hash = std::to_string(it->second.size());
    if (const auto br = files_.find(std::string(path) + ".br"); br != files_.end())
      file.br = Content::of_memory(br->second);
    if (const auto gz = files_.find(std::string(path) + ".gz"); gz != files_.end())
      file.gzip = Content::of_memory(gz->second);
    return std::optional<SiteFile>(std::move(file));
  }
  std::string description() const override { return "memory"; }

  // True when [data, data + size) lies inside one stored file.
  bool holds(const char* data, std::size_t size) const {
    for (const auto& [name, bytes] : files_)
      if (data >= bytes.data() && data + size <= bytes.data() + bytes.size()) return true;
    return size == 0;
  }
  std::size_t largest() const { return 3000; }

 private:
  std::map<std::string, std::string> files_;
};

const MemorySite& site() {
  static const MemorySite instance;
  return instance;
}

void check_reply(const Reply& reply) {
  std::uint64_t from_files = 0;
  for (const BodyPiece& piece : reply.body) {
    check(piece.file == nullptr, "a memory site gave a file piece");
    check(piece.memory.size() == piece.length, "a piece's length is not its size");
    bool owned = false;
    for (const auto& text : reply.storage)
      owned = owned || (piece.memory.data() >= text->data() &&
                        piece.memory.data() + piece.memory.size() <= text->data() + text->size());
    if (!owned) {
      check(site().holds(piece.memory.data(), piece.memory.size()), "a body piece lies outside its file");
      from_files += piece.length;
    }
  }
  if (reply.status == 206) check(from_files <= site().largest(), "a 206 carries more than the file");
  const std::string head = response_head(reply, true, "Thu, 01 Jan 1970 00:00:00 GMT");
  check(head.rfind("HTTP/1.1 ", 0) == 0 && head.ends_with("\r\n\r\n"), "a malformed response head");
  check(head.find("\r\n\r\n") == head.size() - 4, "an empty line inside the response head");
  const auto length_at = head.find("\r\nContent-Length: ");
  check(length_at != std::string::npos, "no Content-Length");
  if (reply.status != 304)
    check(std::strtoull(head.c_str() + length_at + 18, nullptr, 10) == reply.body_length(),
          "Content-Length is not the body's length");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte says how the bytes arrive: in pieces of 1..256 bytes.
  const std::size_t piece = static_cast<std::size_t>(data[0]) + 1;
  const std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);

  std::string unread;
  std::size_t at = 0;
  for (int requests = 0; requests < 64; ++requests) {
    HeadReader reader;
    HeadReader::Step step = HeadReader::Step::NeedMore;
    if (!unread.empty()) unread.erase(0, reader.feed(unread, step));
    while (step == HeadReader::Step::NeedMore && at < input.size()) {
      check(unread.size() <= kMaxHeadBytes, "more than a head's worth of bytes is pending");
      const std::size_t n = std::min({piece, input.size() - at, reader.room() + 1});
      unread.append(input.substr(at, n));
      at += n;
      unread.erase(0, reader.feed(unread, step));
    }
    if (step == HeadReader::Step::NeedMore) return 0;  // the input ended mid-head
    const HeadVerdict verdict = reader.verdict();
    if (step == HeadReader::Step::Refused) {
      check(verdict.status >= 400 && verdict.close, "a refused head is not a closing error");
      check_reply(error_reply(verdict.status, verdict.detail));
      return 0;
    }
    if (verdict.status != 0) {
      check_reply(error_reply(verdict.status, verdict.detail));
      if (verdict.close) return 0;
      continue;
    }
    check_reply(reply_for(site(), request_info(reader.parser().get().base())));
    if (!reader.parser().keep_alive()) return 0;
  }
  return 0;
}
