// The catalogue for the wasm tests: derive.wasm embeds none (src/wasm/
// given_catalogue.cpp), so a test gives it the build's chapters as the site
// would (scripts/catalogue-files.mjs makes the same files stage-site serves).
import path from 'node:path';
import { catalogueFiles } from '../../scripts/catalogue-files.mjs';

// For web/modules/engine.js's loadEngine: reads "index.json" or "<chapter>.json".
export function catalogueReader(wasmDir) {
  const files = new Map(catalogueFiles(path.join(wasmDir, 'generated', 'catalogue.json')));
  return async (file) => {
    const text = files.get(`catalogue/${file}`);
    if (!text) throw new Error(`no catalogue file ${file} in ${wasmDir}/generated`);
    return text.toString('utf8');
  };
}

// Gives a raw module (createDeriveModule's) the index and then every chapter,
// in book order; throws with the engine's reason if it refuses one.
export function giveCatalogue(wasm, wasmDir) {
  for (const [name, text] of catalogueFiles(path.join(wasmDir, 'generated', 'catalogue.json'))) {
    const index = name === 'catalogue/index.json';
    const added = JSON.parse(wasm.ccall('derive_load_chapters', 'string', ['string', 'number'], [text.toString('utf8'), index ? 1 : 0]));
    if (added.error) throw new Error(`${name}: ${added.error}`);
  }
  return wasm;
}
