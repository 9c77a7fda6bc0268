#include "derive/server/zip_archive.hpp"

#include <array>
#include <limits>

namespace derive::server {
namespace {

// APPNOTE.TXT 4.3.7, 4.3.12, 4.3.16: the signatures of the three records.
constexpr std::uint32_t kLocalHeader = 0x04034b50;
constexpr std::uint32_t kCentralHeader = 0x02014b50;
constexpr std::uint32_t kEndOfCentral = 0x06054b50;
constexpr std::uint16_t kVersionNeeded = 10;                 // 1.0: stored entries, no folders as entries
constexpr std::uint16_t kUtf8Names = 0x0800;                 // general purpose bit 11 (4.4.4)
constexpr std::uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;  // 1980-01-01 (4.4.6)

std::array<std::uint32_t, 256> crc_table() {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t n = 0; n < 256; ++n) {
    std::uint32_t c = n;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;  // reflected 0x04C11DB7
    table[n] = c;
  }
  return table;
}

void put16(std::string& out, std::uint32_t value) {
  out += static_cast<char>(value & 0xff);
  out += static_cast<char>((value >> 8) & 0xff);
}

void put32(std::string& out, std::uint32_t value) {
  put16(out, value & 0xffff);
  put16(out, value >> 16);
}

}  // namespace

std::uint32_t crc32(std::string_view bytes) {
  static const auto table = crc_table();
  std::uint32_t c = 0xFFFFFFFFu;
  for (const char byte : bytes) c = table[(c ^ static_cast<unsigned char>(byte)) & 0xff] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

Result<std::string> zip_stored(const std::vector<ZipEntry>& entries) {
  constexpr std::uint64_t kMax32 = std::numeric_limits<std::uint32_t>::max();
  if (entries.size() > std::numeric_limits<std::uint16_t>::max())
    return make_error("a ZIP archive without ZIP64 holds at most 65535 entries, got " +
                      std::to_string(entries.size()));
  std::string archive, central;
  for (const ZipEntry& entry : entries) {
    if (entry.path.empty() || entry.path.front() == '/' || entry.path.size() > 0xffff)
      return make_error("ZIP entry \"" + entry.path.substr(0, 200) +
                        "\": expected a relative path of 1 to 65535 bytes");
    if (entry.bytes.size() > kMax32 || archive.size() > kMax32)
      return make_error("ZIP entry \"" + entry.path + "\" goes past 4 GiB; this writer has no ZIP64");
    const std::uint32_t crc = crc32(entry.bytes);
    const auto size = static_cast<std::uint32_t>(entry.bytes.size());
    const auto offset = static_cast<std::uint32_t>(archive.size());
    // The fields the local and the central header share (4.3.7, 4.3.12):
    // version needed, flags, method 0 (stored), time, date, CRC, sizes, name length.
    std::string common;
    put16(common, kVersionNeeded);
    put16(common, kUtf8Names);
    put16(common, 0);
    put16(common, 0);
    put16(common, kDosDate);
    put32(common, crc);
    put32(common, size);
    put32(common, size);
    put16(common, static_cast<std::uint32_t>(entry.path.size()));
    put16(common, 0);  // extra field length

    put32(archive, kLocalHeader);
    archive += common;
    archive += entry.path;
    archive += entry.bytes;

    put32(central, kCentralHeader);
    put16(central, (3u << 8) | 20);  // version made by: UNIX (3), spec 2.0
    central += common;
    put16(central, 0);               // comment length
    put16(central, 0);               // disk number start
    put16(central, 0);               // internal attributes
    put32(central, 0100644u << 16);  // external attributes: a regular file, rw-r--r--
    put32(central, offset);
    central += entry.path;
  }
  if (archive.size() + central.size() > kMax32)
    return make_error("the ZIP archive goes past 4 GiB; this writer has no ZIP64");
  const auto central_offset = static_cast<std::uint32_t>(archive.size());
  const auto count = static_cast<std::uint32_t>(entries.size());
  archive += central;
  put32(archive, kEndOfCentral);
  put16(archive, 0);  // this disk
  put16(archive, 0);  // disk with the central directory
  put16(archive, count);
  put16(archive, count);
  put32(archive, static_cast<std::uint32_t>(central.size()));
  put32(archive, central_offset);
  put16(archive, 0);  // comment length
  return archive;
}

}  // namespace derive::server
