#include "server/export_site.hpp"

#include <filesystem>
#include <fstream>

namespace derive::server {

namespace fs = std::filesystem;

Result<std::vector<ExportedFile>> export_site(std::span<const EmbeddedFile> files, const std::string& dir,
                                              bool force) {
  std::error_code ec;
  const fs::path root(dir);
  if (fs::exists(root, ec)) {
    if (!fs::is_directory(root, ec))
      return make_error(dir + " exists and is not a folder; expected a folder to write to");
    if (!force && !fs::is_empty(root, ec))
      return make_error(dir + " is not empty; choose a new or empty folder, or pass --force to overwrite");
  }
  std::vector<ExportedFile> written;
  for (const EmbeddedFile& file : files) {
    const fs::path target = root / fs::path(std::string(file.path));
    fs::create_directories(target.parent_path(), ec);
    if (ec) return make_error("cannot create " + target.parent_path().string() + ": " + ec.message());
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    if (!out || !out.write(file.bytes.data(), static_cast<std::streamsize>(file.bytes.size())) ||
        !out.flush())
      return make_error("cannot write " + target.string());
    written.push_back(ExportedFile{target.string(), file.bytes.size()});
  }
  return written;
}

}  // namespace derive::server
