#include "derive/server/site.hpp"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <span>

#include "derive/server/embedded_site.hpp"

namespace derive::server {

namespace {

bool is_precompressed_copy(std::string_view path) { return path.ends_with(".gz") || path.ends_with(".br"); }

class EmbeddedSite final : public Site {
 public:
  explicit EmbeddedSite(std::span<const EmbeddedFile> files) : files_(files) {}

  Result<std::optional<SiteFile>> find(std::string_view path) const override {
    if (is_precompressed_copy(path)) return std::optional<SiteFile>();
    const EmbeddedFile* original = lookup(path);
    if (original == nullptr) return std::optional<SiteFile>();
    SiteFile file;
    file.identity = Content::of_memory(original->bytes);
    file.hash = std::string(original->sha256);
    const std::string name(path);
    if (const EmbeddedFile* br = lookup(name + ".br")) file.br = Content::of_memory(br->bytes);
    if (const EmbeddedFile* gz = lookup(name + ".gz")) file.gzip = Content::of_memory(gz->bytes);
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

// openat2 with RESOLVE_BENEATH: the kernel resolves `relative` below
// `root_fd`, following symbolic links only while they stay below it.
// Returns -1 with errno set; ENOSYS (or EPERM from a seccomp filter) when the
// kernel or sandbox lacks the call.
int open_beneath(int root_fd, const std::string& relative, int flags) {
  open_how how{};
  how.flags = static_cast<std::uint64_t>(flags);
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
  return static_cast<int>(::syscall(SYS_openat2, root_fd, relative.c_str(), &how, sizeof how));
}

// Without openat2: walk the path one name at a time, following no symbolic
// link at all (O_NOFOLLOW on every step), which can never leave the root.
int open_without_links(int root_fd, std::string_view relative, int flags) {
  int dir = root_fd;
  while (true) {
    const auto slash = relative.find('/');
    const std::string name(relative.substr(0, slash));
    const bool last = slash == std::string_view::npos;
    const int fd = ::openat(dir, name.empty() ? "." : name.c_str(),
                            last ? flags | O_NOFOLLOW : O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    const int saved = errno;
    if (dir != root_fd) ::close(dir);
    errno = saved;
    if (fd < 0 || last) return fd;
    dir = fd;
    relative = relative.substr(slash + 1);
  }
}

std::string hex(std::uint64_t value) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
  return text;
}

class DirectorySite final : public Site {
 public:
  DirectorySite(std::string root, int root_fd) : root_(std::move(root)), root_fd_(root_fd) {}
  ~DirectorySite() override { ::close(root_fd_); }

  Result<std::optional<SiteFile>> find(std::string_view path) const override {
    if (is_precompressed_copy(path)) return std::optional<SiteFile>();
    for (std::string_view rest = path; !rest.empty();) {
      if (rest.front() == '.') return std::optional<SiteFile>();  // hidden: .git, .env
      const auto slash = rest.find('/');
      rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    }
    struct stat info {};
    DERIVE_TRY(std::optional<Content> original, open(std::string(path), &info));
    if (!original) return std::optional<SiteFile>();
    SiteFile file;
    file.identity = std::move(*original);
    // Like nginx's ETag: the file's identity, size and modification time,
    // so a tag changes with every edit and nothing has to be read to make it.
    const auto mtime_ns = static_cast<std::uint64_t>(info.st_mtim.tv_sec) * 1000000000ULL +
                          static_cast<std::uint64_t>(info.st_mtim.tv_nsec);
    file.hash = hex(static_cast<std::uint64_t>(info.st_ino) ^ (mtime_ns * 0x9e3779b97f4a7c15ULL)) + "-" +
                std::to_string(info.st_size);
    DERIVE_TRY(file.br, open(std::string(path) + ".br", nullptr));
    DERIVE_TRY(file.gzip, open(std::string(path) + ".gz", nullptr));
    return std::optional<SiteFile>(std::move(file));
  }

  std::string description() const override { return "folder " + root_; }

 private:
  // nullopt for anything that is not a regular file beneath the root.
  // O_NONBLOCK: opening a FIFO planted in the folder must not wait for a
  // writer (regular files ignore the flag).
  Result<std::optional<Content>> open(const std::string& relative, struct stat* out) const {
    constexpr int kFlags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY;
    int fd = -1;
    if (!no_openat2_.load(std::memory_order_relaxed)) {
      fd = open_beneath(root_fd_, relative, kFlags);
      if (fd < 0 && (errno == ENOSYS || errno == EPERM)) no_openat2_.store(true, std::memory_order_relaxed);
    }
    if (no_openat2_.load(std::memory_order_relaxed)) fd = open_without_links(root_fd_, relative, kFlags);
    if (fd < 0) {
      if (errno == EACCES) return make_error("cannot read " + root_ + "/" + relative + ": permission denied");
      return std::optional<Content>();  // missing, outside the root (EXDEV), a link (ELOOP), ...
    }
    auto file = std::make_shared<const OpenFile>(fd);
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) return std::optional<Content>();
    if (out) *out = info;
    return std::optional<Content>(Content{{}, std::move(file), static_cast<std::uint64_t>(info.st_size)});
  }

  std::string root_;  // as given, for messages
  int root_fd_;       // O_PATH descriptor of the root folder
  mutable std::atomic<bool> no_openat2_{false};
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
  const int fd = ::open(root.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return make_error("--root must be an existing folder, got \"" + root + "\"");
  struct stat info {};
  if (::fstatat(fd, "index.html", &info, 0) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return make_error("--root " + root + " has no index.html; expected a site folder such as build/site");
  }
  return std::unique_ptr<Site>(std::make_unique<DirectorySite>(root, fd));
}

}  // namespace derive::server
