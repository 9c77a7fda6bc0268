// The model analyzer in the browser: its own WebAssembly module
// (derive_analyze.{js,wasm}, src/wasm/analyze_bindings.cpp), the same C++ as
// `derive analyze --json`. It is kept out of derive.wasm, which every page
// loads first: the Analyze page (modules/analyze.js) calls loadAnalyzer when
// it opens, and only then are its two files fetched (the service worker
// stores them for offline use after the first visit, like every asset):
// modules/wasm-module.js loads it.
import { loadWasmModule } from './wasm-module.js';

// The largest model file handed to the analyzer: the bytes are copied into
// the module's memory, which grows to hold them.
export const MAX_MODEL_BYTES = 64 * 1048576;

// Loads the module once. `factory` (createDeriveAnalyzeModule, or a wrapper
// that passes wasmBinary under node) and `base` let tests say where it is.
export async function loadAnalyzer({ factory, base } = {}) {
  const call = await loadWasmModule({
    name: 'derive_analyze', global: 'createDeriveAnalyzeModule', failure: 'the analyzer', factory, base,
  });

  // The analyzer's JSON for a model file (docs/analyzer.md), the document
  // `derive analyze FILE --json [--board B] [--planner P]` prints, or {error}.
  const analyze = async (bytes, { file = 'model', board = '', planner = '' } = {}) => {
    if (bytes.length > MAX_MODEL_BYTES) {
      return { error: `the file is too large: ${bytes.length} bytes; at most ${MAX_MODEL_BYTES} bytes (${MAX_MODEL_BYTES / 1048576} MiB) are analysed` };
    }
    return call('derive_analyze', [bytes, file, board, planner]);
  };

  // [{id, name, mcu, core, clock_hz, sram_bytes, arena_limit_bytes,
  // flash_bytes, external_ram_bytes}]: the boards --board takes.
  const boards = () => call('derive_boards', []);
  return { analyze, boards };
}
