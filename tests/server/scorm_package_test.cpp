// The ZIP writer, read back by an independent reader written from APPNOTE.TXT
// (the end record, the central directory, each local header and its bytes),
// and the SCORM package's manifest and launch page.
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <string>

#include "derive/server/scorm_package.hpp"
#include "derive/server/zip_archive.hpp"

namespace derive::server {
namespace {

std::uint32_t read16(const std::string& bytes, std::size_t at) {
  return static_cast<unsigned char>(bytes.at(at)) | static_cast<unsigned char>(bytes.at(at + 1)) << 8;
}
std::uint32_t read32(const std::string& bytes, std::size_t at) {
  return read16(bytes, at) | read16(bytes, at + 2) << 16;
}

// path -> contents, by the central directory; every check of the format is an
// EXPECT, so a broken archive fails with the field that is wrong.
std::map<std::string, std::string> unzip(const std::string& zip) {
  std::map<std::string, std::string> files;
  const std::size_t end = zip.size() - 22;  // no archive comment
  EXPECT_EQ(read32(zip, end), 0x06054b50u);
  const std::uint32_t count = read16(zip, end + 10);
  std::size_t at = read32(zip, end + 16);
  EXPECT_EQ(read32(zip, end + 12), end - at) << "central directory size";
  for (std::uint32_t i = 0; i < count; ++i) {
    EXPECT_EQ(read32(zip, at), 0x02014b50u);
    const std::uint32_t method = read16(zip, at + 10), crc = read32(zip, at + 16);
    const std::uint32_t size = read32(zip, at + 20), name_length = read16(zip, at + 28);
    const std::uint32_t extra = read16(zip, at + 30), comment = read16(zip, at + 32);
    const std::uint32_t local = read32(zip, at + 42);
    const std::string name = zip.substr(at + 46, name_length);
    EXPECT_EQ(method, 0u) << name;
    EXPECT_EQ(read32(zip, at + 24), size) << name << ": stored, so both sizes agree";
    EXPECT_EQ(read32(zip, local), 0x04034b50u) << name;
    EXPECT_EQ(read32(zip, local + 14), crc) << name;
    EXPECT_EQ(zip.substr(local + 30, read16(zip, local + 26)), name);
    const std::string bytes = zip.substr(local + 30 + name_length + read16(zip, local + 28), size);
    EXPECT_EQ(crc32(bytes), crc) << name;
    files[name] = bytes;
    at += 46 + name_length + extra + comment;
  }
  EXPECT_EQ(at, end);
  return files;
}

TEST(ZipArchive, Crc32MatchesTheStandardCheckValue) {
  // The check value of CRC-32/ISO-HDLC (the ZIP CRC) over "123456789",
  // from the catalogue of parametrised CRC algorithms (Greg Cook, reveng).
  EXPECT_EQ(crc32("123456789"), 0xCBF43926u);
  EXPECT_EQ(crc32(""), 0u);
}

TEST(ZipArchive, ReadsBackEveryEntryAndByte) {
  std::string binary;
  for (int i = 0; i < 70000; ++i) binary += static_cast<char>((i * 7919) & 0xff);
  const std::vector<ZipEntry> entries = {{"a.txt", "hello\n"}, {"dir/sub/b.bin", binary}, {"empty", ""}};
  const auto zip = zip_stored(entries);
  ASSERT_TRUE(zip.ok()) << zip.error().message;
  const auto files = unzip(*zip);
  ASSERT_EQ(files.size(), 3u);
  for (const ZipEntry& entry : entries) EXPECT_EQ(files.at(entry.path), entry.bytes) << entry.path;
  EXPECT_EQ(*zip_stored(entries), *zip) << "the same files give the same archive";
}

TEST(ZipArchive, RefusesAnAbsoluteOrEmptyPath) {
  EXPECT_FALSE(zip_stored({{"/etc/passwd", "x"}}).ok());
  EXPECT_FALSE(zip_stored({{"", "x"}}).ok());
}

// A stand-in for the staged site: the assets folder with sco.js and a
// compressed copy, and files outside it.
const EmbeddedFile kSite[] = {
    {"assets/0123456789/derive.wasm", "wasm", ""},
    {"assets/0123456789/sco.js", "// sco", ""},
    {"assets/0123456789/sco.js.gz", "gz", ""},
    {"index.html", "<html>", ""},
    {"sw.js", "// worker", ""},
};

TEST(ScormPackage, Scorm12ManifestHasTheRequiredElementsAndListsEveryFile) {
  const ScormPackageSpec spec{"derive-llm",
                              "derive: LLM <serving> & memory",
                              {"llm.kv-cache", "llm.gqa-reduction"},
                              ScormVersion::Scorm12};
  const auto entries = scorm_package(kSite, spec);
  ASSERT_TRUE(entries.ok()) << entries.error().message;
  std::map<std::string, std::string> files;
  for (const ZipEntry& entry : *entries) files[entry.path] = entry.bytes;
  EXPECT_EQ(entries->front().path, "imsmanifest.xml");
  EXPECT_EQ(files.count("index.html") + files.count("sw.js") + files.count("assets/0123456789/sco.js.gz"),
            0u);
  const std::string& manifest = files.at("imsmanifest.xml");
  for (const char* needed :
       {"<manifest identifier=\"derive-llm\" version=\"1.0\"",
        "xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\"",
        "xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\"", "<schema>ADL SCORM</schema>",
        "<schemaversion>1.2</schemaversion>", "<organizations default=\"derive-organization\">",
        "identifierref=\"derive-sco\"", "adlcp:scormtype=\"sco\" href=\"sco.html\"",
        "<title>derive: LLM &lt;serving&gt; &amp; memory</title>", "<file href=\"sco.html\"/>",
        "<file href=\"assets/0123456789/derive.wasm\"/>", "<file href=\"assets/0123456789/sco.js\"/>"})
    EXPECT_NE(manifest.find(needed), std::string::npos) << needed;
  const std::string& page = files.at("sco.html");
  EXPECT_NE(page.find("<script type=\"module\" src=\"assets/0123456789/sco.js\">"), std::string::npos);
  EXPECT_NE(page.find("\"scorm\": \"1.2\""), std::string::npos);
  EXPECT_NE(page.find("\"exercises\": [\"llm.kv-cache\", \"llm.gqa-reduction\"]"), std::string::npos);
  EXPECT_NE(page.find("\"title\": \"derive: LLM \\u003cserving> & memory\""), std::string::npos)
      << "no '<' inside the script element";
}

TEST(ScormPackage, Scorm2004ManifestIsFourthEdition) {
  const auto entries = scorm_package(kSite, {"derive-x", "x", {"llm.kv-cache"}, ScormVersion::Scorm2004});
  ASSERT_TRUE(entries.ok());
  const std::string& manifest = entries->front().bytes;
  for (const char* needed : {"xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\"",
                             "xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_v1p3\"",
                             "<schemaversion>2004 4th Edition</schemaversion>", "adlcp:scormType=\"sco\""})
    EXPECT_NE(manifest.find(needed), std::string::npos) << needed;
  EXPECT_EQ(manifest.find("scormtype"), std::string::npos);
}

TEST(ScormPackage, RefusesASiteWithoutTheScoModuleAndAnEmptySet) {
  const EmbeddedFile without[] = {{"assets/0123456789/app.js", "", ""}};
  const auto missing = scorm_package(without, {"derive-x", "x", {"llm.kv-cache"}, ScormVersion::Scorm12});
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("sco.js"), std::string::npos);
  EXPECT_FALSE(scorm_package(kSite, {"derive-x", "x", {}, ScormVersion::Scorm12}).ok());
  EXPECT_FALSE(scorm_package(kSite, {"bad id", "x", {"a"}, ScormVersion::Scorm12}).ok());
}

}  // namespace
}  // namespace derive::server
