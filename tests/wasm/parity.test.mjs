// The WebAssembly build gives the native CLI's JSON, byte for byte: for every
// exercise and variants 0..20, `show`, and `check` with the right answer and
// with two wrong ones. Run: node --test tests/wasm/parity.test.mjs
// (DERIVE_WASM_DIR and DERIVE_CLI override the default build locations.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cliOutput as native, loadDerive as loadWasm } from './catalogue.mjs';

const VARIANTS = 20;

// Answers a learner could type: the right one, twice it, and a slip that is
// not a number at all.
function answersFor(show) {
  if (show.answer.expression !== undefined) return [[show.answer.expression], ['C'], ['2/C']];
  const values = Array.isArray(show.answer.value) ? show.answer.value : [show.answer.value];
  return [values.map(String), values.map((v) => String(v * 2)), values.map(() => 'abc')];
}

test('wasm show and check match the native CLI byte for byte', async () => {
  const wasm = await loadWasm();
  const call = (name, types, args) => wasm.ccall(name, 'string', types, args);
  const ids = JSON.parse(native(['exercise', 'list', '--json'])).map((e) => e.id);
  assert.equal(ids.length, 56); // the 50 of the contract and the 6 of the chapter "real"
  let compared = 0;
  for (const id of ids) {
    for (let variant = 0; variant <= VARIANTS; variant++) {
      const nativeShow = native(['exercise', 'show', id, '--variant', String(variant), '--json']);
      const wasmShow = call('derive_show', ['string', 'number'], [id, variant]);
      assert.equal(wasmShow, nativeShow, `${id} variant ${variant}: show differs`);
      for (const answers of answersFor(JSON.parse(nativeShow))) {
        const args = ['exercise', 'check', id, '--variant', String(variant), '--json'];
        for (const a of answers) args.push('--answer', a);
        const wasmCheck = call('derive_check', ['string', 'number', 'string'], [id, variant, answers.join('\x1f')]);
        assert.equal(wasmCheck, native(args), `${id} variant ${variant}: check ${answers.join(', ')} differs`);
        compared++;
      }
    }
  }
  assert.equal(compared, ids.length * (VARIANTS + 1) * 3);
});

test('wasm reports bad input as JSON errors, never a crash', async () => {
  const wasm = await loadWasm();
  const call = (name, types, args) => JSON.parse(wasm.ccall(name, 'string', types, args));
  assert.deepEqual(call('derive_show', ['string', 'number'], ['no.such', 0]), { error: "unknown exercise 'no.such'" });
  assert.deepEqual(call('derive_show', ['string', 'number'], ['llm.kv-cache', -1]), {
    error: 'variant must be a whole number >= 0',
  });
  assert.deepEqual(call('derive_show', ['string', 'number'], ['llm.kv-cache', 1.5]), {
    error: 'variant must be a whole number >= 0',
  });
  const calc = call('derive_calc', ['string'], ['kv_cache_bytes(layers=32, kv_heads=8, head_dim=128, tokens=4096)']);
  assert.equal(calc.value, 2 * 32 * 8 * 128 * 4096 * 2);
  assert.equal(calc.unit, 'B');
  assert.match(call('derive_calc', ['string'], ['1 +']).error, /column/);
  const grade = call('derive_grade', ['string', 'number', 'string'], ['llm.kv-cache', 0, 'abc']);
  assert.equal(grade.status, 'unreadable');
  const catalogue = call('derive_catalogue', [], []);
  assert.equal(catalogue.chapters.length, 10);
  assert.ok(call('derive_functions', [], []).length >= 70);
});

test('wasm derive_schedule matches `derive schedule --json` byte for byte', async () => {
  const wasm = await loadWasm();
  const lists = ['good,good,again,good', 'again', 'easy,hard,good,again,again,easy', 'hard,hard,hard,hard,hard'];
  for (const ratings of lists) {
    for (const retention of [0.9, 0.8, 0.95, 0.7]) {
      const expected = native(['schedule', '--ratings', ratings, '--retention', String(retention), '--json']);
      const got = wasm.ccall('derive_schedule', 'string', ['string', 'number'], [ratings, retention]);
      assert.equal(got, expected, `${ratings} at ${retention}`);
    }
  }
  const bad = JSON.parse(wasm.ccall('derive_schedule', 'string', ['string', 'number'], ['good,ok', 0.9]));
  assert.match(bad.error, /again, hard, good or easy/);
  assert.match(JSON.parse(wasm.ccall('derive_schedule', 'string', ['string', 'number'], ['good', 1])).error, /retention/);
});

test('wasm derive_review_queue matches `derive schedule --history` byte for byte', async () => {
  const wasm = await loadWasm();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'derive-history-'));
  try {
    const histories = [
      '',
      'llm.kv-cache 20400 good\n',
      'llm.kv-cache 20400 again\ncount.conv-macs 20400 good\nllm.kv-cache 20401 good\nquant.levels 20410 easy\n',
    ];
    for (const [i, history] of histories.entries()) {
      const file = path.join(dir, `h${i}.txt`);
      fs.writeFileSync(file, history);
      for (const [today, perDay] of [[20400, 5], [20402, 2], [20500, 0]]) {
        const expected = native(['schedule', '--history', file, '--today', String(today), '--new-per-day', String(perDay)]);
        const got = wasm.ccall('derive_review_queue', 'string', ['string', 'number', 'number'], [history, today, perDay]);
        assert.equal(got, expected, `history ${i} on day ${today}`);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const bad = JSON.parse(wasm.ccall('derive_review_queue', 'string', ['string', 'number', 'number'], ['x 1 ok', 1, 1]));
  assert.match(bad.error, /history line 1/);
  assert.match(JSON.parse(wasm.ccall('derive_review_queue', 'string', ['string', 'number', 'number'], ['', 1.5, 1])).error, /whole numbers/);
});

// derive_rate is review::rate, the rule of `derive practice --review`
// (docs/review.md): par is 90 s per answer field (a symbolic question has
// one), Easy needs a right answer without help in at most half of it.
// The number of fields comes from the CLI's own show document.
test('wasm derive_rate rates outcomes by the review rule, with par from the answer fields', async () => {
  const wasm = await loadWasm();
  const rate = (id, correct, seconds, hints, retried) => JSON.parse(wasm.ccall('derive_rate', 'string',
    ['string', 'number', 'number', 'number', 'number'], [id, correct, seconds, hints, retried]));
  for (const id of ['llm.kv-cache', 'combo.stacking', 'kd.infinite-temperature']) {
    const show = JSON.parse(native(['exercise', 'show', id, '--json']));
    const fields = show.answer.expression !== undefined ? 1 : (Array.isArray(show.answer.value) ? show.answer.value.length : 1);
    const par = 90 * fields;
    assert.equal(rate(id, 1, 1, 0, 0).par_seconds, par, `${id}: par`);
    assert.equal(rate(id, 1, par / 2, 0, 0).rating, 'easy', `${id}: right at half of par`);
    assert.equal(rate(id, 1, par / 2 + 0.1, 0, 0).rating, 'good', `${id}: right just past half of par`);
    assert.equal(rate(id, 1, 1, 1, 0).rating, 'hard', `${id}: right after a hint`);
    assert.equal(rate(id, 1, 1, 0, 1).rating, 'hard', `${id}: right after a retry`);
    assert.equal(rate(id, 0, 1, 0, 0).rating, 'again', `${id}: wrong`);
  }
  assert.match(rate('no.such', 1, 1, 0, 0).error, /no exercise no\.such/);
  assert.match(rate('llm.kv-cache', 1, -1, 0, 0).error, />= 0/);
});
