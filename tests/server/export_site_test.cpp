// export-site writes every embedded file, byte for byte, and refuses to mix
// them into a folder that already holds something (unless --force).
#include "derive/server/export_site.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

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

// The names in a folder, sorted: what an export left behind, staging included.
std::vector<std::string> names_in(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// Every file below `folder` with its bytes (links by their target).
std::map<std::string, std::string> tree_of(const fs::path& folder) {
  std::map<std::string, std::string> tree;
  for (auto it = fs::recursive_directory_iterator(folder); it != fs::recursive_directory_iterator(); ++it) {
    const std::string name = fs::relative(it->path(), folder).string();
    if (it->is_symlink()) {
      tree[name] = "-> " + fs::read_symlink(it->path()).string();
      it.disable_recursion_pending();
    } else if (it->is_regular_file()) {
      tree[name] = read_file(it->path());
    }
  }
  return tree;
}

TEST(ExportSite, ANewFolderAppearsWholeAndNothingIsLeftBeside) {
  TempDir dir;
  ASSERT_TRUE(export_site(kFiles, (dir.path() / "site").string(), false).ok());
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"site"});
  EXPECT_EQ(tree_of(dir.path() / "site").size(), 4u);
  // An empty folder is replaced by the export in one rename, keeping its permissions.
  fs::create_directory(dir.path() / "empty");
  fs::permissions(dir.path() / "empty", fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
  ASSERT_TRUE(export_site(kFiles, (dir.path() / "empty").string(), false).ok());
  EXPECT_EQ(fs::status(dir.path() / "empty").permissions(),
            fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
  EXPECT_EQ(names_in(dir.path()), (std::vector<std::string>{"empty", "site"}));
}

// A second export with --force replaces the same names, keeps the others,
// and leaves no staging folder.
TEST(ExportSite, ForceOverAnExistingExport) {
  TempDir dir;
  const fs::path site = dir.path() / "site";
  ASSERT_TRUE(export_site(kFiles, site.string(), false).ok());
  write_file(site / "index.html", "edited");
  write_file(site / "assets/abc/mine.txt", "mine");
  const EmbeddedFile newer[] = {{"index.html", "<!doctype html><p>new", "4"},
                                {"assets/def/app.js", "new", "5"}};
  ASSERT_TRUE(export_site(newer, site.string(), true).ok());
  const auto tree = tree_of(site);
  EXPECT_EQ(tree.at("index.html"), "<!doctype html><p>new");
  EXPECT_EQ(tree.at("assets/def/app.js"), "new");
  EXPECT_EQ(tree.at("assets/abc/mine.txt"), "mine");
  EXPECT_EQ(tree.at("assets/abc/app.js"), "export {};\n");
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"site"});
}

// A link planted in the target must not take a write outside it: where a
// folder is needed it is refused before anything moves; where a file goes
// the link itself is replaced; the target itself may not be one.
TEST(ExportSite, NeverWritesThroughASymbolicLink) {
  TempDir dir;
  const fs::path outside = dir.path() / "outside";
  write_file(outside / "victim", "secret");
  const fs::path site = dir.path() / "site";
  write_file(site / "keep.txt", "mine");
  fs::create_directory_symlink(outside, site / "assets");
  const auto before = tree_of(site);
  const auto refused = export_site(kFiles, site.string(), true);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(
      refused.error().message,
      (site / "assets").string() + " is a symbolic link; export-site never writes through a link: remove it");
  EXPECT_EQ(tree_of(outside), (std::map<std::string, std::string>{{"victim", "secret"}}));
  EXPECT_EQ(tree_of(site), before);
  EXPECT_EQ(names_in(dir.path()), (std::vector<std::string>{"outside", "site"}));

  fs::remove(site / "assets");
  fs::create_symlink(outside / "victim", site / "index.html");
  ASSERT_TRUE(export_site(kFiles, site.string(), true).ok());
  EXPECT_EQ(read_file(outside / "victim"), "secret");
  EXPECT_FALSE(fs::is_symlink(site / "index.html"));
  EXPECT_EQ(read_file(site / "index.html"), "<!doctype html>");

  const fs::path link = dir.path() / "link";
  fs::create_directory_symlink(outside, link);
  for (const bool force : {false, true}) {
    const auto through = export_site(kFiles, link.string(), force);
    ASSERT_FALSE(through.ok());
    EXPECT_EQ(through.error().message,
              link.string() +
                  " is a symbolic link; expected a real folder (export-site never writes through a link)");
  }
  EXPECT_EQ(tree_of(outside), (std::map<std::string, std::string>{{"victim", "secret"}}));
}

// Files bigger than this process may write (RLIMIT_FSIZE) make a write fail
// halfway through an export, as a full disk would.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    std::signal(SIGXFSZ, SIG_IGN);  // the write fails with EFBIG instead
    getrlimit(RLIMIT_FSIZE, &saved_);
    rlimit limit = saved_;
    limit.rlim_cur = bytes;
    setrlimit(RLIMIT_FSIZE, &limit);
  }
  ~FileSizeLimit() { setrlimit(RLIMIT_FSIZE, &saved_); }

 private:
  rlimit saved_{};
};

// A failure halfway through writing leaves neither a partial DIR nor a
// staging folder, with or without an earlier export in place.
TEST(ExportSite, AFailureMidwayLeavesNothingPartial) {
  TempDir dir;
  const fs::path site = dir.path() / "site";
  const std::string big(4096, 'x');
  const EmbeddedFile files[] = {{"index.html", "ok", "0"},
                                {"assets/a.js", "a", "1"},
                                {"assets/big.wasm", big, "2"},
                                {"z.txt", "z", "3"}};
  {
    FileSizeLimit limit(1024);
    const auto fresh = export_site(files, site.string(), false);
    ASSERT_FALSE(fresh.ok());
    EXPECT_EQ(fresh.error().message.rfind("cannot write " + (site / "assets/big.wasm").string() + ": ", 0),
              0u)
        << fresh.error().message;
  }
  EXPECT_TRUE(names_in(dir.path()).empty());

  ASSERT_TRUE(export_site(kFiles, site.string(), false).ok());
  const auto before = tree_of(site);
  {
    FileSizeLimit limit(1024);
    EXPECT_FALSE(export_site(files, site.string(), true).ok());
  }
  EXPECT_EQ(tree_of(site), before);
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"site"});

  // A folder where a file is to go is found before anything moves.
  fs::remove(site / "index.html");
  fs::create_directory(site / "index.html");
  const auto in_the_way = export_site(kFiles, site.string(), true);
  ASSERT_FALSE(in_the_way.ok());
  EXPECT_EQ(in_the_way.error().message,
            (site / "index.html").string() + " is a folder where export-site must write a file: remove it");
  EXPECT_EQ(read_file(site / "assets/abc/app.js"), "export {};\n");
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"site"});
}

TEST(ExportSite, TheFileListMustBeATree) {
  TempDir dir;
  const EmbeddedFile clash[] = {{"a", "a file", "0"}, {"a/b", "needs a folder", "1"}};
  EXPECT_EQ(export_site(clash, (dir.path() / "site").string(), false).error().message,
            "the embedded site lists \"a\" as a file and a folder");
  const EmbeddedFile twice[] = {{"a", "1", "0"}, {"a", "2", "1"}};
  EXPECT_EQ(export_site(twice, (dir.path() / "site").string(), false).error().message,
            "the embedded site lists \"a\" twice or not as a plain relative path");
  const EmbeddedFile outside[] = {{"../x", "1", "0"}};
  EXPECT_FALSE(export_site(outside, (dir.path() / "site").string(), false).ok());
  EXPECT_TRUE(names_in(dir.path()).empty());
}

TEST(ExportSite, AnUnwritablePlaceIsAnErrorThatCreatesNothing) {
  TempDir dir;
  write_file(dir.path() / "file", "x");
  const auto under_a_file = export_site(kFiles, (dir.path() / "file" / "site").string(), false);
  ASSERT_FALSE(under_a_file.ok());
  EXPECT_EQ(under_a_file.error().message.rfind("cannot create " + (dir.path() / "file").string(), 0), 0u)
      << under_a_file.error().message;
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"file"});
  const auto in_proc = export_site(kFiles, "/proc/derive-export-test", false);
  EXPECT_FALSE(in_proc.ok());
  EXPECT_FALSE(fs::exists("/proc/derive-export-test"));
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
