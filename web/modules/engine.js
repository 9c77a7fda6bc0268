// The derive engine in the browser: the C++ library compiled to WebAssembly
// (src/wasm/bindings.cpp). Every number and verdict the app shows comes from
// here, so the page and the CLI cannot disagree. Grading needs no network.
//
// derive.js (emscripten's loader, a classic script) defines the global
// createDeriveModule; index.html loads it before this module.

const SEPARATOR = '\x1f'; // joins answers; nobody types U+001F

function call(module, name, types, args) {
  const text = module.ccall(name, 'string', types, args);
  return JSON.parse(text);
}

// Loads the module once; `wasmUrl` lets a test or a fingerprinted build say
// where derive.wasm is.
export async function loadEngine({ wasmUrl = 'derive.wasm', factory = globalThis.createDeriveModule } = {}) {
  if (typeof factory !== 'function') throw new Error('derive.js is not loaded (createDeriveModule is missing)');
  const module = await factory({ locateFile: (path) => (path.endsWith('.wasm') ? wasmUrl : path) });
  return {
    // {chapters: [{name, title, intro, exercises: [{id, title}]}]}
    catalogue: () => call(module, 'derive_catalogue', [], []),
    // The card of exercise `id` at `variant`: the CLI's show document plus
    // parts [{unit, precision}], steps, symbolic, variables, kilobyte; or {error}.
    card: (id, variant) => call(module, 'derive_card', ['string', 'number'], [id, variant]),
    // The CLI's show document exactly.
    show: (id, variant) => call(module, 'derive_show', ['string', 'number'], [id, variant]),
    // {correct, feedback, diagnosis, status: 'correct' | 'incorrect' | 'unreadable'} or {error}
    grade: (id, variant, answers) =>
      call(module, 'derive_grade', ['string', 'number', 'string'], [id, variant, answers.join(SEPARATOR)]),
    // The CLI's check document exactly.
    check: (id, variant, answers) =>
      call(module, 'derive_check', ['string', 'number', 'string'], [id, variant, answers.join(SEPARATOR)]),
    // [{name, summary, source, topic, unit, params: [{name, kind, unit, help, default?}]}]
    functions: () => call(module, 'derive_functions', [], []),
    // {value, unit, text} or {error}
    calc: (expression) => call(module, 'derive_calc', ['string'], [expression]),
    // Raw text of a call, for byte-for-byte comparisons in tests.
    raw: (name, types, args) => module.ccall(name, 'string', types, args),
  };
}
