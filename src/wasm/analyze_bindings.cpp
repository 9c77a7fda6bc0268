// The model analyzer's own WebAssembly module (derive_analyze.wasm), apart
// from the trainer's derive.wasm so that the trainer's first load does not
// carry it: web/modules/analyze.js fetches it when the Analyze page opens.
//
// Contract, as for bindings.cpp: C functions returning NUL-terminated UTF-8
// JSON, valid until the next call into this module (the JavaScript side copies
// it at once); nothing throws across the boundary and every failure comes back
// as {"error": message}. The model's bytes are placed by the caller in
// malloc'd memory (they may be megabytes, far more than the wasm stack holds).
#include <emscripten/emscripten.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>

#include "derive/analyze/analyze.hpp"
#include "wasm/returned_text.hpp"

using derive::wasm::keep;

extern "C" {

// protozero (the ONNX importer's decoder, src/import/onnx/onnx_decode.cpp)
// reports malformed input by throwing, and this build has no exception
// support, so its throw sites still name these two runtime functions.
// They are unreachable by contract: onnx_decode.cpp walks every message with
// check_fields, which accepts exactly what protozero's next() and skip()
// accept, before protozero reads it, and checks each field's wire type and
// each packed field's varints before a getter runs. The native builds keep
// exceptions on, so the libFuzzer target onnx_import_fuzz (and the truncation
// and byte-flip tests of tests/import/onnx) would stop on any exception that
// escaped; here, should the contract ever break, the module aborts (a trap the
// page reports as an error) rather than continuing on a bad read.
[[noreturn]] void* __cxa_allocate_exception(std::size_t) noexcept { std::abort(); }
[[noreturn]] void __cxa_throw(void*, void*, void (*)(void*)) { std::abort(); }

// `derive analyze FILE --json [--board BOARD] [--planner PLANNER]` for the
// `size` bytes at `bytes` named `file`: the same document, byte for byte, or
// {"error": ...}. An empty board or planner means the option is not given.
EMSCRIPTEN_KEEPALIVE const char* derive_analyze(const std::uint8_t* bytes, std::size_t size, const char* file,
                                                const char* board, const char* planner) {
  const derive::analyze::AnalyzeOptions options{board, planner};
  return keep(
      derive::analyze::analyze_json_or_error(std::span<const std::uint8_t>(bytes, size), file, options));
}

// `derive analyze --boards --json`: the board table.
EMSCRIPTEN_KEEPALIVE const char* derive_boards() { return keep(derive::analyze::boards_json()); }

}  // extern "C"
