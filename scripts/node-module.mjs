// An emscripten module of the build run under node: the factory of module
// `name` ("derive", "derive_analyze": NAME.js beside NAME.wasm in `wasmDir`)
// with the .wasm's bytes handed to it, since emscripten 3.1.6 under node 20
// would fetch() a file path. The files beside it (a split module's deferred
// part, derive.deferred.wasm) are read from there when first needed.
// Used by scripts/first-cards.mjs and tests/wasm/catalogue.mjs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export function nodeFactory(wasmDir, name = 'derive') {
  const factory = createRequire(import.meta.url)(path.join(wasmDir, `${name}.js`));
  const wasmBinary = readFileSync(path.join(wasmDir, `${name}.wasm`));
  return (options = {}) => factory({ ...options, wasmBinary, locateFile: (file) => path.join(wasmDir, file) });
}
