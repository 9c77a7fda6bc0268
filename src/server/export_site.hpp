// `derive export-site DIR`: the embedded site written out as plain files, so
// any static host (or `python3 -m http.server`) can serve the trainer; grading
// runs in the browser and needs no server of ours.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "derive/result.hpp"
#include "server/embedded_site.hpp"

namespace derive::server {

struct ExportedFile {
  std::string path;  // as written, DIR/...
  std::uintmax_t bytes = 0;
};

// Writes every file of `files` (originals and their .gz/.br copies) under
// `dir`, creating folders. Refuses a `dir` that exists and is not an empty
// folder unless `force`, in which case same-named files are overwritten and
// others left alone.
Result<std::vector<ExportedFile>> export_site(std::span<const EmbeddedFile> files, const std::string& dir,
                                              bool force);

}  // namespace derive::server
