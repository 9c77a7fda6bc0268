// The model analyzer in the browser: its own WebAssembly module
// (derive_analyze.{js,wasm}, src/wasm/analyze_bindings.cpp), the same C++ as
// `derive analyze --json`. It is kept out of derive.wasm, which every page
// loads first: the Analyze page (modules/analyze.js) calls loadAnalyzer when
// it opens, and only then are its two files fetched (the service worker
// stores them for offline use after the first visit, like every asset).
//
// derive_analyze.js is emscripten's loader, a classic script that defines the
// global createDeriveAnalyzeModule; it is added to the page as a <script>
// from this site (the server's Content-Security-Policy allows 'self').

// The largest model file handed to the analyzer: the bytes are copied into
// the module's memory, which grows to hold them.
export const MAX_MODEL_BYTES = 64 * 1048576;

// The staged site keeps derive_analyze.{js,wasm} beside derive.js, one folder
// above this module (scripts/stage-site.mjs).
const BASE = new URL('../', import.meta.url);

function addScript(url) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = url;
    script.addEventListener('load', resolve);
    script.addEventListener('error', () => reject(new Error(`could not fetch ${url}`)));
    document.head.append(script);
  });
}

// Loads the module once. `factory` (createDeriveAnalyzeModule, or a wrapper
// that passes wasmBinary under node) and `base` let tests say where it is.
export async function loadAnalyzer({ factory, base = BASE } = {}) {
  if (!factory) {
    if (typeof globalThis.createDeriveAnalyzeModule !== 'function') {
      await addScript(new URL('derive_analyze.js', base).href);
    }
    factory = globalThis.createDeriveAnalyzeModule;
    if (typeof factory !== 'function') throw new Error('derive_analyze.js did not define createDeriveAnalyzeModule');
  }
  const wasmUrl = new URL('derive_analyze.wasm', base).href;
  const instantiate = () => factory({ locateFile: (path) => (path.endsWith('.wasm') ? wasmUrl : path) });
  let module = await instantiate();

  // Copies `texts` into malloc'd memory, calls export `name` with `numbers`
  // first, then the texts' pointers, and parses the JSON it returns. A module
  // that trapped is not trusted again: the next call starts a fresh instance.
  const call = async (name, numbers, texts) => {
    if (!module) module = await instantiate();
    const pointers = [];
    try {
      for (const text of texts) {
        const size = module.lengthBytesUTF8(text) + 1;
        const pointer = module._malloc(size);
        if (!pointer) throw new Error(`no memory for ${size} bytes`);
        pointers.push(pointer);
        module.stringToUTF8(text, pointer, size);
      }
      return JSON.parse(module.UTF8ToString(module[`_${name}`](...numbers, ...pointers)));
    } catch (error) {
      module = null;
      return { error: `the analyzer failed (${error.message}); try the file again or reload the page` };
    } finally {
      if (module) for (const pointer of pointers) module._free(pointer);
    }
  };

  // The analyzer's JSON for a model file (docs/analyzer.md), the document
  // `derive analyze FILE --json [--board B] [--planner P]` prints, or {error}.
  const analyze = async (bytes, { file = 'model', board = '', planner = '' } = {}) => {
    if (bytes.length > MAX_MODEL_BYTES) {
      return { error: `the file is too large: ${bytes.length} bytes; at most ${MAX_MODEL_BYTES} bytes (${MAX_MODEL_BYTES / 1048576} MiB) are analysed` };
    }
    if (!module) module = await instantiate();
    const pointer = module._malloc(Math.max(bytes.length, 1));
    if (!pointer) return { error: `no memory for the file's ${bytes.length} bytes` };
    const owner = module;
    try {
      // HEAPU8 is read after malloc, which may have grown the memory.
      owner.HEAPU8.set(bytes, pointer);
      return await call('derive_analyze', [pointer, bytes.length], [file, board, planner]);
    } finally {
      if (module === owner) owner._free(pointer);
    }
  };

  // [{id, name, mcu, core, clock_hz, sram_bytes, arena_limit_bytes,
  // flash_bytes, external_ram_bytes}]: the boards --board takes.
  const boards = () => call('derive_boards', [], []);
  return { analyze, boards };
}
