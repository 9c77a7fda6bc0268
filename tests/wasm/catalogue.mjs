// The trainer's module for the wasm tests, with its catalogue: derive.wasm
// embeds none (src/wasm/given_catalogue.cpp), so a test gives it the build's
// chapters as the site would (scripts/catalogue-files.mjs makes the same files
// stage-site serves). Every tests/wasm/*.test.mjs that loads derive.wasm loads
// it from here. DERIVE_WASM_DIR and DERIVE_CLI override the default build
// locations (build/wasm, build/dev/derive), relative to the repository.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { catalogueFiles } from '../../scripts/catalogue-files.mjs';
import { nodeFactory } from '../../scripts/node-module.mjs';
import { loadEngine } from '../../web/modules/engine.js';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const wasmDir = path.resolve(root, process.env.DERIVE_WASM_DIR ?? 'build/wasm');
export const cli = path.resolve(root, process.env.DERIVE_CLI ?? 'build/dev/derive');

const files = () => catalogueFiles(path.join(wasmDir, 'generated', 'catalogue.json'));

// The factory of module `name` ("derive", "derive_analyze") of the build
// (scripts/node-module.mjs).
export const factoryOf = (name = 'derive') => nodeFactory(wasmDir, name);

// For web/modules/engine.js's loadEngine: reads "index.json" or "<chapter>.json".
export function catalogueReader() {
  const texts = new Map(files());
  return async (file) => {
    const text = texts.get(`catalogue/${file}`);
    if (!text) throw new Error(`no catalogue file ${file} in ${wasmDir}/generated`);
    return text.toString('utf8');
  };
}

// Gives a raw module (createDeriveModule's) the index and then every chapter,
// in book order; throws with the engine's reason if it refuses one.
export function giveCatalogue(wasm) {
  for (const [name, text] of files()) {
    const index = name === 'catalogue/index.json';
    const added = JSON.parse(wasm.ccall('derive_load_chapters', 'string', ['string', 'number'], [text.toString('utf8'), index ? 1 : 0]));
    if (added.error) throw new Error(`${name}: ${added.error}`);
  }
  return wasm;
}

// A raw module (exports called with ccall) that knows every chapter.
export async function loadDerive() {
  return giveCatalogue(await factoryOf()());
}

// The engine as the page loads it (web/modules/engine.js), its catalogue read
// from the build; `factory` wraps factoryOf() when a test needs the module too.
export function loadTestEngine({ factory = factoryOf(), ...options } = {}) {
  return loadEngine({ factory, readCatalogue: catalogueReader(), ...options });
}

// The CLI's stdout without its last newline; `check` exits 1 for a wrong
// answer (2 for an unreadable one) and still prints its JSON.
export function cliOutput(args) {
  try {
    return execFileSync(cli, args, { encoding: 'utf8' }).trimEnd();
  } catch (error) {
    if (error.status === 1 || error.status === 2) return error.stdout.trimEnd();
    throw error;
  }
}
