#include "server/site.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "server/embedded_site.hpp"

namespace derive::server {
namespace {

namespace fs = std::filesystem;

bool is_precompressed_copy(std::string_view path) { return path.ends_with(".gz") || path.ends_with(".br"); }

class EmbeddedSite final : public Site {
 public:
  explicit EmbeddedSite(std::span<const EmbeddedFile> files) : files_(files) {}

  Result<std::optional<SiteFile>> find(std::string_view path) const override {
    if (is_precompressed_copy(path)) return std::optional<SiteFile>();
    const EmbeddedFile* original = lookup(path);
    if (original == nullptr) return std::optional<SiteFile>();
    SiteFile file;
    file.identity = original->bytes;
    file.hash = std::string(original->sha256);
    const std::string name(path);
    if (const EmbeddedFile* br = lookup(name + ".br")) file.br = br->bytes;
    if (const EmbeddedFile* gz = lookup(name + ".gz")) file.gzip = gz->bytes;
    return std::optional<SiteFile>(std::move(file));
  }

  std::string description() const override {
    return "the built-in site (" + std::to_string(files_.size()) + " files)";
  }

 private:
  // The generated table is sorted by path (cmake's list(SORT) is bytewise).
  const EmbeddedFile* lookup(std::string_view path) const {
    const auto it = std::lower_bound(files_.begin(), files_.end(), path,
                                     [](const EmbeddedFile& f, std::string_view p) { return f.path < p; });
    return it != files_.end() && it->path == path ? &*it : nullptr;
  }

  std::span<const EmbeddedFile> files_;
};

// FNV-1a, 64 bits: an ETag only has to change when the bytes do, and this is
// fast enough to run on every development request.
std::string fnv1a_hex(std::string_view bytes) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : bytes) h = (h ^ c) * 0x100000001b3ULL;
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h));
  return text;
}

class DirectorySite final : public Site {
 public:
  explicit DirectorySite(fs::path root) : root_(std::move(root)) {}

  Result<std::optional<SiteFile>> find(std::string_view path) const override {
    if (is_precompressed_copy(path)) return std::optional<SiteFile>();
    for (std::string_view rest = path; !rest.empty();) {
      if (rest.front() == '.') return std::optional<SiteFile>();  // hidden: .git, .env
      const auto slash = rest.find('/');
      rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    }
    DERIVE_TRY(std::optional<std::shared_ptr<const std::string>> original, read(std::string(path)));
    if (!original) return std::optional<SiteFile>();
    SiteFile file;
    file.identity = **original;
    file.hash = fnv1a_hex(file.identity);
    file.storage.push_back(*original);
    DERIVE_TRY(std::optional<std::shared_ptr<const std::string>> br, read(std::string(path) + ".br"));
    DERIVE_TRY(std::optional<std::shared_ptr<const std::string>> gz, read(std::string(path) + ".gz"));
    if (br) file.br = **br, file.storage.push_back(*br);
    if (gz) file.gzip = **gz, file.storage.push_back(*gz);
    return std::optional<SiteFile>(std::move(file));
  }

  std::string description() const override { return "folder " + root_.string(); }

 private:
  // nullopt for anything that is not a regular file inside the root.
  Result<std::optional<std::shared_ptr<const std::string>>> read(const std::string& relative) const {
    std::error_code ec;
    const fs::path resolved = fs::weakly_canonical(root_ / relative, ec);
    if (ec) return std::optional<std::shared_ptr<const std::string>>();
    // Inside the root after symbolic links are followed, not merely by name.
    const auto [root_end, unused] =
        std::mismatch(root_.begin(), root_.end(), resolved.begin(), resolved.end());
    if (root_end != root_.end() || !fs::is_regular_file(resolved, ec))
      return std::optional<std::shared_ptr<const std::string>>();
    const auto size = fs::file_size(resolved, ec);
    if (ec) return make_error("cannot read " + resolved.string() + ": " + ec.message());
    auto bytes = std::make_shared<std::string>(size, '\0');
    std::ifstream in(resolved, std::ios::binary);
    if (!in.read(bytes->data(), static_cast<std::streamsize>(size)))
      return make_error("cannot read " + resolved.string());
    return std::optional<std::shared_ptr<const std::string>>(std::move(bytes));
  }

  fs::path root_;  // canonical
};

}  // namespace

std::string no_embedded_site_message() {
  return "this derive was built without the web site; stage it and rebuild:\n"
         "  export NODE_PATH=/usr/share/nodejs; cmake --preset wasm && cmake --build --preset wasm -j2\n"
         "  node scripts/stage-site.mjs\n"
         "  cmake --build --preset release --target derive\n"
         "or serve a folder with --root DIR (scripts/run.sh does all of this)";
}

Result<std::unique_ptr<Site>> make_embedded_site() {
  const std::span<const EmbeddedFile> files = embedded_site_files();
  if (files.empty()) return make_error(no_embedded_site_message());
  return std::unique_ptr<Site>(std::make_unique<EmbeddedSite>(files));
}

Result<std::unique_ptr<Site>> make_directory_site(const std::string& root) {
  std::error_code ec;
  const fs::path canonical = fs::canonical(root, ec);
  if (ec || !fs::is_directory(canonical, ec))
    return make_error("--root must be an existing folder, got \"" + root + "\"");
  if (!fs::is_regular_file(canonical / "index.html", ec))
    return make_error("--root " + root + " has no index.html; expected a site folder such as build/site");
  return std::unique_ptr<Site>(std::make_unique<DirectorySite>(canonical));
}

}  // namespace derive::server
