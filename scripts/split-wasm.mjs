#!/usr/bin/env node
// Splits derive.wasm in two (binaryen's wasm-split, guided by a profile): the
// functions the trainer's first views run stay in derive.wasm, which every
// page loads; everything else (grading, the calculator, chosen numbers, the
// assignment export...) moves to derive.deferred.wasm, which the page fetches
// only when a learner starts to answer (web/boot.js) and which a call that
// needs it before then loads at once. See docs/web.md, "The split module".
//
// Usage: node scripts/split-wasm.mjs WASM_DIR
//   WASM_DIR holds what `em++ -sSPLIT_MODULE=1` wrote: derive.js,
//   derive.wasm (instrumented to record which functions run) and
//   derive.wasm.orig (the module itself), and generated/catalogue.json.
// Writes WASM_DIR/derive.wasm (the primary module), derive.deferred.wasm and
// derive.profile (the profile, kept for inspection).
//
// The profile comes from running, in node, what the first views call
// (web/app.js, web/modules/today.js): the limits, the index and every
// chapter, the book's contents, the card of every exercise at the variants
// below and of every real variant with its picture (web/modules/plots.js, on
// a DOM that draws nowhere), and the home's ratings and review queue. A call of
// the first view the profile missed still works (it loads the deferred part
// at once); the browser test tests/e2e/split.test.mjs checks that the first
// views do not.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { catalogueFiles } from './catalogue-files.mjs';

// web/modules/plots.js draws with the DOM; here a drawing goes nowhere.
const nowhere = { setAttribute() {}, append() {}, addEventListener() {}, set textContent(_) {} };
globalThis.document = { createElement: () => ({ ...nowhere }), createElementNS: () => ({ ...nowhere }) };
globalThis.matchMedia = () => ({ matches: false });
const { pictureFor } = await import('../web/modules/plots.js');

const VARIANTS = 64; // variants 0..63 of every exercise: each takes its branches of the templates (0..7 missed a branch of nas.search-space at variant 8)

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/split-wasm.mjs WASM_DIR');
  process.exit(2);
}
const file = (name) => path.join(dir, name);

async function gatherProfile() {
  const factory = createRequire(import.meta.url)(file('derive.js'));
  const wasm = await factory({ wasmBinary: fs.readFileSync(file('derive.wasm')) });
  const call = (name, args) => {
    const types = args.map((a) => (typeof a === 'number' ? 'number' : 'string'));
    const result = JSON.parse(wasm.ccall(name, 'string', types, args));
    if (result.error) throw new Error(`${name}(${args.join(', ')}): ${result.error}`);
    return result;
  };
  call('derive_limits', []);
  for (const [name, text] of catalogueFiles(file('generated/catalogue.json'))) {
    call('derive_load_chapters', [text.toString('utf8'), name === 'catalogue/index.json' ? 1 : 0]);
  }
  const exercises = call('derive_catalogue', []).chapters.flatMap((c) => c.exercises);
  const cards = [];
  for (const { id } of exercises) {
    for (let variant = 0; variant < VARIANTS; variant++) cards.push(call('derive_card', [id, variant]));
  }
  // An exercise page lists its own real variants; '' lists every one.
  for (const { id } of exercises) call('derive_real_variants', [id]);
  for (const { exercise, name } of call('derive_real_variants', [''])) cards.push(call('derive_card_real', [exercise, name]));
  // A card's picture asks the engine for its curves (derive_calc).
  const engine = { calc: (expression) => call('derive_calc', [expression]) };
  for (const card of cards.filter((c) => c.picture)) {
    if (!pictureFor(engine, card.picture)) throw new Error(`${card.id}: its ${card.picture.kind} picture was not drawn`);
  }
  // The home's "Today": a learner with a few reviews behind them, each rated.
  for (const { id } of exercises.slice(0, 6)) call('derive_rate', [id, 1, 30, 0, 0]);
  const history = exercises.slice(0, 6).map(({ id }, i) => `${id} ${20000 + i} ${['good', 'again', 'hard', 'easy'][i % 4]}`);
  call('derive_review_queue', [history.join('\n'), 20010, 5]);
  call('derive_review_queue', ['', 20010, 5]);

  const capacity = 1 << 20;
  const at = wasm._malloc(capacity);
  const written = wasm.asm.__write_profile(at, capacity);
  if (!(written > 0 && written <= capacity)) throw new Error(`__write_profile wrote ${written} bytes`);
  return wasm.HEAPU8.slice(at, at + written);
}

fs.writeFileSync(file('derive.profile'), await gatherProfile());
execFileSync(process.env.DERIVE_WASM_SPLIT ?? 'wasm-split', [file('derive.wasm.orig'), '--enable-mutable-globals', '--split',
  `--profile=${file('derive.profile')}`, '-o1', file('derive.wasm'), '-o2', file('derive.deferred.wasm')],
{ stdio: 'inherit' });
