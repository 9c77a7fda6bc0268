// Where the served files come from: the site built into the binary, or a
// folder on disk (`derive serve --root DIR`, for development). Both answer the
// same question: the bytes of a file and of its precompressed copies, as
// Content that a response reads slices of.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "derive/result.hpp"

namespace derive::server {

// An open file, closed when the last response reading it is done.
class OpenFile {
 public:
  explicit OpenFile(int fd) : fd_(fd) {}
  ~OpenFile() { ::close(fd_); }
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

// The bytes of one stored representation: static memory (the embedded site)
// or an open file (a folder site, read in slices while a response streams,
// never whole into memory).
struct Content {
  std::string_view memory;               // when `file` is null: all the bytes
  std::shared_ptr<const OpenFile> file;  // else: `size` bytes of this file
  std::uint64_t size = 0;

  static Content of_memory(std::string_view bytes) { return Content{bytes, nullptr, bytes.size()}; }
};

struct SiteFile {
  Content identity;             // the original bytes
  std::optional<Content> br;    // path.br, when the site has it
  std::optional<Content> gzip;  // path.gz, when the site has it
  std::string hash;             // changes whenever the original does; the ETag's base
};

class Site {
 public:
  virtual ~Site() = default;

  // REQUIRES: `path` came from site_path_from_target (no "..", no "%").
  // nullopt when there is no such file; an error when one exists but cannot be
  // read. Precompressed copies (".gz", ".br") are not files of their own: they
  // are only sent as an encoding of their original.
  virtual Result<std::optional<SiteFile>> find(std::string_view path) const = 0;

  // "the built-in site" or "folder web/": for the start-up line.
  virtual std::string description() const = 0;
};

// The site embedded at build time; an error explaining how to build one when
// the binary was built without it.
Result<std::unique_ptr<Site>> make_embedded_site();

// Files under `root`, opened on every request so edits show on reload.
// Relative symbolic links are followed only while they stay beneath `root`;
// absolute ones never (the kernel's openat2 RESOLVE_BENEATH decides, so no
// race with a link changed between a check and the open; where the kernel
// lacks openat2, no symbolic link is followed at all). Names starting with "." (.git, .env) and
// anything but regular files are not found.
Result<std::unique_ptr<Site>> make_directory_site(const std::string& root);

// The message `derive serve` and `export-site` print when nothing is embedded.
std::string no_embedded_site_message();

}  // namespace derive::server
