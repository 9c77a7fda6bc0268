#include "derive/server/scorm_package.hpp"

#include <algorithm>
#include <cctype>

#include "derive/json_writer.hpp"
#include "server/markup.hpp"

namespace derive::server {
namespace {

// A JSON string that can sit inside an HTML <script> element: '<' is written
// \u003c, so no "</script>" can end the element early (HTML, "restrictions
// for contents of script elements").
std::string json_string(std::string_view text) {
  std::string out = JsonWriter().string(text).take();
  for (std::size_t at = out.find('<'); at != std::string::npos; at = out.find('<', at))
    out.replace(at, 1, "\\u003c");
  return out;
}

bool plain_identifier(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
  });
}

bool compressed_copy(std::string_view path) { return path.ends_with(".gz") || path.ends_with(".br"); }

std::string manifest(const ScormPackageSpec& spec, const std::vector<std::string>& files) {
  const bool v12 = spec.version == ScormVersion::Scorm12;
  const std::string id = html_escape(spec.identifier), title = html_escape(spec.title);
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  if (v12) {
    xml += "<manifest identifier=\"" + id +
           "\" version=\"1.0\"\n"
           "    xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\"\n"
           "    xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\"\n"
           "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
           "    xsi:schemaLocation=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd "
           "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
           "http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd\">\n"
           "  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>1.2</schemaversion>\n  "
           "</metadata>\n";
  } else {
    xml +=
        "<manifest identifier=\"" + id +
        "\" version=\"1.0\"\n"
        "    xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\"\n"
        "    xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_v1p3\"\n"
        "    xmlns:adlseq=\"http://www.adlnet.org/xsd/adlseq_v1p3\"\n"
        "    xmlns:adlnav=\"http://www.adlnet.org/xsd/adlnav_v1p3\"\n"
        "    xmlns:imsss=\"http://www.imsglobal.org/xsd/imsss\"\n"
        "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
        "    xsi:schemaLocation=\"http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd "
        "http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd "
        "http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd "
        "http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd "
        "http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd\">\n"
        "  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>2004 4th Edition</schemaversion>\n"
        "  </metadata>\n";
  }
  xml +=
      "  <organizations default=\"derive-organization\">\n"
      "    <organization identifier=\"derive-organization\">\n"
      "      <title>" +
      title +
      "</title>\n"
      "      <item identifier=\"derive-item\" identifierref=\"derive-sco\" isvisible=\"true\">\n"
      "        <title>" +
      title +
      "</title>\n"
      "      </item>\n"
      "    </organization>\n"
      "  </organizations>\n"
      "  <resources>\n";
  xml += std::string("    <resource identifier=\"derive-sco\" type=\"webcontent\" ") +
         (v12 ? "adlcp:scormtype" : "adlcp:scormType") + "=\"sco\" href=\"sco.html\">\n";
  for (const std::string& file : files) xml += "      <file href=\"" + html_escape(file) + "\"/>\n";
  xml += "    </resource>\n  </resources>\n</manifest>\n";
  return xml;
}

// The launch page: the trainer's stylesheet, engine and the SCO's module
// (web/sco.js) from the assets folder, and what to show as JSON data.
std::string launch_page(const ScormPackageSpec& spec, const std::string& assets) {
  std::string ids;
  for (const std::string& id : spec.exercises) ids += (ids.empty() ? "" : ", ") + json_string(id);
  const char* version = spec.version == ScormVersion::Scorm12 ? "1.2" : "2004";
  return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"color-scheme\" content=\"light dark\">\n"
         "<title>" +
         html_escape(spec.title) +
         "</title>\n"
         "<link rel=\"stylesheet\" href=\"" +
         assets +
         "style.css\">\n"
         "<script src=\"" +
         assets +
         "derive.js\"></script>\n"
         "<script type=\"application/json\" id=\"derive-sco\">{\"scorm\": \"" +
         version + "\", \"title\": " + json_string(spec.title) + ", \"exercises\": [" + ids +
         "]}</script>\n"
         "<script type=\"module\" src=\"" +
         assets +
         "sco.js\"></script>\n"
         "</head>\n<body>\n"
         "<main id=\"main\" tabindex=\"-1\"><p class=\"loading\">Loading the engine…</p></main>\n"
         "<noscript><p>These exercises need JavaScript and WebAssembly to grade answers.</p></noscript>\n"
         "</body>\n</html>\n";
}

}  // namespace

Result<std::vector<ZipEntry>> scorm_package(std::span<const EmbeddedFile> site,
                                            const ScormPackageSpec& spec) {
  if (!plain_identifier(spec.identifier))
    return make_error("SCORM identifier \"" + spec.identifier +
                      "\": expected letters, digits, '.', '-' or '_'");
  if (spec.exercises.empty()) return make_error("a SCORM package needs at least one exercise");
  const auto sco = std::find_if(site.begin(), site.end(), [](const EmbeddedFile& file) {
    return file.path.starts_with("assets/") && file.path.ends_with("/sco.js") &&
           file.path.find('/', 7) == file.path.size() - 7;
  });
  if (sco == site.end())
    return make_error(
        "the built-in site has no assets/<hash>/sco.js; stage it again with scripts/stage-site.mjs "
        "and rebuild derive");
  const std::string assets(sco->path.substr(0, sco->path.size() - 6));  // "assets/<hash>/"

  std::vector<ZipEntry> entries;
  entries.push_back({"sco.html", launch_page(spec, assets)});
  for (const EmbeddedFile& file : site)
    if (file.path.starts_with(assets) && !compressed_copy(file.path))
      entries.push_back({std::string(file.path), std::string(file.bytes)});
  std::vector<std::string> files;
  for (const ZipEntry& entry : entries) files.push_back(entry.path);
  // The manifest comes first in the archive: some importers look for it there.
  entries.insert(entries.begin(), ZipEntry{"imsmanifest.xml", manifest(spec, files)});
  return entries;
}

}  // namespace derive::server
