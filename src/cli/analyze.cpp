// derive analyze FILE... [--json] [--board NAME] [--planner NAME]
// derive analyze --boards
// The analyzer document of each model file (src/analyze/, docs/analyzer.md):
// with --json one document per line, otherwise a table for people rendered
// from that same document, so the two never disagree.
#include <cinttypes>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "derive/analyze/analyze.hpp"
#include "derive/number_format.hpp"
#include "derive/text/echo.hpp"

namespace derive::cli {
namespace {

using nlohmann::json;

struct AnalyzeCommandOptions {
  std::vector<std::string> files;
  bool json = false;
  bool list_boards = false;
  std::string board;
  std::string planner;
};

Result<std::vector<std::uint8_t>> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("cannot read \"" + text::printable(path) + "\"");
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// "1x25x5x64" for a shape, "?" for an open dimension.
std::string shape_text(const json& shape) {
  std::string text;
  for (const json& dim : shape) {
    if (!text.empty()) text += 'x';
    const std::int64_t d = dim.get<std::int64_t>();
    text += d < 0 ? "?" : std::to_string(d);
  }
  return text.empty() ? "scalar" : text;
}

void print_layers(const json& document) {
  std::printf("%-5s %-24s %-18s %10s %14s %12s %12s\n", "#", "op", "output shape", "params", "MACs",
              "weight B", "live B");
  for (const json& layer : document["layers"]) {
    const json& outputs = layer["outputs"];
    const std::string shape = outputs.empty() ? "-" : shape_text(outputs[0]["shape"]);
    std::printf("%-5" PRId64 " %-24s %-18s %10" PRId64 " %14" PRId64 " %12" PRId64 " %12" PRId64 "\n",
                layer["index"].get<std::int64_t>(), layer["op"].get<std::string>().c_str(), shape.c_str(),
                layer["params"].get<std::int64_t>(), layer["macs"].get<std::int64_t>(),
                layer["weight_bytes"].get<std::int64_t>(), layer["activation_bytes"].get<std::int64_t>());
    for (const json& note : layer["notes"]) std::printf("      note: %s\n", note.get<std::string>().c_str());
  }
}

void print_summary(const json& document) {
  const json& totals = document["totals"];
  std::printf("\ntotals: %" PRId64 " params, %" PRId64 " MACs, weights %s\n",
              totals["params"].get<std::int64_t>(), totals["macs"].get<std::int64_t>(),
              format_byte_count(totals["weight_bytes"].get<std::int64_t>()).c_str());
  for (const json& unknown : totals["unknown_ops"]) {
    std::printf("not modelled: %s x%" PRId64 " (0 MACs counted)\n", unknown["op"].get<std::string>().c_str(),
                unknown["count"].get<std::int64_t>());
  }
  const std::int64_t bound = document["memory"]["lower_bound_bytes"].get<std::int64_t>();
  std::printf("\narena lower bound (live set): %s\n", format_byte_count(bound).c_str());
  std::printf("%-26s %12s %10s %8s\n", "planner", "arena B", "vs bound", "checked");
  for (const json& plan : document["memory"]["plans"]) {
    const std::int64_t arena = plan["arena_bytes"].get<std::int64_t>();
    const double over =
        bound > 0 ? 100.0 * static_cast<double>(arena - bound) / static_cast<double>(bound) : 0.0;
    std::printf("%-26s %12" PRId64 " %+9.1f%% %8s\n", plan["planner"].get<std::string>().c_str(), arena, over,
                plan["checked"].get<bool>() ? "yes" : "NO");
  }
  if (!document.contains("board")) return;
  const json& board = document["board"];
  const auto verdict = [](bool fits, std::int64_t margin) {
    return std::string(fits ? "fits, " : "does NOT fit, ") + (margin >= 0 ? "margin " : "short by ") +
           format_byte_count(margin >= 0 ? margin : -margin);
  };
  std::printf(
      "\nboard %s (arena with %s): SRAM %s; flash %s\n", board["name"].get<std::string>().c_str(),
      board["planner"].get<std::string>().c_str(),
      verdict(board["fits_sram"].get<bool>(), board["sram_margin_bytes"].get<std::int64_t>()).c_str(),
      verdict(board["fits_flash"].get<bool>(), board["flash_margin_bytes"].get<std::int64_t>()).c_str());
  for (const json& option : board["would_fit"])
    std::printf("  would fit: %s\n", option.get<std::string>().c_str());
  for (const json& note : board["notes"]) std::printf("  note: %s\n", note.get<std::string>().c_str());
}

void print_document(const std::string& text) {
  const json document = json::parse(text);
  std::printf("%s: %s, %" PRId64 " bytes\n", document["file"].get<std::string>().c_str(),
              document["format"].get<std::string>().c_str(), document["bytes"].get<std::int64_t>());
  for (const char* side : {"inputs", "outputs"}) {
    for (const json& tensor : document[side]) {
      std::printf("  %-7s %s %s %s\n", side, tensor["name"].get<std::string>().c_str(),
                  shape_text(tensor["shape"]).c_str(), tensor["dtype"].get<std::string>().c_str());
    }
  }
  std::printf("\n");
  print_layers(document);
  print_summary(document);
}

void print_boards(bool as_json) {
  const std::string text = analyze::boards_json();
  if (as_json) {
    std::cout << text << '\n';
    return;
  }
  std::printf("%-16s %-36s %12s %12s %12s\n", "id", "name", "SRAM B", "arena max B", "flash B");
  for (const json& board : json::parse(text)) {
    std::printf("%-16s %-36s %12" PRId64 " %12" PRId64 " %12" PRId64 "\n",
                board["id"].get<std::string>().c_str(), board["name"].get<std::string>().c_str(),
                board["sram_bytes"].get<std::int64_t>(), board["arena_limit_bytes"].get<std::int64_t>(),
                board["flash_bytes"].get<std::int64_t>());
  }
}

int run_analyze(const AnalyzeCommandOptions& options) {
  if (options.list_boards) {
    print_boards(options.json);
    return kExitOk;
  }
  if (options.files.empty()) return usage_error("analyze: name a model file (or --boards)");
  const analyze::AnalyzeOptions analyze_options{options.board, options.planner};
  int status = kExitOk;
  for (std::size_t i = 0; i < options.files.size(); ++i) {
    const std::string& path = options.files[i];
    auto bytes = read_bytes(path);
    if (!bytes) {
      status = usage_error(bytes.error().message);
      continue;
    }
    const std::string file_name = std::filesystem::path(path).filename().string();
    auto document = analyze::analyze_json(*bytes, file_name, analyze_options);
    if (!document) {
      status = usage_error(text::printable(path) + ": " + text::printable_message(document.error().message));
      continue;
    }
    if (options.json) {
      std::cout << *document << '\n';
    } else {
      if (i > 0) std::printf("\n");
      print_document(*document);
    }
  }
  return status;
}

}  // namespace

void add_analyze_command(CLI::App& app, Context& context) {
  auto options = std::make_shared<AnalyzeCommandOptions>();
  CLI::App* analyze = app.add_subcommand(
      "analyze",
      "parameters, MACs, weight bytes, arena per memory planner and board fit of .tflite/.onnx files");
  analyze->add_option("files", options->files, "model files (.tflite, .onnx)")->option_text("FILE...");
  analyze->add_flag("--json", options->json,
                    "print one JSON document per file, one per line (docs/analyzer.md)");
  analyze->add_option("--board", options->board, "check the fit on this board (see --boards)")
      ->option_text("NAME");
  analyze->add_option("--planner", options->planner, "only this memory planner (default: every one)")
      ->option_text("NAME");
  analyze->add_flag("--boards", options->list_boards, "list the boards --board takes");
  analyze->callback([options, &context] { context.action = [options] { return run_analyze(*options); }; });
}

}  // namespace derive::cli
