// The maths that prompts write as plain text (10^6, x_min, [LAT(m) / T]^w) is
// typeset by the engine the same way as the formulas: in every exercise's
// card at variants 0..20, the prompt's runs (card.prompt_runs) put together
// are the prompt, and no plain run keeps a ^ or _ after a letter, a digit or
// a bracket. Run: node --test tests/wasm/prompt-math.test.mjs
// (DERIVE_WASM_DIR overrides the default build location.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDerive } from './catalogue.mjs';

const VARIANTS = 20;
const RAW_SCRIPT = /[\p{L}\p{N})\]][_^]/u;
const INLINE_MATH = /^<math xmlns="http:\/\/www\.w3\.org\/1998\/Math\/MathML" display="inline">.*<\/math>$/s;

test('no prompt shows a raw ^ or _ once its runs are typeset', async () => {
  const wasm = await loadDerive();
  const call = (name, types, args) => JSON.parse(wasm.ccall(name, 'string', types, args));
  const ids = call('derive_catalogue', [], []).chapters.flatMap((c) => c.exercises.map((e) => e.id));
  assert.equal(ids.length, 56); // the 50 of the contract and the 6 of the chapter "real"
  let typeset = 0;
  for (const id of ids) {
    for (let variant = 0; variant <= VARIANTS; variant++) {
      const card = call('derive_card', ['string', 'number'], [id, variant]);
      const where = `${id} variant ${variant}`;
      assert.equal(card.prompt_runs.map((r) => r.text).join(''), card.prompt, `${where}: the runs are the prompt`);
      for (const run of card.prompt_runs) {
        if (run.mathml === undefined) assert.doesNotMatch(run.text, RAW_SCRIPT, `${where}: plain text "${run.text}"`);
        else { assert.match(run.mathml, INLINE_MATH, `${where}: ${run.text}`); typeset += 1; }
      }
    }
  }
  assert.ok(typeset > 0, 'some prompt writes maths as plain text, or this test checks nothing');
});
