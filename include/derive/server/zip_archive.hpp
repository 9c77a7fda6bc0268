// A ZIP archive of stored (uncompressed) entries, as PKWARE's APPNOTE.TXT
// (version 6.3.10, sections 4.3.7 local file header, 4.3.12 central directory
// header, 4.3.16 end of central directory record) describes them. Stored
// entries are what every unzip and every LMS import reads; the package's big
// files (the wasm) would shrink by about 60 % with deflate, which we leave to
// a later change. No ZIP64: an archive must stay under 4 GiB and 65,535 entries.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "derive/result.hpp"

namespace derive::server {

struct ZipEntry {
  std::string path;   // "/"-separated, relative: "assets/abc/app.js"
  std::string bytes;  // the file's contents
};

// CRC-32 as ZIP uses it (ISO 3309 / ITU-T V.42: polynomial 0x04C11DB7,
// reflected, initial value and final XOR 0xFFFFFFFF); "123456789" gives
// 0xCBF43926.
std::uint32_t crc32(std::string_view bytes);

// The archive's bytes. Every entry has the DOS date 1980-01-01 00:00 (the
// earliest ZIP can say), so the same files always give the same archive, and
// the UTF-8 flag (general purpose bit 11). An error names an entry whose path
// is empty, absolute, or too long, or an archive past ZIP's 32-bit sizes.
Result<std::string> zip_stored(const std::vector<ZipEntry>& entries);

}  // namespace derive::server
