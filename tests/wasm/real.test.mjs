// The real variants in WebAssembly give the native CLI's JSON byte for byte:
// for every real variant `derive exercise list --json` names, derive_show_real
// is `derive exercise show ID --real NAME --json`, and derive_check_real with
// the right answer and a wrong one is `derive exercise check ID --real NAME`.
// derive_real_variants lists exactly those variants, each with the data
// entries its parameters refer to, and given an exercise's id its own.
// Run: node --test tests/wasm/real.test.mjs
// (DERIVE_WASM_DIR and DERIVE_CLI override the default build locations.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cliOutput as native, loadDerive as loadWasm, loadTestEngine } from './catalogue.mjs';

const reals = JSON.parse(native(['exercise', 'list', '--json'])).flatMap((e) => (e.real || []).map((r) => ({ id: e.id, ...r })));

test('wasm show and check of every real variant match the CLI with --real', async () => {
  const wasm = await loadWasm();
  const call = (name, types, args) => wasm.ccall(name, 'string', types, args);
  assert.ok(reals.length >= 15, `only ${reals.length} real variants`);
  for (const { id, name } of reals) {
    const nativeShow = native(['exercise', 'show', id, '--real', name, '--json']);
    assert.equal(call('derive_show_real', ['string', 'string'], [id, name]), nativeShow, `${id} --real ${name}: show differs`);
    const show = JSON.parse(nativeShow);
    assert.equal(show.real, name);
    const right = show.answer.expression !== undefined ? [show.answer.expression]
      : (Array.isArray(show.answer.value) ? show.answer.value : [show.answer.value]).map(String);
    for (const answers of [right, right.map(() => 'abc')]) {
      const args = ['exercise', 'check', id, '--real', name, '--json'];
      for (const a of answers) args.push('--answer', a);
      const wasmCheck = call('derive_check_real', ['string', 'string', 'string'], [id, name, answers.join('\x1f')]);
      assert.equal(wasmCheck, native(args), `${id} --real ${name}: check ${answers.join(', ')} differs`);
    }
    const graded = JSON.parse(call('derive_grade_real', ['string', 'string', 'string'], [id, name, right.join('\x1f')]));
    assert.equal(graded.status, 'correct', `${id} --real ${name}: the right answer is not graded correct`);
    const card = JSON.parse(call('derive_card_real', ['string', 'string'], [id, name]));
    assert.equal(card.prompt, show.prompt);
    assert.ok(card.prompt.startsWith(show.source), `${id} --real ${name}: the prompt does not lead with the source`);
  }
});

test('derive_real_variants lists the CLI\'s real variants with the entries their references name', async () => {
  const wasm = await loadWasm();
  const index = JSON.parse(wasm.ccall('derive_real_variants', 'string', ['string'], ['']));
  assert.deepEqual(index.map((v) => [v.exercise, v.name, v.source]), reals.map((r) => [r.id, r.name, r.source]));
  // The entries a variant uses are the @kind:key its catalogue references name.
  const kv = index.find((v) => v.exercise === 'llm.kv-cache' && v.name === 'llama-3-8b-full-context');
  assert.deepEqual(kv.uses, [{ kind: 'llm', id: 'llama-3-8b' }]);
  const decode = index.find((v) => v.exercise === 'real.decode-bound' && v.name === 'llama-3-8b-h100');
  const byKind = (uses) => [...uses].sort((a, b) => a.kind.localeCompare(b.kind));
  assert.deepEqual(byKind(decode.uses), [{ kind: 'gpu', id: 'h100-sxm' }, { kind: 'llm', id: 'llama-3-8b' }]);
  const block = index.find((v) => v.exercise === 'real.inverted-residual');
  assert.deepEqual(block.uses, [{ kind: 'board', id: 'stm32f746g-disco' }]);
  assert.ok(index.some((v) => v.model_files.includes('test_conv_model.tflite')));
  const unknown = JSON.parse(wasm.ccall('derive_card_real', 'string', ['string', 'string'], ['llm.kv-cache', 'nope']));
  assert.match(unknown.error, /has no real variant "nope" \(it has: .*llama-3-8b-full-context/);
});

// The exercise page asks for its own exercise's variants only, with only its
// chapter given to the engine (web/app.js): the same entries as the index's.
test('derive_real_variants of one exercise is that exercise\'s entries of the index', async () => {
  const wasm = await loadWasm();
  const list = (id) => JSON.parse(wasm.ccall('derive_real_variants', 'string', ['string'], [id]));
  const index = list('');
  const ids = [...new Set(reals.map((r) => r.id))];
  assert.ok(ids.length >= 5, `only ${ids.length} exercises have real variants`);
  for (const id of ids) assert.deepEqual(list(id), index.filter((v) => v.exercise === id), id);
  assert.deepEqual(list('no.such'), { error: "unknown exercise 'no.such'" });
  const [id] = ids;
  const engine = await loadTestEngine({ exercises: [id] });
  assert.deepEqual(engine.realVariants(id), index.filter((v) => v.exercise === id), `${id} through engine.js`);
  assert.match(engine.realVariants('x'.repeat(4097)).error, /the exercise id is too long/);
});
