// `derive export-site DIR`: the embedded site written out as plain files, so
// any static host (or `python3 -m http.server`) can serve the trainer; grading
// runs in the browser and needs no server of ours.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "derive/result.hpp"
#include "derive/server/embedded_site.hpp"

namespace derive::server {

struct ExportedFile {
  std::string path;  // as written, DIR/...
  std::uintmax_t bytes = 0;
};

// Writes every file of `files` (originals and their .gz/.br copies) under
// `dir`, creating folders. Refuses a `dir` that exists and is not an empty
// folder unless `force`, in which case same-named files are replaced and
// others left alone.
//
// All or nothing: the files are written into a staging folder beside `dir`
// (".NAME.export-XXXXXXXX", removed whatever happens), which then becomes
// `dir` by one rename, or, with `force` over a folder that holds files, is
// moved in file by file, each a rename, undone in reverse if one fails. On
// an error `dir` is as it was. Never follows a symbolic link: `dir` itself
// being one is refused, a link inside it where a folder is needed is refused
// before anything moves, and a link where a file goes is replaced, not
// written through.
Result<std::vector<ExportedFile>> export_site(std::span<const EmbeddedFile> files, const std::string& dir,
                                              bool force);

}  // namespace derive::server
