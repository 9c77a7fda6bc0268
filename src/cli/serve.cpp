// derive serve [--host H] [--port P] [--root DIR]
//
// Serves the web trainer (built into this binary, or DIR while developing)
// on a local address; see docs/server.md for the headers and why.
#include <unistd.h>

#include <iostream>

#include "cli/commands.hpp"
#include "derive/server/http_server.hpp"
#include "derive/server/site.hpp"

namespace derive::cli {
namespace {

struct ServeCommandOptions {
  server::ServeOptions serve;
  std::string root;  // empty: the embedded site
};

int run_serve(const ServeCommandOptions& options) {
  Result<std::unique_ptr<server::Site>> site =
      options.root.empty() ? server::make_embedded_site() : server::make_directory_site(options.root);
  if (!site) return usage_error("serve: " + site.error().message);
  const Status served = server::serve(**site, options.serve, std::cout, STDERR_FILENO);
  if (!served) return usage_error("serve: " + served.error().message);
  return kExitOk;
}

}  // namespace

void add_serve_command(CLI::App& app, Context& context) {
  auto options = std::make_shared<ServeCommandOptions>();
  CLI::App* serve = app.add_subcommand("serve", "serve the web trainer at a local address (Ctrl-C stops)");
  serve->add_option("--host", options->serve.host, "address to listen on")
      ->option_text("ADDR")
      ->capture_default_str();
  serve->add_option("--port", options->serve.port, "port to listen on; 0 picks a free one")
      ->option_text("PORT")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  serve
      ->add_option("--root", options->root,
                   "serve the files of DIR (read on every request) instead of the built-in site")
      ->option_text("DIR");
  serve->footer(
      "Prints the URL to open, then one line per request on stderr: time, method, path, status, bytes, "
      "duration. Exit status: 0 after SIGINT/SIGTERM, 2 when the address cannot be used or there is no "
      "site.");
  serve->callback([options, &context] { context.action = [options] { return run_serve(*options); }; });
}

}  // namespace derive::cli
