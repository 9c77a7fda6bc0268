// The text a WebAssembly export returns: kept in the module until the next
// call into it, so the pointer handed to JavaScript stays valid while the
// caller copies it (UTF8ToString). Each module (derive.wasm,
// derive_analyze.wasm, derive_llm.wasm) has its own copy.
#pragma once

#include <string>
#include <utility>

namespace derive::wasm {

// The last text returned (one per module: each links one bindings file).
inline std::string g_returned;

inline const char* keep(std::string text) {
  g_returned = std::move(text);
  return g_returned.c_str();
}

}  // namespace derive::wasm
