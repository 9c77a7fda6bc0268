// derive export-scorm (--chapter NAME | --exercises ID,...) [--scorm 1.2|2004] [--force] OUT.zip
//
// Writes a SCORM content package (docs/instructors.md): the built-in web
// trainer restricted to the chosen exercises, as one SCO an LMS imports.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/exercise_selection.hpp"
#include "derive/server/embedded_site.hpp"
#include "derive/server/scorm_package.hpp"
#include "derive/server/site.hpp"
#include "derive/text/echo.hpp"

namespace derive::cli {
namespace {

namespace fs = std::filesystem;

struct ScormOptions {
  std::string out, chapter, exercises, scorm = "1.2";
  bool force = false;
};

// Writes `bytes` to `path` through a temporary file beside it and a rename,
// so an interrupted export never leaves half an archive under the real name.
Status write_file_atomically(const std::string& path, const std::string& bytes, bool force) {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(path, ec)) && !force)
    return make_error(path + " exists; choose another name or pass --force to replace it");
  const std::string temporary = path + ".partial";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) {
      fs::remove(temporary, ec);
      return make_error("cannot write " + temporary + "; expected a writable folder");
    }
  }
  fs::rename(temporary, path, ec);
  if (ec) {
    fs::remove(temporary, ec);
    return make_error("cannot move the package to " + path + ": " + ec.message());
  }
  return {};
}

int run_export_scorm(Context& context, const ScormOptions& options) {
  if (options.chapter.empty() == options.exercises.empty())
    return usage_error("export-scorm: give either --chapter NAME or --exercises ID,ID,...");
  if (options.scorm != "1.2" && options.scorm != "2004")
    return usage_error("export-scorm: --scorm must be 1.2 or 2004, got \"" + text::printable(options.scorm) +
                       "\"");
  // The SCO grades with the engine built into the package, which holds the
  // built-in catalogue: a --catalogue folder could not reach the learner.
  if (!context.catalogue_dir.empty())
    return usage_error(
        "export-scorm: the package grades with the built-in catalogue; leave out --catalogue (rebuild "
        "derive to package changed exercises)");
  auto catalogue = context.catalogue();
  if (!catalogue) return usage_error(catalogue.error().message);
  const auto chosen = options.chapter.empty() ? listed_exercises(**catalogue, options.exercises)
                                              : chapter_exercises(**catalogue, options.chapter);
  if (!chosen) return usage_error("export-scorm: " + chosen.error().message);

  server::ScormPackageSpec spec;
  spec.version = options.scorm == "1.2" ? server::ScormVersion::Scorm12 : server::ScormVersion::Scorm2004;
  for (const Exercise* exercise : *chosen) spec.exercises.push_back(exercise->id);
  if (!options.chapter.empty()) {
    spec.identifier = "derive-" + options.chapter;
    for (const Chapter& chapter : (*catalogue)->chapters)
      if (chapter.name == options.chapter) spec.title = "derive: " + chapter.title;
  } else {
    spec.identifier = "derive-exercises";
    spec.title = chosen->size() == 1 ? "derive: " + chosen->front()->title
                                     : "derive: " + std::to_string(chosen->size()) + " exercises";
  }

  const auto site = server::embedded_site_files();
  if (site.empty()) return usage_error("export-scorm: " + server::no_embedded_site_message());
  const auto entries = server::scorm_package(site, spec);
  if (!entries) return usage_error("export-scorm: " + entries.error().message);
  const auto archive = server::zip_stored(*entries);
  if (!archive) return usage_error("export-scorm: " + archive.error().message);
  if (const Status written = write_file_atomically(options.out, *archive, options.force); !written.ok())
    return usage_error("export-scorm: " + written.error().message);
  std::cout << "derive export-scorm: wrote " << text::printable_message(options.out) << ", SCORM "
            << options.scorm << ", " << spec.exercises.size()
            << (spec.exercises.size() == 1 ? " exercise, " : " exercises, ") << entries->size() << " files, "
            << archive->size() << " B\n";
  return kExitOk;
}

}  // namespace

void add_export_scorm_command(CLI::App& app, Context& context) {
  auto options = std::make_shared<ScormOptions>();
  CLI::App* command =
      app.add_subcommand("export-scorm", "write a SCORM package (one SCO) for an LMS to import");
  command->add_option("OUT", options->out, "the .zip file to write")->required();
  command->add_option("--chapter", options->chapter, "every exercise of one chapter (measure, count, ...)");
  command->add_option("--exercises", options->exercises, "these exercises, in this order: ID,ID,...");
  command->add_option("--scorm", options->scorm,
                      "1.2 (the default, what every LMS imports) or 2004 (4th edition)");
  command->add_flag("--force", options->force, "replace OUT if it exists");
  command->footer(
      "Exit status: 0 written, 2 bad usage, an unknown chapter or id, OUT exists (without --force) "
      "or cannot be written, or there is no built-in site.");
  command->callback([options, &context] {
    context.action = [options, &context] { return run_export_scorm(context, *options); };
  });
}

}  // namespace derive::cli
