// derive export-site DIR [--force]
//
// Writes the built-in web trainer to DIR as plain files (with .gz and .br
// copies) for any static host: the page grades in the browser, so it needs no
// server of ours.
#include <iostream>

#include "cli/commands.hpp"
#include "derive/server/embedded_site.hpp"
#include "derive/server/export_site.hpp"
#include "derive/server/site.hpp"
#include "derive/text/echo.hpp"

namespace derive::cli {
namespace {

struct ExportOptions {
  std::string dir;
  bool force = false;
};

int run_export(const ExportOptions& options) {
  const auto files = server::embedded_site_files();
  if (files.empty()) return usage_error("export-site: " + server::no_embedded_site_message());
  const auto written = server::export_site(files, options.dir, options.force);
  if (!written) return usage_error("export-site: " + written.error().message);
  std::uintmax_t total = 0;
  for (const server::ExportedFile& file : *written) {
    std::cout << text::printable_message(file.path) << "  " << file.bytes << " B\n";
    total += file.bytes;
  }
  std::cout << "derive export-site: wrote " << written->size() << (written->size() == 1 ? " file" : " files")
            << ", " << total << " B, to " << text::printable_message(options.dir)
            << "; serve it with any static server that sends .wasm as application/wasm\n";
  return kExitOk;
}

}  // namespace

void add_export_site_command(CLI::App& app, Context& context) {
  auto options = std::make_shared<ExportOptions>();
  CLI::App* command =
      app.add_subcommand("export-site", "write the built-in web trainer to DIR for any static web host");
  command->add_option("DIR", options->dir, "folder to create (or an empty one)")->required();
  command->add_flag("--force", options->force,
                    "write into a folder that is not empty, overwriting same names");
  command->footer(
      "Exit status: 0 written, 2 when DIR is not empty (without --force), unwritable, or there is no site.");
  command->callback([options, &context] { context.action = [options] { return run_export(*options); }; });
}

}  // namespace derive::cli
