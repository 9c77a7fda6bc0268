// `derive export-scorm`: the web trainer, restricted to some exercises, as a
// SCORM content package with one SCO that an LMS (Moodle, Canvas, Blackboard)
// imports and grades.
//
// Manifests follow ADL's SCORM 1.2 Content Aggregation Model (IMS Content
// Packaging 1.1.2 with ADL's adlcp_rootv1p2 extension: metadata schema "ADL
// SCORM", schemaversion "1.2", adlcp:scormtype="sco") and SCORM 2004 4th
// Edition CAM (IMS CP 1.1.4 namespace imscp_v1p1, adlcp_v1p3 with
// adlcp:scormType="sco", schemaversion "2004 4th Edition").
#pragma once

#include <span>
#include <string>
#include <vector>

#include "derive/result.hpp"
#include "derive/server/embedded_site.hpp"
#include "derive/server/zip_archive.hpp"

namespace derive::server {

enum class ScormVersion { Scorm12, Scorm2004 };

struct ScormPackageSpec {
  std::string identifier;              // the manifest's identifier: letters, digits, '.', '-', '_'
  std::string title;                   // shown by the LMS; any text (escaped here)
  std::vector<std::string> exercises;  // catalogue ids, in the order the SCO shows them
  ScormVersion version = ScormVersion::Scorm12;
};

// The package's files: imsmanifest.xml, sco.html (the SCO's launch page) and
// every original file of the site's assets folder (no .gz/.br copies, no
// index.html or service worker: an LMS serves the files itself). Fails when
// `site` has no assets/<hash>/sco.js (the site was staged without the SCO's
// module) or the spec is empty.
Result<std::vector<ZipEntry>> scorm_package(std::span<const EmbeddedFile> site, const ScormPackageSpec& spec);

}  // namespace derive::server
