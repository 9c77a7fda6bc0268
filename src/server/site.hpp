// Where the served files come from: the site built into the binary, or a
// folder on disk (`derive serve --root DIR`, for development). Both answer the
// same question: the bytes of a file and of its precompressed copies.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "derive/result.hpp"

namespace derive::server {

struct SiteFile {
  std::string_view identity;             // the original bytes
  std::optional<std::string_view> br;    // path.br, when the site has it
  std::optional<std::string_view> gzip;  // path.gz, when the site has it
  std::string hash;                      // of the original bytes; the ETag's base
  // Keeps file contents read from disk alive while a response streams them;
  // empty for the embedded site, whose bytes are static.
  std::vector<std::shared_ptr<const std::string>> storage;
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

// Files under `root`, read on every request so edits show on reload. Refuses
// paths that resolve (through symbolic links, say) outside `root`, and names
// starting with "." (.git, .env).
Result<std::unique_ptr<Site>> make_directory_site(const std::string& root);

// The message `derive serve` and `export-site` print when nothing is embedded.
std::string no_embedded_site_message();

}  // namespace derive::server
