// A WebAssembly module of its own that a page loads when it opens (the
// analyzer's derive_analyze.{js,wasm}, the LLM analysis's derive_llm.{js,wasm}),
// kept out of derive.wasm, which every page loads first. Only then are its two
// files fetched (the service worker stores them for offline use after the
// first visit, like every asset).
//
// The loader NAME.js is emscripten's, a classic script that defines a global
// factory; it is added to the page as a <script> from this site (the server's
// Content-Security-Policy allows 'self'). Its exports follow one contract
// (src/wasm/*_bindings.cpp): they take numbers and NUL-terminated UTF-8
// texts (and bytes as pointer and length) and return JSON text.

// The staged site keeps the modules beside derive.js, one folder above this
// module (scripts/stage-site.mjs).
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

// Loads NAME.{js,wasm} once; `global` is the factory NAME.js defines.
// `factory` (or a wrapper that passes wasmBinary under node) and `base` let
// tests say where it is. `failure` names the module in the error of a call
// that trapped. Returns call(exportName, args) → the parsed JSON, where each
// argument is a number, a string (passed as a pointer to its UTF-8) or a
// Uint8Array (passed as pointer and length).
export async function loadWasmModule({ name, global, failure, factory, base = BASE }) {
  if (!factory) {
    if (typeof globalThis[global] !== 'function') await addScript(new URL(`${name}.js`, base).href);
    factory = globalThis[global];
    if (typeof factory !== 'function') throw new Error(`${name}.js did not define ${global}`);
  }
  const wasmUrl = new URL(`${name}.wasm`, base).href;
  const instantiate = () => factory({ locateFile: (path) => (path.endsWith('.wasm') ? wasmUrl : path) });
  let module = await instantiate();

  // Copies the texts and bytes into malloc'd memory, calls the export of
  // `owner` and parses the JSON it returns. A module that trapped is not
  // trusted again: the next call starts a fresh instance.
  const run = (owner, exportName, args) => {
    const pointers = [];
    const place = (size) => {
      const pointer = owner._malloc(Math.max(size, 1));
      if (!pointer) throw new Error(`no memory for ${size} bytes`);
      pointers.push(pointer);
      return pointer;
    };
    try {
      const values = args.flatMap((arg) => {
        if (typeof arg === 'number') return [arg];
        if (arg instanceof Uint8Array) {
          const pointer = place(arg.length);
          owner.HEAPU8.set(arg, pointer); // read after malloc, which may have grown the memory
          return [pointer, arg.length];
        }
        const size = owner.lengthBytesUTF8(arg) + 1;
        const pointer = place(size);
        owner.stringToUTF8(arg, pointer, size);
        return [pointer];
      });
      return JSON.parse(owner.UTF8ToString(owner[`_${exportName}`](...values)));
    } catch (error) {
      module = null;
      return { error: `${failure} failed (${error.message}); try again or reload the page` };
    } finally {
      if (module === owner) for (const pointer of pointers) owner._free(pointer);
    }
  };
  const call = async (exportName, args) => {
    if (!module) module = await instantiate();
    return run(module, exportName, args);
  };
  // The same call answered at once, for a caller that cannot wait (a card
  // grades inside its submit handler); after a trap it answers {error} until
  // call() has started a fresh instance.
  call.now = (exportName, args) => (module ? run(module, exportName, args)
    : { error: `${failure} is starting again; try again in a moment` });
  return call;
}
