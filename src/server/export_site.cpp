// Writing goes through directory file descriptors (openat, mkdirat, renameat
// with O_NOFOLLOW), never through path names below DIR, so a symbolic link in
// DIR cannot redirect a write, even one planted between our checks and our
// writes. Everything is written into a staging folder beside DIR first; DIR
// only ever changes by renames, undone in reverse if one fails.
#include "derive/server/export_site.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <utility>

namespace derive::server {
namespace {

namespace fs = std::filesystem;

std::string why() { return std::strerror(errno); }

// An open directory, closed with its owner.
class Dir {
 public:
  Dir() = default;
  explicit Dir(int fd) : fd_(fd) {}
  Dir(Dir&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Dir& operator=(Dir&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  ~Dir() {
    if (fd_ >= 0) ::close(fd_);
  }
  int fd() const { return fd_; }
  bool ok() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

// `name` inside `parent` as a directory, refusing a symbolic link.
Dir open_dir(int parent, const std::string& name) {
  return Dir(::openat(parent, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
}

// The components of an embedded path; empty when it is not a plain relative
// path ("", "/x", "a//b", "../x" and "./x" are refused).
std::vector<std::string> components(std::string_view path) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at <= path.size()) {
    const std::size_t slash = std::min(path.find('/', at), path.size());
    const std::string part(path.substr(at, slash - at));
    if (part.empty() || part == "." || part == "..") return {};
    out.push_back(part);
    at = slash + 1;
  }
  return out;
}

// The folder path of an embedded file ("assets/abc" for "assets/abc/app.js").
std::string folder_of(const std::vector<std::string>& parts) {
  std::string folder;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) folder += (i ? "/" : "") + parts[i];
  return folder;
}

// The embedded paths must make a tree: plain relative paths, each once, none
// a file and a folder at once ("a" and "a/b").
Status check_paths(std::span<const EmbeddedFile> files) {
  std::set<std::string, std::less<>> names, folders;
  for (const EmbeddedFile& file : files) {
    const auto parts = components(file.path);
    if (parts.empty() || !names.insert(std::string(file.path)).second)
      return make_error("the embedded site lists \"" + std::string(file.path) +
                        "\" twice or not as a plain relative path");
    std::string folder;
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) folders.insert(folder += (i ? "/" : "") + parts[i]);
  }
  for (const std::string& folder : folders)
    if (names.count(folder))
      return make_error("the embedded site lists \"" + folder + "\" as a file and a folder");
  return {};
}

// The folders of one tree, by relative path ("" is the root), opened on
// demand: `create` makes the missing ones (remembering which, for undoing).
class Tree {
 public:
  Tree(Dir root, fs::path shown) : shown_(std::move(shown)) { dirs_.emplace("", std::move(root)); }

  int root() const { return dirs_.at("").fd(); }

  // The folder `folder`; an error names the path and why, a link included.
  Result<int> at(const std::string& folder, bool create) {
    if (const auto found = dirs_.find(folder); found != dirs_.end()) return found->second.fd();
    const std::size_t slash = folder.rfind('/');
    const std::string parent_path = slash == std::string::npos ? "" : folder.substr(0, slash);
    const std::string name = folder.substr(slash == std::string::npos ? 0 : slash + 1);
    DERIVE_TRY(const int parent, at(parent_path, create));
    if (parent < 0) return -1;  // not there yet: to be made when writing
    struct stat st;
    const bool exists = ::fstatat(parent, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0;
    const std::string shown = (shown_ / folder).string();
    if (exists && S_ISLNK(st.st_mode))
      return make_error(shown + " is a symbolic link; export-site never writes through a link: remove it");
    if (exists && !S_ISDIR(st.st_mode))
      return make_error(shown + " is a file where export-site needs a folder: remove it");
    if (!exists) {
      if (!create) return -1;  // to be made when writing
      if (::mkdirat(parent, name.c_str(), 0777) != 0)
        return make_error("cannot create " + shown + ": " + why());
      created_.push_back({parent, name});
    }
    Dir dir = open_dir(parent, name);
    if (!dir.ok()) return make_error("cannot open " + shown + ": " + why());
    const int fd = dir.fd();
    dirs_.emplace(folder, std::move(dir));
    return fd;
  }

  // Removes the folders `at` created, newest first (they are empty again
  // once the files moved into them have been moved back).
  void remove_created() {
    for (auto it = created_.rbegin(); it != created_.rend(); ++it)
      ::unlinkat(it->first, it->second.c_str(), AT_REMOVEDIR);
  }

 private:
  fs::path shown_;
  std::map<std::string, Dir> dirs_;
  std::vector<std::pair<int, std::string>> created_;
};

Status write_all(int dir, const std::string& name, std::string_view bytes, const fs::path& shown) {
  const int fd = ::openat(dir, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (fd < 0) return make_error("cannot write " + shown.string() + ": " + why());
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string message = "cannot write " + shown.string() + ": " + why();
      ::close(fd);
      return make_error(message);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) return make_error("cannot write " + shown.string() + ": " + why());
  return {};
}

// A new folder ".NAME.export-XXXXXXXX" in `parent`, beside DIR so that renames
// into and out of DIR stay on one file system.
Result<std::string> make_staging(int parent, const std::string& name, const fs::path& shown_parent) {
  std::random_device random;
  for (int attempt = 0; attempt < 100; ++attempt) {
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "%08x", static_cast<unsigned>(random()));
    const std::string staging = "." + name + ".export-" + suffix;
    if (::mkdirat(parent, staging.c_str(), 0777) == 0) return staging;
    if (errno != EEXIST)
      return make_error("cannot create a staging folder in " + shown_parent.string() + ": " + why() +
                        "; expected a folder export-site may write to");
  }
  return make_error("cannot create a staging folder in " + shown_parent.string() + ": every name was taken");
}

// Removes the staging folder whatever happened; fs::remove_all removes links,
// it never follows them.
class Staging {
 public:
  explicit Staging(fs::path path) : path_(std::move(path)) {}
  ~Staging() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }

 private:
  fs::path path_;
};

// One renameat of the merge into an existing DIR, for undoing.
struct Move {
  int from_dir;
  std::string from;
  int to_dir;
  std::string to;
};

// Moves every staged file into DIR, after setting aside the same-named
// entries DIR holds (files or links, never what a link points to). Every step
// is a rename; on a failure the ones done are undone in reverse, so DIR is as
// it was.
Status merge(Tree& staged, Tree& target, int previous, std::span<const EmbeddedFile> files,
             const fs::path& shown) {
  // Check every folder and file name first, so that a problem is found
  // before anything moves.
  for (const EmbeddedFile& file : files) {
    const auto parts = components(file.path);
    DERIVE_TRY(const int dir, target.at(folder_of(parts), false));
    if (dir < 0) continue;
    struct stat st;
    if (::fstatat(dir, parts.back().c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode))
      return make_error((shown / std::string(file.path)).string() +
                        " is a folder where export-site must write a file: remove it");
  }
  std::vector<Move> done;
  auto step = [&](int from_dir, const std::string& from, int to_dir, const std::string& to) {
    if (::renameat(from_dir, from.c_str(), to_dir, to.c_str()) != 0) return false;
    done.push_back({from_dir, from, to_dir, to});
    return true;
  };
  Status status;
  for (std::size_t i = 0; i < files.size() && status.ok(); ++i) {
    const auto parts = components(files[i].path);
    const std::string& leaf = parts.back();
    auto from = staged.at(folder_of(parts), false);
    auto to = target.at(folder_of(parts), true);
    if (!from || !to) {
      status = !to ? to.error() : from.error();
      break;
    }
    struct stat st;
    const bool exists = ::fstatat(*to, leaf.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0;
    if ((exists && !step(*to, leaf, previous, std::to_string(i))) || !step(*from, leaf, *to, leaf))
      status = make_error("cannot write " + (shown / std::string(files[i].path)).string() + ": " + why());
  }
  if (!status.ok()) {
    for (auto it = done.rbegin(); it != done.rend(); ++it)
      ::renameat(it->to_dir, it->to.c_str(), it->from_dir, it->from.c_str());
    target.remove_created();
  }
  return status;
}

}  // namespace

Result<std::vector<ExportedFile>> export_site(std::span<const EmbeddedFile> files, const std::string& dir,
                                              bool force) {
  DERIVE_CHECK(check_paths(files));
  // Messages and the list name paths as given; the work uses the absolute path.
  const fs::path shown(dir);
  std::error_code ec;
  fs::path root = fs::absolute(shown, ec).lexically_normal();
  if (root.filename().empty() && root.has_parent_path()) root = root.parent_path();  // "site/"
  const fs::path name = root.filename();
  if (dir.empty() || ec || name.empty() || name == "..")
    return make_error("\"" + dir + "\" does not name a folder; expected a path such as site or out/site");
  const fs::file_status status = fs::symlink_status(root, ec);
  bool merge_into = false;
  if (fs::is_symlink(status))
    return make_error(
        dir + " is a symbolic link; expected a real folder (export-site never writes through a link)");
  if (fs::exists(status)) {
    if (!fs::is_directory(status))
      return make_error(dir + " exists and is not a folder; expected a folder to write to");
    merge_into = !fs::is_empty(root, ec);
    if (merge_into && !force)
      return make_error(dir + " is not empty; choose a new or empty folder, or pass --force to overwrite");
  }
  const fs::path parent_path = root.parent_path();
  fs::create_directories(parent_path, ec);
  if (ec) return make_error("cannot create " + parent_path.string() + ": " + ec.message());
  Dir parent(::open(parent_path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!parent.ok()) return make_error("cannot open " + parent_path.string() + ": " + why());

  DERIVE_TRY(const std::string staging_name, make_staging(parent.fd(), name.string(), parent_path));
  const Staging cleanup(parent_path / staging_name);
  Dir staging_dir = open_dir(parent.fd(), staging_name);
  if (!staging_dir.ok())
    return make_error("cannot open " + (parent_path / staging_name).string() + ": " + why());
  Tree staged(std::move(staging_dir), shown);  // messages name where the file is going
  std::vector<ExportedFile> written;
  for (const EmbeddedFile& file : files) {
    const auto parts = components(file.path);
    DERIVE_TRY(const int folder, staged.at(folder_of(parts), true));
    DERIVE_CHECK(write_all(folder, parts.back(), file.bytes, shown / std::string(file.path)));
    written.push_back(ExportedFile{(shown / std::string(file.path)).string(), file.bytes.size()});
  }

  if (!merge_into) {
    // A new DIR, or an empty one (whose permissions the export keeps): one
    // rename puts the whole export in place.
    struct stat empty;
    if (::fstatat(parent.fd(), name.c_str(), &empty, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(empty.st_mode))
      ::fchmod(staged.root(), empty.st_mode & 07777);
    if (::renameat(parent.fd(), staging_name.c_str(), parent.fd(), name.c_str()) != 0)
      return make_error("cannot move the export into " + dir + ": " + why());
    return written;
  }
  Dir target_dir = open_dir(parent.fd(), name.string());
  if (!target_dir.ok()) return make_error("cannot open " + dir + ": " + why());
  Tree target(std::move(target_dir), shown);
  // The entries the export replaces are set aside here until it is complete.
  DERIVE_TRY(const std::string previous_name, make_staging(parent.fd(), name.string(), parent_path));
  const Staging previous_cleanup(parent_path / previous_name);
  Dir previous = open_dir(parent.fd(), previous_name);
  if (!previous.ok())
    return make_error("cannot open " + (parent_path / previous_name).string() + ": " + why());
  DERIVE_CHECK(merge(staged, target, previous.fd(), files, shown));
  return written;
}

}  // namespace derive::server
