// Writing an exercise in the browser: the Author page's own WebAssembly module
// (derive_author.{js,wasm}, src/wasm/author_bindings.cpp), the exercise layer
// with toml++, the same C++ as `derive author FILE --json`. The Author page
// (modules/author.js) calls loadAuthoring when it opens; only then are its two
// files fetched (modules/wasm-module.js).
import { loadWasmModule } from './wasm-module.js';

// The longest exercise file handed over (src/wasm/author_bindings.cpp checks
// the same bound in UTF-8 bytes): a chapter of a few exercises is under 20 KB.
export const MAX_FILE_BYTES = 65536;
// Answers are joined by U+001F, as for the trainer's engine (web_api.hpp).
const SEPARATOR = '\u001f';

const tooLong = (toml) => new TextEncoder().encode(toml).length > MAX_FILE_BYTES;
const TOO_LONG = { error: `the exercise file is longer than ${MAX_FILE_BYTES} bytes` };

// Loads the module once. `factory` (createDeriveAuthorModule, or a wrapper
// that passes wasmBinary under node) and `base` let tests say where it is.
export async function loadAuthoring({ factory, base } = {}) {
  const call = await loadWasmModule({
    name: 'derive_author', global: 'createDeriveAuthorModule', failure: 'the exercise preview', factory, base,
  });
  return {
    // `derive author --template`'s file.
    template: async () => (await call('derive_author_template', [])).template,
    // `derive author LABEL --variant N --json`'s document for the text `toml`:
    // {issues: [{file, line, message}], exercises: [{id, card}]}, or {error}.
    preview: (toml, label, variant) => (tooLong(toml) ? TOO_LONG : call('derive_author_preview', [toml, label, variant])),
    // The grade of `answers` on variant `variant` of exercise `id` of that
    // text, answered at once (a card grades in its submit handler):
    // {status: correct | incorrect | unreadable, feedback, diagnosis?} or {error}.
    grade: (toml, label, id, variant, answers) => (tooLong(toml) ? TOO_LONG
      : call.now('derive_author_grade', [toml, label, id, variant, answers.join(SEPARATOR)])),
  };
}
