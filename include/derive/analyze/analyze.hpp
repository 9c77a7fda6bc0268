// The model analyzer: a model file's bytes in, the JSON document of
// /work/shared/analyzer.md (docs/analyzer.md) out. Layer `analyze` sits above
// graph, import, memplan and boards and below the front ends (cli, wasm), so
// `derive analyze --json` and the browser print the same document.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "derive/result.hpp"

namespace derive::analyze {

struct AnalyzeOptions {
  // A board id (boards::find_board); empty: no "board" block.
  std::string board;
  // A planner name (memplan::find_planner); empty: every planner.
  std::string planner;
};

// The analyzer document for one file: file, format, bytes, inputs, outputs,
// layers, totals, memory, and board when options.board is set. Errors: an
// unknown board or planner (naming the known ones), a file no importer reads,
// a model whose costs or lifetimes cannot be computed.
Result<std::string> analyze_json(std::span<const std::uint8_t> bytes, const std::string& file_name,
                                 const AnalyzeOptions& options = {});

// analyze_json's document, or {"error": message} when it fails: for front
// ends without a Result (the WebAssembly exports).
std::string analyze_json_or_error(std::span<const std::uint8_t> bytes, const std::string& file_name,
                                  const AnalyzeOptions& options = {});

// The board table as a JSON array: [{"id", "name", "mcu", "core", "clock_hz",
// "sram_bytes", "arena_limit_bytes", "flash_bytes", "external_ram_bytes"}].
std::string boards_json();

}  // namespace derive::analyze
