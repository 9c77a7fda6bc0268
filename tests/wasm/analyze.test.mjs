// The analyzer's own WebAssembly module (derive_analyze.{js,wasm},
// src/wasm/analyze_bindings.cpp, loaded through web/modules/analyzer.js as the
// page loads it) gives the native CLI's `derive analyze --json` document (the
// same keys in the same order, the same values) on every model of
// ../shared/models, with and without a board and with one planner, and
// reports damaged files as errors, never as a trap.
// Run: DERIVE_CLI=build/dev/derive node --test tests/wasm/
// (DERIVE_WASM_DIR overrides build/wasm.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadAnalyzer } from '../../web/modules/analyzer.js';
import { cli, factoryOf, loadTestEngine, root } from './catalogue.mjs';

const models = path.resolve(root, '..', 'shared', 'models');

// The real models live beside the repository, never in it; without them
// these tests cannot run, and say so.
const skip = fs.existsSync(path.join(models, 'README.md')) ? false
  : `${models} is missing: the analyzer's parity on real models is not tested`;
const files = skip ? [] : fs.readdirSync(models).filter((f) => /\.(tflite|onnx)$/.test(f)).sort();

let analyzer;
async function wasm() {
  analyzer ??= await loadAnalyzer({ factory: factoryOf('derive_analyze') });
  return analyzer;
}

function native(args) {
  return spawnSync(cli, args, { encoding: 'utf8', maxBuffer: 64 * 1048576 });
}

test('every shared model: the module gives the CLI\'s document, key for key in the same order', { skip }, async () => {
  const { analyze, boards } = await wasm();
  const boardList = await boards();
  const listed = native(['analyze', '--boards', '--json']);
  assert.equal(listed.status, 0, listed.stderr);
  assert.deepEqual(boardList, JSON.parse(listed.stdout), 'the board table');
  // The smallest and the largest board, so that both verdicts occur.
  const bySram = [...boardList].sort((a, b) => a.sram_bytes - b.sram_bytes);
  const checked = [bySram[0].id, bySram[bySram.length - 1].id];
  assert.ok(files.length >= 10, `expected the shared models, found ${files.join(', ')}`);
  let compared = 0;
  let refused = 0;
  for (const file of files) {
    const bytes = new Uint8Array(fs.readFileSync(path.join(models, file)));
    // Every board checked, and one planner only (the module takes --planner
    // as the CLI does).
    const runs = [...['', ...checked].map((board) => ({ board, planner: '' })), { board: '', planner: 'tflm-greedy' }];
    for (const { board, planner } of runs) {
      const args = ['analyze', path.join(models, file), '--json', ...(board ? ['--board', board] : []),
        ...(planner ? ['--planner', planner] : [])];
      const what = `derive ${args.join(' ')}`;
      const r = native(args);
      const result = await analyze(bytes, { file, board, planner });
      if (r.status === 0) {
        compared++;
        assert.equal(JSON.stringify(result), JSON.stringify(JSON.parse(r.stdout)), what);
      } else {
        // A model the analyzer refuses (today: ONNX costs, README) must be
        // refused with the same words: the CLI prints "PATH: message".
        refused++;
        assert.equal(typeof result.error, 'string', `${what} failed (${r.stderr.trim()}) but the module gave a document`);
        assert.equal(r.stderr.trim(), `derive: ${path.join(models, file)}: ${result.error}`, what);
      }
    }
  }
  // The TFLite models at least are analysed, not only refused alike.
  assert.ok(compared >= 3 * files.filter((f) => f.endsWith('.tflite')).length, `${compared} documents compared, ${refused} refusals`);
});

test('a damaged file is an error with the CLI\'s message, never a trap', { skip }, async (t) => {
  const { analyze } = await wasm();
  const scratch = fs.mkdtempSync(path.join(fs.realpathSync('/tmp'), 'derive-analyze-'));
  t.after(() => fs.rmSync(scratch, { recursive: true, force: true }));
  // Not a model at all, and the empty file: the CLI's words after its
  // "derive: PATH: ".
  for (const [name, bytes] of [['notes.txt', Buffer.from('not a model')], ['empty.onnx', Buffer.alloc(0)]]) {
    const where = path.join(scratch, name);
    fs.writeFileSync(where, bytes);
    const r = native(['analyze', where, '--json']);
    assert.notEqual(r.status, 0, `derive analyze ${name} should fail`);
    const result = await analyze(new Uint8Array(bytes), { file: name });
    assert.equal(typeof result.error, 'string', `${name}: ${JSON.stringify(result).slice(0, 200)}`);
    assert.equal(r.stderr.trim(), `derive: ${where}: ${result.error}`, name);
  }
  // Every shared model cut at 16 lengths and with 16 bytes flipped: each
  // answer is a document or an error, and an unknown board is refused by name.
  let damaged = 0;
  for (const file of files) {
    const whole = new Uint8Array(fs.readFileSync(path.join(models, file)));
    for (let k = 0; k < 16; k++) {
      const cut = whole.subarray(0, Math.floor((whole.length * k) / 16));
      const flipped = whole.slice();
      const at = Math.floor(((k + 0.5) * whole.length) / 16);
      flipped[at] ^= 0xff;
      for (const bytes of [cut, flipped]) {
        const result = await analyze(bytes, { file });
        assert.ok(!String(result.error ?? '').startsWith('the analyzer failed'), `${file}: ${result.error}`);
        assert.ok(typeof result.error === 'string' || Array.isArray(result.layers), `${file}: neither error nor document`);
        damaged++;
      }
    }
  }
  assert.equal(damaged, files.length * 32);
  const bytes = new Uint8Array(fs.readFileSync(path.join(models, files[0])));
  assert.match((await analyze(bytes, { file: files[0], board: 'no-such-board' })).error, /unknown board 'no-such-board' \(known: /);
});

// "Practise on this layer": every question the analyzer's module suggests
// for a layer of a shared model builds a card in the trainer's module
// (derive_card_with, through web/modules/engine.js as the page calls it),
// and the analyzer's own number for that layer grades as right there.
test('every practice suggestion builds a card that grades the layer\'s number as right', { skip }, async () => {
  const { analyze } = await wasm();
  const engine = await loadTestEngine();
  // The layer's number in the question's unit: params exactly, MACs in
  // millions to the two decimals conv-macs asks for.
  const layerAnswer = (id, layer) => ({
    'count.conv-params': String(layer.params),
    'count.linear-params': String(layer.params),
    'count.conv-macs': (layer.macs / 1e6).toFixed(2),
  })[id];
  let graded = 0;
  for (const file of files) {
    const result = await analyze(new Uint8Array(fs.readFileSync(path.join(models, file))), { file });
    if (result.error) continue;
    for (const layer of result.layers) {
      for (const { exercise, params } of layer.practice) {
        const given = Object.entries(params).map(([name, value]) => `${name}:${value}`).join(',');
        const what = `${file} layer ${layer.index} ${exercise} ${given}`;
        const card = engine.card(exercise, 0, given);
        assert.equal(card.error, undefined, `${what}: ${card.error}`);
        assert.equal(card.given, given, what);
        const answer = layerAnswer(exercise, layer) ?? String(card.answer.value);
        const verdict = engine.grade(exercise, 0, [answer], given);
        assert.equal(verdict.status, 'correct', `${what}: ${answer} is ${verdict.status}: ${verdict.feedback}`);
        graded++;
      }
    }
  }
  assert.ok(graded > 0, 'the shared models gave no practice question: this test checked nothing');
});
