// export-site writes every embedded file, byte for byte, and refuses to mix
// them into a folder that already holds something (unless --force).
#include "server/export_site.hpp"

#include <gtest/gtest.h>

#include "server_process.hpp"

namespace derive::server {
namespace {

using namespace derive::server::testing;
namespace fs = std::filesystem;

constexpr char kBinary[] = "\0asm\1\0\0\0";
const EmbeddedFile kFiles[] = {
    {"assets/abc/app.js", "export {};\n", "0"},
    {"assets/abc/derive.wasm", std::string_view(kBinary, 8), "1"},
    {"index.html", "<!doctype html>", "2"},
    {"index.html.br", "BR", "3"},
};

TEST(ExportSite, WritesEveryFileIntoANewFolder) {
  TempDir dir;
  const fs::path target = dir.path() / "out" / "site";
  const auto written = export_site(kFiles, target.string(), false);
  ASSERT_TRUE(written.ok()) << written.error().message;
  ASSERT_EQ(written->size(), 4u);
  for (const EmbeddedFile& file : kFiles) EXPECT_EQ(read_file(target / std::string(file.path)), file.bytes);
  EXPECT_EQ((*written)[1].bytes, 8u);
}

TEST(ExportSite, EmptyFolderIsFineNonEmptyNeedsForce) {
  TempDir dir;
  EXPECT_TRUE(export_site(kFiles, dir.path().string(), false).ok());
  const auto again = export_site(kFiles, dir.path().string(), false);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(
      again.error().message,
      dir.path().string() + " is not empty; choose a new or empty folder, or pass --force to overwrite");
  write_file(dir.path() / "index.html", "old");
  write_file(dir.path() / "keep.txt", "mine");
  ASSERT_TRUE(export_site(kFiles, dir.path().string(), true).ok());
  EXPECT_EQ(read_file(dir.path() / "index.html"), "<!doctype html>");
  EXPECT_EQ(read_file(dir.path() / "keep.txt"), "mine");
}

TEST(ExportSite, RefusesAFile) {
  TempDir dir;
  write_file(dir.path() / "file", "x");
  const auto result = export_site(kFiles, (dir.path() / "file").string(), true);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message,
            (dir.path() / "file").string() + " exists and is not a folder; expected a folder to write to");
}

// The command itself, on whatever this build embeds.
TEST(ExportSiteCommand, WritesTheEmbeddedSiteOrExplains) {
  TempDir dir;
  const fs::path target = dir.path() / "site";
  RunResult r = run_derive({"export-site", target.string()});
  if (embedded_site_files().empty()) {
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("built without the web site"), std::string::npos) << r.err;
    return;
  }
  ASSERT_EQ(r.status, 0) << r.err;
  for (const EmbeddedFile& file : embedded_site_files())
    EXPECT_EQ(read_file(target / std::string(file.path)), file.bytes) << file.path;
  EXPECT_NE(
      r.out.find("derive export-site: wrote " + std::to_string(embedded_site_files().size()) + " files"),
      std::string::npos)
      << r.out;
  r = run_derive({"export-site", target.string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "derive: export-site: " + target.string() +
                       " is not empty; choose a new or empty folder, or pass --force to overwrite\n");
  EXPECT_EQ(run_derive({"export-site", target.string(), "--force"}).status, 0);
}

TEST(ExportSiteCommand, NeedsAFolder) {
  const RunResult r = run_derive({"export-site"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("DIR is required"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace derive::server
